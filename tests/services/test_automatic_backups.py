"""Automatic backups: once a day, verified, rotated, into the folder the user picked."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from reflectjournal.domain.clock import utc_now
from reflectjournal.domain.errors import InvalidInputError
from reflectjournal.services.journal import Journal
from tests.helpers.journals import FAST, PASSPHRASE, add_entry


def test_the_first_unlock_of_the_day_makes_one_verified_backup(
    journal: Journal, tmp_path: Path
) -> None:
    add_entry(journal, title="in the automatic backup")
    made = journal.backups.backup_if_due()
    assert made is not None
    assert made.name.startswith("auto-")
    assert made.parent == journal.folder.backups
    assert journal.backups.backup_if_due() is None  # not twice in a day
    assert journal.backups.backup_if_due(utc_now() + dt.timedelta(hours=25)) is not None
    with Journal.restore_new(tmp_path / "look", made, PASSPHRASE, FAST) as copy:
        assert [e.title for e in copy.list_entries()] == ["in the automatic backup"]
    status = journal.backups.status()
    assert status.last_backup is not None
    assert status.warnings == ()


def _old_copies(source: Path, days_ago: range, now: dt.datetime) -> list[Path]:
    made = []
    for n in days_ago:
        when = now - dt.timedelta(days=n)
        made.append(source.with_name(f"auto-{when:%Y%m%d-%H%M%S}.rjbackup"))
        shutil.copy(source, made[-1])
    return made


def test_rotation_keeps_days_weeks_and_months_and_never_other_backups(
    journal: Journal
) -> None:
    now = dt.datetime(2026, 12, 3, 12, tzinfo=dt.UTC)
    manual = journal.backup()
    old = _old_copies(manual, range(1, 60), now)
    before_restore = manual.with_name("before-restore-20250101-000000.rjbackup")
    shutil.copy(manual, before_restore)
    made = journal.backups.backup_if_due(now)
    assert made is not None
    left = {p.name for p in journal.folder.backups.glob("auto-*")}
    # With the new one (3 December, a Thursday): 6 more days, the Sundays ending the 3
    # weeks before this one, and the end of October (the oldest copy is 4 October;
    # November's newest, 30 November, is a kept day already).
    expected = {p.name for p in old if p.name[5:13] in {
        "20261202", "20261201", "20261130", "20261129", "20261128", "20261127",
        "20261122", "20261115", "20261031"}} | {made.name}
    assert made.name == "auto-20261203-120000.rjbackup"
    assert left == expected
    assert manual.exists()
    assert before_restore.exists()


def test_backups_go_to_the_chosen_folder_apart_per_journal(
    journal: Journal, tmp_path: Path
) -> None:
    drive = tmp_path / "drive"
    drive.mkdir()
    where = journal.backups.choose_folder(drive)
    assert where.parent == drive
    made = journal.backups.backup_if_due()
    assert made is not None
    assert made.parent == where
    assert journal.backups.status().folder.chosen == drive
    assert not list(journal.folder.backups.glob("*.rjbackup"))

    shutil.rmtree(drive)  # the drive is unplugged
    status = journal.backups.status()
    assert status.folder.path == journal.folder.backups
    assert any("cannot be used" in w and str(drive) in w for w in status.warnings)
    fallback = journal.backup()
    assert fallback.parent == journal.folder.backups  # a backup is still made

    journal.backups.choose_folder(None)
    assert journal.backups.status().folder.chosen is None


def test_a_folder_that_is_not_there_cannot_be_chosen(journal: Journal, tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match="no folder"):
        journal.backups.choose_folder(tmp_path / "missing")
    a_file = tmp_path / "file"
    a_file.write_text("x")
    with pytest.raises(InvalidInputError):
        journal.backups.choose_folder(a_file)
    assert journal.backups.chosen_folder() is None


def test_a_restore_keeps_the_chosen_folder_and_the_backup_record(
    journal: Journal, tmp_path: Path
) -> None:
    source = journal.backup(tmp_path / "old.rjbackup")  # made before a folder was chosen
    drive = tmp_path / "drive"
    drive.mkdir()
    journal.backups.choose_folder(drive)
    journal.restore_from(source)
    status = journal.backups.status()
    assert status.folder.chosen == drive
    assert status.last_file is not None
    assert "before-restore-" in status.last_file
    assert journal.backups.backup_if_due() is not None
