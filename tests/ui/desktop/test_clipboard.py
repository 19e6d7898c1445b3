"""Copied entry text carries the secret hints and is cleared only while still ours."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from reflectjournal.ui.desktop.clipboard import SecureClipboard
from reflectjournal.ui.main_window import MainWindow
from tests.helpers.gui import unlock


def test_copy_sets_hints_and_clears_after_the_delay(qtbot: QtBot, runtime_dir: object) -> None:
    clipboard = QGuiApplication.clipboard()
    secure = SecureClipboard(clipboard, seconds=0)
    secure.copy("The baby reached out")
    mime = clipboard.mimeData()
    assert mime.text() == "The baby reached out"
    assert bytes(mime.data("x-kde-passwordManagerHint").data()) == b"secret"
    assert mime.hasFormat("CanIncludeInClipboardHistory")
    qtbot.waitUntil(lambda: clipboard.text() == "")


def test_text_the_user_copied_later_is_left_alone(runtime_dir: object) -> None:
    clipboard = QGuiApplication.clipboard()
    secure = SecureClipboard(clipboard)
    secure.copy("ours")
    clipboard.setText("something the user copied elsewhere")
    secure.clear_if_ours()
    assert clipboard.text() == "something the user copied elsewhere"


def test_lock_clears_text_copied_from_an_entry(qtbot: QtBot, window: MainWindow) -> None:
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.journal_page.model.summary(0) is not None)
    window.journal_page.table.selectRow(0)
    qtbot.waitUntil(lambda: "spoon" in window.journal_page.viewer.toPlainText())
    window.journal_page.viewer.selectAll()
    qtbot.keyClick(window.journal_page.viewer, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    clipboard = QGuiApplication.clipboard()
    assert "spoon" in clipboard.text()
    assert clipboard.mimeData().hasFormat("x-kde-passwordManagerHint")
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert clipboard.text() == ""


def test_copies_from_qt_widgets_are_taken_over_and_cleared_on_lock(
    qtbot: QtBot, window: MainWindow
) -> None:
    unlock(qtbot, window)
    window.activateWindow()
    window.editing.new_entry()
    title = window.journal_page.editor.title
    title.setFocus()
    qtbot.keyClicks(title, "Saffroncanary title")
    title.selectAll()
    title.copy()  # Qt's own copy, as Ctrl+C or the context menu would do
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.text() == "Saffroncanary title"
    assert mime.hasFormat("x-kde-passwordManagerHint")
    assert [f for f in mime.formats() if not f.startswith(("x-", "application/x-", "Can",
                                                           "Exclude"))] == ["text/plain"]
    window.lock()
    assert QGuiApplication.clipboard().text() == ""
