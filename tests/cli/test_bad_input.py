"""Bad input through the real command line, each as a separate process.

Journals are made with the cheapest KDF parameters the production floor accepts, since a
subprocess runs with the production policy.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.cli import isolated_env, run_subprocess
from tests.helpers.journals import PASSPHRASE
from tests.helpers.leaks import folder_bytes


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return isolated_env(tmp_path / "home", REFLECTJOURNAL_PASSPHRASE=PASSPHRASE)


def test_wrong_passphrase_changes_no_byte_and_creates_no_wal(
    floor_journal: Path, env: dict[str, str]
) -> None:
    before = folder_bytes(floor_journal)
    env["REFLECTJOURNAL_PASSPHRASE"] = "not the right passphrase"
    result = run_subprocess(["--journal", str(floor_journal), "list"], env)
    assert result.status == 1
    assert "passphrase does not open this journal" in result.err
    assert "Traceback" not in result.err
    assert folder_bytes(floor_journal) == before
    assert not (floor_journal / "journal.db-wal").exists()


def _fill(folder: Path) -> None:
    """Write enough entries that the database spans many pages."""
    from reflectjournal.domain.entry import EntryChanges
    from reflectjournal.services.journal import Journal
    from tests.helpers.journals import FLOOR

    with Journal.open(folder, PASSPHRASE, FLOOR) as journal:
        for i in range(200):
            journal.add_entry(EntryChanges(kind="reflection", body=f"reflection {i} " * 60))


@pytest.mark.parametrize("damage", ["flip-page-1", "flip-middle", "truncate"])
def test_damaged_database_says_damaged_not_wrong_passphrase(
    floor_journal: Path, env: dict[str, str], damage: str
) -> None:
    _fill(floor_journal)
    db = floor_journal / "journal.db"
    data = bytearray(db.read_bytes())
    assert len(data) > 8 * 4096
    if damage == "flip-page-1":
        data[200] ^= 0x01
    elif damage == "flip-middle":
        data[len(data) // 2 + 100] ^= 0x01
    else:
        data = data[: len(data) // 2 + 1000]
    db.write_bytes(bytes(data))
    outcomes = [run_subprocess(["--journal", str(floor_journal), cmd], env)
                for cmd in ("list", "check")]
    messages = " ".join(r.err + r.out for r in outcomes)
    assert any(r.status != 0 for r in outcomes)
    assert "damaged" in messages or "PROBLEMS FOUND" in messages
    assert "passphrase" not in messages.lower().replace("--passphrase-file", "")
    assert "Traceback" not in messages


def test_damaged_and_swapped_envelopes(
    floor_journal: Path, env: dict[str, str], tmp_path: Path
) -> None:
    from reflectjournal.services.journal import Journal
    from tests.helpers.journals import FLOOR

    other = tmp_path / "other"
    Journal.create(other, PASSPHRASE, FLOOR)[0].close()
    key = floor_journal / "journal.key"
    original = key.read_bytes()

    key.write_bytes((other / "journal.key").read_bytes())
    swapped = run_subprocess(["--journal", str(floor_journal), "list"], env)
    assert swapped.status == 1
    assert "do not belong together" in swapped.err

    key.write_bytes(original[: len(original) // 2])
    truncated = run_subprocess(["--journal", str(floor_journal), "list"], env)
    assert truncated.status == 1
    assert "key file (journal.key) is damaged" in truncated.err

    key.write_bytes(original.replace(b'"iterations": 3', b'"iterations": 4'))
    tampered = run_subprocess(["--journal", str(floor_journal), "list"], env)
    assert tampered.status == 1
    assert "Traceback" not in tampered.err


def test_second_process_is_refused(floor_journal: Path, env: dict[str, str]) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time\n"
         "from reflectjournal.store.lock import JournalLock\n"
         "from pathlib import Path\n"
         f"lock = JournalLock(Path({str(floor_journal / 'journal.lock')!r}))\n"
         "lock.acquire(); print('locked', flush=True); sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "locked"
        result = run_subprocess(["--journal", str(floor_journal), "list"], env)
        assert result.status == 1
        assert "This journal is open in another window or process." in result.err
    finally:
        holder.communicate("")
    assert run_subprocess(["--journal", str(floor_journal), "list"], env).status == 0


def test_plain_sqlite_is_refused_and_nothing_is_created(
    tmp_path: Path, env: dict[str, str]
) -> None:
    target = tmp_path / "never"
    code = (
        "import sqlite3, sys\n"
        "sys.modules['sqlcipher3'] = sqlite3\n"
        "sys.modules['sqlcipher3.dbapi2'] = sqlite3\n"
        "from reflectjournal.cli.main import run\n"
        f"sys.exit(run(['--journal', {str(target)!r}, 'init']))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, check=False, timeout=60)
    assert done.returncode == 1
    assert "SQLCipher is missing" in done.stderr
    assert not target.exists()


def test_missing_journal_and_bad_arguments_have_no_traceback(
    tmp_path: Path, env: dict[str, str]
) -> None:
    missing = run_subprocess(["--journal", str(tmp_path / "none"), "list"], env)
    assert missing.status == 1
    assert "reflectjournal init" in missing.err
    bad_date = run_subprocess(["--journal", str(tmp_path / "none"), "list", "--from", "2026-02-30"],
                              env)
    assert bad_date.status == 2  # a usage error, told before the journal is looked for
    assert bad_date.err.count("\n") == 1
    assert "--from" in bad_date.err
    assert "Traceback" not in bad_date.err
    usage = run_subprocess(["no-such-command"], env)
    assert usage.status == 2
    assert "Traceback" not in usage.err
