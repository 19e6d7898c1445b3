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
from pathlib import Path
from typing import Any

from benchmarks import vocabulary
from benchmarks.common import FAST, PASSPHRASE, SizeDir, peak_rss_mib
from reflectjournal.cli.main import run

_HIT_LINE = re.compile(r"[0-9a-f]{8}  \d{4}-\d\d-\d\d  ")
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
)


class _Sink(io.TextIOWrapper):
    """The null device as standard output, noting when the first line and hits arrive."""

    def __init__(self, json_output: bool) -> None:
        super().__init__(Path(os.devnull).open("wb"), encoding="utf-8")  # noqa: SIM115
        self.first_line_at: float | None = None
        self.first_line_cpu = 0.0
        self.hits = 0
        self.chars = 0
        self._json = json_output

    def write(self, text: str) -> int:
        if self.first_line_at is None and "\n" in text:
            self.first_line_at = time.perf_counter()
            self.first_line_cpu = time.process_time()
        if self._json:  # each hit is written as one line, from "[\n" or ",\n" on
            self.hits += text.startswith(("[\n{", ",\n{"))
        else:  # each hit is one print: its summary line, then its snippet (which may wrap)
            self.hits += _HIT_LINE.match(text) is not None
        self.chars += len(text)
        return super().write(text)


def measure_case(place: SizeDir, key: str) -> dict[str, Any]:
    """Run one case and return its figures."""
    case = next(c for c in CASES if c.key == key)
    os.environ["REFLECTJOURNAL_PASSPHRASE"] = PASSPHRASE
    sink = _Sink("json" in case.args)
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
    if status != 0 or sink.first_line_at is None or sink.hits < 2:
        raise RuntimeError(f"{case.title} failed with status {status}")
    # The rate the issue sets is the flow after the first line (which includes opening).
    after, after_cpu = end - sink.first_line_at, end_cpu - sink.first_line_cpu
    return {
        "key": case.key, "title": case.title, "hits": sink.hits, "chars": sink.chars,
        "seconds": end - start, "cpu_s": end_cpu - cpu,
        "first_line_ms": (sink.first_line_at - start) * 1000,
        "hits_per_s": (sink.hits - 1) / after, "hits_per_cpu_s": (sink.hits - 1) / after_cpu,
        "peak_rss_mib": peak_rss_mib(),
        "rss_before_mib": rss_before,
    }
