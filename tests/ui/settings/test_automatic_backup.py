"""Unlocking makes the day's backup; a missing backups folder is told on the journal page."""

from __future__ import annotations

import shutil
from pathlib import Path

from pytestqt.qtbot import QtBot

from reflectjournal.ui.main_window import MainWindow
from reflectjournal.ui.settings.dialog import SettingsDialog
from tests.helpers.gui import call_inline, unlock


def test_unlocking_makes_one_automatic_backup_a_day(
    qtbot: QtBot, window: MainWindow, filled_journal: Path
) -> None:
    unlock(qtbot, window)
    backups = filled_journal / "backups"
    qtbot.waitUntil(lambda: len(list(backups.glob("auto-*.rjbackup"))) == 1)
    assert not window.journal_page.note.isVisible()
    window.lock()
    unlock(qtbot, window)
    qtbot.wait(50)
    assert len(list(backups.glob("auto-*.rjbackup"))) == 1  # not again the same day


def test_an_unplugged_backups_drive_is_told_and_the_backup_still_made(
    qtbot: QtBot, window: MainWindow, filled_journal: Path, tmp_path: Path
) -> None:
    drive = tmp_path / "drive"
    drive.mkdir()
    unlock(qtbot, window)
    call_inline(window.session, lambda journal: journal.backups.choose_folder(drive))
    window.lock()
    shutil.rmtree(drive)
    unlock(qtbot, window)
    note = window.journal_page.note
    qtbot.waitUntil(lambda: "cannot be used" in note.text())
    assert str(drive) in note.text()
    assert note.isVisible()

    dialog = SettingsDialog(window.session, window.settings, window)
    qtbot.addWidget(dialog)
    dialog.backups.load_status()
    qtbot.waitUntil(lambda: "cannot be used" in dialog.backups.warning.text())
    assert dialog.backups.backups_folder.text() == str(filled_journal / "backups")
    dialog.backups.use_folder(None)
    qtbot.waitUntil(lambda: dialog.backups.warning.text() == "")
    assert not dialog.backups.own_folder.isEnabled()


def test_a_failed_automatic_backup_is_told_on_the_journal_page(
    qtbot: QtBot, window: MainWindow, filled_journal: Path
) -> None:
    (filled_journal / "backups").write_text("not a folder")  # so no backup can be written
    unlock(qtbot, window)
    note = window.journal_page.note
    qtbot.waitUntil(lambda: "automatic backup could not be made" in note.text())
    assert "Something went wrong" not in note.text()
    assert "no verified backup" in note.text()
    assert window.journal_page.table.model().rowCount() == 5  # opened all the same
