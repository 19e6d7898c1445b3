"""SQL for the tag taxonomy held inside the journal.

The shipped taxonomy is copied into the database, so an entry's tag ids stay readable
whatever later happens to the resource files: a tag the files no longer list is marked
retired, never deleted, and a tag the user renamed keeps the user's label.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Sequence
from typing import Any

from reflectjournal.domain.errors import InvalidInputError
from reflectjournal.domain.ids import TagId
from reflectjournal.domain.taxonomy import Tag
from reflectjournal.store.database import Database

_COLUMNS = "id, family, label, parent_id, meaning, grp, aliases, retired"


def sync_builtin(db: Database, tags: Sequence[Tag]) -> None:
    """Bring the shipped taxonomy into the database (inside the caller's transaction)."""
    shipped = {tag.id for tag in tags}
    for position, tag in enumerate(tags):
        # A file's `retired = true` retires the tag; a tag back in the files without it
        # is active again.
        db.execute(
            "INSERT INTO tags (id, family, parent_id, label, meaning, grp, aliases, position,"
            " builtin, retired) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?)"
            " ON CONFLICT (id) DO UPDATE SET"
            "   label = CASE WHEN renamed THEN label ELSE excluded.label END,"
            "   meaning = excluded.meaning, grp = excluded.grp, aliases = excluded.aliases,"
            "   parent_id = excluded.parent_id, position = excluded.position,"
            "   retired = excluded.retired",
            (tag.id, tag.family, tag.parent, tag.label, tag.meaning, tag.group,
             json.dumps(list(tag.aliases)), position, int(tag.retired)),
        )
    for (tag_id,) in db.rows("SELECT id FROM tags WHERE builtin AND NOT retired"):
        if tag_id not in shipped:
            db.execute("UPDATE tags SET retired = 1 WHERE id = ?", (tag_id,))


def all_tags(db: Database) -> list[Tag]:
    """Return every tag, retired ones included, in taxonomy order."""
    rows = db.rows(
        f"SELECT {_COLUMNS} FROM tags ORDER BY"
        " CASE family WHEN 'competency' THEN 0 WHEN 'theme' THEN 1 ELSE 2 END,"
        " position, label COLLATE NOCASE"
    )
    return [_tag(row) for row in rows]


def add_user_tag(db: Database, label: str) -> Tag:
    """Create a user tag with a fresh id."""
    label = " ".join(label.split())
    if not label or len(label) > 80:
        raise InvalidInputError("A tag needs a name of 1 to 80 characters.")
    existing = db.scalar(
        "SELECT id FROM tags WHERE family = 'user' AND label = ? COLLATE NOCASE", (label,)
    )
    if existing is not None:
        db.execute("UPDATE tags SET retired = 0 WHERE id = ?", (existing,))
        return get(db, TagId(existing))
    tag_id = TagId(f"u-{secrets.token_hex(4)}")
    position = db.scalar("SELECT coalesce(max(position), 0) + 1 FROM tags WHERE family = 'user'")
    db.execute(
        "INSERT INTO tags (id, family, label, position) VALUES (?, 'user', ?, ?)",
        (tag_id, label, position),
    )
    return get(db, tag_id)


def ensure_tag(db: Database, tag: Tag) -> None:
    """Insert a tag known from elsewhere (an import) unless its id exists."""
    db.execute(
        "INSERT OR IGNORE INTO tags (id, family, parent_id, label, meaning, grp, retired)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (tag.id, tag.family, None, tag.label, tag.meaning, tag.group, int(tag.retired)),
    )


def rename(db: Database, tag_id: TagId, label: str) -> Tag:
    """Give a tag a new label; its id, and so every entry's link to it, stays."""
    label = " ".join(label.split())
    if not label or len(label) > 80:
        raise InvalidInputError("A tag needs a name of 1 to 80 characters.")
    get(db, tag_id)
    db.execute("UPDATE tags SET label = ?, renamed = 1 WHERE id = ?", (label, tag_id))
    return get(db, tag_id)


def set_retired(db: Database, tag_id: TagId, retired: bool) -> Tag:
    """Hide a tag from pickers (or bring it back); entries keep it."""
    get(db, tag_id)
    db.execute("UPDATE tags SET retired = ? WHERE id = ?", (int(retired), tag_id))
    return get(db, tag_id)


def get(db: Database, tag_id: TagId) -> Tag:
    """Return one tag or raise InvalidInputError."""
    row = db.row(f"SELECT {_COLUMNS} FROM tags WHERE id = ?", (tag_id,))
    if row is None:
        raise InvalidInputError(f"Unknown tag id '{tag_id}'.")
    return _tag(row)


def _tag(row: Sequence[Any]) -> Tag:
    tag_id, family, label, parent, meaning, group, aliases, retired = row
    return Tag(
        id=TagId(tag_id), family=family, label=label,
        parent=TagId(parent) if parent else None, meaning=meaning, group=group,
        aliases=tuple(json.loads(aliases)), retired=bool(retired),
    )
