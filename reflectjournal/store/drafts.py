"""SQL for the editor's drafts (schema version 2)."""

from __future__ import annotations

import datetime as dt

from reflectjournal.domain.draft import (
    Draft,
    changes_from_json,
    changes_to_json,
    labels_from_json,
    labels_to_json,
)
from reflectjournal.domain.ids import EntryId
from reflectjournal.store.database import Database

EDITOR_SLOT = "editor"


def save(db: Database, draft: Draft, slot: str = EDITOR_SLOT) -> None:
    """Store the draft in its slot, replacing the previous one (caller's transaction)."""
    db.execute(
        "INSERT OR REPLACE INTO drafts(slot, entry_uuid, changes, tag_labels, saved_at) "
        "VALUES (?, ?, ?, ?, ?)",
        (slot, draft.entry_id, changes_to_json(draft.changes), labels_to_json(draft.tag_labels),
         draft.saved_at.isoformat()),
    )


def load(db: Database, slot: str = EDITOR_SLOT) -> Draft | None:
    """Return the slot's draft, or None when there is none or it cannot be read."""
    row = db.row("SELECT entry_uuid, changes, tag_labels, saved_at FROM drafts WHERE slot = ?",
                       (slot,))
    if row is None:
        return None
    try:
        return Draft(EntryId(row[0]) if row[0] else None, changes_from_json(row[1]),
                     dt.datetime.fromisoformat(row[3]), labels_from_json(row[2]))
    except (ValueError, TypeError, KeyError):
        return None  # a draft that cannot be read is dropped, never the journal


def delete(db: Database, slot: str = EDITOR_SLOT) -> None:
    """Forget the slot's draft (caller's transaction)."""
    db.execute("DELETE FROM drafts WHERE slot = ?", (slot,))
