"""Damage as a laptop does it (flipped bytes, truncations), told truly, with a way out.

Each case damages a copy of one journal, then asserts what a person sees: the message
says damage (never a wrong passphrase, never an internal error), `restore` brings the
backup back and the journal passes `check`, and no byte of a healthy file changed.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from reflectjournal.cli.main import run
from reflectjournal.services.journal import Journal
from tests.helpers.cli import CliRunner
from tests.helpers.journals import FAST, PASSPHRASE, add_entry

ENTRIES = 30
READS = (("list",), ("search", "baby"), ("export", "--format", "json"))


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Return a journal of 30 entries (closed) and a verified backup of it, made once."""
    root = tmp_path_factory.mktemp("pristine")
    folder = root / "journal"
    journal = Journal.create(folder, PASSPHRASE, FAST)[0]
    with journal:
        for n in range(ENTRIES):
            add_entry(journal, title=f"Visit {n}", body="the baby looked for her mother " * 40)
        backup = journal.backup(root / "saved.rjbackup")
    return folder, backup


@pytest.fixture
def damaged_copy(pristine: tuple[Path, Path], journal_dir: Path) -> Path:
    """Copy the pristine journal to journal_dir (the folder `cli` runs on)."""
    shutil.rmtree(journal_dir, ignore_errors=True)
    shutil.copytree(pristine[0], journal_dir)
    return journal_dir


def _flip(path: Path, offset: int) -> bytes:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0xFF
    path.write_bytes(bytes(data))
    return bytes(data)


def _offsets(size: int) -> list[int]:
    # The salt at the start, page 1's header, and points spread over every later page.
    return [0, 20, 100, *(size * k // 10 + 37 for k in range(1, 10)), size - 1]


def _told_as_damage(message: str) -> None:
    assert "internal error" not in message
    assert "passphrase" not in message.split("damaged")[0]  # damage is not a wrong passphrase
    assert "damaged" in message or "do not belong together" in message


def _restored_and_sound(cli: CliRunner, backup: Path) -> None:
    healthy_backup = backup.read_bytes()
    restored = cli("restore", str(backup))
    assert restored.status == 0, restored.err
    assert "damaged" in restored.err
    assert "kept in" in restored.err
    assert cli("check").status == 0
    listing = cli("list", "--format", "json")
    assert listing.out.count('"id"') == ENTRIES
    assert backup.read_bytes() == healthy_backup


def test_every_flipped_byte_in_the_database_is_told_as_damage_and_restore_repairs_it(
    cli: CliRunner, pristine: tuple[Path, Path], damaged_copy: Path
) -> None:
    database = damaged_copy / "journal.db"
    key_file = (damaged_copy / "journal.key").read_bytes()
    healthy = database.read_bytes()
    for offset in _offsets(len(healthy)):
        database.write_bytes(healthy)
        for leftover in damaged_copy.glob("damaged-*"):
            shutil.rmtree(leftover)
        broken = _flip(database, offset)
        checked = cli("check")
        assert checked.status == 1, offset
        _told_as_damage(checked.err + checked.out)
        for read in READS:  # a read that misses the damaged page may work; none may crash
            result = cli(*read)
            if result.status != 0:
                _told_as_damage(result.err)
        _restored_and_sound(cli, pristine[1])
        [aside] = damaged_copy.glob("damaged-*")
        assert (aside / "journal.db").read_bytes() == broken, offset
        assert (damaged_copy / "journal.key").read_bytes() == key_file


@pytest.mark.parametrize("cut", [1, 4096, 3 * 4096])
def test_a_truncated_database_is_told_as_damage_and_restore_repairs_it(
    cli: CliRunner, pristine: tuple[Path, Path], damaged_copy: Path, cut: int
) -> None:
    database = damaged_copy / "journal.db"
    data = database.read_bytes()
    database.write_bytes(data[:-cut])
    _told_as_damage(cli("check").err)
    _restored_and_sound(cli, pristine[1])


def test_a_damaged_backup_is_refused_in_a_new_folder_and_leaves_no_journal(
    pristine: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # It used to be accepted, making a journal that then failed `check` (10 of 10).
    monkeypatch.setenv("REFLECTJOURNAL_PASSPHRASE", PASSPHRASE)
    # The archive's own checksums catch a byte flipped in the file; these are damaged
    # inside a sound archive, as damage before packing (or a rewritten archive) would be.
    with zipfile.ZipFile(pristine[1]) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    backup = tmp_path / "copy.rjbackup"
    for n, at in enumerate((5000, len(members["journal.db"]) // 2)):
        database = bytearray(members["journal.db"])
        database[at] ^= 0xFF
        with zipfile.ZipFile(backup, "w") as archive:
            for name, data in {**members, "journal.db": bytes(database)}.items():
                archive.writestr(name, data)
        target = tmp_path / f"new-{n}"
        status = run(["--journal", str(target), "restore", str(backup)], options=FAST)
        err = capsys.readouterr().err
        assert status == 1
        assert "backup" in err
        assert "internal error" not in err
        assert not (target / "journal.key").exists()
        assert not (target / "journal.db").exists()


def test_a_damaged_write_ahead_log_is_told_and_restore_repairs_it(
    cli: CliRunner, journal_dir: Path, tmp_path: Path
) -> None:
    # The files as a crash leaves them (copied while open), then one flipped byte in the log.
    live = tmp_path / "live"
    with Journal.create(live, PASSPHRASE, FAST)[0] as journal:
        backup = journal.backup(tmp_path / "saved.rjbackup")
        for n in range(5):
            add_entry(journal, title=f"After the backup {n}")
        journal_dir.mkdir(exist_ok=True)
        for name in ("journal.key", "journal.db", "journal.db-wal"):
            shutil.copy2(live / name, journal_dir / name)
    broken = _flip(journal_dir / "journal.db-wal", 32 + 24 + 300)
    listing = cli("list")
    assert listing.status == 1
    assert "write-ahead log" in listing.err
    _told_as_damage(listing.err)
    restored = cli("restore", str(backup))
    assert restored.status == 0, restored.err
    assert cli("check").status == 0
    [aside] = journal_dir.glob("damaged-*")
    assert (aside / "journal.db-wal").read_bytes() == broken
