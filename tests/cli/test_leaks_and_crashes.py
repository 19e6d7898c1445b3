"""Canary text never reaches a file we did not export; a killed import is all or nothing."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from reflectjournal.domain import exchange
from reflectjournal.domain.entry import Entry
from reflectjournal.domain.ids import new_entry_id
from reflectjournal.services.journal import Journal
from tests.helpers.cli import isolated_env, run_subprocess
from tests.helpers.journals import FLOOR, PASSPHRASE
from tests.helpers.leaks import found_in

CANARIES = {
    "title": "Zebracanarytitle Qwxv",
    "body": "Mauvecanarybody Plimsoll — ünïcode",
    "answer": "Ochrecanaryanswer Trellis",
    "tag": "Cobaltcanarytag",
    "query": "Saffroncanaryquery",
    "passphrase": "Violetcanarypass horse battery",
    "imported": "Umbercanaryimport Lattice",
    "allowed": "Tealcanaryallowed Brisket",
}


def _leaks(root: Path, skip: set[Path]) -> list[str]:
    found = []
    for path in root.rglob("*"):
        if not path.is_file() or path in skip:
            continue
        data = path.read_bytes()
        for name, text in CANARIES.items():
            # Look for a distinctive part, so a tokenised or truncated copy is caught too.
            word = text.split()[0]
            if found_in(data, word):
                found.append(f"{name} in {path.relative_to(root)}")
    return found


def test_canaries_stay_out_of_every_file_not_explicitly_exported(tmp_path: Path) -> None:
    home = tmp_path / "home"
    journal = home / "journal"
    env = isolated_env(home, REFLECTJOURNAL_PASSPHRASE=CANARIES["passphrase"])
    Journal.create(journal, CANARIES["passphrase"], FLOOR)[0].close()
    base = ["--journal", str(journal)]

    def ok(*args: str, stdin: str = "") -> str:
        result = run_subprocess([*base, *args], env, stdin=stdin)
        assert result.status == 0, result.err
        return result.out

    entry_id = ok("add", "--kind", "session", "--title", CANARIES["title"], "--tag",
                  CANARIES["tag"], "--answer", f"baby={CANARIES['answer']}",
                  stdin=CANARIES["body"]).strip()
    ok("edit", entry_id, "--body", CANARIES["body"] + " edited")
    ok("search", CANARIES["query"])
    ok("search", CANARIES["body"].split()[0])
    ok("show", entry_id)
    ok("list", "--format", "json")
    ok("tags")
    exported = home / "exports" / "export.json"
    exported.parent.mkdir()
    ok("allow-list", "--add", CANARIES["allowed"])
    # The check before exports has its own tests (test_check_commands.py); here the copy
    # is what matters, so it is written as it is.
    ok("export", "--skip-check", "-o", str(exported))
    doc = json.loads(exported.read_text(encoding="utf-8"))
    doc["entries"][0]["id"] = str(new_entry_id())
    doc["entries"][0]["title"] = CANARIES["imported"]
    to_import = home / "exports" / "import.json"
    to_import.write_text(json.dumps(doc), encoding="utf-8")
    ok("import", str(to_import))
    ok("check")
    backup = home / "exports" / "copy.rjbackup"
    ok("backup", "-o", str(backup))
    ok("backup")
    ok("restore", str(backup))
    env["REFLECTJOURNAL_NEW_PASSPHRASE"] = CANARIES["passphrase"] + " two"
    ok("passwd")
    env["REFLECTJOURNAL_PASSPHRASE"] = CANARIES["passphrase"] + " two"
    ok("delete", entry_id, "--yes")
    failing = run_subprocess([*base, "search", f'"{CANARIES["query"]}'], env)
    assert failing.status == 1

    explicit = {exported, to_import}
    # Negative control: the scan does find canaries in the files the user exported.
    assert any("title" in leak for leak in _leaks(home / "exports", set()))
    assert _leaks(home, explicit) == []


def _export_file(path: Path, count: int) -> None:
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    entries = [
        Entry(id=new_entry_id(), kind="reflection",
              date=dt.date(2024, 1, 1) + dt.timedelta(i % 700),
              title=f"Entry {i}", body=f"reflection number {i} about a baby and a parent " * 20,
              answers={}, fields={}, duration_minutes=None, competencies=(), themes=(),
              tags=(), starred=False, created_at=now, modified_at=now)
        for i in range(count)
    ]
    path.write_bytes(exchange.to_json(entries, [], now))


def _count(journal: Path) -> int:
    with Journal.open(journal, PASSPHRASE, FLOOR) as opened:
        return opened.count_entries()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return -1


def _kill_when(process: subprocess.Popen[bytes], ready: Callable[[], bool]) -> int:
    """Kill the process with SIGKILL as soon as ready() holds; return its exit status."""
    deadline = time.monotonic() + 120
    # Polls the journal's files, the only signs an import gives of where it is; a short
    # pause between looks keeps the kill within a millisecond or two of the moment.
    while process.poll() is None and not ready():
        assert time.monotonic() < deadline, "the import never reached the kill point"
        time.sleep(0.001)
    if process.poll() is None:
        os.kill(process.pid, signal.SIGKILL)
    return process.wait(timeout=60)


def test_kill_during_import_leaves_all_or_nothing(tmp_path: Path) -> None:
    # The import is one transaction: its pages stay in the page cache until the commit
    # writes them to the -wal file, and closing then copies them into journal.db. So the
    # three moments that matter show on disk: the -wal appearing (the transaction is being
    # built), the -wal growing (the commit is being written), and journal.db growing (the
    # committed import is being checkpointed).
    count = 4_000
    source = tmp_path / "many.json"
    _export_file(source, count)
    env = isolated_env(tmp_path / "home", REFLECTJOURNAL_PASSPHRASE=PASSPHRASE)

    def start(journal: Path) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [sys.executable, "-m", "reflectjournal", "--journal", str(journal), "import",
             str(source)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def journal_at(name: str) -> tuple[Path, Path, Path, int]:
        folder = tmp_path / name
        Journal.create(folder, PASSPHRASE, FLOOR)[0].close()
        db = folder / "journal.db"
        return folder, db, folder / "journal.db-wal", _size(db)

    building, _, wal, _ = journal_at("while-building")
    status = _kill_when(start(building), lambda: _size(wal) >= 0)
    assert status == -signal.SIGKILL  # a transaction of thousands takes far longer
    assert _count(building) == 0

    writing, _, wal, _ = journal_at("while-committing")
    writing_status = _kill_when(start(writing), lambda: _size(wal) > 1024 * 1024)
    assert _count(writing) in (0, count)

    copying, db, _, empty = journal_at("while-checkpointing")
    copying_status = _kill_when(start(copying), lambda: _size(db) > empty)
    assert _count(copying) == count  # committed before the copy began

    # At least one of the two late kills must have landed before the import ended, or
    # this test would prove nothing about them.
    assert -signal.SIGKILL in (writing_status, copying_status)


SHARING_CANARIES = {
    "shared": "Tangerinecanaryshared Quokka",
    "redacted": "Magentacanaryredacted",
    "comment": "Russetcanarycomment Fennel",
    "watch": "Celadoncanarywatch",
}


def test_sharing_keeps_canaries_out_of_every_file_including_the_bundles(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = isolated_env(home, REFLECTJOURNAL_PASSPHRASE=PASSPHRASE)
    for name in ("clinician", "supervisor"):
        Journal.create(home / name, PASSPHRASE, FLOOR)[0].close()
    out = home / "out"
    out.mkdir()

    def ok(who: str, *args: str) -> str:
        result = run_subprocess(["--journal", str(home / who), *args], env)
        assert result.status == 0, result.err
        return result.out

    ok("clinician", "contact", "card", "--name", "Sam", "-o", str(out / "sam.rjcard"))
    ok("supervisor", "contact", "card", "--name", "Ada", "-o", str(out / "ada.rjcard"))
    code = ok("clinician", "contact", "add", str(out / "ada.rjcard")).split("code: ")[1].strip()
    ok("supervisor", "contact", "add", str(out / "sam.rjcard"))
    ok("clinician", "contact", "verify", "Ada", "--code", code)
    ok("supervisor", "contact", "verify", "Sam", "--code", code)
    ok("clinician", "watch-list", "--add", SHARING_CANARIES["watch"])
    entry_id = ok("clinician", "add", "--kind", "session", "--title", "Visit", "--body",
                  f"{SHARING_CANARIES['shared']} and {SHARING_CANARIES['watch']} "
                  f"{SHARING_CANARIES['redacted']}").strip()
    ok("clinician", "share", "--to", "Ada", "--id", entry_id, "--redact-flags",
       "-o", str(out / "supervision.rjb"))
    ok("supervisor", "receive", str(out / "supervision.rjb"))
    ok("supervisor", "received", entry_id[:8])
    ok("supervisor", "comment", entry_id[:8], "--text", SHARING_CANARIES["comment"])
    ok("supervisor", "confirm-session", entry_id[:8], "--minutes", "60")
    ok("supervisor", "reply", "--to", "Sam", "-o", str(out / "comments.rjb"))
    ok("clinician", "receive", str(out / "comments.rjb"))
    shown = ok("clinician", "show", entry_id).encode()

    leaks = []
    for path in home.rglob("*"):
        if path.is_file():
            leaks += [f"{name} in {path.relative_to(home)}" for name, text in
                      SHARING_CANARIES.items() if found_in(path.read_bytes(), text.split()[0])]
    assert leaks == []
    # Negative control: the same scan finds the comment where it belongs, on the terminal.
    assert found_in(shown, SHARING_CANARIES["comment"].split()[0])
