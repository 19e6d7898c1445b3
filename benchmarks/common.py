"""Settings shared by the benchmark steps: fast KDF options, paths, timing statistics."""

from __future__ import annotations

import json
import math
import resource
import statistics
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reflectjournal.services.journal import JournalOptions
from reflectjournal.store.testing import FAST_KDF

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "benchmarks" / "out"
DEFAULT_DOC = ROOT / "docs" / "benchmarks.md"
SEED = 20261121
# Synthetic data only; the journals are throwaway benchmark fixtures.
PASSPHRASE = "benchmark journal passphrase not secret"  # noqa: S105
# The tests' cheap Argon2 parameters, for building and reopening: the benchmarks time
# unlocking without the KDF, and the production KDF once, separately.
FAST = JournalOptions(kdf=FAST_KDF)


@dataclass(frozen=True, slots=True)
class SizeDir:
    """Where one journal size keeps its files under the output folder."""

    root: Path

    @classmethod
    def of(cls, out: Path, size: int) -> SizeDir:
        """Return the folder for `size` entries."""
        return cls(out / f"journal-{size}")

    @property
    def journal(self) -> Path:
        """Return the journal folder (database, key file, lock)."""
        return self.root / "journal"

    @property
    def marker(self) -> Path:
        """Return the marker describing a finished build."""
        return self.root / "built.json"

    @property
    def export(self) -> Path:
        """Return the temporary export document used to build the journal."""
        return self.root / "export.json"

    @property
    def raw_copy(self) -> Path:
        """Return the scratch database of the raw-import baseline."""
        return self.root / "raw-import.db"

    def result(self, step: str) -> Path:
        """Return where a step's subprocess writes its JSON result."""
        return self.root / f"{step}-result.json"


def peak_rss_mib() -> float:
    """Return this process's peak resident set size in MiB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports KiB, macOS bytes.
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def cpu_seconds() -> float:
    """Return this process's CPU time so far, user and system (SQLite's work included)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def write_json(path: Path, data: Any) -> None:
    """Write JSON atomically (a killed run leaves no half-written marker)."""
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    tmp.replace(path)


def read_json(path: Path) -> Any:
    """Read a JSON file."""
    return json.loads(path.read_text(encoding="utf-8"))


@dataclass(frozen=True, slots=True)
class Stats:
    """Median and 95th percentile of a list of timings, in milliseconds."""

    n: int
    median_ms: float
    p95_ms: float

    @classmethod
    def of(cls, seconds: Sequence[float]) -> Stats:
        """Summarise timings given in seconds (p95 by the nearest-rank method)."""
        ordered = sorted(seconds)
        rank = max(1, math.ceil(0.95 * len(ordered)))
        return cls(len(ordered), statistics.median(ordered) * 1000, ordered[rank - 1] * 1000)

    def to_dict(self) -> dict[str, float]:
        """Return a JSON-ready dict."""
        return {"n": self.n, "median_ms": self.median_ms, "p95_ms": self.p95_ms}
