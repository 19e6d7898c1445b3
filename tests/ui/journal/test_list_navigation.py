"""Moving through the entry list with real key and mouse events, and what actions act on.

The window fixture's journal lists "Visit 4" (row 0) down to "Visit 0" (row 4). An action
acts on the entry the reading pane shows, or on a multi-selection that includes it; never
on a highlighted row the pane does not show.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QListWidget, QTableView
from pytestqt.qtbot import QtBot

from reflectjournal.ui.main_window import MainWindow
from reflectjournal.ui.sharing.share_dialog import ShareDialog
from tests.helpers.gui import find_by_name, unlock

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def table(qtbot: QtBot, window: MainWindow) -> Iterator[QTableView]:
    """Unlock the window, click the first row, and return the focused entry list."""
    unlock(qtbot, window)
    page = window.journal_page
    qtbot.waitUntil(lambda: page.model.summary(4) is not None)
    click_row(qtbot, page.table, 0)
    qtbot.waitUntil(lambda: "Visit 4" in page.viewer.toPlainText())
    yield page.table
    for dialog in window.findChildren(ShareDialog):
        dialog.reject()


def click_row(qtbot: QtBot, table: QTableView, row: int,
              modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """Click the row's title cell as a person would."""
    rect = table.visualRect(table.model().index(row, 2))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def selected_rows(table: QTableView) -> list[int]:
    """Return the highlighted rows in order."""
    return sorted(i.row() for i in table.selectionModel().selectedRows())


def shown_title(window: MainWindow) -> str:
    """Return the first line of the reading pane (the entry's title)."""
    return window.journal_page.viewer.toPlainText().splitlines()[0]


def share_dialog(window: MainWindow) -> ShareDialog:
    """Return the one open share dialog."""
    dialogs = [d for d in window.findChildren(ShareDialog) if d.isVisible()]
    assert len(dialogs) == 1
    return dialogs[0]


def leaving(dialog: ShareDialog) -> tuple[str, list[str]]:
    """Return the 'Entries that leave' box's title and its lines."""
    listed = find_by_name(dialog, "Entries that leave", QListWidget)
    box = listed.parentWidget()
    assert isinstance(box, QGroupBox)
    return box.title(), [listed.item(i).text() for i in range(listed.count())]


def test_ctrl_page_down_and_up_move_one_row_and_keep_one_selected(
    qtbot: QtBot, window: MainWindow, table: QTableView
) -> None:
    qtbot.keyClick(table, Qt.Key.Key_PageDown, CTRL)
    assert table.currentIndex().row() == 1
    assert selected_rows(table) == [1]
    assert shown_title(window).endswith("Visit 3")
    qtbot.keyClick(table, Qt.Key.Key_PageDown, CTRL)
    assert selected_rows(table) == [2]
    qtbot.keyClick(table, Qt.Key.Key_PageUp, CTRL)
    assert table.currentIndex().row() == 1
    assert selected_rows(table) == [1]
    assert shown_title(window).endswith("Visit 3")


def test_ctrl_page_down_then_share_sends_only_the_entry_shown(
    qtbot: QtBot, window: MainWindow, table: QTableView
) -> None:
    qtbot.keyClick(table, Qt.Key.Key_PageDown, CTRL)
    assert shown_title(window).endswith("Visit 3")
    qtbot.keyClick(table, Qt.Key.Key_S, CTRL | SHIFT)
    title, lines = leaving(share_dialog(window))
    assert title == "Entries that leave (1)"
    assert len(lines) == 1
    assert lines[0].endswith("Visit 3")
