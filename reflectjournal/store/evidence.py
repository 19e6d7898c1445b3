"""SQL for what the Endorsement progress reads: hours entries and competency tags, no text.

The ledger reads dates, kinds, fields and durations; the coverage grid reads which trainings
carry which competency tags, and counts its other evidence (notes, RSC, reflections) here in
SQL. Neither needs a reflection's title, body or answers, so these
queries never load them: a journal of 100,000 reflections yields its progress from a few
thousand small rows, and no reflection text passes through the progress path at all.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from reflectjournal.domain import sort_key
from reflectjournal.domain.endorsement.coverage import OtherEvidence
from reflectjournal.domain.endorsement.sessions import INFANT_AGE_BANDS
from reflectjournal.domain.entry import Entry
from reflectjournal.domain.ids import EntryId, TagId
from reflectjournal.store.database import Database

TRAINING = "training"
SESSION = "session"

# Every column here is in the entries_for_progress index (schema version 8), so the query
# never reads a page of reflection text; a training's name comes from its own small index.
_HOURS_COLUMNS = "e.uuid, e.id, e.kind, e.fields, e.duration_minutes, e.starred"


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
    tags; created_at and modified_at hold the entry's date (the ledger never reads them).
    Of session notes only what the ledger counts is read: per client code, the earliest note
    with an infant or toddler age band (a family counts once it has one by the as-of date),
    instead of tens of thousands of notes. They are for the ledger and the summary only,
    never to show in full or save.
    """
    wanted = sorted(set(kinds) - {SESSION})
    marks = ", ".join("?" * len(wanted))
    rows = db.rows(
        f"SELECT {_HOURS_COLUMNS} FROM entries e INDEXED BY entries_for_progress"
        f" WHERE e.kind IN ({marks}) ORDER BY e.id", wanted) if wanted else []
    if SESSION in set(kinds):
        bands = sorted(INFANT_AGE_BANDS)
        rows += db.rows(
            f"SELECT {_HOURS_COLUMNS} FROM entries e INDEXED BY entries_for_progress"
            " WHERE e.kind = 'session' AND e.id IN (SELECT min(id) FROM entries"
            " INDEXED BY entries_for_progress WHERE kind = 'session'"
            f" AND json_extract(fields, '$.age_band') IN ({', '.join('?' * len(bands))})"
            " AND json_type(fields, '$.client_code') = 'text'"
            " GROUP BY json_extract(fields, '$.client_code')) ORDER BY e.id", bands)
    names: dict[int, str] = {int(key): str(title) for key, title in db.rows(
        "SELECT id, title FROM entries INDEXED BY entries_training_names"
        " WHERE kind = 'training'")} if TRAINING in wanted else {}
    date_of, parse = sort_key.date_of_key, json.loads
    found = []
    for uuid, key, kind, fields, duration, starred in sorted(rows, key=lambda r: r[1]):
        day = date_of(key)
        stamp = dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
        found.append(Entry(id=EntryId(uuid), kind=kind, date=day, title=names.get(key, ""),
                           body="", answers={}, fields=parse(fields),
                           duration_minutes=duration, competencies=(), themes=(), tags=(),
                           starred=bool(starred), created_at=stamp, modified_at=stamp))
    return found


def competency_rows(db: Database, kinds: Iterable[str]) -> list[CompetencyRow]:
    """Return every entry of `kinds` that carries a competency tag, with those tags.

    Read from indexes only (entry_tags by tag, entries_for_progress for kind and uuid), never
    from the entries table's pages. Only the tags of entries of `kinds` come back: the
    service asks for the trainings (2,500 of 75,000 tagged entries at 100,000 entries).
    """
    wanted = sorted(set(kinds))
    marks = ", ".join("?" * len(wanted))
    of = {key: (uuid, kind) for key, kind, uuid in db.rows(
        f"SELECT id, kind, uuid FROM entries INDEXED BY entries_for_progress"
        f" WHERE kind IN ({marks})", wanted)}
    tags: dict[int, list[TagId]] = {}
    # The + makes the kind a check on each tag's range, not one seek per id (other_evidence).
    for key, tag in db.rows(
            "SELECT entry_id, tag_id FROM entry_tags INDEXED BY entry_tags_by_tag WHERE tag_id IN"
            " (SELECT id FROM tags WHERE family = 'competency') AND +entry_id IN (SELECT id"
            f" FROM entries INDEXED BY entries_by_kind WHERE kind IN ({marks}))", wanted):
        tags.setdefault(key, []).append(TagId(tag))
    return [CompetencyRow(EntryId(of[key][0]), of[key][1], sort_key.date_of_key(key),
                          tuple(found)) for key, found in sorted(tags.items())]


def other_evidence(db: Database, kinds: Iterable[str], reach: Mapping[TagId, tuple[TagId, ...]],
                   as_of: dt.date) -> dict[TagId, OtherEvidence]:
    """Return, per row a tag reaches, how many entries of `kinds` up to `as_of` reach it, and
    the latest one's date (coverage.other_evidence's rule, counted in SQL).

    `reach` says which rows each competency tag counts for (coverage.row_reach). An entry
    counts once per row however many of the row's tags it carries (count DISTINCT). Tens of
    thousands of tagged notes come down to one row per area here instead of one Python value
    each (docs/benchmarks.md); the ids come from entry_tags and the kind from the covering
    index, so no page of reflection text is read.
    """
    pairs = [(tag, row) for tag, rows in sorted(reach.items()) for row in rows]
    wanted = sorted(set(kinds))
    if not pairs or not wanted:
        return {}
    values = ", ".join("(?, ?)" for _ in pairs)
    # The + keeps SQLite from seeking entry_tags once per id of the kinds (70,000 ids for
    # each of 113 tags): each tag's range is walked and its ids checked against the list.
    found = db.rows(
        f"WITH reach(tag_id, row_id) AS (VALUES {values})"
        " SELECT r.row_id, count(DISTINCT t.entry_id), max(t.entry_id)"
        " FROM reach r JOIN entry_tags t INDEXED BY entry_tags_by_tag ON t.tag_id = r.tag_id"
        " WHERE t.entry_id <= ? AND +t.entry_id IN (SELECT id FROM entries"
        f" INDEXED BY entries_by_kind WHERE kind IN ({', '.join('?' * len(wanted))}))"
        " GROUP BY r.row_id",
        [value for pair in pairs for value in pair] + [sort_key.last_key(as_of), *wanted])
    return {TagId(row): OtherEvidence(int(count), sort_key.date_of_key(int(latest)))
            for row, count, latest in found}


def tagged_with(db: Database, kinds: Iterable[str],
                tag_ids: Iterable[TagId]) -> list[CompetencyRow]:
    """Return the entries of `kinds` that carry any of `tag_ids`, with those of their tags.

    What one coverage cell lists: a few thousand rows at most, where competency_rows would
    read every tagged entry of the journal. Indexes only, as competency_rows.
    """
    wanted, tags = sorted(set(kinds)), sorted(set(tag_ids))
    if not wanted or not tags:
        return []
    tag_marks = ", ".join("?" * len(tags))
    carried: dict[int, list[TagId]] = {}
    for key, tag in db.rows(
            f"SELECT entry_id, tag_id FROM entry_tags INDEXED BY entry_tags_by_tag"
            f" WHERE tag_id IN ({tag_marks})", tags):
        carried.setdefault(key, []).append(TagId(tag))
    rows = db.rows(
        "SELECT id, kind, uuid FROM entries INDEXED BY entries_for_progress"
        f" WHERE kind IN ({', '.join('?' * len(wanted))}) AND id IN (SELECT entry_id"
        f" FROM entry_tags INDEXED BY entry_tags_by_tag WHERE tag_id IN ({tag_marks}))",
        [*wanted, *tags])
    return [CompetencyRow(EntryId(uuid), kind, sort_key.date_of_key(key),
                          tuple(sorted(carried[key]))) for key, kind, uuid in sorted(rows)]
