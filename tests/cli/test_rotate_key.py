"""passwd --rotate-key through the real command line: old key files stop opening the journal.

A plain passphrase change only rewraps the data key, so an old journal.key (say, from an
old backup) with the old passphrase still opens the database; after a rotation neither
it nor the old recovery key does, the journal opens with the new passphrase and the new
recovery key, and a verified backup of the journal as it was comes first.
"""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest

from reflectjournal.services.journal import Journal
from tests.helpers.cli import isolated_env, run_subprocess
from tests.helpers.journals import FLOOR, NEW_PASSPHRASE, PASSPHRASE, add_entry
from tests.helpers.leaks import folder_bytes

_RECOVERY = re.compile(r"^[A-Z0-9]{4}(-[A-Z0-9]{4})+$", re.MULTILINE)


@pytest.fixture
def made(journal_dir: Path) -> tuple[Path, str]:
    """Create a journal with two entries; return its folder and recovery key."""
    journal, recovery_key = Journal.create(journal_dir, PASSPHRASE, FLOOR)
    with journal:
        add_entry(journal, title="Visit one", body="the baby looked for her mother")
        add_entry(journal, title="Visit two", body="a long look at the window")
    return journal_dir, recovery_key


def _env(tmp_path: Path, passphrase: str, **extra: str) -> dict[str, str]:
    return isolated_env(tmp_path / "home", REFLECTJOURNAL_PASSPHRASE=passphrase, **extra)


def _changing(tmp_path: Path) -> dict[str, str]:
    return _env(tmp_path, PASSPHRASE, REFLECTJOURNAL_NEW_PASSPHRASE=NEW_PASSPHRASE)


def test_rotating_the_key_retires_old_key_files_and_the_old_recovery_key(
    made: tuple[Path, str], tmp_path: Path
) -> None:
    folder, old_recovery = made
    old_key, old_db = (folder / "journal.key").read_bytes(), (folder / "journal.db").read_bytes()
    rotated = run_subprocess(["--journal", str(folder), "passwd", "--rotate-key"],
                             _changing(tmp_path))
    assert rotated.status == 0, rotated.err
    for step in ("[1/4] Making a verified backup", "[2/4] Re-encrypting the database",
                 "[3/4] Checking", "[4/4] Saving the new key file"):
        assert step in rotated.err
    new_recovery = _RECOVERY.search(rotated.out)
    assert new_recovery is not None
    assert new_recovery.group(0).replace("-", "") != old_recovery.replace("-", "")
    # Every page was rewritten: past the salt, the old and new files share no 4 KiB page.
    new_db = (folder / "journal.db").read_bytes()
    pages = [(old_db[n:n + 4096], new_db[n:n + 4096]) for n in range(4096, len(old_db), 4096)]
    assert pages
    assert all(old != new for old, new in pages)
    assert new_db[:16] != old_db[:16]  # a new salt too: old key files are told at once

    listing = run_subprocess(["--journal", str(folder), "list"], _env(tmp_path, NEW_PASSPHRASE))
    assert listing.status == 0, listing.err
    assert "Visit one" in listing.out
    assert "Visit two" in listing.out

    backups = list((folder / "backups").glob("before-rekey-*.rjbackup"))
    assert len(backups) == 1
    for name, mode in {p.name: p.stat().st_mode for p in folder.rglob("*")}.items():
        assert stat.S_IMODE(mode) == (0o700 if stat.S_ISDIR(mode) else 0o600), name

    # The old key file, with the old passphrase or the new, opens nothing now.
    current_key = (folder / "journal.key").read_bytes()
    (folder / "journal.key").write_bytes(old_key)
    before = folder_bytes(folder)
    for passphrase in (PASSPHRASE, NEW_PASSPHRASE):
        refused = run_subprocess(["--journal", str(folder), "list"], _env(tmp_path, passphrase))
        assert refused.status == 1
        assert "do not belong together" in refused.err
        assert "Visit" not in refused.out
    assert folder_bytes(folder) == before
    old_way = run_subprocess(["--journal", str(folder), "recover"],
                             _env(tmp_path, PASSPHRASE, REFLECTJOURNAL_RECOVERY_KEY=old_recovery,
                                  REFLECTJOURNAL_NEW_PASSPHRASE="yet another long passphrase"))
    assert old_way.status == 1
    assert "internal error" not in old_way.err
    (folder / "journal.key").write_bytes(current_key)

    # The new recovery key opens it; the backup restores the journal as it was.
    recovered = run_subprocess(
        ["--journal", str(folder), "recover"],
        _env(tmp_path, NEW_PASSPHRASE, REFLECTJOURNAL_RECOVERY_KEY=new_recovery.group(0),
             REFLECTJOURNAL_NEW_PASSPHRASE="yet another long passphrase"))
    assert recovered.status == 0, recovered.err
    into_it = run_subprocess(["--journal", str(folder), "restore", str(backups[0])],
                             _env(tmp_path, "yet another long passphrase"))
    assert into_it.status == 1
    assert "before the journal was re-encrypted" in into_it.err
    elsewhere = tmp_path / "as-it-was"
    restored = run_subprocess(["--journal", str(elsewhere), "restore", str(backups[0])],
                              _env(tmp_path, PASSPHRASE))
    assert restored.status == 0, restored.err
    assert (elsewhere / "journal.key").read_bytes() == old_key


def test_a_plain_passphrase_change_leaves_the_database_untouched(
    made: tuple[Path, str], tmp_path: Path
) -> None:
    folder, _ = made
    db = (folder / "journal.db").read_bytes()
    changed = run_subprocess(["--journal", str(folder), "passwd"],
                             _changing(tmp_path))
    assert changed.status == 0, changed.err
    assert (folder / "journal.db").read_bytes() == db
    assert not (folder / "backups").exists()


def test_a_wrong_current_passphrase_rotates_nothing(
    made: tuple[Path, str], tmp_path: Path
) -> None:
    folder, _ = made
    before = folder_bytes(folder)
    refused = run_subprocess(["--journal", str(folder), "passwd", "--rotate-key"],
                             _env(tmp_path, "not the passphrase at all",
                                  REFLECTJOURNAL_NEW_PASSPHRASE=NEW_PASSPHRASE))
    assert refused.status == 1
    assert "does not open this journal" in refused.err
    assert folder_bytes(folder) == before
