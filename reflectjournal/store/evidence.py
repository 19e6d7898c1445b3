"""SQL for the competency coverage grid: which entries carry which competency tags, no text.

The grid needs an entry's id, kind, date and competency tags only, never its title, body or
answers, so this query does not load them (the ledger's own entries come from
store/ledger_entries.py, without text too).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reflectjournal.domain import sort_key
from reflectjournal.domain.ids import EntryId, TagId
from reflectjournal.store.database import Database


@dataclass(frozen=True, slots=True)
class CompetencyRow:
    """An entry's id, kind, date and competency tags (coverage.TaggedEntry)."""

    id: EntryId
    kind: str
    date: dt.date
    competencies: tuple[TagId, ...]


def competency_rows(db: Database) -> list[CompetencyRow]:
    """Return every entry that carries at least one competency tag, with those tags."""
    rows = db.rows(
        "SELECT e.uuid, e.kind, e.id, group_concat(t.tag_id, ' ') FROM entry_tags t"
        " JOIN tags g ON g.id = t.tag_id AND g.family = 'competency'"
        " JOIN entries e ON e.id = t.entry_id GROUP BY e.id ORDER BY e.id")
    return [CompetencyRow(EntryId(uuid), kind, sort_key.date_of_key(key),
                          tuple(TagId(t) for t in tags.split()))
            for uuid, kind, key, tags in rows]
