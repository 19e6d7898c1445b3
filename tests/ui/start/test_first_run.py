"""First run: a passphrase that meets the rules, and proof the recovery key was kept."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from reflectjournal.ui.background.session import JournalSession
from reflectjournal.ui.background.tasks import SyncTasks
from reflectjournal.ui.main_window import MainWindow
from reflectjournal.ui.settings.options import Settings
from tests.helpers.gui import on_screen
from tests.helpers.journals import FAST


def test_first_run_creates_the_journal_after_the_key_is_confirmed(
    qtbot: QtBot, journal_dir: Path, runtime_dir: Path, tmp_settings: Path
) -> None:
    session = JournalSession(journal_dir, FAST, SyncTasks())
    window = MainWindow(session, Settings(tmp_settings))
    qtbot.addWidget(window)
    window.show()
    start = window.start
    qtbot.keyClicks(on_screen(start, "New passphrase"), "too short")
    assert "12 characters" in start.setup_form.meter.label.text()
    on_screen(start, "New passphrase").clear()
    qtbot.keyClicks(on_screen(start, "New passphrase"), "a long enough passphrase")
    qtbot.keyClicks(on_screen(start, "Repeat the new passphrase"), "a long enough passphrase")
    qtbot.keyClick(on_screen(start, "Repeat the new passphrase"), Qt.Key.Key_Return)
    key = start.key_page.key_label.text()
    assert len(key.split("-")) == 8
    assert (journal_dir / "journal.key").exists()

    qtbot.keyClicks(start.key_page.confirm, "ZZZZ")
    qtbot.keyClick(start.key_page.confirm, Qt.Key.Key_Return)
    assert "not the last group" in start.key_page.confirm_hint.text()
    start.key_page.confirm.clear()
    qtbot.keyClicks(start.key_page.confirm, key.rsplit("-", 1)[1].lower())
    qtbot.keyClick(start.key_page.confirm, Qt.Key.Key_Return)
    assert start.key_page.key_label.text() == ""
    # Last, the note on full-disk encryption, before the journal itself.
    assert start.currentWidget().widget().isAncestorOf(start.disk_page.enter_button)
    assert "FileVault" in start.disk_page.findChild(QLabel).text()
    assert start.isVisible()  # the journal is open, but not shown before the note is read
    qtbot.keyClick(start.disk_page.enter_button, Qt.Key.Key_Return)
    assert not start.isVisible()
    assert "empty" in window.journal_page.status.text()
    session.shutdown()


def test_idle_lock_waits_while_the_recovery_key_is_copied(
    qtbot: QtBot, journal_dir: Path, runtime_dir: Path, tmp_settings: Path
) -> None:
    now = [0.0]
    session = JournalSession(journal_dir, FAST, SyncTasks())
    window = MainWindow(session, Settings(tmp_settings), clock=lambda: now[0])
    qtbot.addWidget(window)
    window.show()
    start = window.start
    qtbot.keyClicks(on_screen(start, "New passphrase"), "a long enough passphrase")
    qtbot.keyClicks(on_screen(start, "Repeat the new passphrase"), "a long enough passphrase")
    qtbot.keyClick(on_screen(start, "Repeat the new passphrase"), Qt.Key.Key_Return)
    key = start.key_page.key_label.text()
    now[0] += 60 * 60  # an hour with pen and paper
    window.check_idle()
    assert session.is_open
    assert start.key_page.key_label.text() == key
    qtbot.keyClicks(start.key_page.confirm, key.rsplit("-", 1)[1])
    qtbot.keyClick(start.key_page.confirm, Qt.Key.Key_Return)
    qtbot.keyClick(start.disk_page.enter_button, Qt.Key.Key_Return)
    now[0] += 60 * 60
    window.check_idle()
    assert not session.is_open  # once the journal is shown, idle time counts again
    session.shutdown()
