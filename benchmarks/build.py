"""Building benchmark journals through the real import path, and the raw-import baseline.

Each step runs in its own subprocess (see worker.py), so the import's peak memory is not
mixed up with generating the export document.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import sys
import time
from collections.abc import Iterable
from typing import Any

from benchmarks import raw
from benchmarks.common import (
    FAST,
    PASSPHRASE,
    SEED,
    SizeDir,
    cpu_seconds,
    peak_rss_mib,
    read_json,
)
from benchmarks.corpus import CORPUS_VERSION, Generator, TagPools, user_tags
from reflectjournal import __version__ as app_version
from reflectjournal.domain import exchange, sort_key
from reflectjournal.domain.exchange import MAX_IMPORT_BYTES
from reflectjournal.resources import load_catalog
from reflectjournal.services.files import open_chosen_file
from reflectjournal.services.journal import Journal, unwrap_key
from reflectjournal.store import schema
from reflectjournal.store.envelope import DataKey

EXPORTED_AT = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)


def identity(size: int) -> dict[str, Any]:
    """Return what a built journal must match to be reused.

    The schema is identified by a hash of its statements as well as its version: an
    unreleased migration may be edited in place (new indexes, FTS options).
    """
    statements = "\n".join(s if isinstance(s, str) else s.__qualname__
                           for migration in schema.MIGRATIONS for s in migration)
    return {
        "size": size, "seed": SEED, "corpus_version": CORPUS_VERSION,
        "schema_version": schema.LATEST,
        "schema_sha256": hashlib.sha256(statements.encode()).hexdigest(),
        "catalog_version": load_catalog().version, "reflectjournal_version": app_version,
    }


def is_built(place: SizeDir, size: int) -> bool:
    """Return whether a finished build of this size, data and schema is present."""
    if not (place.marker.is_file() and place.journal.is_dir()):
        return False
    try:
        marker = read_json(place.marker)
    except (OSError, ValueError):
        return False
    return isinstance(marker, dict) and marker.get("identity") == identity(size)


def clear(place: SizeDir) -> None:
    """Remove a stale or half-built journal of this size."""
    if place.root.exists():
        shutil.rmtree(place.root)
    place.root.mkdir(parents=True)


def generate(place: SizeDir, size: int) -> dict[str, Any]:
    """Create the empty journal and write the export document to import into it."""
    journal, _recovery = Journal.create(place.journal, PASSPHRASE, FAST)
    with journal:
        catalog = journal.catalog
        pools = TagPools(tuple(journal.tags("competency")), tuple(journal.tags("theme")),
                         user_tags(SEED))
    start = time.perf_counter()
    entries = Generator(SEED, catalog, pools).entries(size)
    data = exchange.to_json(entries, pools.all, EXPORTED_AT)
    seconds = time.perf_counter() - start
    place.export.write_bytes(data)
    words = [_words(e.body) + sum(_words(a) for a in e.answers.values()) for e in entries]
    return {
        "generate_s": seconds, "export_bytes": len(data),
        "words_min": min(words), "words_max": max(words), "words_mean": sum(words) / size,
        "entries_with_answers": sum(1 for e in entries if e.answers),
    }


def _words(text: str) -> int:
    return len(text.split())


def import_export(place: SizeDir, size: int) -> dict[str, Any]:
    """Import the export document as `reflectjournal import` does (then delete it).

    The file is opened with the command line's checks and read as the import goes, so the
    peak RSS is the import's, not that of a copy of the file in memory.
    """
    envelope, key = unwrap_key(place.journal, PASSPHRASE, FAST)
    journal = Journal.open_with_key(place.journal, envelope, key, FAST)
    with journal, open_chosen_file(place.export, MAX_IMPORT_BYTES, "JSON export") as stream:
        start, cpu = time.perf_counter(), cpu_seconds()
        result = journal.import_json(stream)
        app_s, app_cpu = time.perf_counter() - start, cpu_seconds() - cpu
        if (result.added, journal.count_entries()) != (size, size):
            raise RuntimeError(f"import added {result.added} entries, expected {size}")
    place.export.unlink()
    return {
        "import_s": app_s, "import_cpu_s": app_cpu, "import_peak_rss_mib": peak_rss_mib(),
        "database_bytes": (place.journal / "journal.db").stat().st_size,
    }


def raw_import(place: SizeDir, size: int) -> dict[str, Any]:
    """Time the raw-import baseline, memory security off as in the app.

    (Runs with it on took five times as long: 363 s at 100,000 entries, see the findings.)
    """
    data = place.export.read_bytes()
    _envelope, key = unwrap_key(place.journal, PASSPHRASE, FAST)
    cpu = cpu_seconds()
    plain = _raw_import(place, key, data, size, memory_security=False)
    print(f"  raw import {plain:.1f} s", file=sys.stderr, flush=True)
    # CPU time beside the clock: on the shared machine the load moves between the two steps
    # (1.44x by the clock in one run, with the load rising from 13 to 17 between them).
    return {"raw_import_s": plain, "raw_import_cpu_s": cpu_seconds() - cpu}


def _raw_import(
    place: SizeDir, key: DataKey, data: bytes, size: int, *, memory_security: bool
) -> float:
    """Insert the same rows into a fresh database with the same schema, by hand.

    Timed like the app's import: from the document's bytes to a committed, checkpointed
    database. No validation, no per-entry lookups: the least work SQLite can be given.
    """
    path = place.raw_copy
    for leftover in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm"))):
        leftover.unlink(missing_ok=True)
    conn = raw.connect(path, key, memory_security=memory_security)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        for version, statements in enumerate(schema.MIGRATIONS, start=1):
            conn.execute("BEGIN")
            for statement in statements:
                # A data step (a function) has nothing to do on the empty tables here.
                if isinstance(statement, str):
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        start = time.perf_counter()
        doc = json.loads(data)
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(
            "INSERT INTO tags (id, family, parent_id, label) VALUES (?, ?, ?, ?)",
            [(t["id"], t["family"], t["parent"], t["label"]) for t in doc["tags"]],
        )
        rows, links = _rows(doc["entries"])
        conn.executemany(
            "INSERT INTO entries (id, uuid, kind, title, body, answers, fields,"
            " duration_minutes, starred, modified_at, created_at)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows,
        )
        conn.executemany("INSERT OR IGNORE INTO entry_tags (entry_id, tag_id) VALUES (?, ?)",
                         links)
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        seconds = time.perf_counter() - start
        count = conn.execute("SELECT count(*) FROM entries").fetchone()[0]
    finally:
        conn.close()
    for scratch in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm"))):
        scratch.unlink(missing_ok=True)
    if count != size:
        raise RuntimeError(f"raw import stored {count} entries, expected {size}")
    return seconds


def _rows(
    entries: Iterable[dict[str, Any]],
) -> tuple[list[tuple[Any, ...]], list[tuple[int, str]]]:
    rows: list[tuple[Any, ...]] = []
    links: list[tuple[int, str]] = []
    next_in_day: dict[str, int] = {}
    for e in entries:
        day = e["date"]
        seq = next_in_day.get(day, 0)
        next_in_day[day] = seq + 1
        key = sort_key.first_key(dt.date.fromisoformat(day)) + seq
        rows.append((
            key, e["id"], e["kind"], e["title"], e["body"],
            json.dumps(e["answers"], ensure_ascii=False),
            json.dumps(e["fields"], ensure_ascii=False),
            e["duration_minutes"], int(e["starred"]), e["modified_at"], e["created_at"],
        ))
        links.extend((key, t) for t in (*e["competencies"], *e["themes"], *e["tags"]))
    return rows, links
