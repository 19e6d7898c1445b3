"""The template editor over a real window and journal: keyboard, names, and what it changes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QDialog,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from reflectjournal.domain.entry import EntryChanges
from reflectjournal.domain.text import entry_as_text
from reflectjournal.ui.journal.template_dialog import TemplateDialog
from reflectjournal.ui.main_window import MainWindow
from reflectjournal.ui.settings.dialog import SettingsDialog
from tests.helpers.gui import call_inline, find_by_name, unlock
from tests.helpers.leaks import folder_bytes, found_in

CANARY = "Quokkacanary5"


@pytest.fixture
def opened(qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    """Return the unlocked window; every confirmation is accepted."""
    def accept(box: QMessageBox) -> int:
        next(b for b in box.buttons()
             if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole).click()
        return 0
    monkeypatch.setattr(QMessageBox, "exec", accept)
    unlock(qtbot, window)
    return window


def _dialog(window: QWidget) -> TemplateDialog:
    [dialog] = [d for d in window.findChildren(TemplateDialog) if d.isVisible()]
    return dialog


def _unnamed(dialog: QDialog) -> list[str]:
    controls = [*dialog.findChildren(QAbstractButton), *dialog.findChildren(QAbstractItemView),
                *dialog.findChildren(QPlainTextEdit), *dialog.findChildren(QLineEdit)]
    return [repr(w) for w in controls if w.isVisible()
            and w.focusPolicy() != Qt.FocusPolicy.NoFocus and not w.accessibleName()]


def test_from_the_editor_hide_reword_and_add_by_keyboard_and_old_entries_keep_their_prompt(
    qtbot: QtBot, opened: MainWindow,
) -> None:
    old = call_inline(opened.session, lambda j: j.add_entry(EntryChanges(
        kind="session", title="Old", answers={"family_story": "They moved in spring"})))
    opened.editing.new_entry("session")
    editor = opened.journal_page.editor
    qtbot.mouseClick(editor.edit_template, Qt.MouseButton.LeftButton)
    dialog = _dialog(opened)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # mnemonics work in the active window
    assert _unnamed(dialog) == []
    assert dialog.kind.currentData() == "session"
    listing = dialog.prompts
    listing.setFocus()
    assert listing.currentIndex().row() == 0
    qtbot.keyClick(listing, Qt.Key.Key_Space)  # untick the first: hidden
    assert dialog.model.template().prompts[0].hidden
    qtbot.keyClick(listing, Qt.Key.Key_Down)
    second = dialog.model.prompt(1)
    assert second is not None
    assert second.id == "family_story"
    dialog.label.setFocus()
    dialog.label.selectAll()
    qtbot.keyClicks(dialog.label, "Their story " + CANARY)
    rows = dialog.model.rowCount()
    qtbot.keyClick(dialog.label, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # Add prompt
    qtbot.waitUntil(lambda: dialog.model.rowCount() == rows + 1)  # a mnemonic animates
    qtbot.waitUntil(dialog.label.hasFocus)
    qtbot.keyClicks(dialog.label, "Sleep")
    dialog.text.setFocus()
    dialog.text.selectAll()
    qtbot.keyClicks(dialog.text, "How did the night go?")
    assert "not saved yet" in dialog.summary.text()
    qtbot.keyClick(dialog.text, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    message = find_by_name(dialog, "Templates message")
    qtbot.waitUntil(lambda: "Saved" in message.text())  # type: ignore[attr-defined]
    # The open editor asks the new prompts at once.
    shown = [box.accessibleName() for box in editor.prompts.boxes.values()]
    assert shown[0] == "Their story " + CANARY
    assert shown[-1] == "Sleep"
    assert "The baby's side" not in shown
    # The entry written before still shows its answer under the words it answered.
    entry, catalog = call_inline(opened.session, lambda j: (j.get_entry(old.id), j.catalog))
    assert entry == old
    text = entry_as_text(entry, {}, catalog)
    assert "The family's story" in text
    assert CANARY not in text
    qtbot.keyClick(dialog.prompts, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # Reset
    qtbot.waitUntil(lambda: not dialog.reset.isEnabled())  # confirmed, then reset
    names = [box.accessibleName() for box in editor.prompts.boxes.values()]
    assert "The baby's side" in names
    assert "Their story " + CANARY not in names
    dialog.reject()


def test_settings_open_it_and_an_export_imports_back_with_a_preview(
    qtbot: QtBot, opened: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened.open_settings()
    [settings] = [d for d in opened.findChildren(SettingsDialog) if d.isVisible()]
    qtbot.mouseClick(find_by_name(settings, "Edit templates", QPushButton),
                     Qt.MouseButton.LeftButton)
    dialog = _dialog(settings)
    dialog.kind.setCurrentIndex(dialog.kind.findData("reflection"))
    dialog.prompts.setCurrentIndex(dialog.model.index(0))
    qtbot.keyClick(dialog.prompts, Qt.Key.Key_Space)
    dialog.save.click()
    target = tmp_path / "reflection.rjtemplate.json"
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName",
                        lambda *_a, **_k: (str(target), ""))
    dialog.export_button.click()
    assert target.exists()
    dialog.reset.click()
    assert not dialog.reset.isEnabled()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: _accept(box, shown))
    dialog.import_file(target)
    assert any("It replaces your “Free reflection”" in text for text in shown)
    [_builtin, mine] = call_inline(opened.session, lambda j: j.templates.of_kind("reflection"))
    assert mine.template.prompts[0].hidden
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"\x00not json")
    dialog.import_file(bad)
    assert "not" in find_by_name(dialog, "Templates message").text()  # type: ignore[attr-defined]
    assert call_inline(opened.session, lambda j: j.templates.of_kind("reflection"))[1] == mine
    dialog.reject()
    settings.reject()


def _accept(box: QMessageBox, shown: list[str]) -> int:
    shown.append(box.text())
    next(b for b in box.buttons()
         if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole).click()
    return 0


def test_template_words_reach_no_file_outside_the_database(
    qtbot: QtBot, opened: MainWindow, filled_journal: Path, tmp_settings: Path,
) -> None:
    opened.editing.edit_template("session")
    dialog = _dialog(opened)
    dialog.label.setFocus()
    dialog.label.selectAll()
    qtbot.keyClicks(dialog.label, CANARY)
    dialog.save.click()
    dialog.reject()
    opened.lock()
    for folder in (filled_journal, tmp_settings.parent):
        for name, data in folder_bytes(folder).items():
            assert found_in(data, CANARY) == [], name


def test_the_entry_menu_makes_a_template_from_the_entry_shown(
    qtbot: QtBot, opened: MainWindow,
) -> None:
    call_inline(opened.session, lambda j: j.add_entry(EntryChanges(
        kind="session", title="Answered two", answers={"echoes": "a", "baby": "b"})))
    opened.entries.refresh()
    model = opened.journal_page.model
    row = next(r for r in range(model.rowCount()) if model.summary(r).title == "Answered two")
    opened.journal_page.table.selectRow(row)
    opened.journal_actions.template_from_entry_action.trigger()
    dialog = _dialog(opened)
    assert dialog.kind.currentData() == "session"
    assert [p.id for p in dialog.model.template().shown] == ["echoes", "baby"]
    assert dialog.reset.isEnabled()
    dialog.reject()


def test_closing_with_unsaved_changes_asks_and_locking_does_not(
    qtbot: QtBot, opened: MainWindow, monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened.editing.edit_template("session")
    dialog = _dialog(opened)
    dialog.prompts.setCurrentIndex(dialog.model.index(0))
    qtbot.keyClick(dialog.prompts, Qt.Key.Key_Space)
    asked: list[str] = []

    def cancel(box: QMessageBox) -> int:
        asked.append(box.text())
        next(b for b in box.buttons()
             if box.buttonRole(b) == QMessageBox.ButtonRole.RejectRole).click()
        return 0
    monkeypatch.setattr(QMessageBox, "exec", cancel)
    qtbot.keyClick(dialog.prompts, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    assert asked == ["The changes to this template are not saved. Discard them?"]
    opened.lock()
    assert not dialog.isVisible()
    assert len(asked) == 1  # locking asked nothing
