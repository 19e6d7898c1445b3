"""SQL for the entries the Endorsement ledger reads, without their text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reflectjournal.domain import sort_key
from reflectjournal.domain.entry import Entry
from reflectjournal.domain.ids import EntryId, TagId
from reflectjournal.store.database import Database
from reflectjournal.store.entries import entry_from_columns, tag_kinds


def entries_of_kinds(db: Database, kinds: Sequence[str]) -> list[Entry]:
    """Return every entry of these kinds, oldest first, with body and answers left empty.

    The ledger and the coverage grid read dates, minutes, fields and tags only; leaving the
    text out keeps a reflection's words off this path and reads one query, not one per entry.
    """
    if not kinds:
        return []
    families = tag_kinds(db)
    marks = ",".join("?" * len(kinds))
    rows = db.rows(
        "SELECT e.uuid, e.id, e.kind, e.title, e.fields, e.duration_minutes, e.starred,"
        " e.created_at, e.modified_at,"
        " (SELECT group_concat(tag_id, ' ') FROM entry_tags WHERE entry_id = e.id)"
        f" FROM entries e WHERE e.kind IN ({marks}) ORDER BY e.id", tuple(kinds))
    result = []
    for uuid, key, kind, title, fields, duration, starred, created, modified, tags in rows:
        tag_ids = [TagId(t) for t in (tags or "").split()]
        result.append(entry_from_columns(
            EntryId(uuid), sort_key.date_of_key(key),
            (kind, title, "", "{}", fields, duration, starred, created, modified),
            tag_ids, families))
    return result


def sessions_on(db: Database, day: dt.date, provider_id: str) -> list[tuple[EntryId, int | None]]:
    """Return the supervision entries of a day with a provider: (id, minutes), in day order."""
    rows = db.rows(
        "SELECT uuid, duration_minutes FROM entries WHERE kind = 'supervision'"
        " AND id BETWEEN ? AND ? AND json_extract(fields, '$.provider_id') = ? ORDER BY id",
        (sort_key.first_key(day), sort_key.last_key(day), provider_id))
    return [(EntryId(r[0]), None if r[1] is None else int(r[1])) for r in rows]
