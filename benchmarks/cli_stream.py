"""The command line's streaming: first line, hits per second and peak RSS, one run a process.

Each case runs `reflectjournal.cli.main.run` in a fresh worker process (the benchmark
journal's cheap KDF is passed as options, as the tests do), with standard output going to
the null device through a sink that notes when the first line is written. Peak RSS
(ru_maxrss) is then the whole command's, SQLite's allocations included.
"""

from __future__ import annotations

import io
import os
import re
import sys
import time
from dataclasses import dataclass
from typing import Any

from benchmarks import vocabulary
from benchmarks.common import FAST, PASSPHRASE, SizeDir, peak_rss_mib
from reflectjournal.cli.main import run

_HIT_LINE = re.compile(r"[0-9a-f]{8}  \d{4}-\d\d-\d\d  ")
_JSON_HIT = re.compile(rb"\n{")
_NEWLINE = re.compile(rb"\n")
HITS = 20_000
"""The issue's figure: 20,000 JSON hits (fewer in journals without that many)."""
WORD = vocabulary.COMMON_WORDS[0]
"""The most common word of the corpus (about three entries in four)."""
TARGET_HITS_PER_S = 20_000


@dataclass(frozen=True, slots=True)
class Case:
    """One command line to time."""

    key: str
    title: str
    args: tuple[str, ...]


CASES = (
    Case("search_json", f"search {WORD} --format json --limit {HITS:,}",
         ("search", WORD, "--sort", "newest", "--format", "json", "--limit", str(HITS))),
    Case("search_text", f"search {WORD} --limit {HITS:,} (text)",
         ("search", WORD, "--sort", "newest", "--limit", str(HITS))),
    Case("list_json", "list --format json, unlimited (every entry)",
         ("list", "--format", "json")),
    Case("search_json_relevance", f"search {WORD} --format json, unlimited, by relevance",
         ("search", WORD, "--format", "json")),
)


class _Null(io.RawIOBase):
    """The null device under standard output, noting when the first line arrives.

    JSON lines are written to standard output's binary buffer, so they are counted here:
    each hit is one line, from "[\\n" or ",\\n" on.
    """

    def __init__(self) -> None:
        super().__init__()
        self.first_line_at: float | None = None
        self.first_line_cpu = 0.0
        self.json_hits = 0
        self.bytes = 0
        self._last = b""  # a hit's start may be split between two writes

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        if self.first_line_at is None and _NEWLINE.search(data):
            self.first_line_at = time.perf_counter()
            self.first_line_cpu = time.process_time()
        self.json_hits += len(_JSON_HIT.findall(data)) + (
            self._last == b"\n" and data[:1] == b"{")
        self._last = bytes(data[-1:])
        self.bytes += len(data)
        return len(data)


class _Sink(io.TextIOWrapper):
    """Standard output on the null device, counting text hits as they are printed."""

    def __init__(self, null: _Null) -> None:
        super().__init__(io.BufferedWriter(null), encoding="utf-8")
        self.text_hits = 0

    def write(self, text: str) -> int:
        # each hit is one print: its summary line, then its snippet (which may wrap)
        self.text_hits += _HIT_LINE.match(text) is not None
        return super().write(text)


def measure_case(place: SizeDir, key: str) -> dict[str, Any]:
    """Run one case and return its figures."""
    case = next(c for c in CASES if c.key == key)
    os.environ["REFLECTJOURNAL_PASSPHRASE"] = PASSPHRASE
    null = _Null()
    sink = _Sink(null)
    real = sys.stdout
    sys.stdout = sink
    rss_before = peak_rss_mib()
    start, cpu = time.perf_counter(), time.process_time()
    try:
        status = run(["--journal", str(place.journal), *case.args], options=FAST)
        sink.flush()
    finally:
        sys.stdout = real
    end, end_cpu = time.perf_counter(), time.process_time()
    hits = null.json_hits if "json" in case.args else sink.text_hits
    if status != 0 or null.first_line_at is None or hits < 2:
        raise RuntimeError(f"{case.title} failed with status {status}")
    # The rate the issue sets is the flow after the first line (which includes opening).
    after, after_cpu = end - null.first_line_at, end_cpu - null.first_line_cpu
    return {
        "key": case.key, "title": case.title, "hits": hits, "bytes": null.bytes,
        "seconds": end - start, "cpu_s": end_cpu - cpu,
        "first_line_ms": (null.first_line_at - start) * 1000,
        "hits_per_s": (hits - 1) / after, "hits_per_cpu_s": (hits - 1) / after_cpu,
        "peak_rss_mib": peak_rss_mib(),
        "rss_before_mib": rss_before,
    }
