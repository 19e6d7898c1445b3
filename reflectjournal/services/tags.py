"""Tags: the shipped competencies and themes, and the user's own tags."""

from __future__ import annotations

from reflectjournal.domain.errors import InvalidInputError
from reflectjournal.domain.ids import TagId
from reflectjournal.domain.taxonomy import Tag, TagFamily, resolve_tag
from reflectjournal.store import entries as entry_sql
from reflectjournal.store import tags as tag_sql
from reflectjournal.store.database import Database


class Tags:
    """The tags of one open journal.

    Calling the service lists tags, so `journal.tags()` reads as it did before the
    services were split out, and `journal.tags.rename(...)` reads like the rest.
    """

    def __init__(self, db: Database) -> None:
        self._db = db

    def __call__(self, family: TagFamily | None = None, *,
                 include_retired: bool = True) -> list[Tag]:
        """Return tags in taxonomy order (see `all`)."""
        return self.all(family, include_retired=include_retired)

    def all(self, family: TagFamily | None = None, *, include_retired: bool = True) -> list[Tag]:
        """Return tags in taxonomy order, of one family if given."""
        return [
            t for t in tag_sql.all_tags(self._db)
            if (family is None or t.family == family) and (include_retired or not t.retired)
        ]

    def labels(self) -> dict[str, str]:
        """Return every tag id's current label."""
        return {t.id: t.label for t in self.all()}

    def family_of(self, tag_id: TagId) -> TagFamily:
        """Return a stored tag's family; raise InvalidInputError for an unknown id."""
        return tag_sql.get(self._db, tag_id).family

    def counts(self) -> dict[TagId, int]:
        """Return how many entries carry each tag (children not rolled up)."""
        return entry_sql.tag_counts(self._db)

    def kind_counts(self) -> dict[str, int]:
        """Return how many entries there are of each kind."""
        return entry_sql.kind_counts(self._db)

    def resolve(self, name_or_id: str, family: TagFamily, *, create: bool = False) -> Tag:
        """Find a tag by id, name or alias; create a user tag if asked to."""
        what = {"competency": "competency", "theme": "theme", "user": "tag"}[family]
        try:
            return resolve_tag(name_or_id, self.all(family), what)
        except InvalidInputError:
            if not create:
                raise
        with self._db.transaction():
            return tag_sql.add_user_tag(self._db, name_or_id)

    def group(self, tag: Tag) -> tuple[TagId, ...]:
        """Return a filter group: the tag, plus its children for a level-1 area."""
        children = [t.id for t in self.all(tag.family) if t.parent == tag.id]
        return (tag.id, *children)

    def add_user_tag(self, label: str) -> Tag:
        """Create a user tag (or return the existing one with that name)."""
        with self._db.transaction():
            return tag_sql.add_user_tag(self._db, label)

    def rename(self, tag_id: TagId, label: str) -> Tag:
        """Rename a tag; its id and its entries stay."""
        with self._db.transaction():
            return tag_sql.rename(self._db, tag_id, label)

    def retire(self, tag_id: TagId, retired: bool = True) -> Tag:
        """Hide a tag from pickers; entries that have it keep it."""
        with self._db.transaction():
            return tag_sql.set_retired(self._db, tag_id, retired)
