"""Unlocking: opening with an already-unwrapped key, and the production KDF on its own."""

from __future__ import annotations

import gc
import os
import time
from typing import Any

from benchmarks import raw
from benchmarks.common import FAST, PASSPHRASE, SizeDir, Stats
from benchmarks.queries import LIMIT
from reflectjournal.services.journal import Journal, unwrap_key
from reflectjournal.store.envelope import PRODUCTION_KDF, SALT_BYTES, derive_passphrase_key

UNLOCK_RUNS = 10

Samples = dict[str, list[float]]


def time_unlock(place: SizeDir) -> dict[str, dict[str, float]]:
    """Time opening with an unwrapped key (KDF apart), then the first list query."""
    samples: Samples = {k: [] for k in ("app_open", "app_open_list", "raw_open", "raw_open_list")}
    database = place.journal / "journal.db"
    latest = raw.list_sql((), (), LIMIT)
    for run in range(UNLOCK_RUNS + 1):  # run 0 warms up
        envelope, key = unwrap_key(place.journal, PASSPHRASE, FAST)
        gc.collect()
        for side in (("app", "raw") if run % 2 else ("raw", "app")):
            start = time.perf_counter()
            if side == "app":
                journal = Journal.open_with_key(place.journal, envelope, key, FAST)
                opened = time.perf_counter()
                journal.list_entries(limit=LIMIT)
                listed = time.perf_counter()
                journal.close()
            else:
                conn = raw.connect(database, key)
                opened = time.perf_counter()
                conn.execute(*latest).fetchall()
                listed = time.perf_counter()
                conn.close()
            if run:
                samples[f"{side}_open"].append(opened - start)
                samples[f"{side}_open_list"].append(listed - start)
    return {k: Stats.of(v).to_dict() for k, v in samples.items()}


def measure_kdf() -> dict[str, Any]:
    """Calibrate the production KDF on this machine and time one derivation with it."""
    start = time.perf_counter()
    params = PRODUCTION_KDF.calibrate()
    calibrated = time.perf_counter()
    derive_passphrase_key(PASSPHRASE, os.urandom(SALT_BYTES), params)
    derived = time.perf_counter()
    return {
        "memory_kib": params.memory_kib, "iterations": params.iterations,
        "lanes": params.lanes, "calibrate_s": calibrated - start,
        "derive_s": derived - calibrated, "target_s": PRODUCTION_KDF.target_seconds,
    }
