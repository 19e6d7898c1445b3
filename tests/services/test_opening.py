"""Creating and opening journals, and what opening refuses (swaps, damage, newer files)."""

from __future__ import annotations

import shutil
import sqlite3
import stat
from pathlib import Path
from typing import Any

import pytest

from reflectjournal.domain.errors import (
    EnvelopeMismatchError,
    InvalidInputError,
    JournalBusyError,
    JournalDamagedError,
    JournalExistsError,
    JournalMissingError,
    NewerSchemaError,
    UnsupportedDriverError,
    WrongPassphraseError,
)
from reflectjournal.services.journal import Journal, JournalOptions
from reflectjournal.store import schema
from reflectjournal.store.database import Database
from reflectjournal.store.envelope import PRODUCTION_KDF, Envelope, load_envelope
from tests.helpers.journals import (
    FAST,
    FAST_KDF,
    NEW_PASSPHRASE,
    PASSPHRASE,
    add_entry,
    flip_byte,
    open_journal,
)
from tests.helpers.leaks import folder_bytes


def test_new_journal_is_private_and_healthy(journal: Journal, journal_dir: Path) -> None:
    assert stat.S_IMODE(journal_dir.stat().st_mode) == 0o700
    for name in ("journal.db", "journal.key"):
        assert stat.S_IMODE((journal_dir / name).stat().st_mode) == 0o600
    report = journal.check()
    assert report.ok
    assert report.problems == ()
    assert report.schema_version == schema.LATEST
    assert report.cipher_version.startswith("4.")
    assert report.entries == 0
    assert report.last_backup is None


def test_create_refuses_a_weak_passphrase_before_touching_the_disk(journal_dir: Path) -> None:
    with pytest.raises(InvalidInputError):
        Journal.create(journal_dir, "short", FAST)
    assert not journal_dir.exists()


def test_create_over_an_existing_journal_is_refused(journal: Journal, journal_dir: Path) -> None:
    add_entry(journal)
    before = folder_bytes(journal_dir)
    with pytest.raises(JournalExistsError, match="left untouched"):
        Journal.create(journal_dir, NEW_PASSPHRASE, FAST)
    assert folder_bytes(journal_dir) == before


@pytest.mark.parametrize("survivor", ["journal.db", "journal.key"])
def test_create_over_half_a_journal_is_refused(created: tuple[Path, str], survivor: str) -> None:
    folder, _ = created
    for name in ("journal.db", "journal.key"):
        if name != survivor:
            (folder / name).unlink()
    before = folder_bytes(folder)
    with pytest.raises(JournalExistsError):
        Journal.create(folder, NEW_PASSPHRASE, FAST)
    assert folder_bytes(folder) == before


def test_create_in_an_existing_empty_folder(journal_dir: Path) -> None:
    journal_dir.mkdir()
    Journal.create(journal_dir, PASSPHRASE, FAST)[0].close()
    open_journal(journal_dir).close()


def test_missing_journal_mentions_init(tmp_path: Path) -> None:
    folder = tmp_path / "nowhere"
    with pytest.raises(JournalMissingError) as info:
        open_journal(folder)
    assert "init" in str(info.value)
    assert not folder.exists()


@pytest.mark.parametrize("missing", ["journal.db", "journal.key"])
def test_a_missing_half_is_damage(created: tuple[Path, str], missing: str) -> None:
    folder, _ = created
    (folder / missing).unlink()
    with pytest.raises(JournalDamagedError):
        open_journal(folder)


def test_a_second_open_is_refused_while_the_journal_is_open(
    journal: Journal, journal_dir: Path
) -> None:
    with pytest.raises(JournalBusyError, match="open in another window or process"):
        open_journal(journal_dir)


def test_opening_with_sqlite3_is_refused(created: tuple[Path, str]) -> None:
    folder, _ = created
    before = folder_bytes(folder)
    with pytest.raises(UnsupportedDriverError):
        Journal.open(folder, PASSPHRASE, JournalOptions(driver=sqlite3, kdf=FAST_KDF))
    assert folder_bytes(folder) == before


def test_wrong_passphrase_leaves_every_file_byte_identical(created: tuple[Path, str]) -> None:
    folder, _ = created
    before = folder_bytes(folder)
    with pytest.raises(WrongPassphraseError):
        open_journal(folder, NEW_PASSPHRASE)
    assert folder_bytes(folder) == before
    assert not (folder / "journal.db-wal").exists()
    open_journal(folder).close()  # the lock was given back


def test_production_policy_refuses_a_weak_key_file(created: tuple[Path, str]) -> None:
    folder, _ = created
    with pytest.raises(JournalDamagedError, match="changed or damaged"):
        Journal.open(folder, PASSPHRASE, JournalOptions(kdf=PRODUCTION_KDF))


def test_swapped_key_file_is_a_mismatch(created: tuple[Path, str], other_dir: Path) -> None:
    folder, _ = created
    Journal.create(other_dir, PASSPHRASE, FAST)[0].close()
    shutil.copy(other_dir / "journal.key", folder / "journal.key")
    before = folder_bytes(folder)
    with pytest.raises(EnvelopeMismatchError):
        open_journal(folder)
    assert folder_bytes(folder) == before


def test_key_file_of_another_journal_id_is_a_mismatch(created: tuple[Path, str]) -> None:
    folder, _ = created
    envelope = load_envelope(folder / "journal.key")
    key = envelope.unwrap_with_passphrase(PASSPHRASE, FAST_KDF)
    forged = Envelope("00000000-0000-4000-8000-000000000000", envelope.salt, {})
    forged = forged.with_passphrase(key, PASSPHRASE, envelope.passphrase_params)
    forged, _ = forged.with_recovery_key(key)
    forged.save(folder / "journal.key")
    with pytest.raises(EnvelopeMismatchError, match="belongs to another journal"):
        open_journal(folder)


def test_newer_schema_is_refused_and_files_untouched(created: tuple[Path, str]) -> None:
    folder, _ = created
    key = load_envelope(folder / "journal.key").unwrap_with_passphrase(PASSPHRASE, FAST_KDF)
    db = Database.open(folder / "journal.db", key)
    db.execute(f"PRAGMA user_version = {schema.LATEST + 1}")
    db.close()
    before = folder_bytes(folder)
    with pytest.raises(NewerSchemaError):
        open_journal(folder)
    assert folder_bytes(folder) == before
    assert not list(folder.glob("backups/*"))


def _truncate_half(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


@pytest.mark.parametrize(
    "damage",
    [flip_byte(4096 * 2 + 100), flip_byte(200), _truncate_half],
    ids=["page-3", "page-1", "truncated"],
)
def test_damaged_database_is_reported_as_damaged(created: tuple[Path, str], damage: Any) -> None:
    folder, _ = created
    with open_journal(folder) as opened:
        for i in range(20):
            add_entry(opened, title=f"entry {i}", body="some words to fill pages " * 40)
    database = folder / "journal.db"
    assert database.stat().st_size > 4096 * 4
    damage(database)
    try:
        with open_journal(folder) as opened:
            report = opened.check()
    except JournalDamagedError:
        return  # found at open or by check(); never "wrong passphrase"
    assert not report.ok, "damage went unnoticed"
