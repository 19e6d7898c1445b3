"""Timing one built journal: unlock, searches and listings, app against raw SQL.

Runs in a fresh subprocess per size (worker.py), so its peak RSS belongs to that size.
"""

from __future__ import annotations

import gc
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

from benchmarks import queries, raw
from benchmarks.common import FAST, PASSPHRASE, SEED, SizeDir, Stats, peak_rss_mib, read_json
from benchmarks.queries import LIMIT, Query, QueryGroup
from benchmarks.unlock import time_unlock
from reflectjournal.services.journal import Journal, unwrap_key

REPEATS = 3
"""Timed passes over every query set (after one warm-up pass)."""
NAIVE_REPEATS = 1
"""The naive query takes seconds at 100k entries; one timed pass (after warm-up) is enough."""
WORD_GROUPS = ("word_common", "word_rare")

Samples = dict[str, list[float]]
Seen = dict[Query, tuple[list[str], list[str]]]
"""Per query: the result ids and the SQL statements traced while it ran."""


def measure(place: SizeDir) -> dict[str, Any]:
    """Time everything for one journal and return JSON-ready results."""
    rss_start = peak_rss_mib()
    unlock = time_unlock(place)
    envelope, key = unwrap_key(place.journal, PASSPHRASE, FAST)
    journal = Journal.open_with_key(place.journal, envelope, key, FAST)
    with journal:
        sets = queries.groups(journal)
        distinct = list(dict.fromkeys(q for g in sets for q in g.queries))
        _progress(f"  warm-up: {len(distinct)} distinct queries through the app")
        app_seen = {q: _traced(journal.trace_sql, _app_ids, q, journal) for q in distinct}
        rss_app = peak_rss_mib()
        conn = raw.connect(place.journal / "journal.db", key)
        try:
            security = _memory_security(conn)
            raw_seen = {q: _traced(conn.set_trace_callback, _raw_ids, conn, q)
                        for q in distinct}
            _progress(f"  timing: {REPEATS} passes, app and raw interleaved")
            app, baseline, per_query = _time_groups(journal, conn, sets)
            # Counted after the timing, so both connections are timed with the same history:
            # counting every match first filled the app's page cache with index pages the raw
            # connection never read, and the app's searches then ran 1.13-1.17x the raw SQL
            # instead of 1.09-1.10x (p50, two runs each; emptying the app's cache after the
            # counts gave 1.11-1.13x).
            hits = {q: journal.count_entries(q.where, q.text) for q in distinct}
            _progress("  naive baseline for the word searches")
            words = [q for g in sets if g.key in WORD_GROUPS for q in g.queries]
            naive = _naive(place, key, journal, conn, words)
        finally:
            conn.close()
    return {
        "database_bytes": (place.journal / "journal.db").stat().st_size,
        "unlock": unlock,
        "groups": [_group_result(g, app[g.key], baseline[g.key], hits)
                   | {"slowest": _slowest(g, per_query, hits)} for g in sets],
        "naive": naive,
        "memory_security": security,
        "query_sets": {g.key: [q.to_dict() for q in g.queries] for g in sets},
        "mismatches": _mismatches(app_seen, raw_seen),
        "rss_mib": {"start": rss_start, "app_queries": rss_app, "final": peak_rss_mib()},
    }


def _progress(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


Tracer = Callable[[Callable[[str], None] | None], None]
"""Start (given a callback) or stop (given None) tracing the statements a connection runs."""


def _traced(
    trace: Tracer, run: Callable[..., list[str]], *args: Any
) -> tuple[list[str], list[str]]:
    """Run a query, returning its result ids and the statements it issued.

    Statements SQLite runs on its own behalf (FTS5's, prefixed "-- ") are left out.
    """
    statements: list[str] = []
    trace(lambda sql: None if sql.startswith("-- ") else statements.append(sql))
    try:
        ids = run(*args)
    finally:
        trace(None)
    return ids, statements


def _app_ids(q: Query, journal: Journal) -> list[str]:
    return [str(r.id) for r in q.run_app(journal)]


def _raw_ids(conn: Any, q: Query) -> list[str]:
    return [str(r[0]) for r in q.run_raw(conn)]


def _fetch(conn: Any, sql: raw.Sql) -> list[Any]:
    return list(conn.execute(*sql).fetchall())


def _mismatches(app: Seen, baseline: Seen) -> list[str]:
    """Return queries whose raw SQL or result differs from what the app ran."""
    problems = []
    for q, (app_ids, app_sql) in app.items():
        raw_ids, raw_sql = baseline[q]
        if app_sql != raw_sql:
            problems.append(f"SQL differs for {q.label()}: app ran {str(app_sql)[:300]!r}")
        elif app_ids != raw_ids:
            problems.append(f"results differ for {q.label()}")
    return problems


def _time_groups(
    journal: Journal, conn: Any, sets: Sequence[QueryGroup]
) -> tuple[Samples, Samples, dict[Query, list[float]]]:
    """Time every query REPEATS times, app and raw back to back in alternating order.

    Returns app and raw samples per group, and the app's samples per distinct query.
    """
    app: Samples = {g.key: [] for g in sets}
    baseline: Samples = {g.key: [] for g in sets}
    per_query: dict[Query, list[float]] = {}
    work = [(g.key, q) for g in sets for q in g.queries]
    for rep in range(REPEATS):
        random.Random(SEED + rep).shuffle(work)
        gc.collect()
        for n, (key, q) in enumerate(work):
            # The raw side's clock includes its filter counts, as the app's does.
            if (n + rep) % 2:
                app_s = _clock(q.run_app, journal)
                baseline[key].append(_clock(q.run_raw, conn))
            else:
                baseline[key].append(_clock(q.run_raw, conn))
                app_s = _clock(q.run_app, journal)
            app[key].append(app_s)
            per_query.setdefault(q, []).append(app_s)
    return app, baseline, per_query


def _slowest(
    group: QueryGroup, per_query: dict[Query, list[float]], hits: dict[Query, int]
) -> list[dict[str, Any]]:
    """Return the group's five slowest distinct queries (median over the passes)."""
    medians = {q: statistics.median(per_query[q]) * 1000 for q in dict.fromkeys(group.queries)}
    worst = sorted(medians, key=medians.__getitem__, reverse=True)[:5]
    return [{"query": q.label(), "app_ms": medians[q], "hits": hits[q]} for q in worst]


def _clock(run: Callable[..., object], *args: Any) -> float:
    start = time.perf_counter()
    run(*args)
    return time.perf_counter() - start


def _group_result(
    group: QueryGroup, app: list[float], baseline: list[float], hits: dict[Query, int]
) -> dict[str, Any]:
    counts = [hits[q] for q in dict.fromkeys(group.queries)]
    app_stats, raw_stats = Stats.of(app), Stats.of(baseline)
    return {
        "key": group.key, "title": group.title, "target_ms": group.target_ms,
        "distinct_queries": len(counts), "app": app_stats.to_dict(), "raw": raw_stats.to_dict(),
        "ratio_median": app_stats.median_ms / raw_stats.median_ms,
        "ratio_p95": app_stats.p95_ms / raw_stats.p95_ms,
        "hits": {"min": min(counts), "median": statistics.median(counts), "max": max(counts)},
    }


def _naive(
    place: SizeDir, key: Any, journal: Journal, conn: Any, words: Sequence[Query]
) -> dict[str, Any]:
    """Time word searches four ways, interleaved in one loop so they share conditions.

    naive: ORDER BY a date column, default page cache; app_sql: the store's SQL with the
    default cache; raw: the store's SQL with the app's cache; app: the Journal API.
    """
    small = raw.connect(place.journal / "journal.db", key, cache_kib=None)
    try:
        cache = int(small.execute("PRAGMA cache_size").fetchone()[0])
        runs: dict[str, Callable[[Query], object]] = {
            "naive": lambda q: _fetch(small, raw.naive_search_sql(q.match, LIMIT)),
            "app_sql": lambda q: q.run_raw(small),
            "raw": lambda q: q.run_raw(conn),
            "app": lambda q: q.run_app(journal),
        }
        for q in words:
            for run in runs.values():
                run(q)
        samples: Samples = {k: [] for k in runs}
        names = list(runs)
        for rep in range(NAIVE_REPEATS):
            for i, q in enumerate(words):
                shift = (i + rep) % len(names)
                for name in names[shift:] + names[:shift]:
                    samples[name].append(_clock(runs[name], q))
    finally:
        small.close()
    result: dict[str, Any] = {k: Stats.of(v).to_dict() for k, v in samples.items()}
    result["cache_size"] = cache
    result["distinct_queries"] = len(words)
    return result


def measure_raw(place: SizeDir) -> dict[str, Any]:
    """Time the raw SQL alone, in a process where nothing enabled memory security.

    SQLCipher's cipher_memory_security is process-wide and cannot be switched off once
    the app's connection recipe has switched it on, so this needs its own process.
    """
    sets = read_json(place.result("measure"))["query_sets"]
    work = [(key, Query.from_dict(q)) for key, items in sets.items() for q in items]
    _envelope, key = unwrap_key(place.journal, PASSPHRASE, FAST)
    conn = raw.connect(place.journal / "journal.db", key)
    try:
        security = _memory_security(conn)
        for q in dict.fromkeys(q for _, q in work):
            q.run_raw(conn)
        samples: Samples = {k: [] for k in sets}
        for rep in range(REPEATS):
            random.Random(SEED + rep).shuffle(work)
            gc.collect()
            for group, q in work:
                samples[group].append(_clock(q.run_raw, conn))
    finally:
        conn.close()
    return {
        "memory_security": security,
        "groups": {k: Stats.of(v).to_dict() for k, v in samples.items()},
        "rss_mib": peak_rss_mib(),
    }


def _memory_security(conn: Any) -> bool:
    return str(conn.execute("PRAGMA cipher_memory_security").fetchone()[0]) in ("1", "ON")
