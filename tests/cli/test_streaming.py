"""Unlimited list and search stream: the first hit at once, in flat memory however many."""

from __future__ import annotations

import gc
import io
import json
import random
import subprocess
import sys
import tracemalloc
import uuid
from pathlib import Path
from typing import Any

import pytest

from reflectjournal.cli.main import run
from reflectjournal.services.journal import Journal
from tests.helpers.cli import isolated_env
from tests.helpers.journals import FAST, FLOOR, PASSPHRASE

MANY = 2400
"""Enough that the text listing (about 200 KB) cannot fit in a pipe (64 KB)."""


def _export(count: int) -> bytes:
    rng = random.Random(11)
    entries = [{
        "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "kind": "reflection", "date": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
        "title": f"Visit {i}", "answers": {},
        "body": f"The baby followed the cue {i} and the mother waited.\n" * 3,
        "fields": {}, "duration_minutes": None, "competencies": [], "themes": [],
        "tags": [], "starred": False,
        "created_at": "2025-01-01T10:00:00+00:00", "modified_at": "2025-01-01T10:00:00+00:00",
    } for i in range(count)]
    doc = {"format": "reflectjournal-export", "version": 1,
           "exported_at": "2025-06-01T00:00:00+00:00", "tags": [], "entries": entries}
    return json.dumps(doc).encode()


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a journal of MANY entries that the real command line opens quickly."""
    folder = tmp_path_factory.mktemp("streaming") / "journal"
    journal, _recovery = Journal.create(folder, PASSPHRASE, FLOOR)
    with journal:
        journal.import_json(_export(MANY))
    return folder


class _NullFile(io.RawIOBase):
    """The null device under standard output, noting Python's memory in use at the first line.

    Noted below the text layer: JSON lines are written to its binary buffer.
    """

    def __init__(self) -> None:
        super().__init__()
        self.at_first_line: int | None = None
        self.chars = 0  # bytes, in UTF-8

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        if self.at_first_line is None and b"\n" in bytes(data):
            # What is held, not what awaits the collector: the parser's cycles (about 350 KB)
            # are garbage by now, and whether a collection ran before this line or not
            # depends on allocation counts (it differed between runs on Python 3.13).
            gc.collect()
            self.at_first_line = tracemalloc.get_traced_memory()[0]
        self.chars += len(data)
        return len(data)


def _memory(folder: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, int, int]:
    """Run a command; return Python's memory at its first line and at its peak, and chars."""
    monkeypatch.setenv("REFLECTJOURNAL_PASSPHRASE", PASSPHRASE)
    null = _NullFile()
    sink = io.TextIOWrapper(io.BufferedWriter(null), encoding="utf-8")
    monkeypatch.setattr("sys.stdout", sink)
    tracemalloc.start()
    try:
        start = tracemalloc.get_traced_memory()[0]
        assert run(["--journal", str(folder), *args], options=FAST) == 0
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        monkeypatch.undo()
        sink.close()
    assert null.at_first_line is not None
    return null.at_first_line - start, peak - start, null.chars


@pytest.mark.parametrize("command", [
    ("list",), ("list", "--format", "json"),
    ("search", "cue", "--sort", "newest"), ("search", "cue", "--format", "json"),
])
def test_many_hits_take_no_more_memory_than_a_few(
    many: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]
) -> None:
    _memory(many, monkeypatch, *command, "--limit", "1")  # imports what the command needs
    # Rows come in batches of 256: both runs hold more than two at a time.
    few_first, few_peak, few_chars = _memory(many, monkeypatch, *command, "--limit", "800")
    all_first, all_peak, all_chars = _memory(many, monkeypatch, *command)
    assert all_chars > 2.5 * few_chars
    # Holding the extra hits (or their output) would take more than their output's size;
    # streamed, the first line is written with the same memory in use (give or take 50 KB
    # between runs), whatever follows.
    extra = all_chars - few_chars
    assert all_first - few_first < extra / 2
    assert all_peak - few_peak < extra / 2


def test_the_first_line_comes_before_the_listing_ends(many: Path, tmp_path: Path) -> None:
    env = isolated_env(tmp_path / "home", REFLECTJOURNAL_PASSPHRASE=PASSPHRASE)
    proc = subprocess.Popen(
        [sys.executable, "-m", "reflectjournal", "--journal", str(many), "list"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True,
    )
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        # The rest cannot fit in the pipe until it is read: the command is still running.
        assert proc.poll() is None
        rest = proc.stdout.read()
    finally:
        _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    lines = [first, *rest.splitlines(keepends=True)]
    assert len(lines) == MANY
    dates = [line.split()[1] for line in lines]
    assert dates == sorted(dates, reverse=True)


def test_streamed_json_is_one_array_with_an_entry_a_line(
    many: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("REFLECTJOURNAL_PASSPHRASE", PASSPHRASE)
    assert run(["--journal", str(many), "search", "cue", "--format", "json", "--limit", "3"],
               options=FAST) == 0
    out = capsys.readouterr().out
    docs = json.loads(out)
    assert len(docs) == 3
    assert all("\n" in d["body"] for d in docs)
    lines = [json.dumps(d, ensure_ascii=False) for d in docs]
    assert out == "[\n" + ",\n".join(lines) + "\n]\n"  # one entry a line
    assert run(["--journal", str(many), "search", "nothing-like-it", "--format", "json"],
               options=FAST) == 0
    assert capsys.readouterr().out == "[]\n"


@pytest.mark.parametrize("command", [("list", "--format", "json"), ("search", "cue")])
def test_a_reader_that_stops_early_gets_no_traceback(
    many: Path, tmp_path: Path, command: tuple[str, ...]
) -> None:
    # As `reflectjournal list --format json | head -c 100` does: the pipe closes while the
    # stream is unfinished; the command ends quietly, and the journal is closed cleanly.
    env = isolated_env(tmp_path / "home", REFLECTJOURNAL_PASSPHRASE=PASSPHRASE)
    proc = subprocess.Popen(
        [sys.executable, "-m", "reflectjournal", "--journal", str(many), *command],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
    )
    assert proc.stdout is not None
    assert proc.stderr is not None
    with proc.stderr:
        assert proc.stdout.read(100)
        proc.stdout.close()
        err = proc.stderr.read()
    assert proc.wait(timeout=60) == 0
    assert err == b""
    assert not (many / "journal.db-wal").exists() or (many / "journal.db-wal").stat().st_size == 0
