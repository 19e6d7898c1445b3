"""SQL for entries, their tags and full-text search."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from reflectjournal.domain import sort_key
from reflectjournal.domain.entry import Entry, EntrySummary, FieldValue
from reflectjournal.domain.errors import EntryNotFoundError, InvalidInputError, SearchSyntaxError
from reflectjournal.domain.ids import EntryId, TagId
from reflectjournal.domain.search import HIGHLIGHT_END, HIGHLIGHT_START, EntryFilter, SortOrder
from reflectjournal.store import word_forms
from reflectjournal.store.database import Database

_SUMMARY_COLUMNS = (
    "e.uuid, e.kind, e.id, e.title, e.starred, "
    "(SELECT group_concat(tag_id, ' ') FROM entry_tags WHERE entry_id = e.id)"
)
_ENTRY_COLUMNS = (
    "e.uuid, e.kind, e.id, e.title, e.body, e.answers, e.fields, e.duration_minutes, "
    "e.starred, e.created_at, e.modified_at"
)
# bm25 weights for title, prompt answers, free text.
_RANK = "bm25(entries_fts, 4.0, 1.0, 1.0)"


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
    row = db.row(f"SELECT {_ENTRY_COLUMNS} FROM entries e WHERE e.uuid = ?", (entry_id,))
    if row is None:
        raise EntryNotFoundError(f"No entry has the id '{entry_id}'.")
    return _entry(db, row, tag_kinds(db))


def get_many(db: Database, entry_ids: Sequence[EntryId]) -> list[Entry]:
    """Return full entries for ids, in the given order."""
    families = tag_kinds(db)
    result = []
    for entry_id in entry_ids:
        row = db.row(f"SELECT {_ENTRY_COLUMNS} FROM entries e WHERE e.uuid = ?", (entry_id,))
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
    return [_summary(r) for r in db.rows(sql, params)]


def list_sql(
    where: EntryFilter, order: SortOrder, limit: int | None, offset: int = 0,
    columns: str = _SUMMARY_COLUMNS,
) -> tuple[str, list[Any]]:
    """Return the listing query (no text search) and its parameters."""
    clauses, params = _filter_sql(where, "e.id")
    direction = "ASC" if order == SortOrder.OLDEST else "DESC"
    sql = (
        f"SELECT {columns}, '' FROM entries e"
        f" WHERE {clauses} ORDER BY e.id {direction} LIMIT ? OFFSET ?"
    )
    return sql, [*params, _limit(limit), offset]


def stream_summaries(
    db: Database, match: str | None, where: EntryFilter, order: SortOrder, limit: int | None,
) -> Iterator[EntrySummary]:
    """Yield list rows (with snippets when searching) as the query finds them."""
    sql, params = (list_sql(where, order, limit) if match is None
                   else search_sql(db, match, where, order, limit))
    return map(_summary, _streamed(db, sql, params, match, order))


def stream_entries(
    db: Database, match: str | None, where: EntryFilter, order: SortOrder, limit: int | None,
) -> Iterator[tuple[Entry, str]]:
    """Yield whole entries with their snippets, in one query, as it finds them."""
    columns = f"{_ENTRY_COLUMNS}, (SELECT group_concat(tag_id, ' ') FROM entry_tags"
    columns += " WHERE entry_id = e.id)"
    sql, params = (list_sql(where, order, limit, columns=columns) if match is None
                   else search_sql(db, match, where, order, limit, columns=columns))
    families = tag_kinds(db)
    # Sorted here as _entry's query sorts them: joining tags for each row cost 40 % more.
    place = {r[0]: (r[1], r[2], r[0]) for r in db.rows("SELECT id, family, position FROM tags")}
    for row in _streamed(db, sql, params, match, order):
        tags = sorted((TagId(t) for t in (row[11] or "").split()), key=place.__getitem__)
        entry = entry_from_columns(EntryId(row[0]), sort_key.date_of_key(row[2]),
                                   (row[1], *row[3:11]), tags, families)
        yield entry, row[12] or ""


def _streamed(
    db: Database, sql: str, params: list[Any], match: str | None, order: SortOrder
) -> Iterator[Any]:
    if match is None:
        yield from db.stream(sql, params)
        return
    found = False
    with _fts_errors(db):  # FTS5 reports a bad query at the first step
        for row in db.stream(sql, params):
            found = True
            yield row
        if not found and order == SortOrder.RELEVANCE:
            _check_query(db, match)


def total(db: Database) -> int:
    """Return how many entries the journal holds."""
    return int(db.scalar("SELECT count(*) FROM entries"))


def count(db: Database, where: EntryFilter, match: str | None = None) -> int:
    """Return how many entries pass the filter (and match the query, if given)."""
    if match is None:
        clauses, params = _filter_sql(where, "e.id")
        return int(db.scalar(f"SELECT count(*) FROM entries e WHERE {clauses}", params))
    # Every condition reads the FTS rowid (the date-ordered key) or a narrow index, so the
    # count stays in the index: joining the entries cost 0.65 s for common words at 100,000.
    clauses, params = _search_filter(db, where, "entries_fts.rowid")
    with _fts_errors(db):
        return int(db.scalar(
            f"SELECT count(*) FROM entries_fts WHERE entries_fts MATCH ? AND {clauses}",
            (match, *params),
        ))


def search(
    db: Database, match: str, where: EntryFilter, order: SortOrder, limit: int | None,
    offset: int = 0,
) -> list[EntrySummary]:
    """Return one page of full-text matches with highlighted snippets."""
    sql, params = search_sql(db, match, where, order, limit, offset)
    with _fts_errors(db):
        rows = db.rows(sql, params)
        if not rows and order == SortOrder.RELEVANCE:
            _check_query(db, match)
    return [_summary(r) for r in rows]


def _check_query(db: Database, match: str) -> None:
    """Let FTS5 parse a query that found nothing by relevance, so bad syntax is reported.

    SQLite skips a join whose inner table is empty without running the ranking subquery,
    so on an empty journal a broken query would otherwise find nothing in silence.
    """
    db.scalar("SELECT 1 FROM entries_fts WHERE entries_fts MATCH ? LIMIT 1", (match,))


def search_sql(
    db: Database, match: str, where: EntryFilter, order: SortOrder, limit: int | None,
    offset: int = 0, columns: str = _SUMMARY_COLUMNS,
) -> tuple[str, list[Any]]:
    """Return the full-text query for one page of summaries, and its parameters.

    db is asked how many entries each filter condition lets through (see _search_filter).
    """
    clauses, params = _search_filter(db, where, "entries_fts.rowid")
    snippet = f"snippet(entries_fts, -1, '{HIGHLIGHT_START}', '{HIGHLIGHT_END}', '…', 16)"
    if order == SortOrder.RELEVANCE and limit is not None:
        # Rank inside the FTS table first and join only the page: ranking the joined rows
        # read every match's row and tags before sorting (1.6 s p95 at 100,000 entries).
        # CROSS JOIN keeps the page outermost, so FTS5 seeks each ranked rowid for its
        # snippet instead of walking the whole doclist again. Without a limit every match
        # is read anyway, and one seek each took twice as long as the joined sort below.
        sql = (
            f"SELECT {columns}, {snippet} FROM (SELECT entries_fts.rowid AS id,"
            f" {_RANK} AS score FROM entries_fts WHERE entries_fts MATCH ? AND {clauses}"
            " ORDER BY score, entries_fts.rowid DESC LIMIT ? OFFSET ?) ranked"
            " CROSS JOIN entries_fts CROSS JOIN entries e"
            " WHERE entries_fts MATCH ? AND entries_fts.rowid = ranked.id AND e.id = ranked.id"
            " ORDER BY ranked.score, ranked.id DESC"
        )
        return sql, [match, *params, _limit(limit), offset, match]
    # Ordering on the FTS rowid lets FTS5 walk its index in date order and stop early.
    direction = "ASC" if order == SortOrder.OLDEST else "DESC"
    order_sql = f"entries_fts.rowid {direction}"
    if order == SortOrder.RELEVANCE:
        order_sql = f"{_RANK}, entries_fts.rowid DESC"
    sql = (
        f"SELECT {columns}, {snippet} FROM entries_fts"
        " JOIN entries e ON e.id = entries_fts.rowid"
        f" WHERE entries_fts MATCH ? AND {clauses} ORDER BY {order_sql} LIMIT ? OFFSET ?"
    )
    return sql, [match, *params, _limit(limit), offset]


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


def _limit(limit: int | None) -> int:
    return -1 if limit is None else max(0, limit)


def _filter_sql(where: EntryFilter, key_column: str) -> tuple[str, list[Any]]:
    """Return a listing's WHERE clauses for a filter on key_column (entries' date-ordered id).

    Each tag group's entry ids are read from entry_tags_by_tag before the entries: a listing
    by a rare tag otherwise walked wide entry rows until it had a page (46 ms for a tag on
    0.6 % of 100,000 entries). Searches filter their matches instead (_search_filter).
    """
    clauses = ["1"]
    params: list[Any] = []
    if where.date_from:
        clauses.append(f"{key_column} >= ?")
        params.append(sort_key.first_key(where.date_from))
    if where.date_to:
        clauses.append(f"{key_column} <= ?")
        params.append(sort_key.last_key(where.date_to))
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


SET_LIMIT = 3000
"""A search reads a filter condition's entries as a set first when fewer pass it."""


def _search_filter(db: Database, where: EntryFilter, key_column: str) -> tuple[str, list[Any]]:
    """Return a search's WHERE clauses for a filter, each on key_column (the FTS rowid).

    A search walks the word's matches newest first until enough pass the filter, so a
    rare filter with a common word walked them all, reading each entry's wide row for its
    kind (0.5-1.4 s at 100,000 entries for a kind with no entries). Each condition is now
    checked in a narrow index, chosen by how many entries pass it, counted up to
    SET_LIMIT: fewer, and its ids are read once into a set that each match is looked up
    in (`+` keeps FTS5 from seeking each id: about 1 ms a seek); more, and each match is
    looked up in the index (a set of 45,000 ids cost 40 ms to build, where a common
    condition's first page comes after a few hundred matches). Measured crossover at
    100,000 entries: 1,000 left rare conditions walking, 10,000 built sets too large.
    """
    clauses = ["1"]
    params: list[Any] = []
    if where.date_from:
        clauses.append(f"{key_column} >= ?")
        params.append(sort_key.first_key(where.date_from))
    if where.date_to:
        clauses.append(f"{key_column} <= ?")
        params.append(sort_key.last_key(where.date_to))
    conditions: list[tuple[str, str, list[Any]]] = []  # (ids that pass, look-up, parameters)
    if where.kinds:
        marks = ",".join("?" * len(where.kinds))
        conditions.append((
            f"SELECT id FROM entries WHERE kind IN ({marks})",
            f"EXISTS (SELECT 1 FROM entries k INDEXED BY entries_by_kind"
            f" WHERE k.kind IN ({marks}) AND k.id = {key_column})",
            list(where.kinds)))
    if where.starred:
        # Always a set: its partial index holds the ids alone, and a look-up in it per match
        # reads each entry's row to see its star (SQLite does not infer it from the index).
        conditions.append(("SELECT id FROM entries WHERE starred", "", []))
    for group in where.tag_groups:
        marks = ",".join("?" * len(group))
        conditions.append((
            f"SELECT entry_id FROM entry_tags WHERE tag_id IN ({marks})",
            f"EXISTS (SELECT 1 FROM entry_tags t WHERE t.entry_id = {key_column}"
            f" AND t.tag_id IN ({marks}))",
            list(group)))
    sets: list[tuple[str, list[Any]]] = []
    probes: list[tuple[str, list[Any]]] = []
    for ids, probe, args in conditions:
        if not probe or db.scalar(f"SELECT count(*) FROM ({ids} LIMIT {SET_LIMIT})",
                                  args) < SET_LIMIT:
            sets.append((f"+{key_column} IN ({ids})", args))
        else:
            probes.append((probe, args))
    for clause, args in sets + probes:  # the sets first: the cheaper test, and the rarer
        clauses.append(clause)
        params.extend(args)
    return " AND ".join(clauses), params


@contextlib.contextmanager
def _fts_errors(db: Database) -> Iterator[None]:
    """Report FTS5 query syntax errors as a SearchSyntaxError.

    The SQL around MATCH is ours, and the Database wrapper has already turned damage,
    locking and disk errors into JournalErrors, so an OperationalError left here comes
    from the query text.
    """
    try:
        yield
    except db.driver.OperationalError as exc:
        raise SearchSyntaxError(
            f"The search could not be understood: {_syntax_reason(str(exc))}.",
            'Put words in double quotes to search for them exactly, e.g. "7-month-old".',
        ) from None


fts_errors = _fts_errors  # the received entries' index reports its syntax errors the same way


def _syntax_reason(sqlite_message: str) -> str:
    """Say in plain words what SQLite's FTS5 found wrong with a query."""
    if sqlite_message.startswith("no such column"):
        return "a word followed by a colon names a part of the entry (title, answers, body)"
    return "a quote, bracket or operator (AND, OR, NOT, NEAR) is unfinished"


def _summary(row: Sequence[Any]) -> EntrySummary:
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
