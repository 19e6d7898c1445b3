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
from reflectjournal.ui.journal.template_chooser import NameDialog
from reflectjournal.ui.journal.template_dialog import TemplateDialog
from reflectjournal.ui.main_window import MainWindow
from reflectjournal.ui.settings.dialog import SettingsDialog
from tests.helpers.gui import call_inline, find_by_name, unlock

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


def _name(qtbot: QtBot, parent: QWidget, name: str) -> None:
    """Answer the open name question by keyboard: type the name, press Enter."""
    def shown() -> list[NameDialog]:
        return [d for d in parent.findChildren(NameDialog) if d.isVisible()]
    qtbot.waitUntil(lambda: len(shown()) == 1)  # a mnemonic's click comes a moment later
    [asking] = shown()
    assert _unnamed(asking) == []
    asking.name.selectAll()
    qtbot.keyClicks(asking.name, name)
    qtbot.keyClick(asking.name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not asking.isVisible())


def _choose_template(qtbot: QtBot, dialog: TemplateDialog, label: str) -> None:
    dialog.template.setCurrentIndex(dialog.template.findText(label))
    qtbot.waitUntil(lambda: dialog.model.template().label == label.split(" (")[0])


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
    _name(qtbot, dialog, "After a home visit")  # the built-in one stays: a name for mine
    message = find_by_name(dialog, "Templates message")
    qtbot.waitUntil(lambda: "the default" in message.text())  # type: ignore[attr-defined]
    assert dialog.template.currentText() == "After a home visit (default)"
    assert dialog.model.template().id.startswith("t-")
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
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # the name question had it
    dialog.template.setFocus()
    qtbot.keyClick(dialog.template, Qt.Key.Key_Up)  # the built-in one, listed first
    assert dialog.template.currentText() == "Guided session reflection (built-in)"
    assert not dialog.chooser.rename.isEnabled()
    assert not dialog.chooser.delete.isEnabled()
    qtbot.keyClick(dialog.template, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)  # default
    qtbot.waitUntil(lambda: dialog.template.currentText()
                    == "Guided session reflection (built-in, default)")
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
    _name(qtbot, dialog, "Short reflection")
    target = tmp_path / "reflection.rjtemplate.json"
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName",
                        lambda *_a, **_k: (str(target), ""))
    dialog.export_button.click()
    assert target.exists()
    assert "Short reflection" in target.read_text(encoding="utf-8")
    dialog.model.set_template(dialog.model.template())  # unchanged: nothing to ask about
    dialog.chooser.new.click()
    _name(qtbot, dialog, "Second")
    qtbot.waitUntil(lambda: dialog.model.template().label == "Second")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: _accept(box, shown))
    dialog.import_file(target)  # the same name: Replace is offered first
    assert any("You have a template of that name" in text for text in shown)
    [_builtin, mine, second] = call_inline(
        opened.session, lambda j: j.templates.of_kind("reflection"))
    assert mine.template.label == "Short reflection"
    assert mine.template.prompts[0].hidden
    assert second.template.label == "Second"
    monkeypatch.setattr(QMessageBox, "exec", lambda box: _click_role(
        box, QMessageBox.ButtonRole.YesRole))
    dialog.import_file(target)  # Add as new
    qtbot.waitUntil(lambda: dialog.model.template().label == "Short reflection (2)")
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"\x00not json")
    dialog.import_file(bad)
    assert "not" in find_by_name(dialog, "Templates message").text()  # type: ignore[attr-defined]
    assert call_inline(opened.session, lambda j: j.templates.of_kind("reflection"))[1] == mine
    assert dialog.template.count() == 4
    dialog.reject()
    settings.reject()


def _click_role(box: QMessageBox, role: QMessageBox.ButtonRole) -> int:
    next(b for b in box.buttons() if box.buttonRole(b) == role).click()
    return 0


def _accept(box: QMessageBox, shown: list[str]) -> int:
    shown.append(box.text())
    next(b for b in box.buttons()
         if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole).click()
    return 0


def test_new_rename_delete_and_make_default_by_keyboard_on_a_kinds_templates(
    qtbot: QtBot, opened: MainWindow, monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened.editing.edit_template("session")
    dialog = _dialog(opened)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert [dialog.template.itemText(i) for i in range(dialog.template.count())] == [
        "Guided session reflection (built-in, default)"]
    assert not dialog.chooser.make_default.isEnabled()
    qtbot.keyClick(dialog.template, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)  # New
    _name(qtbot, dialog, "After a home visit")
    qtbot.waitUntil(lambda: dialog.template.count() == 2)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.template, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    _name(qtbot, dialog, "after a HOME visit")  # taken, whatever the case
    message = find_by_name(dialog, "Templates message")
    qtbot.waitUntil(lambda: "already" in message.text())  # type: ignore[attr-defined]
    assert dialog.template.count() == 2
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.template, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    _name(qtbot, dialog, "Dyadic")
    qtbot.waitUntil(lambda: dialog.template.currentText() == "Dyadic")
    assert [dialog.template.itemText(i) for i in range(dialog.template.count())] == [
        "Guided session reflection (built-in)", "After a home visit (default)", "Dyadic"]
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.template, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)  # Rename
    _name(qtbot, dialog, "Dyadic session")
    qtbot.waitUntil(lambda: dialog.template.currentText() == "Dyadic session")
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.template, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)  # default
    qtbot.waitUntil(lambda: dialog.template.currentText() == "Dyadic session (default)")
    asked = call_inline(opened.session, lambda j: j.catalog.kind("session").prompt_set.label)
    assert asked == "Dyadic session"
    # Changes not saved are asked about before another template shows.
    dialog.prompts.setCurrentIndex(dialog.model.index(0))
    qtbot.keyClick(dialog.prompts, Qt.Key.Key_Space)
    asked_texts: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: _click_role(
        box, QMessageBox.ButtonRole.RejectRole) if not asked_texts.append(box.text()) else 0)
    dialog.template.setCurrentIndex(1)
    assert asked_texts == ["The changes to this template are not saved. Discard them?"]
    assert dialog.template.currentText() == "Dyadic session (default)"  # kept, unsaved
    assert dialog.model.template().prompts[0].hidden
    monkeypatch.setattr(QMessageBox, "exec", lambda box: _click_role(
        box, QMessageBox.ButtonRole.AcceptRole))
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.template, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)  # Delete
    qtbot.waitUntil(lambda: dialog.template.count() == 2)
    assert dialog.template.currentText() == "Guided session reflection (built-in, default)"
    assert _unnamed(dialog) == []
    dialog.reject()


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
    assert dialog.template.currentText() == "From “Answered two” (default)"
    assert dialog.chooser.rename.isEnabled()
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
