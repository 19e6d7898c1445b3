"""SQL for what the Endorsement progress reads: hours entries and competency tags, no text.

The ledger reads dates, kinds, fields and durations; the coverage grid reads which entries
carry which competency tags. Neither needs a reflection's title, body or answers, so these
queries never load them: a journal of 100,000 reflections yields its progress from a few
thousand small rows, and no reflection text passes through the progress path at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from reflectjournal.domain import sort_key
from reflectjournal.domain.entry import Entry
from reflectjournal.domain.ids import EntryId, TagId
from reflectjournal.store.database import Database
from reflectjournal.store.entries import entry_from_columns

# Body and answers are left out on purpose (see the module's docstring); a title only for
# trainings, where it is the training's name that the application's training tab lists.
_HOURS_COLUMNS = (
    "e.uuid, e.id, e.kind, CASE WHEN e.kind = 'training' THEN e.title ELSE '' END, '', '{}', "
    "e.fields, e.duration_minutes, e.starred, e.created_at, e.modified_at"
)


@dataclass(frozen=True, slots=True)
class CompetencyRow:
    """An entry's id, kind, date and competency tags (coverage.TaggedEntry)."""

    id: EntryId
    kind: str
    date: dt.date
    competencies: tuple[TagId, ...]


def hours_entries(db: Database, kinds: Iterable[str]) -> list[Entry]:
    """Return the entries of `kinds` with their fields and durations, without any text.

    Their bodies and answers are empty, titles too except a training's, and they carry no
    tags: they are for the ledger and the summary only, never to show in full or save.
    """
    wanted = sorted(set(kinds))
    if not wanted:
        return []
    marks = ", ".join("?" * len(wanted))
    rows = db.rows(
        f"SELECT {_HOURS_COLUMNS} FROM entries e WHERE e.kind IN ({marks}) ORDER BY e.id",
        wanted)
    return [entry_from_columns(EntryId(r[0]), sort_key.date_of_key(r[1]), r[2:], (), {})
            for r in rows]


def competency_rows(db: Database) -> list[CompetencyRow]:
    """Return every entry that carries at least one competency tag, with those tags."""
    rows = db.rows(
        "SELECT e.uuid, e.kind, e.id, group_concat(t.tag_id, ' ') FROM entry_tags t"
        " JOIN tags g ON g.id = t.tag_id AND g.family = 'competency'"
        " JOIN entries e ON e.id = t.entry_id GROUP BY e.id ORDER BY e.id")
    return [CompetencyRow(EntryId(uuid), kind, sort_key.date_of_key(key),
                          tuple(TagId(t) for t in tags.split()))
            for uuid, kind, key, tags in rows]
