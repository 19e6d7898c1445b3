"""SQL for the editor's drafts (schema version 2): one per entry, new or existing.

Since schema 17 a draft names the template its editor asked (column `template`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from reflectjournal.domain.draft import (
    Draft,
    changes_from_json,
    changes_to_json,
    labels_from_json,
    labels_to_json,
    template_from_column,
    template_to_column,
)
from reflectjournal.domain.ids import EntryId
from reflectjournal.store.database import Database

# The slot is the entry's id, so a kept draft of one entry is never overwritten by
# typing in another; entry_uuid repeats it for readability of the schema.
_COLUMNS = "entry_uuid, changes, tag_labels, saved_at, template"


def save(db: Database, draft: Draft) -> None:
    """Store the draft of its entry, replacing an older one (caller's transaction)."""
    db.execute(
        f"INSERT OR REPLACE INTO drafts(slot, {_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)",
        (draft.entry_id, draft.entry_id, changes_to_json(draft.changes),
         labels_to_json(draft.tag_labels), draft.saved_at.isoformat(),
         template_to_column(draft.template)),
    )


def load(db: Database, entry_id: EntryId) -> Draft | None:
    """Return the entry's draft, or None when there is none or it cannot be read."""
    row = db.row(f"SELECT {_COLUMNS} FROM drafts WHERE slot = ?", (entry_id,))
    return None if row is None else _draft(row)


def load_all(db: Database) -> list[Draft]:
    """Return every readable draft, the most recent first."""
    rows = db.rows(f"SELECT {_COLUMNS} FROM drafts WHERE slot NOT LIKE '{_COMMENT}%' "
                   "ORDER BY saved_at DESC, slot")
    return [draft for row in rows if (draft := _draft(row)) is not None]


def delete(db: Database, entry_id: EntryId) -> None:
    """Forget the entry's draft (caller's transaction)."""
    db.execute("DELETE FROM drafts WHERE slot = ?", (entry_id,))


def _draft(row: Sequence[Any]) -> Draft | None:
    try:
        return Draft(EntryId(row[0]), changes_from_json(row[1]),
                     dt.datetime.fromisoformat(row[3]), labels_from_json(row[2]),
                     template_from_column(row[4]))
    except (ValueError, TypeError, KeyError):
        return None  # a draft that cannot be read is dropped, never the journal


# A supervisor's comment being written on a received entry (or bundle) shares the table:
# the same encrypted place, the same moments of saving (typing pause, lock, quit), and no
# schema step. Its slot starts with "comment:" so entry drafts never read it.
_COMMENT = "comment:"


def _comment_slot(bundle_id: str, entry_id: str | None) -> str:
    return f"{_COMMENT}{bundle_id}:{entry_id or ''}"


def save_comment(db: Database, bundle_id: str, entry_id: str | None, text: str,
                 now: dt.datetime) -> None:
    """Keep the text of a comment being written (caller's transaction)."""
    db.execute(
        f"INSERT OR REPLACE INTO drafts(slot, {_COLUMNS}) VALUES (?, ?, ?, '[]', ?, NULL)",
        (_comment_slot(bundle_id, entry_id), entry_id, json.dumps({"comment": text}),
         now.isoformat()),
    )


def load_comment(db: Database, bundle_id: str, entry_id: str | None) -> str:
    """Return the kept text of a comment being written there, or ""."""
    raw = db.scalar("SELECT changes FROM drafts WHERE slot = ?",
                    (_comment_slot(bundle_id, entry_id),))
    try:
        text = json.loads(raw)["comment"] if raw is not None else ""
    except (ValueError, TypeError, KeyError):
        return ""  # unreadable: dropped, never the journal
    return text if isinstance(text, str) else ""


def delete_comment(db: Database, bundle_id: str, entry_id: str | None) -> None:
    """Forget the kept text of a comment (caller's transaction)."""
    db.execute("DELETE FROM drafts WHERE slot = ?", (_comment_slot(bundle_id, entry_id),))
