"""The raw-sqlcipher3 baseline: the store's SQL, hand-copied, without the app around it.

The SQL below repeats reflectjournal/store/entries.py and entry_search.py on purpose (a
baseline must not call the code it is compared with). measure.py traces both connections
and records any statement whose text differs, so a change to the store shows up instead of
skewing ratios.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlcipher3 import dbapi2

from reflectjournal.domain.search import RANKED_MATCHES
from reflectjournal.store.database import DEFAULT_CACHE_KIB
from reflectjournal.store.envelope import DataKey

SUMMARY_COLUMNS = (
    "e.uuid, e.kind, e.id, e.title, e.starred, "
    "(SELECT group_concat(tag_id, ' ') FROM entry_tags WHERE entry_id = e.id)"
)
SNIPPET = "snippet(entries_fts, -1, '\x02', '\x03', '…', 16)"
RANK = "bm25(entries_fts, 4.0, 1.0, 1.0)"

Sql = tuple[str, tuple[Any, ...]]


def connect(
    path: Path, key: DataKey, *, cache_kib: int | None = DEFAULT_CACHE_KIB,
    memory_security: bool = False,
) -> Any:
    """Open a database with the raw key; cache_kib=None keeps SQLite's default page cache.

    memory_security=True switches SQLCipher's memory wiping on, as the app does; it is
    process-wide and stays on once any connection has switched it on.
    """
    conn = dbapi2.connect(str(path), isolation_level=None)
    if memory_security:
        conn.execute("PRAGMA cipher_memory_security = ON")
    conn.execute(f'PRAGMA key = "{key.sqlcipher_key()}"')  # hex-only literal from DataKey
    conn.execute("PRAGMA cipher_compatibility = 4")
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    # Sorting must not spill (plaintext) to temp files here either; the app does the same.
    conn.execute("PRAGMA temp_store = MEMORY")
    if cache_kib is not None:
        conn.execute(f"PRAGMA cache_size = -{int(cache_kib)}")
    return conn


def cipher_version() -> tuple[str, str]:
    """Return SQLCipher's and SQLite's versions as the driver reports them."""
    conn = dbapi2.connect(":memory:")
    try:
        return str(conn.execute("PRAGMA cipher_version").fetchone()[0]), dbapi2.sqlite_version
    finally:
        conn.close()


def _filter(
    kinds: Sequence[str], tag_groups: Sequence[Sequence[str]], key_column: str,
) -> tuple[str, list[Any]]:
    """Return a listing's clauses: tag groups read from entry_tags_by_tag first."""
    clauses = ["1"]
    params: list[Any] = []
    if kinds:
        clauses.append(f"e.kind IN ({','.join('?' * len(kinds))})")
        params.extend(kinds)
    for group in tag_groups:
        marks = ",".join("?" * len(group))
        clauses.append(
            f"{key_column} IN (SELECT entry_id FROM entry_tags WHERE tag_id IN ({marks}))"
        )
        params.extend(group)
    return " AND ".join(clauses), params


SET_LIMIT = 3000


def _search_filter(
    conn: Any, kinds: Sequence[str], tag_groups: Sequence[Sequence[str]],
) -> tuple[str, list[Any]]:
    """Return a search's clauses on the FTS rowid, each condition counted up to SET_LIMIT.

    Fewer: its ids as a set each match is looked up in; more: a look-up per match in its
    narrow index. The counts run here, on the raw connection, as the store runs them.
    """
    key = "entries_fts.rowid"
    conditions: list[tuple[str, str, list[Any]]] = []
    if kinds:
        marks = ",".join("?" * len(kinds))
        conditions.append((
            f"SELECT id FROM entries WHERE kind IN ({marks})",
            f"EXISTS (SELECT 1 FROM entries k INDEXED BY entries_by_kind"
            f" WHERE k.kind IN ({marks}) AND k.id = {key})", list(kinds)))
    for group in tag_groups:
        marks = ",".join("?" * len(group))
        conditions.append((
            f"SELECT entry_id FROM entry_tags WHERE tag_id IN ({marks})",
            f"EXISTS (SELECT 1 FROM entry_tags t WHERE t.entry_id = {key}"
            f" AND t.tag_id IN ({marks}))", list(group)))
    sets: list[tuple[str, list[Any]]] = []
    probes: list[tuple[str, list[Any]]] = []
    for ids, probe, args in conditions:
        passing = conn.execute(f"SELECT count(*) FROM ({ids} LIMIT {SET_LIMIT})",
                               args).fetchone()[0]
        if passing < SET_LIMIT:
            sets.append((f"+{key} IN ({ids})", args))
        else:
            probes.append((probe, args))
    clauses = ["1"]
    params: list[Any] = []
    for clause, args in sets + probes:
        clauses.append(clause)
        params.extend(args)
    return " AND ".join(clauses), params


def list_sql(kinds: Sequence[str], tag_groups: Sequence[Sequence[str]], limit: int) -> Sql:
    """Return the store's list query (newest first)."""
    clauses, params = _filter(kinds, tag_groups, "e.id")
    sql = (
        f"SELECT {SUMMARY_COLUMNS}, '' FROM entries e"
        f" WHERE {clauses} ORDER BY e.id DESC LIMIT ? OFFSET ?"
    )
    return sql, (*params, limit, 0)


def search_sql(
    conn: Any, match: str, kinds: Sequence[str], tag_groups: Sequence[Sequence[str]],
    limit: int, *, relevance: bool,
) -> Sql:
    """Return the store's full-text query, newest first or by relevance (counting on conn).

    By relevance the ranking runs inside the FTS table over the newest RANKED_MATCHES
    matches and only the page is joined.
    """
    clauses, params = _search_filter(conn, kinds, tag_groups)
    if relevance:
        sql = (
            f"SELECT {SUMMARY_COLUMNS}, {SNIPPET} FROM (SELECT id, score FROM (SELECT"
            f" entries_fts.rowid AS id, {RANK} AS score FROM entries_fts"
            f" WHERE entries_fts MATCH ? AND {clauses} ORDER BY entries_fts.rowid DESC LIMIT ?)"
            " ORDER BY score, id DESC LIMIT ? OFFSET ?) ranked"
            " CROSS JOIN entries_fts CROSS JOIN entries e"
            " WHERE entries_fts MATCH ? AND entries_fts.rowid = ranked.id AND e.id = ranked.id"
            " ORDER BY ranked.score, ranked.id DESC"
        )
        return sql, (match, *params, RANKED_MATCHES, limit, 0, match)
    sql = (
        f"SELECT {SUMMARY_COLUMNS}, {SNIPPET} FROM entries_fts"
        " JOIN entries e ON e.id = entries_fts.rowid"
        f" WHERE entries_fts MATCH ? AND {clauses} ORDER BY entries_fts.rowid DESC"
        " LIMIT ? OFFSET ?"
    )
    return sql, (match, *params, limit, 0)


def naive_search_sql(match: str, limit: int) -> Sql:
    """Return the naive date-sorted search: the same columns, ORDER BY a date column.

    A schema without date-ordered rowids sorts on a stored date; created_at holds the
    entry's day (plus a time), so it orders like the app's query. SQLite must then find
    every match and sort, instead of walking the index backwards and stopping at `limit`.
    """
    sql = (
        f"SELECT {SUMMARY_COLUMNS}, {SNIPPET} FROM entries_fts"
        " JOIN entries e ON e.id = entries_fts.rowid"
        " WHERE entries_fts MATCH ? ORDER BY e.created_at DESC LIMIT ?"
    )
    return sql, (match, limit)


def count_matches(conn: Any, match: str) -> int:
    """Return how many entries match an FTS expression."""
    row = conn.execute("SELECT count(*) FROM entries_fts WHERE entries_fts MATCH ?",
                       (match,)).fetchone()
    return int(row[0])
