"""Delete goes to the trash (undo restores from it); the History and Trash dialogs, real widgets."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QDialog,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from reflectjournal.domain.entry import EntryChanges
from reflectjournal.domain.ids import EntryId
from reflectjournal.services.changes import ENTRIES
from reflectjournal.ui.background.operations import change
from reflectjournal.ui.journal.history_dialog import HistoryDialog
from reflectjournal.ui.journal.trash_dialog import TrashDialog
from reflectjournal.ui.main_window import MainWindow
from tests.helpers.gui import call_inline, find_by_name, raise_error, unlock
from tests.helpers.leaks import folder_bytes, found_in

D = TypeVar("D", bound=QDialog)
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def opened(qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    """Return the unlocked window; every delete question is answered Yes."""
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    unlock(qtbot, window)
    return window


def _shown(window: MainWindow, kind: type[D]) -> D:
    [dialog] = [d for d in window.findChildren(kind) if d.isVisible()]
    return dialog


def _select(window: MainWindow, title: str) -> EntryId:
    model = window.journal_page.model
    row = next(r for r in range(model.rowCount()) if model.summary(r).title == title)
    window.journal_page.table.selectRow(row)
    summary = window.entries.selected_summary()
    assert summary is not None
    return summary.id


def _titles(window: MainWindow) -> list[str]:
    model = window.journal_page.model
    return [model.summary(r).title for r in range(model.rowCount())]


def _trash_titles(window: MainWindow) -> list[str]:
    return call_inline(window.session, lambda j: [t.entry.title for t in j.entries.trash()])


def _click(qtbot: QtBot, root: QWidget, name: str) -> None:
    qtbot.mouseClick(find_by_name(root, name, QPushButton), Qt.MouseButton.LeftButton)


def _unnamed_controls(dialog: QDialog) -> list[str]:
    controls = [*dialog.findChildren(QAbstractButton), *dialog.findChildren(QAbstractItemView),
                *dialog.findChildren(QPlainTextEdit)]
    return [repr(w) for w in controls if w.isVisible() and w.focusPolicy() != Qt.FocusPolicy.NoFocus
            and not w.accessibleName()]


def test_delete_moves_to_the_trash_and_undo_brings_it_back(
        qtbot: QtBot, opened: MainWindow) -> None:
    _select(opened, "Visit 2")
    opened.editing.delete_current()
    assert "Visit 2" not in _titles(opened)
    assert _trash_titles(opened) == ["Visit 2"]
    assert opened.journal_actions.undo_delete_action.isEnabled()
    qtbot.keyClick(opened.journal_page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "Visit 2" in _titles(opened)
    assert _trash_titles(opened) == []
    assert opened.entries.selected_summary().title == "Visit 2"  # type: ignore[union-attr]


def test_the_trash_dialog_lists_restores_and_empties_with_confirmation(
        qtbot: QtBot, opened: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    for title in ("Visit 1", "Visit 3"):
        _select(opened, title)
        opened.editing.delete_current()
    qtbot.keyClick(opened.journal_page.table, Qt.Key.Key_T, CTRL_SHIFT)
    dialog = _shown(opened, TrashDialog)
    assert _unnamed_controls(dialog) == []
    listing = find_by_name(dialog, "Deleted entries", QAbstractItemView)
    assert listing.model().rowCount() == 2
    reader = find_by_name(dialog, "Deleted entry", QPlainTextEdit)
    assert "The baby reached for the spoon 3." in reader.toPlainText()  # newest deletion first
    _click(qtbot, dialog, "Restore entry")
    assert "Visit 3" in _titles(opened)
    assert opened.entries.selected_summary().title == "Visit 3"  # type: ignore[union-attr]
    assert listing.model().rowCount() == 1
    assert "back in the journal" in find_by_name(dialog, "Trash message").text()  # type: ignore[attr-defined]

    asked: list[str] = []

    def answer(box: QMessageBox, go: bool) -> int:
        asked.append(box.text())
        wanted = QMessageBox.ButtonRole.AcceptRole if go else QMessageBox.ButtonRole.RejectRole
        next(b for b in box.buttons() if box.buttonRole(b) == wanted).click()
        return 0
    monkeypatch.setattr(QMessageBox, "exec", lambda box: answer(box, False))
    _click(qtbot, dialog, "Empty trash")
    assert _trash_titles(opened) == ["Visit 1"]  # cancelled: nothing forgotten
    monkeypatch.setattr(QMessageBox, "exec", lambda box: answer(box, True))
    _click(qtbot, dialog, "Empty trash")
    assert all("cannot be undone" in text for text in asked)
    assert _trash_titles(opened) == []
    assert listing.model().rowCount() == 0
    assert not find_by_name(dialog, "Empty trash", QPushButton).isEnabled()
    assert not opened.journal_actions.undo_delete_action.isEnabled()  # nothing left to undo
    _click(qtbot, dialog, "Close trash")
    assert not dialog.isVisible()


def test_history_shows_versions_against_the_current_and_restores_one(
        qtbot: QtBot, opened: MainWindow, qtmodeltester: ModelTester) -> None:
    entry_id = _select(opened, "Visit 4")
    for changes in (EntryChanges(body="The baby looked away."),
                    EntryChanges(title="Visit 4, later")):
        (change(opened.session, lambda j, c=changes: j.update_entry(entry_id, c), ENTRIES)
         .failure(raise_error).run())
    _select(opened, "Visit 4, later")
    opened.journal_page.table.setFocus()
    qtbot.keyClick(opened.journal_page.table, Qt.Key.Key_H, CTRL_SHIFT)
    dialog = _shown(opened, HistoryDialog)
    assert _unnamed_controls(dialog) == []
    assert dialog.windowTitle() == "Entry history"  # never the title: task bars show it
    versions = find_by_name(dialog, "Saved versions", QAbstractItemView)
    qtmodeltester.check(versions.model())
    model = versions.model()
    assert [model.index(r, 0).data() for r in range(3)] == ["3 (current)", "2", "1"]
    restore = find_by_name(dialog, "Restore this version", QPushButton)
    assert versions.currentIndex().row() == 1  # the version before the current one
    versions.selectRow(0)
    assert not restore.isEnabled()  # the current version is already the entry
    versions.selectRow(2)
    shown = find_by_name(dialog, "Chosen version", QPlainTextEdit).toPlainText()
    assert "The baby reached for the spoon 4." in shown
    differences = find_by_name(dialog, "Differences from the current version",
                               QPlainTextEdit).toPlainText()
    assert "Title\n  version 1:" in differences
    assert "Visit 4, later" in differences
    assert "The baby looked away." in differences
    _click(qtbot, dialog, "Restore this version")
    current = call_inline(opened.session, lambda j: j.get_entry(entry_id))
    assert (current.title, current.body) == ("Visit 4", "The baby reached for the spoon 4.")
    assert model.rowCount() == 4
    assert model.index(0, 0).data() == "4 (current)"
    assert opened.entries.selected_summary().title == "Visit 4"  # type: ignore[union-attr]
    assert "Every earlier version is kept" in find_by_name(
        dialog, "History message").text()  # type: ignore[attr-defined]


def test_history_asks_about_unsaved_changes_in_the_editor_first(
        qtbot: QtBot, opened: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    _select(opened, "Visit 0")
    opened.editing.edit_current()
    opened.journal_page.editor.title.setText("Visit 0, edited")
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_a, **_k: QMessageBox.StandardButton.Save)
    opened.journal_actions.history_action.trigger()
    dialog = _shown(opened, HistoryDialog)
    assert dialog.model.rowCount() == 2  # the edit was saved first: a new version
    assert opened.journal_page.detail.currentWidget() is opened.journal_page.viewer


def test_locking_closes_both_dialogs_and_leaves_no_text_in_them(
        qtbot: QtBot, opened: MainWindow) -> None:
    _select(opened, "Visit 1")
    opened.editing.delete_current()
    _select(opened, "Visit 2")
    opened.journal_actions.history_action.trigger()
    history = _shown(opened, HistoryDialog)
    opened.journal_actions.trash_action.trigger()
    trash = _shown(opened, TrashDialog)
    opened.lock()
    for dialog in (history, trash):
        assert not dialog.isVisible()
        texts = [w.toPlainText() for w in dialog.findChildren(QPlainTextEdit)]
        assert texts == ["", ""] if dialog is history else texts == [""]
    assert history.model.rowCount() == 0
    assert trash.model.rowCount() == 0
    assert not opened.journal_actions.trash_action.isEnabled()
    assert not opened.journal_actions.history_action.isEnabled()


def test_history_is_in_the_entry_menu_and_the_trash_in_the_journal_menu(
        opened: MainWindow) -> None:
    menus = {a.text(): a.menu() for a in opened.menuBar().actions()}
    assert opened.journal_actions.trash_action in menus["&Journal"].actions()  # type: ignore[union-attr]
    assert opened.journal_actions.history_action in menus["&Entry"].actions()  # type: ignore[union-attr]
    assert opened.journal_actions.history_action.text() == "Entry &history…"


def test_version_and_trash_text_reaches_no_file_or_setting(
        qtbot: QtBot, opened: MainWindow, filled_journal: Path, tmp_settings: Path) -> None:
    canary = "Pangolinhistorycanary"
    entry_id = _select(opened, "Visit 0")
    for changes in (EntryChanges(title=f"{canary} title", body=f"{canary} body"),
                    EntryChanges(title="Visit 0", body="plain")):
        (change(opened.session, lambda j, c=changes: j.update_entry(entry_id, c), ENTRIES)
         .failure(raise_error).run())
    _select(opened, "Visit 0")
    opened.journal_actions.history_action.trigger()
    history = _shown(opened, HistoryDialog)
    history.table.selectRow(1)
    assert canary in history.version_text.toPlainText()
    _click(qtbot, history, "Close history")
    entry_id = _select(opened, "Visit 1")
    (change(opened.session, lambda j: j.update_entry(entry_id, EntryChanges(body=canary)),
            ENTRIES).failure(raise_error).run())
    _select(opened, "Visit 1")
    opened.editing.delete_current()
    opened.journal_actions.trash_action.trigger()
    assert canary in _shown(opened, TrashDialog).reader.toPlainText()
    opened.close()  # locks, writes the settings
    assert tmp_settings.exists()
    for folder in (filled_journal, tmp_settings.parent):
        for name, data in folder_bytes(folder).items():
            assert found_in(data, canary) == [], name
