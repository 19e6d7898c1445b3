"""Moving through the entry list with real key and mouse events, and what actions act on.

The window fixture's journal lists "Visit 4" (row 0) down to "Visit 0" (row 4). An action
acts on the entry the reading pane shows, or on a multi-selection that includes it; never
on a highlighted row the pane does not show.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QListWidget, QMessageBox, QTableView
from pytestqt.qtbot import QtBot

from reflectjournal.domain.action_target import DISAGREE
from reflectjournal.domain.ids import EntryId
from reflectjournal.ui.copies import print_export
from reflectjournal.ui.copies.copy_kind import CopyKind
from reflectjournal.ui.main_window import MainWindow
from reflectjournal.ui.sharing.share_dialog import ShareDialog
from tests.helpers.gui import call_inline, choose_kind, find_by_name, unlock

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


def share_now(qtbot: QtBot, window: MainWindow) -> tuple[str, list[str]]:
    """Press Ctrl+Shift+S on the list, read what the share dialog lists, and close it."""
    qtbot.keyClick(window.journal_page.table, Qt.Key.Key_S, CTRL | SHIFT)
    dialog = share_dialog(window)
    listed = leaving(dialog)
    dialog.reject()
    return listed


def no_share_dialog(window: MainWindow) -> bool:
    """Return whether no share dialog is showing."""
    return not [d for d in window.findChildren(ShareDialog) if d.isVisible()]


def status(window: MainWindow) -> str:
    """Return the status line under the list."""
    return window.journal_page.status.text()


def test_plain_arrows_home_and_end_move_the_one_selected_entry(
    qtbot: QtBot, window: MainWindow, table: QTableView
) -> None:
    for key, row, title in ((Qt.Key.Key_Down, 1, "Visit 3"), (Qt.Key.Key_Down, 2, "Visit 2"),
                            (Qt.Key.Key_Up, 1, "Visit 3"), (Qt.Key.Key_End, 4, "Visit 0"),
                            (Qt.Key.Key_Home, 0, "Visit 4")):
        qtbot.keyClick(table, key)
        assert (table.currentIndex().row(), selected_rows(table)) == (row, [row])
        assert shown_title(window).endswith(title)


def test_shift_down_extends_and_share_sends_the_selection_it_shows(
    qtbot: QtBot, window: MainWindow, table: QTableView
) -> None:
    qtbot.keyClick(table, Qt.Key.Key_Down, SHIFT)
    assert selected_rows(table) == [0, 1]
    assert shown_title(window).endswith("Visit 3")
    title, lines = share_now(qtbot, window)
    assert title == "Entries that leave (2)"
    assert [line.rsplit(" · ", 1)[1] for line in lines] == ["Visit 4", "Visit 3"]


def test_ctrl_down_moves_the_pane_off_the_highlight_and_nothing_is_shared(
    qtbot: QtBot, window: MainWindow, table: QTableView
) -> None:
    # Qt's extended selection: Ctrl+Down moves the current row, the highlight stays.
    qtbot.keyClick(table, Qt.Key.Key_Down, CTRL)
    assert selected_rows(table) == [0]
    assert shown_title(window).endswith("Visit 3")
    qtbot.keyClick(table, Qt.Key.Key_S, CTRL | SHIFT)
    assert no_share_dialog(window)
    assert status(window) == DISAGREE
    qtbot.keyClick(table, Qt.Key.Key_Space, CTRL)  # takes the row shown into the selection
    assert selected_rows(table) == [0, 1]
    assert share_now(qtbot, window)[0] == "Entries that leave (2)"


def test_ctrl_click_adds_and_taking_the_shown_row_out_shares_nothing(
    qtbot: QtBot, window: MainWindow, table: QTableView
) -> None:
    click_row(qtbot, table, 2, CTRL)
    assert selected_rows(table) == [0, 2]
    assert shown_title(window).endswith("Visit 2")
    assert share_now(qtbot, window)[0] == "Entries that leave (2)"
    click_row(qtbot, table, 2, CTRL)  # out of the selection, but still the entry shown
    assert selected_rows(table) == [0]
    assert shown_title(window).endswith("Visit 2")
    qtbot.keyClick(table, Qt.Key.Key_S, CTRL | SHIFT)
    assert no_share_dialog(window)
    assert status(window) == DISAGREE
    click_row(qtbot, table, 3)
    # Rows and pane agree again: the refusal goes, the count comes back.
    qtbot.waitUntil(lambda: status(window) != DISAGREE)
    assert status(window).endswith("entries")
    assert share_now(qtbot, window) == ("Entries that leave (1)", [leaving_line(window, 3)])


def leaving_line(window: MainWindow, row: int) -> str:
    """Return the share dialog's line for a listed row."""
    summary = window.journal_page.model.summary(row)
    assert summary is not None
    return f"{summary.date.isoformat()} · Session reflection · {summary.title}"


def test_copies_act_on_the_entry_shown_or_on_nothing(
    qtbot: QtBot, window: MainWindow, table: QTableView, monkeypatch: pytest.MonkeyPatch
) -> None:
    copied: list[list[EntryId]] = []
    monkeypatch.setattr(print_export, "export_copy",
                        lambda _kind, _parent, _session, ids: copied.append(ids))
    qtbot.keyClick(table, Qt.Key.Key_PageDown, CTRL)
    window.copies.pdf_action.trigger()
    shown = window.journal_page.model.summary(1)
    assert shown is not None
    assert copied == [[shown.id]]
    qtbot.keyClick(table, Qt.Key.Key_Down, CTRL)
    window.copies.export(CopyKind.MARKDOWN)
    assert len(copied) == 1
    assert status(window) == DISAGREE


def test_delete_acts_on_the_entry_shown_one_at_a_time(
    qtbot: QtBot, window: MainWindow, table: QTableView, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def question(_parent: Any, _title: str, text: str, *_: Any) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes
    monkeypatch.setattr(QMessageBox, "question", question)
    qtbot.keyClick(table, Qt.Key.Key_Down, CTRL)  # the pane shows Visit 3, Visit 4 highlighted
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    qtbot.keyClick(table, Qt.Key.Key_Down, SHIFT)  # Visit 3 and Visit 2 selected
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert asked == []
    assert "one entry at a time; 2 are selected" in status(window)
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert len(asked) == 1
    titles = call_inline(window.session, lambda j: sorted(e.title for e in j.list_entries()))
    assert titles == ["Visit 0", "Visit 2", "Visit 3", "Visit 4"]


def test_nothing_is_acted_on_while_a_new_entry_is_written(
    qtbot: QtBot, window: MainWindow, table: QTableView, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args: asked.append(args[2]) or QMessageBox.StandardButton.Yes)
    qtbot.keyClick(table, Qt.Key.Key_N, CTRL)
    choose_kind(qtbot)
    assert window.editing.is_editing
    window.journal_actions.delete_action.trigger()
    window.supervision.share_action.trigger()
    assert asked == []
    assert no_share_dialog(window)
    assert window.journal_page.model.rowCount() == 5
