"""The user's templates: one per kind at most, else the kind asks the built-in prompts.

Saving, resetting or importing one changes what the editor asks from then on and nothing
else: entries keep their answers under the prompt ids and wordings they were written with
(domain/templates.py). The journal's catalog follows every change, through `on_change`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reflectjournal.domain.entry import Entry
from reflectjournal.domain.kind_change import all_prompts
from reflectjournal.domain.taxonomy import Catalog, Prompt
from reflectjournal.domain.template_file import read_template, template_bytes
from reflectjournal.domain.templates import (
    Template,
    apply_templates,
    builtin_template,
    from_answers,
    settle,
)
from reflectjournal.store import templates as sql
from reflectjournal.store.database import Database


@dataclass(frozen=True, slots=True)
class KindTemplate:
    """A kind's template as the editor asks it, and whether it is the user's own."""

    template: Template
    custom: bool
    builtin: Template


@dataclass(frozen=True, slots=True)
class ImportPreview:
    """What importing a file would do, before anything is written."""

    template: Template
    replaces: KindTemplate
    new_prompts: int  # wordings this journal does not know yet


class Templates:
    """Read and change the templates of one open journal."""

    def __init__(self, db: Database, builtin: Catalog,
                 on_change: Callable[[Catalog], None]) -> None:
        self._db = db
        self._builtin = builtin
        self._on_change = on_change

    @property
    def builtin(self) -> Catalog:
        """Return the catalog as the resources define it, no template applied."""
        return self._builtin

    def catalog(self) -> Catalog:
        """Return the catalog with the user's templates applied (read inside a transaction)."""
        with self._db.transaction():
            return self._catalog()

    def _catalog(self) -> Catalog:
        user = sql.user_prompts(self._db)
        return apply_templates(self._builtin, sql.templates(self._db, self._known(user)), user)

    def _known(self, user: list[Prompt] | None = None) -> dict[str, Prompt]:
        user = sql.user_prompts(self._db) if user is None else user
        return {**all_prompts(self._builtin), **{p.id: p for p in user}}

    def all(self) -> list[KindTemplate]:
        """Return every kind's template, in the kinds' order."""
        with self._db.transaction():
            custom = sql.templates(self._db, self._known())
        return [self._kind_template(kind.id, custom) for kind in self._builtin.kinds]

    def get(self, kind: str) -> KindTemplate:
        """Return one kind's template (kind by id or label)."""
        kind_id = self._builtin.kind(kind).id
        with self._db.transaction():
            return self._kind_template(kind_id, sql.templates(self._db, self._known()))

    def _kind_template(self, kind_id: str, custom: dict[str, Template]) -> KindTemplate:
        builtin = builtin_template(self._builtin.kind(kind_id))
        own = custom.get(kind_id)
        return KindTemplate(own or builtin, own is not None, builtin)

    def save(self, draft: Template) -> KindTemplate:
        """Make this the kind's template; new or reworded prompts get ids of their own."""
        kind_id = self._builtin.kind(draft.kind).id
        with self._db.transaction():
            template, added = settle(draft, self._known())
            sql.add_prompts(self._db, added)
            sql.put(self._db, template)
            catalog = self._catalog()
        self._on_change(catalog)
        return self.get(kind_id)

    def reset(self, kind: str) -> KindTemplate:
        """Ask the built-in prompts again (the user's wordings stay known for old answers)."""
        kind_id = self._builtin.kind(kind).id
        with self._db.transaction():
            sql.remove(self._db, kind_id)
            catalog = self._catalog()
        self._on_change(catalog)
        return self.get(kind_id)

    def from_entry(self, entry: Entry, kind: str | None = None) -> KindTemplate:
        """Make the prompts an entry answered, in its order, the template of its kind."""
        target = self._builtin.kind(kind or entry.kind)
        current = self.get(target.id).template
        with self._db.transaction():
            known = self._known()
        return self.save(from_answers(target, current, entry.answers, known))

    def export(self, kind: str) -> bytes:
        """Return a kind's template (the user's or the built-in one) as a file's bytes."""
        return template_bytes(self.get(kind).template)

    def preview_import(self, data: bytes) -> ImportPreview:
        """Read a template file and say what importing it would replace; write nothing."""
        template = read_template(data, [k.id for k in self._builtin.kinds])
        with self._db.transaction():
            known = self._known()
        _settled, added = settle(template, known)
        return ImportPreview(template, self.get(template.kind), len(added))

    def import_file(self, data: bytes) -> KindTemplate:
        """Make a template file the template of its kind (all of it or, on error, nothing)."""
        return self.save(self.preview_import(data).template)
