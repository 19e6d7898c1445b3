"""Health checks, verified backups and the three kinds of restore."""

from __future__ import annotations

import json
import stat
import zipfile
from pathlib import Path

import pytest

from reflectjournal.domain.errors import (
    BackupError,
    JournalDamagedError,
    JournalError,
    JournalExistsError,
    WrongPassphraseError,
)
from reflectjournal.services.journal import Journal
from tests.helpers.journals import (
    FAST,
    NEW_PASSPHRASE,
    PASSPHRASE,
    add_entry,
    entry_ids,
    flip_byte,
    open_journal,
)
from tests.helpers.leaks import folder_bytes


def test_backup_is_a_verified_archive_with_the_key_file(
    journal: Journal, journal_dir: Path
) -> None:
    add_entry(journal)
    path = journal.backup()
    assert path.parent == journal_dir / "backups"
    assert path.suffix == ".rjbackup"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with zipfile.ZipFile(path) as archive:
        assert set(archive.namelist()) == {"manifest.json", "journal.key", "journal.db"}
        manifest = json.loads(archive.read("manifest.json"))
        assert archive.read("journal.key") == (journal_dir / "journal.key").read_bytes()
    assert (manifest["journal_id"], manifest["entries"]) == (journal.journal_id, 1)
    assert journal.last_backup() is not None
    assert journal.check().last_backup == journal.last_backup()
    assert [p.name for p in (journal_dir / "backups").iterdir()] == [path.name]


def test_two_backups_in_a_row_both_succeed(journal: Journal) -> None:
    first = journal.backup()
    second = journal.backup()
    assert first != second
    assert first.exists()
    assert second.exists()


def test_backup_never_overwrites(journal: Journal, tmp_path: Path) -> None:
    dest = tmp_path / "mine.rjbackup"
    dest.write_bytes(b"precious")
    with pytest.raises(JournalError, match="already exists"):
        journal.backup(dest)
    assert dest.read_bytes() == b"precious"


def test_restore_from_brings_back_deleted_entries(
    journal: Journal, journal_dir: Path, tmp_path: Path
) -> None:
    kept = add_entry(journal, title="kept")
    lost = add_entry(journal, title="lost later")
    path = journal.backup(tmp_path / "saved.rjbackup")
    journal.delete_entry(lost.id)
    add_entry(journal, title="added after")
    info = journal.restore_from(path).info
    assert info.entries == 2
    assert {e.title for e in journal.get_entries([kept.id, lost.id])} == {"kept", "lost later"}
    assert journal.count_entries() == 2
    assert entry_ids(journal.search("lost")) == [lost.id]
    add_entry(journal, title="still writable")
    assert journal.check().ok


def test_restore_from_keeps_an_automatic_backup_of_what_it_replaced(
    journal: Journal, journal_dir: Path, tmp_path: Path
) -> None:
    path = journal.backup(tmp_path / "saved.rjbackup")
    add_entry(journal, title="only in the replaced state")
    journal.restore_from(path)
    [automatic] = (journal_dir / "backups").glob("before-restore-*.rjbackup")
    with Journal.restore_new(tmp_path / "look", automatic, PASSPHRASE, FAST) as restored:
        assert [e.title for e in restored.list_entries()] == ["only in the replaced state"]


def test_restore_from_keeps_the_current_passphrase(
    journal: Journal, journal_dir: Path, tmp_path: Path
) -> None:
    path = journal.backup(tmp_path / "saved.rjbackup")
    journal.change_passphrase(PASSPHRASE, NEW_PASSPHRASE)
    journal.restore_from(path)
    journal.close()
    open_journal(journal_dir, NEW_PASSPHRASE).close()


def test_restore_from_refuses_another_journals_backup(
    journal: Journal, other: Journal, journal_dir: Path, tmp_path: Path
) -> None:
    mine = add_entry(journal, title="mine")
    add_entry(other, title="theirs")
    theirs = other.backup(tmp_path / "theirs.rjbackup")
    with pytest.raises(JournalError, match="different journal"):
        journal.restore_from(theirs)
    assert entry_ids(journal.list_entries()) == [mine.id]
    assert not list(journal_dir.glob("backups/*"))  # refused before the safety backup
    assert not list(journal_dir.glob(".restore-*"))


@pytest.mark.parametrize("content", [b"", b"PK\x03\x04 not really", b"plain text"])
def test_restore_from_a_damaged_backup_changes_nothing(
    journal: Journal, tmp_path: Path, content: bytes
) -> None:
    entry = add_entry(journal)
    bad = tmp_path / "bad.rjbackup"
    bad.write_bytes(content)
    with pytest.raises(BackupError):
        journal.restore_from(bad)
    assert entry_ids(journal.list_entries()) == [entry.id]


def test_restore_from_a_truncated_backup_changes_nothing(
    journal: Journal, tmp_path: Path
) -> None:
    entry = add_entry(journal, body="words " * 2000)
    path = journal.backup(tmp_path / "saved.rjbackup")
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(BackupError):
        journal.restore_from(path)
    assert entry_ids(journal.list_entries()) == [entry.id]


def test_restore_new_into_an_empty_folder(tmp_path: Path, journal_dir: Path) -> None:
    opened, recovery = Journal.create(journal_dir, PASSPHRASE, FAST)
    with opened:
        entry = add_entry(opened, title="carried over")
        path = opened.backup(tmp_path / "saved.rjbackup")
        journal_id = opened.journal_id
    target = tmp_path / "new"
    with Journal.restore_new(target, path, PASSPHRASE, FAST) as restored:
        assert restored.journal_id == journal_id
        assert restored.get_entry(entry.id).title == "carried over"
        assert restored.check().ok
    Journal.recover(target, recovery, NEW_PASSPHRASE, FAST).close()


def test_restore_new_with_the_wrong_passphrase_leaves_no_journal(
    journal: Journal, tmp_path: Path
) -> None:
    path = journal.backup(tmp_path / "saved.rjbackup")
    target = tmp_path / "new"
    with pytest.raises(WrongPassphraseError):
        Journal.restore_new(target, path, NEW_PASSPHRASE, FAST)
    assert not (target / "journal.db").exists()
    assert not (target / "journal.key").exists()
    Journal.restore_new(target, path, PASSPHRASE, FAST).close()


def test_restore_new_refuses_an_existing_journal(
    journal: Journal, journal_dir: Path, tmp_path: Path
) -> None:
    path = journal.backup(tmp_path / "saved.rjbackup")
    journal.close()
    before = folder_bytes(journal_dir)
    with pytest.raises(JournalExistsError):
        Journal.restore_new(journal_dir, path, PASSPHRASE, FAST)
    assert folder_bytes(journal_dir) == before


def test_after_restore_the_last_backup_is_the_copy_of_what_was_replaced(
    journal: Journal
) -> None:
    source = journal.backup()  # the snapshot inside holds no record of any backup
    before = journal.last_backup()
    journal.restore_from(source)
    assert len(list(journal.folder.backups.glob("before-restore-*"))) == 1
    after = journal.last_backup()
    assert before is not None
    assert after is not None
    assert after >= before


def test_check_records_when_it_ran(journal: Journal) -> None:
    assert journal.last_check() is None
    report = journal.check()
    assert report.checked_at is not None
    assert journal.last_check() == report.checked_at


def test_restore_damaged_with_a_wrong_passphrase_changes_nothing(
    journal: Journal, journal_dir: Path
) -> None:
    source = journal.backup()
    journal.close()
    flip_byte(200)(journal_dir / "journal.db")
    before = folder_bytes(journal_dir)
    with pytest.raises(WrongPassphraseError):
        Journal.restore_damaged(journal_dir, source, "not the passphrase at all", FAST)
    assert folder_bytes(journal_dir) == before
    restored, aside = Journal.restore_damaged(journal_dir, source, PASSPHRASE, FAST)
    with restored:
        assert restored.check().ok
    assert (aside / "journal.db").read_bytes() == before["journal.db"]


def test_restore_damaged_after_a_passphrase_change_uses_the_current_one(
    journal: Journal, journal_dir: Path
) -> None:
    entry = add_entry(journal, title="kept")
    source = journal.backup()
    journal.change_passphrase(PASSPHRASE, NEW_PASSPHRASE)
    journal.close()
    key_file = (journal_dir / "journal.key").read_bytes()
    flip_byte(200)(journal_dir / "journal.db")
    with pytest.raises(JournalDamagedError):
        open_journal(journal_dir, NEW_PASSPHRASE)
    restored, aside = Journal.restore_damaged(journal_dir, source, NEW_PASSPHRASE, FAST)
    with restored:
        assert restored.get_entry(entry.id).title == "kept"
    assert (journal_dir / "journal.key").read_bytes() == key_file  # the sound key file stays
    assert not (aside / "journal.key").exists()
    open_journal(journal_dir, NEW_PASSPHRASE).close()
