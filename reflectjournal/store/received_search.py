"""SQL over the received entries' index (store/received_index.py): filters, search, caseload."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any

from reflectjournal.domain.bundle import SharedEntry, parse_entries_payload
from reflectjournal.domain.received import ReceivedFilter
from reflectjournal.domain.search import HIGHLIGHT_END, HIGHLIGHT_START
from reflectjournal.store.database import Database
from reflectjournal.store.entry_search import fts_errors

# One row: id, bundle, entry id, sender key, kind, first and last day, title, read_at,
# answered, received_at, verified, then the snippet when searching.
_ANSWERED = (
    "EXISTS (SELECT 1 FROM review_comments c WHERE c.bundle_id = f.bundle_id"
    " AND c.entry_uuid = f.entry_uuid)"
)
_COLUMNS = (
    "f.id, f.bundle_id, f.entry_uuid, f.sender_key, f.kind, f.day_first, f.day_last,"
    f" f.title, f.read_at, {_ANSWERED}, b.received_at, b.verified"
)
_BUNDLE = " JOIN received_bundles b ON b.bundle_id = f.bundle_id"
_SNIPPET = f"snippet(received_fts, -1, '{HIGHLIGHT_START}', '{HIGHLIGHT_END}', '…', 16)"


def filter_sql(where: ReceivedFilter) -> tuple[str, list[Any]]:
    """Return the WHERE clauses of a filter on received_facts f."""
    clauses = ["1"]
    params: list[Any] = []
    if where.supervisees:
        clauses.append(f"f.sender_key IN ({','.join('?' * len(where.supervisees))})")
        params.extend(where.supervisees)
    # A coarsened date is a month: it matches when that month meets the range asked for.
    if where.date_from:
        clauses.append("f.day_last >= ?")
        params.append(where.date_from.isoformat())
    if where.date_to:
        clauses.append("f.day_first <= ?")
        params.append(where.date_to.isoformat())
    if where.kinds:
        clauses.append(f"f.kind COLLATE NOCASE IN ({','.join('?' * len(where.kinds))})")
        params.extend(where.kinds)
    for group in where.tag_groups:
        clauses.append(
            "EXISTS (SELECT 1 FROM received_tags t WHERE t.entry_id = f.id"
            f" AND t.label IN ({','.join('?' * len(group))}))"
        )
        params.extend(group)
    if where.read is not None:
        clauses.append("f.read_at IS NOT NULL" if where.read else "f.read_at IS NULL")
    if where.answered is not None:
        clauses.append(_ANSWERED if where.answered else f"NOT {_ANSWERED}")
    return " AND ".join(clauses), params


def find_sql(
    match: str | None, where: ReceivedFilter, limit: int | None, *, snippets: bool = True
) -> tuple[str, list[Any]]:
    """Return the query for matching received entries, the latest received first.

    A snippet reads and tokenizes the whole entry again: a list that shows none asks for none.
    """
    clauses, params = filter_sql(where)
    bound = -1 if limit is None else max(0, limit)
    if match is None:
        return (
            f"SELECT {_COLUMNS} FROM received_facts f{_BUNDLE} WHERE {clauses}"
            " ORDER BY f.id DESC LIMIT ?",
            [*params, bound],
        )
    # FTS5 walks its rowids in descending order itself, so the first page comes without
    # ranking every match; the filter is checked on the narrow facts row of each.
    snippet = f", {_SNIPPET}" if snippets else ""
    return (
        f"SELECT {_COLUMNS}{snippet} FROM received_fts"
        " JOIN received_facts f ON f.id = received_fts.rowid"
        + _BUNDLE
        + f" WHERE received_fts MATCH ? AND {clauses}"
        " ORDER BY received_fts.rowid DESC LIMIT ?",
        [match, *params, bound],
    )


def find(
    db: Database, match: str | None, where: ReceivedFilter, limit: int | None, *,
    snippets: bool = True,
) -> Iterator[Sequence[Any]]:
    """Yield matching rows as the query finds them (a bad search: SearchSyntaxError)."""
    sql, params = find_sql(match, where, limit, snippets=snippets)
    if match is None:
        yield from db.stream(sql, params)
        return
    with fts_errors(db):  # FTS5 reports a bad query at the first step
        yield from db.stream(sql, params)


def entry_at(db: Database, row: int) -> SharedEntry | None:
    """Return the received entry stored in one row."""
    content = db.scalar("SELECT content FROM received_entries WHERE id = ?", (row,))
    return None if content is None else parse_entries_payload(str(content).encode()).entries[0]


def mark_read(db: Database, bundle_id: str, entry_id: str, now: dt.datetime) -> bool:
    """Record that a received entry was shown; return whether it was unread."""
    cur = db.execute(
        "UPDATE received_facts SET read_at = ? WHERE bundle_id = ?"
        " AND entry_uuid = ? AND read_at IS NULL",
        (now.isoformat(), bundle_id, entry_id),
    )
    return bool(cur.rowcount)


def senders(db: Database) -> list[tuple[bytes, str]]:
    """Return each key anything was received from, with the name its latest bundle gave."""
    rows = db.rows(
        "SELECT b.sender_key, b.sender_name FROM received_bundles b WHERE b.kind = 'entries'"
        " ORDER BY b.received_at DESC"
    )
    seen: dict[bytes, str] = {}
    for key, name in rows:
        seen.setdefault(bytes(key), str(name))
    return list(seen.items())


def caseload_counts(db: Database) -> dict[bytes, tuple[int, int, int, str | None]]:
    """Return per sender key: entries, unread, unanswered, and the last time received.

    An entry shared again counts once, by its latest copy: once that copy is read or
    answered, an older one left unopened is not still waiting (as the agenda reads it).
    """
    rows = db.rows(
        f"SELECT f.sender_key, count(*), sum(f.read_at IS NULL), sum(NOT {_ANSWERED}),"
        " max(b.received_at) FROM received_facts f" + _BUNDLE
        + " WHERE f.id IN (SELECT max(id) FROM received_facts GROUP BY sender_key, entry_uuid)"
        " GROUP BY f.sender_key"
    )
    return {bytes(r[0]): (int(r[1]), int(r[2]), int(r[3]), r[4]) for r in rows}


def given_sessions(db: Database, year: int) -> dict[bytes, tuple[str, int]]:
    """Return per supervisee key: the last confirmed session's date, minutes in that year."""
    rows = db.rows(
        "SELECT other_key, max(date), sum(CASE WHEN date BETWEEN ? AND ? THEN minutes END)"
        " FROM confirmed_sessions WHERE side = 'given' GROUP BY other_key",
        (f"{year:04d}-01-01", f"{year:04d}-12-31"),
    )
    return {bytes(r[0]): (str(r[1]), int(r[2] or 0)) for r in rows}
