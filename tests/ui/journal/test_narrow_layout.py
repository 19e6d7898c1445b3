"""The journal page at the largest text size in 1024x700: fewer panes, each readable.

Real key events on the real window; the room is measured from the font, so the same
window at the usual size shows the three panes as before.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reflectjournal.ui.journal.entry_table import EntryTableModel
from reflectjournal.ui.journal.journal_page import READABLE_CHARS, is_narrow
from reflectjournal.ui.main_window import MainWindow
from reflectjournal.ui.settings.options import FONT_POINTS
from tests.helpers.gui import choose_kind, unlock


@pytest.fixture
def opened(qtbot: QtBot, window: MainWindow) -> Iterator[MainWindow]:
    """An unlocked 1024x700 window; the text size goes back to the usual afterwards."""
    window.resize(1024, 700)
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.journal_page.model.rowCount() == 5)
    yield window
    window.settings.set(FONT_POINTS, 0)
    window.apply_settings()


def _text_size(window: MainWindow, points: int) -> None:
    window.settings.set(FONT_POINTS, points)
    window.apply_settings()
    QApplication.processEvents()


def test_three_panes_need_room_for_readable_words() -> None:
    assert not is_narrow(1024, 6)  # the usual size: 6 px a character
    assert is_narrow(1024, 22)  # 32 pt
    assert not is_narrow(3 * READABLE_CHARS * 22, 22)


def test_the_usual_size_keeps_three_panes(opened: MainWindow) -> None:
    page = opened.journal_page
    assert not page.narrow
    assert page.sidebar.isVisible()
    assert page.middle.isVisible()
    assert page.detail.isVisible()
    assert not page.filters_button.isVisible()
    opened.editing.new_entry("session")
    assert page.middle.isVisible()
    assert page.sidebar.isVisible()


def test_the_largest_size_folds_the_filters_and_writes_at_full_width(
    qtbot: QtBot, opened: MainWindow
) -> None:
    page = opened.journal_page
    wide_sizes = page.sizes()
    _text_size(opened, 32)
    assert page.narrow
    assert not page.sidebar.isVisible()
    assert page.filters_button.isVisible()
    assert page.detail.isVisible()
    # Ctrl+1 opens the filters beside the list, Escape folds them again.
    QTest.keyClick(page.table, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert page.sidebar.isVisible()
    assert not page.detail.isVisible()
    assert QApplication.focusWidget() is page.filters
    assert page.sidebar.width() >= READABLE_CHARS * page.fontMetrics().averageCharWidth()
    QTest.keyClick(page.filters, Qt.Key.Key_Escape)
    assert not page.sidebar.isVisible()
    assert page.detail.isVisible()
    assert QApplication.focusWidget() is page.table
    # Ctrl+N: the editor takes the whole width; Escape brings the list back.
    QTest.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    choose_kind(qtbot)
    qtbot.waitUntil(lambda: page.detail.currentWidget() is page.editor)
    assert not page.middle.isVisible()
    assert not page.sidebar.isVisible()
    qtbot.waitUntil(lambda: page.detail.width() >= page.width() - 2 * page.handleWidth())
    editor = page.editor
    assert editor.close_button.isVisible()  # the visible way back
    state = editor.state
    assert state.fontMetrics().horizontalAdvance(state.text()) <= state.width()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.detail.currentWidget() is page.viewer)
    assert page.middle.isVisible()
    assert QApplication.focusWidget() is page.table
    # Back to the usual size: the three panes as they were.
    _text_size(opened, 0)
    assert not page.narrow
    assert page.sidebar.isVisible()
    qtbot.waitUntil(lambda: all(abs(now - then) <= 4  # the splitter rounds its shares
                                for now, then in zip(page.sizes(), wide_sizes, strict=True)))


def test_the_standing_note_shrinks_to_one_line_with_details_on_request(
    qtbot: QtBot, opened: MainWindow
) -> None:
    opened.show_journal("Demo journal: every entry is made up, and the journal is deleted "
                        "when you quit. Its passphrase is: one two three four five six")
    note = opened.journal_page.note
    _text_size(opened, 32)
    line = note.label.fontMetrics().lineSpacing()
    assert note.folded
    qtbot.waitUntil(lambda: note.height() < 2 * line)
    assert note.label.text().endswith("…")
    assert "one two three" in note.text()  # the whole of it, for whoever reads it
    note.details.click()
    assert not note.folded
    assert "one two three" in note.label.text()
    qtbot.waitUntil(lambda: note.height() >= note.label.heightForWidth(note.label.width())
                    > 2 * line)
    _text_size(opened, 0)
    assert not note.folded
    assert not note.details.isVisible()


def test_a_search_at_the_largest_size_keeps_the_list_for_titles(
    qtbot: QtBot, opened: MainWindow
) -> None:
    page = opened.journal_page
    snippets = EntryTableModel.SNIPPET_COLUMN
    qtbot.keyClicks(page.search_box, "baby")
    qtbot.waitUntil(lambda: not page.table.isColumnHidden(snippets))  # beside, as before
    _text_size(opened, 32)
    # Narrow: the matches give the titles their room (the reading pane marks the words).
    qtbot.waitUntil(lambda: page.table.isColumnHidden(snippets))
    title = page.table.columnWidth(EntryTableModel.TITLE_COLUMN)
    assert title >= 18 * page.table.fontMetrics().averageCharWidth()
    _text_size(opened, 0)
    qtbot.waitUntil(lambda: not page.table.isColumnHidden(snippets))
