"""SQL for entries, their tags and full-text search."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from reflectjournal.domain import sort_key
from reflectjournal.domain.entry import Entry, EntrySummary, FieldValue
from reflectjournal.domain.errors import EntryNotFoundError, InvalidInputError
from reflectjournal.domain.ids import EntryId, TagId
from reflectjournal.domain.search import EntryFilter, SortOrder
from reflectjournal.store import word_forms
from reflectjournal.store.database import Database

SUMMARY_COLUMNS = (
    "e.uuid, e.kind, e.id, e.title, e.starred, "
    "(SELECT group_concat(tag_id, ' ') FROM entry_tags WHERE entry_id = e.id)"
)
ENTRY_COLUMNS = (
    "e.uuid, e.kind, e.id, e.title, e.body, e.answers, e.fields, e.duration_minutes, "
    "e.starred, e.created_at, e.modified_at"
)


def next_key(db: Database, day: dt.date) -> int:
    """Return a free rowid for an entry on this day, after the day's existing ones."""
    last = db.scalar(
        "SELECT max(id) FROM entries WHERE id BETWEEN ? AND ?",
        (sort_key.first_key(day), sort_key.last_key(day)),
    )
    return sort_key.first_key(day) if last is None else int(last) + 1


_INSERT = (
    "INSERT INTO entries (id, uuid, kind, title, body, answers, fields, duration_minutes,"
    " starred, modified_at, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)"
)
_INSERT_TAG = "INSERT OR IGNORE INTO entry_tags (entry_id, tag_id) VALUES (?, ?)"
IMPORT_BATCH = 500
"""Entries looked up and inserted together by insert_new."""


def insert(db: Database, entry: Entry) -> None:
    """Insert a new entry with its tags (inside the caller's transaction)."""
    key = next_key(db, entry.date)
    db.execute(_INSERT, (key, entry.id, *_values(entry), entry.created_at.isoformat()))
    _set_tags(db, key, entry.all_tags)
    word_forms.note(db, _texts(entry))


def insert_new(
    db: Database, entries: Iterable[Entry], on_new: Callable[[Entry], None] | None = None,
) -> tuple[int, int]:
    """Insert the entries whose uuid is not stored yet (inside the caller's transaction).

    on_new is called with each entry about to be inserted (not with those skipped).

    Returns how many were added and skipped. An import's bulk path: a batch at a time, one
    lookup for the batch's uuids and one executemany for its rows and one for its tags,
    where insert() cost three statements an entry (1.7x the raw insert at 100,000).
    """
    added = skipped = 0
    free: dict[dt.date, int] = {}  # the next free key of each day seen so far
    seen_words: set[str] = set()  # recorded once per import, not once per entry
    for batch in _batches(entries, IMPORT_BATCH):
        ids = [e.id for e in batch]
        known = {r[0] for r in db.rows(
            f"SELECT uuid FROM entries WHERE uuid IN ({','.join('?' * len(ids))})", ids)}
        rows: list[tuple[Any, ...]] = []
        links: list[tuple[int, TagId]] = []
        for entry in batch:
            if entry.id in known:
                skipped += 1
                continue
            known.add(entry.id)  # the same id twice in one batch: the first one counts
            if on_new is not None:
                on_new(entry)
            key = free[entry.date] if entry.date in free else next_key(db, entry.date)
            free[entry.date] = key + 1
            rows.append((key, entry.id, *_values(entry), entry.created_at.isoformat()))
            links.extend((key, tag) for tag in entry.all_tags)
            word_forms.note(db, _texts(entry), seen_words)
        db.executemany(_INSERT, rows)
        db.executemany(_INSERT_TAG, links)
        added += len(rows)
    return added, skipped


def _batches(items: Iterable[Entry], size: int) -> Iterator[list[Entry]]:
    batch: list[Entry] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def update(db: Database, entry: Entry) -> None:
    """Overwrite an existing entry (same uuid); a new date moves its rowid."""
    key = _key_of(db, entry.id)
    if sort_key.date_of_key(key) != entry.date:
        new_key = next_key(db, entry.date)
        db.execute("UPDATE entries SET id = ? WHERE id = ?", (new_key, key))
        key = new_key
    db.execute(
        "UPDATE entries SET kind = ?, title = ?, body = ?, answers = ?, fields = ?,"
        " duration_minutes = ?, starred = ?, modified_at = ? WHERE id = ?",
        (*_values(entry), key),
    )
    db.execute("DELETE FROM entry_tags WHERE entry_id = ?", (key,))
    _set_tags(db, key, entry.all_tags)
    word_forms.note(db, _texts(entry))


def set_template(db: Database, entry_id: EntryId, template: str | None) -> None:
    """Record the template an entry was saved from ("built-in", "t-...", None: unknown)."""
    db.execute("UPDATE entries SET template = ? WHERE uuid = ?", (template, entry_id))


def template(db: Database, entry_id: EntryId) -> object:
    """Return the stored template column of an entry (None when none is recorded)."""
    return db.scalar("SELECT template FROM entries WHERE uuid = ?", (entry_id,))


def delete(db: Database, entry_id: EntryId) -> None:
    """Delete an entry; its tag links go with it."""
    db.execute("DELETE FROM entries WHERE id = ?", (_key_of(db, entry_id),))


def exists(db: Database, entry_id: EntryId) -> bool:
    """Return whether an entry with this uuid exists."""
    return db.scalar("SELECT 1 FROM entries WHERE uuid = ?", (entry_id,)) is not None


def resolve_id(db: Database, text: str) -> EntryId:
    """Return the uuid for a full id or a unique prefix of at least 4 characters."""
    prefix = text.strip().lower()
    if len(prefix) < 4 or any(c not in "0123456789abcdef-" for c in prefix):
        raise EntryNotFoundError(f"'{text}' is not an entry id.", "Ids are shown by list.")
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    rows = db.rows("SELECT uuid FROM entries WHERE uuid >= ? AND uuid < ? LIMIT 2",
                   (prefix, upper))
    if not rows:
        raise EntryNotFoundError(f"No entry has the id '{text}'.")
    if len(rows) > 1:
        raise InvalidInputError(f"More than one entry starts with '{text}'.", "Give more of it.")
    return EntryId(rows[0][0])


def get(db: Database, entry_id: EntryId) -> Entry:
    """Return one entry or raise EntryNotFoundError."""
    row = db.row(f"SELECT {ENTRY_COLUMNS} FROM entries e WHERE e.uuid = ?", (entry_id,))
    if row is None:
        raise EntryNotFoundError(f"No entry has the id '{entry_id}'.")
    return _entry(db, row, tag_kinds(db))


def get_many(db: Database, entry_ids: Sequence[EntryId]) -> list[Entry]:
    """Return full entries for ids, in the given order."""
    families = tag_kinds(db)
    result = []
    for entry_id in entry_ids:
        row = db.row(f"SELECT {ENTRY_COLUMNS} FROM entries e WHERE e.uuid = ?", (entry_id,))
        if row is not None:
            result.append(_entry(db, row, families))
    return result


def tag_kinds(db: Database) -> dict[str, str]:
    """Return each tag id's family, used to split an entry's tags."""
    return {row[0]: row[1] for row in db.rows("SELECT id, family FROM tags")}


def list_summaries(
    db: Database, where: EntryFilter, order: SortOrder, limit: int | None, offset: int = 0
) -> list[EntrySummary]:
    """Return one page of list rows, newest or oldest first."""
    sql, params = list_sql(where, order, limit, offset)
    return [summary_from_row(r) for r in db.rows(sql, params)]


def list_sql(
    where: EntryFilter, order: SortOrder, limit: int | None, offset: int = 0,
    columns: str = SUMMARY_COLUMNS,
) -> tuple[str, list[Any]]:
    """Return the listing query (no text search) and its parameters."""
    clauses, params = filter_sql(where, "e.id")
    direction = "ASC" if order == SortOrder.OLDEST else "DESC"
    sql = (
        f"SELECT {columns}, '' FROM entries e"
        f" WHERE {clauses} ORDER BY e.id {direction} LIMIT ? OFFSET ?"
    )
    return sql, [*params, sql_limit(limit), offset]


def count(db: Database, where: EntryFilter) -> int:
    """Return how many entries pass the filter (entry_search.count_matches for a query)."""
    clauses, params = filter_sql(where, "e.id")
    return int(db.scalar(f"SELECT count(*) FROM entries e WHERE {clauses}", params))


def total(db: Database) -> int:
    """Return how many entries the journal holds."""
    return int(db.scalar("SELECT count(*) FROM entries"))


def tag_counts(db: Database) -> dict[TagId, int]:
    """Return how many entries carry each tag."""
    rows = db.rows("SELECT tag_id, count(*) FROM entry_tags GROUP BY tag_id")
    return {TagId(r[0]): int(r[1]) for r in rows}


def kind_counts(db: Database) -> dict[str, int]:
    """Return how many entries there are of each kind."""
    rows = db.rows("SELECT kind, count(*) FROM entries GROUP BY kind")
    return {str(r[0]): int(r[1]) for r in rows}


CLIENT_CODES_SQL = (
    "SELECT json_extract(fields, '$.client_code'), id FROM entries"
    " WHERE json_extract(fields, '$.client_code') IS NOT NULL"
)


def client_codes(db: Database) -> list[str]:
    """Return client codes already used, most recent first."""
    # The WHERE repeats the partial index's condition word for word and the query reads
    # only the indexed expression and id, so SQLite scans the index alone (schema 3).
    # Grouping here rather than in SQL: with max() SQLite reads every row's fields again.
    rows = db.rows(CLIENT_CODES_SQL)
    latest: dict[str, int] = {}
    for code, key in rows:
        if code and key > latest.get(code, -1):
            latest[str(code)] = int(key)
    return sorted(latest, key=latest.__getitem__, reverse=True)


def _values(entry: Entry) -> tuple[Any, ...]:
    return (
        entry.kind, entry.title, entry.body,
        json.dumps(dict(entry.answers), ensure_ascii=False),
        json.dumps(dict(entry.fields), ensure_ascii=False),
        entry.duration_minutes, int(entry.starred), entry.modified_at.isoformat(),
    )


def _texts(entry: Entry) -> tuple[str, ...]:
    return (entry.title, entry.body, *entry.answers.values())


def _set_tags(db: Database, key: int, tags: Iterable[TagId]) -> None:
    db.executemany(_INSERT_TAG, [(key, tag) for tag in tags])


def _key_of(db: Database, entry_id: EntryId) -> int:
    key = db.scalar("SELECT id FROM entries WHERE uuid = ?", (entry_id,))
    if key is None:
        raise EntryNotFoundError(f"No entry has the id '{entry_id}'.")
    return int(key)


def sql_limit(limit: int | None) -> int:
    return -1 if limit is None else max(0, limit)


def date_clauses(where: EntryFilter, key_column: str) -> tuple[list[str], list[Any]]:
    """Return a filter's date range as conditions on key_column (a date-ordered key)."""
    clauses = ["1"]
    params: list[Any] = []
    if where.date_from:
        clauses.append(f"{key_column} >= ?")
        params.append(sort_key.first_key(where.date_from))
    if where.date_to:
        clauses.append(f"{key_column} <= ?")
        params.append(sort_key.last_key(where.date_to))
    return clauses, params


def filter_sql(where: EntryFilter, key_column: str) -> tuple[str, list[Any]]:
    """Return a listing's WHERE clauses for a filter on key_column (entries' date-ordered id).

    Each tag group's entry ids are read from entry_tags_by_tag before the entries: a listing
    by a rare tag otherwise walked wide entry rows until it had a page (46 ms for a tag on
    0.6 % of 100,000 entries). Searches filter their matches instead (entry_search.py).
    """
    clauses, params = date_clauses(where, key_column)
    if where.kinds:
        clauses.append(f"e.kind IN ({','.join('?' * len(where.kinds))})")
        params.extend(where.kinds)
    if where.starred:
        clauses.append("e.starred")
    for group in where.tag_groups:
        clauses.append(f"{key_column} IN (SELECT entry_id FROM entry_tags"
                       f" WHERE tag_id IN ({','.join('?' * len(group))}))")
        params.extend(group)
    return " AND ".join(clauses), params


def summary_from_row(row: Sequence[Any]) -> EntrySummary:
    # Positional and without NewType calls (which are calls at run time): half the cost,
    # and building 50 of these was most of what the app adds to a search's raw SQL.
    uuid, kind, key, title, starred, tags, snippet = row
    return EntrySummary(uuid, kind, sort_key.date_of_key(key), title,
                        tuple(tags.split()) if tags else (), bool(starred), snippet or "")


def _entry(db: Database, row: Sequence[Any], families: dict[str, str]) -> Entry:
    uuid, kind, key = row[:3]
    tag_ids = [TagId(r[0]) for r in db.rows(
        "SELECT t.tag_id FROM entry_tags t JOIN tags g ON g.id = t.tag_id"
        " WHERE t.entry_id = ? ORDER BY g.family, g.position, g.id", (key,))]
    return entry_from_columns(EntryId(uuid), sort_key.date_of_key(key), (kind, *row[3:]),
                              tag_ids, families)


def entry_from_columns(entry_id: EntryId, date: dt.date, columns: Sequence[Any],
                       tag_ids: Sequence[TagId], families: dict[str, str]) -> Entry:
    """Return the entry stored as these columns, the one reading of an entry's row.

    columns: kind, title, body, answers (JSON), fields (JSON), duration, starred, created
    and modified (ISO times), as the entries table and its kept versions both hold them;
    tag_ids are split into competencies, themes and own tags by their families.
    """
    kind, title, body, answers, fields, duration, starred, created, modified = columns
    parsed_fields: dict[str, FieldValue] = json.loads(fields)
    return Entry(
        id=entry_id, kind=kind, date=date, title=title, body=body,
        answers=json.loads(answers), fields=parsed_fields, duration_minutes=duration,
        competencies=tuple(t for t in tag_ids if families.get(t) == "competency"),
        themes=tuple(t for t in tag_ids if families.get(t) == "theme"),
        tags=tuple(t for t in tag_ids if families.get(t) == "user"),
        starred=bool(starred),
        created_at=dt.datetime.fromisoformat(created),
        modified_at=dt.datetime.fromisoformat(modified),
    )
