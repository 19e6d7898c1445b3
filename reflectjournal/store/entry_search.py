"""SQL for full-text search over entries: counts, pages, streams, and relevance order.

Relevance ranks the newest RANKED_MATCHES matches with bm25 and lists older matches after
them, newest first (domain/search.py says why); every other order walks the FTS index by its
rowid, which is the entry's date-ordered key, and stops as soon as it has enough.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any

from reflectjournal.domain import search as search_rules
from reflectjournal.domain.entry import EntrySummary
from reflectjournal.domain.errors import SearchSyntaxError
from reflectjournal.domain.search import HIGHLIGHT_END, HIGHLIGHT_START, EntryFilter, SortOrder
from reflectjournal.store import entry_json
from reflectjournal.store.database import Database
from reflectjournal.store.entries import (
    SUMMARY_COLUMNS,
    date_clauses,
    list_sql,
    sql_limit,
    summary_from_row,
)

RANK = "bm25(entries_fts, 4.0, 1.0, 1.0)"
"""The relevance score: bm25 with weights for title, prompt answers and free text."""

SNIPPET = f"snippet(entries_fts, -1, '{HIGHLIGHT_START}', '{HIGHLIGHT_END}', '…', 16)"

Select = Callable[[str], str]
"""A search's select list, given the SQL of its snippet."""


def _summary_select(snippet: str) -> str:
    return f"{SUMMARY_COLUMNS}, {snippet}"


def count_matches(db: Database, match: str, where: EntryFilter) -> int:
    """Return how many entries pass the filter and match the query."""
    # Every condition reads the FTS rowid (the date-ordered key) or a narrow index, so the
    # count stays in the index: joining the entries cost 0.65 s for common words at 100,000.
    clauses, params = search_filter(db, where, "entries_fts.rowid")
    with fts_errors(db):
        return int(db.scalar(
            f"SELECT count(*) FROM entries_fts WHERE entries_fts MATCH ? AND {clauses}",
            (match, *params),
        ))


def search(
    db: Database, match: str, where: EntryFilter, order: SortOrder, limit: int | None,
    offset: int = 0,
) -> list[EntrySummary]:
    """Return one page of full-text matches with highlighted snippets."""
    if order != SortOrder.RELEVANCE:  # one statement: read at once, not through a stream
        clauses, params = search_filter(db, where, "entries_fts.rowid")
        sql, args = _by_date_sql(_summary_select, clauses, params, match, order, limit, offset)
        with fts_errors(db):
            return [summary_from_row(r) for r in db.rows(sql, args)]
    return [summary_from_row(r) for r in _rows(db, match, where, order, limit, offset,
                                                _summary_select)]


def stream_summaries(
    db: Database, match: str | None, where: EntryFilter, order: SortOrder, limit: int | None,
) -> Iterator[EntrySummary]:
    """Yield list rows (with snippets when searching) as the query finds them."""
    if match is None:
        return map(summary_from_row, db.stream(*list_sql(where, order, limit)))
    return map(summary_from_row, _rows(db, match, where, order, limit, 0, _summary_select))


def stream_json(
    db: Database, match: str | None, where: EntryFilter, order: SortOrder, limit: int | None,
) -> Iterator[bytes]:
    """Yield each entry's JSON line (store/entry_json.py), in search's order, as found."""
    if match is None:
        rows = db.stream(*list_sql(where, order, limit, columns=entry_json.line_select(None)))
    else:
        rows = _rows(db, match, where, order, limit, 0, entry_json.line_select)
    return (row[0] for row in rows)


def search_sql(
    db: Database, match: str, where: EntryFilter, order: SortOrder, limit: int | None,
    offset: int = 0, select: Select = _summary_select,
) -> tuple[str, list[Any]]:
    """Return the first query a search runs, and its parameters (for plans and benchmarks).

    For relevance with a limit that is the ranked page; a page reaching past the ranked
    matches, or a relevance search without a limit, runs more (see _relevance_rows).
    """
    clauses, params = search_filter(db, where, "entries_fts.rowid")
    if order == SortOrder.RELEVANCE:
        if limit is None:
            return _ranked_all_sql(select, clauses, params, match, None, offset)
        return _ranked_page_sql(select, clauses, params, match, limit, offset)
    return _by_date_sql(select, clauses, params, match, order, limit, offset)


def _rows(
    db: Database, match: str, where: EntryFilter, order: SortOrder, limit: int | None,
    offset: int, select: Select,
) -> Iterator[Any]:
    """Yield a search's rows as SQLite steps, with FTS5's syntax errors in plain words."""
    clauses, params = search_filter(db, where, "entries_fts.rowid")
    with fts_errors(db):  # FTS5 reports a bad query at the first step
        if order != SortOrder.RELEVANCE:
            yield from db.stream(*_by_date_sql(select, clauses, params, match, order, limit,
                                               offset))
            return
        found = False
        for row in _relevance_rows(db, match, clauses, params, limit, offset, select):
            found = True
            yield row
        if not found:
            _check_query(db, match)


def _relevance_rows(
    db: Database, match: str, clauses: str, params: list[Any], limit: int | None, offset: int,
    select: Select,
) -> Iterator[Any]:
    """Yield the newest RANKED_MATCHES matches by bm25, then any older ones newest first.

    bm25 costs about 1 µs a match, so ranking all 97,559 matches of "baby" at 100,000 entries
    took 93 ms of CPU on a quiet core and 900 ms p95 under load; the newest 20,000 cost a fifth.
    """
    floor: int | None = None  # the rowid of the oldest ranked match, once known
    if limit is None:
        # Every ranked match is read: one joined sort (a seek per row took twice as long).
        floor = _ranked_floor(db, match, clauses, params)
        sql, args = _ranked_all_sql(select, clauses, params, match, floor, offset)
    else:
        sql, args = _ranked_page_sql(select, clauses, params, match, limit, offset)
    shown = 0
    for row in db.stream(sql, args):
        shown += 1
        yield row
    if limit is not None:
        # A full page, or a short one that ended inside an unfilled pool (every match was
        # ranked, so none is older), is the whole answer; otherwise find where the pool ends.
        if shown == limit or (shown > 0 and offset + shown < search_rules.RANKED_MATCHES):
            return
        floor = _ranked_floor(db, match, clauses, params)
    if floor is None:  # fewer matches than RANKED_MATCHES: every one was ranked
        return
    rest = None if limit is None else limit - shown
    sql, args = _by_date_sql(select, f"{clauses} AND entries_fts.rowid < ?", [*params, floor],
                             match, SortOrder.NEWEST, rest,
                             max(0, offset - search_rules.RANKED_MATCHES))
    yield from db.stream(sql, args)


def _ranked_floor(db: Database, match: str, clauses: str, params: list[Any]) -> int | None:
    """Return the rowid of the RANKED_MATCHES-th newest match, or None if there are fewer."""
    found = db.scalar(
        f"SELECT entries_fts.rowid FROM entries_fts WHERE entries_fts MATCH ? AND {clauses}"
        " ORDER BY entries_fts.rowid DESC LIMIT 1 OFFSET ?",
        (match, *params, search_rules.RANKED_MATCHES - 1),
    )
    return None if found is None else int(found)


def _ranked_page_sql(
    select: Select, clauses: str, params: list[Any], match: str, limit: int, offset: int,
) -> tuple[str, list[Any]]:
    # Rank inside the FTS table first and join only the page: ranking the joined rows read
    # every match's row and tags before sorting (1.6 s p95 at 100,000 entries). The inner
    # LIMIT takes the newest matches in FTS5's own rowid order, and bm25 is computed only
    # for the rows it returns. CROSS JOIN keeps the page outermost, so FTS5 seeks each
    # ranked rowid for its snippet instead of walking the whole doclist again.
    sql = (
        f"SELECT {select(SNIPPET)} FROM (SELECT id, score FROM (SELECT"
        f" entries_fts.rowid AS id, {RANK} AS score FROM entries_fts"
        f" WHERE entries_fts MATCH ? AND {clauses} ORDER BY entries_fts.rowid DESC LIMIT ?)"
        " ORDER BY score, id DESC LIMIT ? OFFSET ?) ranked"
        " CROSS JOIN entries_fts CROSS JOIN entries e"
        " WHERE entries_fts MATCH ? AND entries_fts.rowid = ranked.id AND e.id = ranked.id"
        " ORDER BY ranked.score, ranked.id DESC"
    )
    return sql, [match, *params, search_rules.RANKED_MATCHES, sql_limit(limit), offset, match]


def _ranked_all_sql(
    select: Select, clauses: str, params: list[Any], match: str, floor: int | None, offset: int,
) -> tuple[str, list[Any]]:
    """Return every ranked match (from floor up, when given) as one joined sort."""
    if floor is not None:
        clauses, params = f"{clauses} AND entries_fts.rowid >= ?", [*params, floor]
    sql = (
        f"SELECT {select(SNIPPET)} FROM entries_fts"
        " JOIN entries e ON e.id = entries_fts.rowid"
        f" WHERE entries_fts MATCH ? AND {clauses}"
        f" ORDER BY {RANK}, entries_fts.rowid DESC LIMIT -1 OFFSET ?"
    )
    return sql, [match, *params, offset]


def _by_date_sql(
    select: Select, clauses: str, params: list[Any], match: str, order: SortOrder,
    limit: int | None, offset: int,
) -> tuple[str, list[Any]]:
    # Ordering on the FTS rowid lets FTS5 walk its index in date order and stop early.
    direction = "ASC" if order == SortOrder.OLDEST else "DESC"
    sql = (
        f"SELECT {select(SNIPPET)} FROM entries_fts"
        " JOIN entries e ON e.id = entries_fts.rowid"
        f" WHERE entries_fts MATCH ? AND {clauses}"
        f" ORDER BY entries_fts.rowid {direction} LIMIT ? OFFSET ?"
    )
    return sql, [match, *params, sql_limit(limit), offset]


def _check_query(db: Database, match: str) -> None:
    """Let FTS5 parse a query that found nothing by relevance, so bad syntax is reported.

    SQLite skips a join whose inner table is empty without running the ranking subquery,
    so on an empty journal a broken query would otherwise find nothing in silence.
    """
    db.scalar("SELECT 1 FROM entries_fts WHERE entries_fts MATCH ? LIMIT 1", (match,))


SET_LIMIT = 3000
"""A search reads a filter condition's entries as a set first when fewer pass it."""


def search_filter(db: Database, where: EntryFilter, key_column: str) -> tuple[str, list[Any]]:
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
    clauses, params = date_clauses(where, key_column)
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
def fts_errors(db: Database) -> Iterator[None]:
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


def _syntax_reason(sqlite_message: str) -> str:
    """Say in plain words what SQLite's FTS5 found wrong with a query."""
    if sqlite_message.startswith("no such column"):
        return "a word followed by a colon names a part of the entry (title, answers, body)"
    return "a quote, bracket or operator (AND, OR, NOT, NEAR) is unfinished"
