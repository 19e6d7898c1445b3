"""Time the schema 6 migration (typed supervisors become provider records) on a large journal.

    python -m benchmarks.records_migration                 # 100,000 entries, 5 % supervision
    python -m benchmarks.records_migration --size 20000 --runs 3

A journal is made with today's code, its entries written in one transaction (synthetic
reflections, and supervision sessions naming one of eight supervisors as typed), then put
back to schema 5: the version 6 tables dropped and the supervisor names moved back into the
entries' fields, as a journal written before provider records holds them. Each run copies
that file and times `schema.migrate` on it alone (no backup, no KDF). The baseline, timed on
the same copy in the same run, is one pass reading every entry's fields
(`json_extract` over all rows): the least a migration that must find the supervision entries
and index every entry's provider can do, so the ratio says what the migration costs on top.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from benchmarks.common import FAST, PASSPHRASE
from reflectjournal.domain import sort_key
from reflectjournal.services.journal import Journal, unwrap_key
from reflectjournal.store import schema
from reflectjournal.store.database import Database

SEED = 20261203
NAMES = ("Dr. Lee", "Jordan Lee", "A. Kim", "Sam Ortiz", "V.", "K. (group facilitator)",
         "Dr. Ames", "Peer group")
_V6_TABLES = ("profile", "provider_qualifications", "providers", "provider_merges",
              "entry_amendments")


def build(folder: Path, size: int, share: float) -> None:
    """Write a schema-5 journal of `size` entries, `share` of them supervision sessions."""
    rng = random.Random(SEED)
    Journal.create(folder, PASSPHRASE, FAST)[0].close()
    _, key = unwrap_key(folder, PASSPHRASE, FAST)
    db = Database.open(folder / "journal.db", key)
    start = sort_key.first_key(dt.date(2016, 1, 1))
    rows = []
    for i in range(size):
        supervision = rng.random() < share
        fields = ({"supervisor": rng.choice(NAMES), "format": "individual"} if supervision
                  else {"setting": "home"})
        rows.append((start + i * 3, str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                     "supervision" if supervision else "reflection", f"Entry {i}",
                     "A short reflection about a home visit and what I noticed.", "{}",
                     json.dumps(fields), 60 if supervision else None,
                     "2026-01-01T00:00:00+00:00", "2026-01-01T00:00:00+00:00"))
    with db.transaction():
        db.executemany("INSERT INTO entries (id, uuid, kind, title, body, answers, fields,"
                       " duration_minutes, created_at, modified_at)"
                       " VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
    with db.transaction():  # back to schema 5, supervisors typed on the entries
        db.execute("UPDATE entries SET fields = json_remove(fields, '$.provider_id')")
        db.execute("DROP INDEX entries_by_provider")
        for table in _V6_TABLES:
            db.execute(f"DROP TABLE {table}")
        db.execute("ALTER TABLE confirmed_sessions DROP COLUMN logged_minutes")
        db.execute("PRAGMA user_version = 5")
    db.close()


def measure(folder: Path, work: Path, runs: int) -> dict[str, float]:
    """Return median seconds of the migration and of the baseline pass, and their ratio."""
    _, key = unwrap_key(folder, PASSPHRASE, FAST)
    migrations, baselines = [], []
    for run in range(runs):
        copy = work / f"run-{run}"
        shutil.copytree(folder, copy)
        db = Database.open(copy / "journal.db", key)
        began = time.perf_counter()
        db.scalar("SELECT count(json_extract(fields, '$.supervisor')) FROM entries")
        baselines.append(time.perf_counter() - began)
        began = time.perf_counter()
        schema.migrate(db)
        migrations.append(time.perf_counter() - began)
        providers = db.scalar("SELECT count(*) FROM providers")
        assert providers == len(NAMES), providers  # one record per distinct typed name
        db.close()
        shutil.rmtree(copy)
    migrate, baseline = statistics.median(migrations), statistics.median(baselines)
    return {"migration_s": round(migrate, 3), "baseline_s": round(baseline, 3),
            "ratio": round(migrate / baseline, 2)}


def main(argv: list[str] | None = None) -> int:
    """Build, measure, print."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.records_migration")
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--share", type=float, default=0.05, help="share of supervision")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        build(work / "v5", args.size, args.share)
        result = {"entries": args.size, "supervision_share": args.share,
                  **measure(work / "v5", work, args.runs)}
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
