"""Locking with the real database thread: replies that arrive late never refill the window."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reflectjournal.domain.entry import EntryChanges
from reflectjournal.services.journal import Journal
from reflectjournal.ui.background.session import JournalSession
from reflectjournal.ui.background.tasks import Tasks
from reflectjournal.ui.main_window import MainWindow
from reflectjournal.ui.settings.dialog import SettingsDialog
from reflectjournal.ui.settings.options import Settings
from tests.helpers.gui import find_by_name
from tests.helpers.journals import FLOOR, PASSPHRASE

CANARY = "Marigoldcanary"


@pytest.fixture
def threaded(qtbot: QtBot, journal_dir: Path, runtime_dir: Path,
             tmp_settings: Path) -> Iterator[tuple[MainWindow, Tasks]]:
    """Return a window over a journal of a few entries, with the real database thread."""
    journal, _ = Journal.create(journal_dir, PASSPHRASE, FLOOR)
    with journal:
        for i in range(3):
            journal.add_entry(EntryChanges(kind="reflection", title=f"{CANARY} {i}",
                                           body=f"{CANARY} body {i}"))
    tasks = Tasks()
    session = JournalSession(journal_dir, FLOOR, tasks)
    window = MainWindow(session, Settings(tmp_settings))
    qtbot.addWidget(window)
    window.show()
    yield window, tasks
    session.shutdown()


def _unlock(qtbot: QtBot, window: MainWindow, tasks: Tasks) -> None:
    with qtbot.waitSignal(window.start.opened, timeout=30_000):
        window.session.unlock(PASSPHRASE, lambda _: window.start.opened.emit(), print)
    qtbot.waitUntil(lambda: not tasks.busy and window.journal_page.model.summary(0) is not None)


def _settle(qtbot: QtBot, tasks: Tasks) -> None:
    qtbot.waitUntil(lambda: not tasks.busy, timeout=30_000)
    QApplication.processEvents()


def test_replies_after_lock_are_dropped(
    qtbot: QtBot, threaded: tuple[MainWindow, Tasks]
) -> None:
    window, tasks = threaded
    _unlock(qtbot, window, tasks)
    window.journal_page.table.selectRow(1)  # asks for the entry
    window.entries.refresh()
    window.entries.refresh_filters()
    tasks.run_now(lambda: None)  # the replies are computed and queued, not yet delivered
    window.lock()
    _settle(qtbot, tasks)
    assert CANARY not in window.journal_page.viewer.toPlainText()
    assert window.journal_page.model.rowCount() == 0
    assert window.journal_page.filter_model.rowCount() == 0
    assert window._pages.currentWidget() is window.start


def test_a_lock_during_unlock_closes_the_journal_once_open(
    qtbot: QtBot, threaded: tuple[MainWindow, Tasks]
) -> None:
    window, tasks = threaded
    qtbot.keyClicks(find_by_name(window.start, "Passphrase"), PASSPHRASE)
    find_by_name(window.start, "Unlock").click()
    assert window.session.opening
    assert not find_by_name(window.start, "Unlock").isEnabled()  # busy while the key is derived
    window.lock()  # the screen locks while the key is being derived
    _settle(qtbot, tasks)
    assert not window.session.is_open
    assert window._pages.currentWidget() is window.start
    assert window.journal_page.model.rowCount() == 0
    assert find_by_name(window.start, "Unlock").isEnabled()  # the form is ready to try again
    assert "locked again" in find_by_name(window.start, "Unlock problem").text()


def test_a_lock_during_a_backup_leaves_no_error_behind(
    qtbot: QtBot, threaded: tuple[MainWindow, Tasks], monkeypatch: pytest.MonkeyPatch
) -> None:
    window, tasks = threaded
    _unlock(qtbot, window, tasks)
    errors: list[BaseException] = []
    monkeypatch.setattr("reflectjournal.ui.background.session.log_internal_error", errors.append)
    dialog = SettingsDialog(window.session, window.settings, window)
    dialog.show()
    dialog.backups.back_up_now.click()
    tasks.run_now(lambda: None)  # the backup is done, its reply not yet delivered
    window.lock()
    _settle(qtbot, tasks)
    assert not dialog.isVisible()
    assert errors == []
    assert window._pages.currentWidget() is window.start


def test_the_selection_comes_back_after_unlock(
    qtbot: QtBot, threaded: tuple[MainWindow, Tasks]
) -> None:
    window, tasks = threaded
    _unlock(qtbot, window, tasks)
    window.journal_page.table.selectRow(1)
    chosen = window.journal_page.model.summary(1)
    assert chosen is not None
    window.lock()
    _unlock(qtbot, window, tasks)
    _settle(qtbot, tasks)
    assert window.journal_page.table.currentIndex().row() == 1
    qtbot.waitUntil(lambda: chosen.title in window.journal_page.viewer.toPlainText())
