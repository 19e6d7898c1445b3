"""SQL for what the Endorsement progress reads: hours entries and competency tags, no text.

The ledger reads dates, kinds, fields and durations; the coverage grid reads which entries
carry which competency tags. Neither needs a reflection's title, body or answers, so these
queries never load them: a journal of 100,000 reflections yields its progress from a few
thousand small rows, and no reflection text passes through the progress path at all.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass

from reflectjournal.domain import sort_key
from reflectjournal.domain.entry import Entry
from reflectjournal.domain.ids import EntryId, TagId
from reflectjournal.store.database import Database

# Body and answers are left out on purpose (see the module's docstring); a title only for
# trainings, where it is the training's name that the application's training tab lists.
_HOURS_COLUMNS = (
    "e.uuid, e.id, e.kind, CASE WHEN e.kind = 'training' THEN e.title ELSE '' END, "
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
    # Built here rather than by entries.entry_from_columns: the journal's supervision and
    # training rows can number thousands, and parsing an answers JSON known to be empty
    # for each doubled the cost of the Progress screen.
    date_of, parse, stamp = sort_key.date_of_key, json.loads, dt.datetime.fromisoformat
    return [Entry(id=EntryId(uuid), kind=kind, date=date_of(key), title=title, body="",
                  answers={}, fields=parse(fields), duration_minutes=duration,
                  competencies=(), themes=(), tags=(), starred=bool(starred),
                  created_at=stamp(created), modified_at=stamp(modified))
            for uuid, key, kind, title, fields, duration, starred, created, modified in rows]


def competency_rows(db: Database, kinds: Iterable[str]) -> list[CompetencyRow]:
    """Return every entry of `kinds` that carries a competency tag, with those tags."""
    wanted = sorted(set(kinds))
    marks = ", ".join("?" * len(wanted))
    rows = db.rows(
        "SELECT e.uuid, e.kind, e.id, group_concat(t.tag_id, ' ') FROM entry_tags t"
        " JOIN tags g ON g.id = t.tag_id AND g.family = 'competency'"
        f" JOIN entries e ON e.id = t.entry_id WHERE e.kind IN ({marks})"
        " GROUP BY e.id ORDER BY e.id", wanted)
    return [CompetencyRow(EntryId(uuid), kind, sort_key.date_of_key(key),
                          tuple(TagId(t) for t in tags.split()))
            for uuid, kind, key, tags in rows]
