"""SQL for finding the supervision session a received confirmation is about."""

from __future__ import annotations

import datetime as dt

from reflectjournal.domain import sort_key
from reflectjournal.domain.ids import EntryId
from reflectjournal.store.database import Database


def sessions_on(db: Database, day: dt.date, provider_id: str) -> list[tuple[EntryId, int | None]]:
    """Return the supervision entries of a day with a provider: (id, minutes), in day order."""
    rows = db.rows(
        "SELECT uuid, duration_minutes FROM entries WHERE kind = 'supervision'"
        " AND id BETWEEN ? AND ? AND json_extract(fields, '$.provider_id') = ? ORDER BY id",
        (sort_key.first_key(day), sort_key.last_key(day), provider_id))
    return [(EntryId(r[0]), None if r[1] is None else int(r[1])) for r in rows]
