"""SQL for what the Endorsement progress reads: hours entries and competency tags, no text.

The ledger reads dates, kinds, fields and durations; the coverage grid reads which trainings
carry which competency tags and which entries reach each row (services/evidence_cache.py keeps
them up to date entry by entry; hours_entries, competency_rows and other_evidence read it all
at once, the reference its tests and benchmarks compare with). Neither needs a reflection's
title, body or answers, so these queries never load them: a journal of 100,000 reflections
yields its progress from a few thousand small rows, and no reflection text passes through the
progress path at all.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter

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
# A session note a family is counted from: an infant or toddler age band and a client code
# (the bands are its parameters, sorted).
_INFANT_NOTE = (
    "kind = 'session' AND json_extract(fields, '$.age_band') IN"
    f" ({', '.join('?' * len(INFANT_AGE_BANDS))}) AND json_type(fields, '$.client_code') = 'text'")


@dataclass(frozen=True, slots=True)
class CompetencyRow:
    """An entry's id, kind, date and competency tags (coverage.TaggedEntry)."""

    id: EntryId
    kind: str
    date: dt.date
    competencies: tuple[TagId, ...]


def _only(keys: Collection[int] | None, column: str) -> tuple[str, list[object]]:
    """Return the SQL and parameter that keep only the rows of `keys` (all when None)."""
    if keys is None:
        return "", []
    return f" AND {column} IN (SELECT value FROM json_each(?))", [json.dumps(sorted(keys))]


def hours_entries(db: Database, kinds: Iterable[str]) -> list[Entry]:
    """Return the entries of `kinds` with their fields and durations, without any text.

    Their bodies and answers are empty, titles too except a training's, and they carry no
    tags; created_at and modified_at hold the entry's date (the ledger never reads them).
    Of session notes only what the ledger counts is read: per client code, the earliest note
    with an infant or toddler age band (a family counts once it has one by the as-of date),
    instead of tens of thousands of notes. They are for the ledger and the summary only,
    never to show in full or save.
    """
    wanted = set(kinds)
    found = kind_entries(db, wanted - {SESSION})
    if SESSION in wanted:
        found += _entries(db, (
            " WHERE e.kind = 'session' AND e.id IN (SELECT min(id) FROM entries"
            f" INDEXED BY entries_for_progress WHERE {_INFANT_NOTE}"
            " GROUP BY json_extract(fields, '$.client_code'))"), sorted(INFANT_AGE_BANDS),
            names=False)
    return [entry for _, entry in sorted(found, key=itemgetter(0))]


def kind_entries(db: Database, kinds: Iterable[str],
                 only: Collection[int] | None = None) -> list[tuple[int, Entry]]:
    """Return every entry of `kinds` (of those with the keys `only`) as hours_entries does,
    each with its key."""
    wanted = sorted(set(kinds))
    if not wanted:
        return []
    where, params = _only(only, "e.id")
    return _entries(db, f" WHERE e.kind IN ({', '.join('?' * len(wanted))}){where}",
                    [*wanted, *params], names=TRAINING in wanted, only=only)


def infant_notes(db: Database, only: Collection[int] | None = None) -> list[tuple[int, str]]:
    """Return the key and client code of each session note a family can be counted from.

    Those with an infant or toddler age band and a client code (the code as written: the
    ledger compares them trimmed and casefolded). Read from the covering index.
    """
    where, params = _only(only, "id")
    return [(int(key), str(code)) for key, code in db.rows(
        "SELECT id, json_extract(fields, '$.client_code') FROM entries"
        f" INDEXED BY entries_for_progress WHERE {_INFANT_NOTE}{where}",
        [*sorted(INFANT_AGE_BANDS), *params])]


def _entries(db: Database, where: str, params: Sequence[object], *, names: bool,
             only: Collection[int] | None = None) -> list[tuple[int, Entry]]:
    """Return the key and Entry value (no text but a training's name) of the rows `where`
    picks."""
    rows = db.rows(f"SELECT {_HOURS_COLUMNS} FROM entries e INDEXED BY entries_for_progress"
                   f"{where}", params)
    named, named_params = _only(only, "id")
    titles: dict[int, str] = {int(key): str(title) for key, title in db.rows(
        "SELECT id, title FROM entries INDEXED BY entries_training_names"
        f" WHERE kind = 'training'{named}", named_params)} if names and rows else {}
    date_of, parse = sort_key.date_of_key, json.loads
    found = []
    for uuid, key, kind, fields, duration, starred in rows:
        day = date_of(key)
        stamp = dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
        found.append((key, Entry(
            id=EntryId(uuid), kind=kind, date=day, title=titles.get(key, ""), body="",
            answers={}, fields=parse(fields), duration_minutes=duration, competencies=(),
            themes=(), tags=(), starred=bool(starred), created_at=stamp, modified_at=stamp)))
    return found


def competency_rows(db: Database, kinds: Iterable[str]) -> list[CompetencyRow]:
    """Return every entry of `kinds` that carries a competency tag, with those tags, oldest
    first (competency_rows_by_key)."""
    return [row for _, row in sorted(competency_rows_by_key(db, kinds).items())]


def competency_rows_by_key(db: Database, kinds: Iterable[str],
                           only: Collection[int] | None = None) -> dict[int, CompetencyRow]:
    """Return every entry of `kinds` that carries a competency tag, with those tags.

    Read from indexes only (entry_tags by tag, entries_for_progress for kind and uuid), never
    from the entries table's pages. Only the tags of entries of `kinds` come back: the
    service asks for the trainings (2,500 of 75,000 tagged entries at 100,000 entries).
    `only` keeps the entries with those keys (the ones that changed).
    """
    wanted = sorted(set(kinds))
    marks = ", ".join("?" * len(wanted))
    where, params = _only(only, "id")
    of = {key: (uuid, kind) for key, kind, uuid in db.rows(
        f"SELECT id, kind, uuid FROM entries INDEXED BY entries_for_progress"
        f" WHERE kind IN ({marks}){where}", [*wanted, *params])}
    tags: dict[int, list[TagId]] = {}
    if only is None:
        for tag, keys in keys_by_tag(db, wanted).items():
            for key in keys:
                tags.setdefault(key, []).append(tag)
    else:
        for key, tag in competency_tags(db, wanted, only):
            tags.setdefault(key, []).append(tag)
    return {key: CompetencyRow(EntryId(of[key][0]), of[key][1], sort_key.date_of_key(key),
                               tuple(sorted(found))) for key, found in tags.items()}


def competency_tags(db: Database, kinds: Iterable[str],
                    only: Collection[int]) -> list[tuple[int, TagId]]:
    """Return (entry key, tag) for each competency tag on the entries of `kinds` with the
    keys `only` (a few that changed: each key is looked up, no tag's range walked)."""
    wanted = sorted(set(kinds))
    where, params = _only(only, "e.id")
    return [(int(key), TagId(tag)) for key, tag in db.rows(
        "SELECT t.entry_id, t.tag_id FROM entries e INDEXED BY entries_by_kind"
        f" JOIN entry_tags t ON t.entry_id = e.id WHERE e.kind IN ({', '.join('?' * len(wanted))})"
        f"{where} AND t.tag_id IN (SELECT id FROM tags WHERE family = 'competency')",
        [*wanted, *params])]


def keys_by_tag(db: Database, kinds: Iterable[str]) -> dict[TagId, list[int]]:
    """Return per competency tag the keys of the entries of `kinds` carrying it, ascending.

    From entry_tags and the kind index, never the entries table's pages. One text per tag
    comes back rather than one row per tagged entry (110,000 at 100,000 entries): Python
    splits each in one call instead of building a tuple per row.
    """
    wanted = sorted(set(kinds))
    return {TagId(tag): list(map(int, keys.split(","))) for tag, keys in db.rows(
        "SELECT tag_id, group_concat(entry_id, ',' ORDER BY entry_id) FROM entry_tags"
        " INDEXED BY entry_tags_by_tag WHERE tag_id IN (SELECT id FROM tags"
        " WHERE family = 'competency') AND +entry_id IN (SELECT id FROM entries"
        f" INDEXED BY entries_by_kind WHERE kind IN ({', '.join('?' * len(wanted))}))"
        " GROUP BY tag_id", wanted)}


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
