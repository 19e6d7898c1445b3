"""Canary text never reaches a file we did not export; a killed import is all or nothing."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
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
    ok("export", "-o", str(exported))
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


def test_kill_during_import_leaves_all_or_nothing(tmp_path: Path) -> None:
    count = 10_000
    source = tmp_path / "many.json"
    _export_file(source, count)
    env = isolated_env(tmp_path / "home", REFLECTJOURNAL_PASSPHRASE=PASSPHRASE)

    def start(journal: Path) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [sys.executable, "-m", "reflectjournal", "--journal", str(journal), "import",
             str(source)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    # One full run tells how long an import takes on this machine.
    full = tmp_path / "full"
    Journal.create(full, PASSPHRASE, FLOOR)[0].close()
    began = time.perf_counter()
    assert start(full).wait(timeout=300) == 0
    duration = time.perf_counter() - began
    assert _count(full) == count

    killed_midway = 0
    for i, fraction in enumerate((0.35, 0.6, 0.8, 0.92)):
        journal = tmp_path / f"killed-{i}"
        Journal.create(journal, PASSPHRASE, FLOOR)[0].close()
        process = start(journal)
        time.sleep(duration * fraction)
        os.kill(process.pid, signal.SIGKILL)
        status = process.wait(timeout=60)
        killed_midway += status == -signal.SIGKILL
        assert _count(journal) in (0, count)
    assert killed_midway >= 2


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
