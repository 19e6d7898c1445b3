"""SQL for full-text search over entries: counts, pages, streams, and relevance order.

Relevance ranks the newest RANKED_MATCHES matches with bm25 and lists older matches after
them, newest first (domain/search.py says why); every other order walks the FTS index by its
rowid, which is the entry's date-ordered key, and stops as soon as it has enough.
"""

from __future__ import annotations

import contextlib
import json
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

    For relevance with a limit up to PAGE_SEEKS that is the ranked page; a longer one, or
    every match, starts with the ranked ids (see _relevance_rows, which runs more).
    """
    clauses, params = search_filter(db, where, "entries_fts.rowid")
    if order == SortOrder.RELEVANCE:
        if limit is None or limit > PAGE_SEEKS:
            return _ranked_ids_sql(clauses, params, match)
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


PAGE_SEEKS = 200
"""A ranked page up to this long is read by seeking each row; a longer one (or every match,
as the command line's stream asks) is read in chunks of RANK_CHUNK."""

RANK_CHUNK = 2000
"""How many ranked matches a long read takes at a time (a chunk's rows are held to reorder:
at most 8 MB of JSON lines). Each chunk walks the pool's range once, 6-12 ms at 100,000
entries: in chunks of 500 the walks doubled a hit's cost, in 2,000 they add a tenth."""

FIRST_CHUNK = 100


def _relevance_rows(
    db: Database, match: str, clauses: str, params: list[Any], limit: int | None, offset: int,
    select: Select,
) -> Iterator[Any]:
    """Yield the newest RANKED_MATCHES matches by bm25, then any older ones newest first.

    bm25 costs about 1 µs a match, so ranking all 97,559 matches of "baby" at 100,000 entries
    took 93 ms of CPU on a quiet core and 900 ms p95 under load; the newest 20,000 cost a fifth.
    """
    if limit is not None and limit <= PAGE_SEEKS:
        yield from _short_ranked_page(db, match, clauses, params, limit, offset, select)
        return
    # The ranked ids first (20,000 ints), then their rows chunk by chunk in rank order. The
    # whole pool as one joined sort held every row before the first came out: `search baby
    # --format json` at 100,000 entries peaked at 239 MiB, its first line 2.7 s after the
    # start (load 4.5); a seek per row, as the short page does, took 120 µs a row.
    ranked = [r[0] for r in db.rows(*_ranked_ids_sql(clauses, params, match))]
    wanted = ranked[offset:] if limit is None else ranked[offset:offset + limit]
    sql = (
        f"SELECT {select(SNIPPET)}, entries_fts.rowid FROM entries_fts"
        " JOIN entries e ON e.id = entries_fts.rowid"
        f" WHERE entries_fts MATCH ? AND {clauses} AND entries_fts.rowid BETWEEN ? AND ?"
        # `+`: walk the range once and look each rowid up in the chunk, rather than have
        # FTS5 seek every id of the chunk.
        " AND +entries_fts.rowid IN (SELECT value FROM json_each(?))"
    )
    # A small first chunk, so the first line comes out as soon as the ranking is done.
    starts = [0, *range(min(FIRST_CHUNK, RANK_CHUNK), len(wanted), RANK_CHUNK)]
    for start, end in zip(starts, [*starts[1:], len(wanted)], strict=True):
        chunk = wanted[start:end]
        if not chunk:  # nothing ranked, or the offset past the pool
            break
        found = {row[-1]: row[:-1] for row in db.stream(
            sql, [match, *params, min(chunk), max(chunk), json.dumps(chunk)])}
        yield from (found[key] for key in chunk if key in found)
    if len(ranked) < search_rules.RANKED_MATCHES:  # every match was ranked
        return
    shown = len(wanted)
    rest = None if limit is None else limit - shown
    if rest == 0:
        return
    yield from _older_than_pool(db, match, clauses, params, min(ranked), rest, offset, select)


def _short_ranked_page(
    db: Database, match: str, clauses: str, params: list[Any], limit: int, offset: int,
    select: Select,
) -> Iterator[Any]:
    """Yield a short page of the ranked order (what a window shows), seeking each row."""
    shown = 0
    for row in db.stream(*_ranked_page_sql(select, clauses, params, match, limit, offset)):
        shown += 1
        yield row
    # A full page, or a short one that ended inside an unfilled pool (every match was
    # ranked, so none is older), is the whole answer; otherwise find where the pool ends.
    if shown == limit or (shown > 0 and offset + shown < search_rules.RANKED_MATCHES):
        return
    floor = _ranked_floor(db, match, clauses, params)
    if floor is None:  # fewer matches than RANKED_MATCHES: every one was ranked
        return
    yield from _older_than_pool(db, match, clauses, params, floor, limit - shown, offset,
                                select)


def _older_than_pool(
    db: Database, match: str, clauses: str, params: list[Any], floor: int, limit: int | None,
    offset: int, select: Select,
) -> Iterator[Any]:
    """Yield the matches older than the ranked pool (below floor), newest first."""
    sql, args = _by_date_sql(select, f"{clauses} AND entries_fts.rowid < ?", [*params, floor],
                             match, SortOrder.NEWEST, limit,
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


_RANKED_IDS = (
    f"SELECT entries_fts.rowid AS id, {RANK} AS score FROM entries_fts"
    " WHERE entries_fts MATCH ? AND {clauses} ORDER BY entries_fts.rowid DESC LIMIT ?"
)
"""The newest matches (the LIMIT: RANKED_MATCHES) with their scores, in FTS5's rowid order."""


def _ranked_ids_sql(clauses: str, params: list[Any], match: str) -> tuple[str, list[Any]]:
    """Return the ranked pool's ids, best first."""
    return (f"SELECT id FROM ({_RANKED_IDS.format(clauses=clauses)}) ORDER BY score, id DESC",
            [match, *params, search_rules.RANKED_MATCHES])


def _ranked_page_sql(
    select: Select, clauses: str, params: list[Any], match: str, limit: int, offset: int,
) -> tuple[str, list[Any]]:
    # Rank inside the FTS table first and join only the page: ranking the joined rows read
    # every match's row and tags before sorting (1.6 s p95 at 100,000 entries). The inner
    # LIMIT takes the newest matches in FTS5's own rowid order, and bm25 is computed only
    # for the rows it returns. CROSS JOIN keeps the page outermost, so FTS5 seeks each
    # ranked rowid for its snippet instead of walking the whole doclist again.
    sql = (
        f"SELECT {select(SNIPPET)} FROM (SELECT id, score FROM"
        f" ({_RANKED_IDS.format(clauses=clauses)})"
        " ORDER BY score, id DESC LIMIT ? OFFSET ?) ranked"
        " CROSS JOIN entries_fts CROSS JOIN entries e"
        " WHERE entries_fts MATCH ? AND entries_fts.rowid = ranked.id AND e.id = ranked.id"
        " ORDER BY ranked.score, ranked.id DESC"
    )
    return sql, [match, *params, search_rules.RANKED_MATCHES, sql_limit(limit), offset, match]


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
