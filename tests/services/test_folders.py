"""Questions about a journal folder answered without opening it, and files the user chose."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from reflectjournal.services import folders
from reflectjournal.services.files import write_chosen_file
from reflectjournal.services.journal import Journal


def test_default_folder_follows_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REFLECTJOURNAL_JOURNAL", str(tmp_path / "chosen"))
    assert folders.default_folder() == tmp_path / "chosen"


def test_a_journal_exists_once_created(
    journal_dir: Path, make_journal: Callable[[Path], Journal]
) -> None:
    assert not folders.journal_exists(journal_dir)
    journal_dir.mkdir()
    assert not folders.journal_exists(journal_dir)  # an empty folder is no journal
    make_journal(journal_dir)
    assert folders.journal_exists(journal_dir)


def test_half_a_journal_still_exists(created: tuple[Path, str]) -> None:
    folder, _ = created
    assert folders.journal_exists(folder)
    (folder / "journal.db").unlink()
    assert folders.journal_exists(folder)  # the key file alone: damage, not "no journal"


def test_newest_backups_come_first(journal: Journal, journal_dir: Path) -> None:
    assert folders.newest_backups(journal_dir) == []
    first = journal.backup()
    second = journal.backup()
    os.utime(first, (1_000_000, 1_000_000))
    (journal_dir / "backups" / "notes.txt").write_text("not a backup")
    assert folders.newest_backups(journal_dir) == [second, first]
    assert folders.backups_folder(journal_dir) == first.parent
    assert first.name.endswith(folders.BACKUP_SUFFIX)


def test_a_chosen_file_is_written_whole_and_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "export.md"
    path.write_bytes(b"older content")
    write_chosen_file(path, b"# Entries\n")
    assert path.read_bytes() == b"# Entries\n"
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["export.md"]  # no temporary left

