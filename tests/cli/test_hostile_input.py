"""Careless and hostile input through the real command line (issue 17), each as a process.

Every case must end in exit status 2 (a usage error) or 1 (a problem to act on) with one plain
line on stderr, never an internal error, and no byte of the journal may change.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.cli import isolated_env
from tests.helpers.journals import PASSPHRASE
from tests.helpers.leaks import folder_bytes


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return isolated_env(tmp_path / "home", REFLECTJOURNAL_PASSPHRASE=PASSPHRASE)


def _run(args: list[str | bytes], env: dict[str, str], stdin: bytes = b"",
         timeout: float = 60) -> tuple[int, str, str]:
    """Run `python -m reflectjournal ARGS` with argv and stdin given as raw bytes if need be."""
    done = subprocess.run([sys.executable, "-m", "reflectjournal", *args], input=stdin,
                          env=env, capture_output=True, timeout=timeout, check=False)
    return (done.returncode, done.stdout.decode("utf-8", "replace"),
            done.stderr.decode("utf-8", "replace"))


def _one_plain_line(err: str) -> str:
    assert "Traceback" not in err
    assert "internal error" not in err
    assert err.count("\n") == 1, err
    return err


USAGE_CASES = [
    (["add", "--kind", "session", "--date", "2026-02-30"], "--date"),
    (["add", "--kind", "session", "--date", "2026-1-1"], "--date"),
    (["add", "--kind", "session", "--date", "0000-00-00"], "--date"),
    (["add", "--kind", "session", "--date", "10000-01-01"], "--date"),
    (["add", "--kind", "session", "--date", "1900-02-29"], "--date"),
    (["add", "--kind", "session", "--duration", "99999999999999999999999"], "--duration"),
    (["list", "--limit", "1000000000000000000000000000000"], "--limit"),
    (["list", "--limit", "-1"], "--limit"),
    (["search", "b", "--limit", "9223372036854775808"], "--limit"),
    (["search", "b", "--from", "2026-13-01"], "--from"),
    (["history", "abc", "99999999999999999999999"], "N"),
    (["show", "ab\x1bcd"], "id"),
    (["tags", "--add", ""], "--add"),
]


@pytest.mark.parametrize(("args", "option"), USAGE_CASES, ids=lambda a: " ".join(a)
                         if isinstance(a, list) else a)
def test_a_bad_option_value_is_a_usage_error_naming_the_option(
    floor_journal: Path, env: dict[str, str], args: list[str], option: str
) -> None:
    before = folder_bytes(floor_journal)
    status, _, err = _run(["--journal", str(floor_journal), *args, "--body", "x"]
                          if args[0] == "add" else ["--journal", str(floor_journal), *args], env)
    assert status == 2
    assert f"argument {option}" in _one_plain_line(err)
    assert folder_bytes(floor_journal) == before


def test_a_date_in_full_width_digits_is_read_as_that_date(
    floor_journal: Path, env: dict[str, str]
) -> None:
    status, out, err = _run(["--journal", str(floor_journal), "add", "--kind", "session",
                             "--date", "２０２６-０３-０７", "--body", "x"], env)
    assert status == 0, err
    status, out, _ = _run(["--journal", str(floor_journal), "list", "--format", "json"], env)
    assert [e["date"] for e in json.loads(out)] == ["2026-03-07"]


@pytest.mark.parametrize("locale", ["C.UTF-8", "C"])
def test_undecodable_argv_and_stdin_are_refused_plainly(
    floor_journal: Path, env: dict[str, str], locale: str
) -> None:
    env["LC_ALL"] = locale
    before = folder_bytes(floor_journal)
    journal = ["--journal", str(floor_journal)]
    status, _, err = _run([*journal, "add", "--kind", "session", "--title", b"\xff\xfe",
                           "--body", "x"], env)
    assert status == 2
    assert "not UTF-8" in _one_plain_line(err)
    status, _, err = _run([*journal, "search", b"caf\xe9"], env)
    assert status == 2
    assert "not UTF-8" in _one_plain_line(err)
    status, _, err = _run([*journal, "add", "--kind", "session", "--body", "-"], env,
                          stdin=b"a\xffb")
    assert status == 1
    assert "Standard input is not UTF-8" in _one_plain_line(err)
    assert folder_bytes(floor_journal) == before


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_devices_pipes_and_folders_are_refused_at_once(
    floor_journal: Path, env: dict[str, str], tmp_path: Path
) -> None:
    fifo = tmp_path / "no-writer"
    os.mkfifo(fifo)
    before = folder_bytes(floor_journal)
    journal = ["--journal", str(floor_journal)]
    for args in (["receive", "/dev/zero"], ["receive", str(fifo)], ["contact", "add", str(fifo)],
                 ["import", "/dev/zero"], ["import", str(tmp_path)],
                 ["--passphrase-file", "/dev/zero", "list"]):
        status, _, err = _run([*journal, *args], env, timeout=20)  # a hang fails by timeout
        assert status == 1, args
        assert "not a regular file" in _one_plain_line(err) or "is a folder" in err
    assert folder_bytes(floor_journal) == before


def _export_with(entry: dict[str, object]) -> bytes:
    base = {"id": "0f0f0f0f-0000-4000-8000-000000000001", "kind": "session",
            "date": "2026-03-01", "title": "t", "answers": {}, "body": "b", "fields": {},
            "duration_minutes": None, "competencies": [], "themes": [], "tags": [],
            "starred": False, "created_at": "2026-03-01T10:00:00+00:00",
            "modified_at": "2026-03-01T10:00:00+00:00"}
    doc = {"format": "reflectjournal-export", "version": 1,
           "exported_at": "2026-03-02T00:00:00+00:00", "tags": [], "entries": [base | entry]}
    return json.dumps(doc).encode()


def test_an_import_naming_thousands_of_prompts_is_refused_and_unknown_fields_are_told(
    floor_journal: Path, env: dict[str, str], tmp_path: Path
) -> None:
    journal = ["--journal", str(floor_journal)]
    flood = tmp_path / "flood.json"
    flood.write_bytes(_export_with({"answers": {f"p{i}": "x" for i in range(50_000)}}))
    before = folder_bytes(floor_journal)
    status, _, err = _run([*journal, "import", str(flood)], env)
    assert status == 1
    assert "entries[0].answers: 50,000 items" in _one_plain_line(err)
    assert folder_bytes(floor_journal) == before

    odd = tmp_path / "odd.json"
    odd.write_bytes(_export_with({"fields": {"setting": "home", "shoe_size": 9, "mood": "x"},
                                  "answers": {"no_such_prompt": "kept words"}}))
    status, _, err = _run([*journal, "import", str(odd)], env)
    assert status == 0, err
    assert "Dropped 2 values of fields their kind does not define" in err
    assert "Kept 1 answer to prompts their kind does not list" in err
    status, out, _ = _run([*journal, "list", "--format", "json"], env)
    [entry] = json.loads(out)
    assert entry["fields"] == {"setting": "home"}
    assert entry["answers"] == {"no_such_prompt": "kept words"}

    wrong = tmp_path / "wrong.json"
    wrong.write_bytes(_export_with({"id": "0f0f0f0f-0000-4000-8000-000000000002",
                                    "fields": {"setting": "the moon"}}))
    before = folder_bytes(floor_journal)
    status, _, err = _run([*journal, "import", str(wrong)], env)
    assert status == 1
    assert "entries[0].fields.setting" in _one_plain_line(err)
    assert folder_bytes(floor_journal) == before


def test_a_closed_standard_input_is_told_plainly(floor_journal: Path, env: dict[str, str]) -> None:
    before = folder_bytes(floor_journal)
    done = subprocess.run(
        [sys.executable, "-m", "reflectjournal", "--journal", str(floor_journal), "add",
         "--kind", "session"], env=env, capture_output=True,
        preexec_fn=lambda: os.close(0), timeout=60, check=False)
    err = done.stderr.decode()
    assert done.returncode == 1
    assert "no standard input" in _one_plain_line(err)
    assert folder_bytes(floor_journal) == before
