"""Unlock, list, search, write and lock through the real widgets."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QTreeWidget,
    QTreeWidgetItemIterator,
    QWidget,
)
from pytestqt.qtbot import QtBot

from reflectjournal.ui.app import after_first_paint
from reflectjournal.ui.background.session import JournalSession
from reflectjournal.ui.background.tasks import SyncTasks
from reflectjournal.ui.main_window import APP_TITLE, MainWindow
from reflectjournal.ui.settings.options import Settings
from tests.helpers.gui import choose_kind, unlock
from tests.helpers.journals import FAST


def test_wrong_passphrase_shows_a_plain_message(qtbot: QtBot, window: MainWindow) -> None:
    unlock(qtbot, window, "not my passphrase at all")
    assert not window.session.is_open
    assert "does not open this journal" in window.start._error.text()


def test_unlock_lists_entries_newest_first(qtbot: QtBot, window: MainWindow) -> None:
    unlock(qtbot, window)
    assert window.session.is_open
    qtbot.waitUntil(lambda: window.journal_page.model.rowCount() == 5)
    qtbot.waitUntil(lambda: window.journal_page.model.summary(0) is not None)
    assert window.journal_page.model.summary(0).title == "Visit 4"  # type: ignore[union-attr]


def test_search_as_you_type_filters_the_list(qtbot: QtBot, window: MainWindow) -> None:
    unlock(qtbot, window)
    qtbot.keyClicks(window.journal_page.search_box, "spoo")  # prefix of the last word while typing
    qtbot.waitUntil(lambda: window.journal_page.status.text() == "5 entries")
    window.journal_page.search_box.clear()
    qtbot.keyClicks(window.journal_page.search_box, "giraffe")
    qtbot.waitUntil(lambda: window.journal_page.status.text().startswith("No entries match"))


def test_new_entry_is_saved_and_listed(qtbot: QtBot, window: MainWindow) -> None:
    unlock(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    choose_kind(qtbot)
    editor = window.journal_page.editor
    assert window.journal_page.detail.currentWidget() is editor
    qtbot.keyClicks(editor.title, "After the visit")
    editor.body.insertPlainText("Él se calmó — the baby settled ✓")
    qtbot.mouseClick(editor.save, Qt.MouseButton.LeftButton)
    assert editor.state.text().startswith("Saved")
    qtbot.waitUntil(lambda: window.journal_page.model.rowCount() == 6)
    window.session.call(lambda j: j.search("calmó"), lambda rows: setattr(window, "_hits", rows),
                        lambda e: None)
    assert [r.title for r in window._hits] == ["After the visit"]  # type: ignore[attr-defined]


def test_lock_saves_the_draft_and_leaves_no_content_in_widgets(
    qtbot: QtBot, window: MainWindow
) -> None:
    unlock(qtbot, window)
    canary = "Periwinklecanary"
    qtbot.keyClicks(window.journal_page.search_box, "spoon")
    qtbot.waitUntil(lambda: window.journal_page.model.rowCount() == 5)
    window.journal_page.table.selectRow(0)
    assert "spoon" in window.journal_page.viewer.toPlainText()
    window.editing.new_entry()
    editor = window.journal_page.editor
    editor.kind.setCurrentIndex(editor.kind.findData("session"))
    qtbot.keyClicks(editor.title, canary + " title")
    editor.body.insertPlainText(canary + " draft text")
    next(iter(editor.prompts.boxes.values())).insertPlainText(canary + " answer")
    editor._fields["feelings"].edit.setText(canary + " feelings")  # type: ignore[attr-defined]
    editor._fields["client_code"].box.setEditText("CAN-ARY")  # type: ignore[attr-defined]
    qtbot.keyClicks(editor.user_tags, canary + " tag")
    editor.body_tabs.setCurrentWidget(editor.preview)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert not window.session.is_open
    assert window.windowTitle() == APP_TITLE
    assert _visible_text(window, (canary, "CAN-ARY", "spoon")) == []
    for widget in window.findChildren(QPlainTextEdit):
        assert not widget.document().isUndoAvailable()
    for line in window.findChildren(QLineEdit):
        assert not line.isUndoAvailable(), line.accessibleName()
    assert window.journal_page.model.rowCount() == 0
    assert window.journal_page.filter_model.rowCount() == 0
    unlock(qtbot, window)
    # The same view comes back: the editor, holding the draft, which is not yet an entry.
    assert window.journal_page.detail.currentWidget() is window.journal_page.editor
    assert window.journal_page.editor.body.toPlainText() == canary + " draft text"
    assert window.journal_page.editor.title.text() == canary + " title"
    assert window.journal_page.editor.has_unsaved()
    assert window.journal_page.model.rowCount() == 5


def _visible_text(window: MainWindow, canaries: tuple[str, ...]) -> list[str]:
    """Return where any canary still shows in a widget's text, tooltip or item."""
    found = []
    for widget in window.findChildren(QWidget):
        texts = [widget.toolTip(), widget.accessibleName(), widget.windowTitle()]
        if isinstance(widget, QPlainTextEdit | QTextEdit):
            texts.append(widget.toPlainText())
        if isinstance(widget, QLineEdit | QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QComboBox):
            texts += [widget.currentText(), *(widget.itemText(i) for i in range(widget.count()))]
        if isinstance(widget, QTreeWidget):
            iterator = QTreeWidgetItemIterator(widget)
            while item := iterator.value():
                texts.append(item.text(0))
                iterator += 1
        found += [f"{type(widget).__name__}: {t[:40]}" for t in texts
                  if any(c in t for c in canaries)]
    return found


def test_idle_lock_uses_the_injected_clock(qtbot: QtBot, window: MainWindow) -> None:
    now = [1000.0]
    window._clock = lambda: now[0]
    unlock(qtbot, window)
    window._last_activity = now[0]
    now[0] += 5 * 60 - 1
    window.check_idle()
    assert window.session.is_open
    now[0] += 1
    window.check_idle()
    assert not window.session.is_open


def test_a_window_made_in_two_steps_unlocks_into_the_journal(
        qtbot: QtBot, filled_journal: Path, runtime_dir: Path, tmp_settings: Path) -> None:
    """The app shows the unlock form first and builds the rest after the first frame."""
    session = JournalSession(filled_journal, FAST, SyncTasks())
    window = MainWindow(session, Settings(tmp_settings), build_journal=False)
    qtbot.addWidget(window)
    built: list[bool] = []
    after_first_paint(window, lambda: built.append(window._journal_page is not None))
    window.show()
    assert window._journal_page is None  # only the start view so far
    menus = [action.text() for action in window.menuBar().actions()]
    # There at once, so the form does not move.
    assert menus == ["&Journal", "&Entry", "G&o", "Super&vision"]
    qtbot.waitUntil(lambda: bool(built))
    assert built == [False]  # the hook ran after painting, before anything else built it
    window.close()  # locking and closing a window without its journal page must work
    window = MainWindow(session, Settings(tmp_settings), build_journal=False)
    qtbot.addWidget(window)
    window.show()
    unlock(qtbot, window)  # unlocking builds the journal page if nothing did yet
    assert window._journal_page is not None
    assert window.journal_page.model.rowCount() == 5
    assert window.journal_actions.new_action.isEnabled()
    assert window.journal_actions.toolbar.isVisible()
    window.lock()
    assert window.journal_page.model.rowCount() == 0
    assert not window.journal_actions.toolbar.isVisible()  # all its buttons would be disabled
    session.shutdown()
