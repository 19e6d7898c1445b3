"""SQL for dated amendments to entries (notes added where an edit is locked)."""

from __future__ import annotations

import datetime as dt

from reflectjournal.domain.endorsement.records import Amendment
from reflectjournal.domain.ids import EntryId
from reflectjournal.store.database import Database


def add(db: Database, amendment: Amendment) -> None:
    """Store an amendment."""
    db.execute("INSERT INTO entry_amendments (entry_uuid, written_at, text) VALUES (?, ?, ?)",
               (amendment.entry_id, amendment.written_at.isoformat(), amendment.text))


def of_entry(db: Database, entry_id: EntryId) -> list[Amendment]:
    """Return an entry's amendments, oldest first."""
    return [Amendment(entry_id, dt.datetime.fromisoformat(r[0]), str(r[1])) for r in db.rows(
        "SELECT written_at, text FROM entry_amendments WHERE entry_uuid = ? ORDER BY id",
        (entry_id,))]
