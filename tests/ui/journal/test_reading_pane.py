"""Reading: rendered Markdown that is never markup, marked search words, the id on request,
and list rows that stay readable at every text size."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reflectjournal.domain.entry import EntryChanges
from reflectjournal.ui.journal.entry_table import EntryTableModel
from reflectjournal.ui.main_window import MainWindow
from reflectjournal.ui.settings.options import FONT_POINTS
from tests.helpers.gui import call_inline, unlock

BODY = "## What I want to bring\n- the *spoon* game\n- <img src=\"/etc/passwd\"> as typed"


@pytest.fixture
def reading(qtbot: QtBot, window: MainWindow) -> Iterator[MainWindow]:
    """An unlocked window whose newest entry has Markdown in it, selected."""
    unlock(qtbot, window)
    call_inline(window.session, lambda j: j.add_entry(EntryChanges(
        kind="reflection", title="Markdown", body=BODY)))
    window.entries.refresh()
    qtbot.waitUntil(lambda: window.journal_page.model.summary(0) is not None)
    window.entries.select_only(0)
    qtbot.waitUntil(lambda: "What I want to bring" in window.journal_page.viewer.toPlainText())
    yield window
    window.settings.set(FONT_POINTS, 0)
    window.apply_settings()


def _found(document: QTextDocument, text: str) -> QTextCursor:
    cursor = document.find(text)
    assert not cursor.isNull(), document.toPlainText()
    return cursor


def test_markdown_is_rendered_and_html_is_shown_as_typed(reading: MainWindow) -> None:
    viewer = reading.journal_page.viewer
    text = viewer.toPlainText()
    assert "##" not in text
    assert '<img src="/etc/passwd"> as typed' in text  # the characters, not an image
    document = viewer.document()
    assert _found(document, "What I want to bring").block().blockFormat().headingLevel() > 0
    assert _found(document, "spoon").charFormat().fontItalic()
    assert _found(document, "the").block().textList() is not None
    assert "passwd" not in "".join(document.resource(1, n) or "" for n in ())  # nothing loaded


def test_search_words_are_marked_and_the_id_shows_only_on_request(
    qtbot: QtBot, reading: MainWindow
) -> None:
    page = reading.journal_page
    entry_id = page.shown_id
    assert entry_id is not None
    assert entry_id[:8] not in page.viewer.toPlainText()
    qtbot.keyClicks(page.search_box, "gam")  # the last word counts as a prefix
    qtbot.waitUntil(lambda: page.status.text() == "1 entry")
    reading.entries.select_only(0)
    qtbot.waitUntil(lambda: page.shown_id == entry_id)
    marked = _found(page.viewer.document(), "game").charFormat()
    assert marked.background().style() != Qt.BrushStyle.NoBrush
    unmarked = _found(page.viewer.document(), "spoon").charFormat()
    assert unmarked.background().style() == Qt.BrushStyle.NoBrush
    qtbot.keyClick(page.table, Qt.Key.Key_I,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert f"id {entry_id[:8]}" in page.viewer.toPlainText()
    assert entry_id not in page.viewer.toPlainText()  # short, not the whole id


def test_a_search_with_no_match_leaves_nothing_shown(qtbot: QtBot, reading: MainWindow) -> None:
    page = reading.journal_page
    qtbot.keyClicks(page.search_box, "giraffe")
    qtbot.waitUntil(lambda: page.status.text().startswith("No entries match"))
    assert page.viewer.toPlainText() == ""
    assert page.model.rowCount() == 0


@pytest.mark.parametrize("points", [0, 14, 20, 32])
def test_list_rows_hold_two_lines_at_every_text_size(
    qtbot: QtBot, reading: MainWindow, points: int
) -> None:
    reading.resize(1024, 700)
    reading.settings.set(FONT_POINTS, points)
    reading.apply_settings()
    QApplication.processEvents()
    table = reading.journal_page.table
    metrics = table.fontMetrics()
    assert table.rowHeight(0) >= 2 * metrics.lineSpacing()
    second = table.model().index(0, EntryTableModel.TITLE_COLUMN).data(
        Qt.ItemDataRole.UserRole + 2)
    assert second.startswith(call_inline(reading.session,
                                         lambda j: j.list_entries()[0].date.isoformat()))
    assert "Free reflection" in second
    # The title has the list's width, not a column beside date, kind and tags.
    visible = [c for c in range(table.model().columnCount()) if not table.isColumnHidden(c)]
    assert visible == [EntryTableModel.TITLE_COLUMN]
    if points == 0:
        assert table.columnWidth(EntryTableModel.TITLE_COLUMN) >= 30 * metrics.averageCharWidth()
