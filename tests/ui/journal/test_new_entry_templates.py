"""New entry offers a kind's templates when it has several, the last used remembered by id."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from reflectjournal.domain.templates import TemplatePrompt
from reflectjournal.services.journal import Journal
from reflectjournal.services.templates import KindTemplate
from reflectjournal.ui.journal.template_dialog import TemplateDialog
from reflectjournal.ui.main_window import MainWindow
from reflectjournal.ui.widgets.window_room import FRAME
from tests.helpers.fit import misfits
from tests.helpers.gui import call_inline, new_entry_dialog, unlock
from tests.helpers.leaks import folder_bytes, found_in

ROOM = QSize(1024, 700) - FRAME  # a 1024x700 screen less the window's frame
LABEL = "Wombatcanary3 visits"
QUESTION = "What did Wombatcanary3 notice?"


@pytest.fixture
def opened(qtbot: QtBot, window: MainWindow) -> MainWindow:
    unlock(qtbot, window)
    return window


def _two_session_templates(window: MainWindow) -> tuple[KindTemplate, KindTemplate]:
    def make(journal: Journal) -> tuple[KindTemplate, KindTemplate]:
        visit = journal.templates.new("session", "After a home visit")
        dyadic = journal.templates.new("session", "Dyadic session")
        dyadic = journal.templates.save(replace(dyadic.template, prompts=(
            TemplatePrompt("", "The dyad", "What passed between them?"),)))
        return visit, dyadic
    return call_inline(window.session, make)


def _asked(window: MainWindow) -> list[str]:
    return [box.accessibleName() for box in window.journal_page.editor.prompts.boxes.values()]


def test_a_kind_with_several_templates_asks_which_and_remembers_the_id(
    qtbot: QtBot, opened: MainWindow, tmp_settings: Path,
) -> None:
    dialog = new_entry_dialog(qtbot, opened)
    assert dialog.template.isHidden()  # only the built-in template: nothing more to ask
    dialog.reject()
    visit, dyadic = _two_session_templates(opened)
    dialog = new_entry_dialog(qtbot, opened)
    assert dialog.chosen() == "session"
    assert not dialog.template.isHidden()
    assert [dialog.template.itemText(i) for i in range(dialog.template.count())] == [
        "Guided session reflection (built-in)", "After a home visit (default)",
        "Dyadic session"]
    assert dialog.template.currentText() == "After a home visit (default)"
    assert dialog.template.accessibleName() == "Template"
    qtbot.keyClick(dialog.kinds, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.template  # one key from the kinds
    qtbot.keyClick(dialog.template, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.template, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert _asked(opened) == ["The dyad"]
    # The journal's default is untouched: the choice was for this entry.
    assert call_inline(opened.session, lambda j: j.templates.get("session")) == visit
    # Remembered by id inside the journal, encrypted; the preferences file holds nothing of it.
    assert call_inline(opened.session, lambda j: j.templates.last_used()) == {
        "session": dyadic.template.id}
    opened.settings.sync()
    settings = tmp_settings.read_bytes() if tmp_settings.exists() else b""
    assert dyadic.template.id.encode() not in settings
    assert found_in(settings, "Dyadic", "After a home visit", "session=") == []
    opened.editing.close_editor()
    again = new_entry_dialog(qtbot, opened)
    assert again.template.currentText() == "Dyadic session"  # the last used, preselected
    reflection = next(i for i in range(again.kinds.count())
                      if again.kinds.item(i).data(Qt.ItemDataRole.UserRole) == "reflection")
    again.kinds.setCurrentRow(reflection)
    assert again.template.isHidden()
    again.kinds.setCurrentRow(0 if reflection else 1)
    session = next(i for i in range(again.kinds.count())
                   if again.kinds.item(i).data(Qt.ItemDataRole.UserRole) == "session")
    again.kinds.setCurrentRow(session)
    assert again.template.currentText() == "Dyadic session"
    qtbot.keyClick(again.kinds, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not again.isVisible())
    assert _asked(opened) == ["The dyad"]


def test_a_deleted_template_last_used_falls_back_to_the_default(
    qtbot: QtBot, opened: MainWindow,
) -> None:
    _visit, dyadic = _two_session_templates(opened)
    dialog = new_entry_dialog(qtbot, opened)
    dialog.template.setCurrentIndex(dialog.template.findText("Dyadic session"))
    dialog.accept()
    opened.editing.close_editor()
    call_inline(opened.session, lambda j: j.templates.delete(dyadic.template.id))
    again = new_entry_dialog(qtbot, opened)
    assert again.template.currentText() == "After a home visit (default)"
    again.reject()


def test_template_words_reach_no_file_outside_the_database(
    qtbot: QtBot, opened: MainWindow, filled_journal: Path, tmp_settings: Path,
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    scratch, state = tmp_path / "scratch-tmp", tmp_path / "state"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    monkeypatch.setenv("XDG_STATE_HOME", str(state))  # where the error log would go
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    # Made in the app: a new template with the canary's name and question, saved.
    opened.editing.edit_template("session")
    [editor] = [d for d in opened.findChildren(TemplateDialog) if d.isVisible()]
    editor.text.setPlainText(QUESTION)
    monkeypatch.setattr("reflectjournal.ui.journal.template_chooser.NameDialog.open",
                        lambda self: (self.name.setText(LABEL), self.accept()))
    editor.save.click()
    qtbot.waitUntil(lambda: editor.model.template().label == LABEL)
    call_inline(opened.session, lambda j: j.templates.new("session", "Second"))
    # Exported: the one file that may hold it, the user's explicit choice.
    export = tmp_path / "exported" / "mine.rjtemplate.json"
    export.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(export), ""))
    editor.export_button.click()
    qtbot.waitUntil(export.exists)
    assert found_in(export.read_bytes(), LABEL, QUESTION) == [LABEL, QUESTION]
    editor.reject()
    # Used: New entry offers it by name, and an entry answers its question.
    dialog = new_entry_dialog(qtbot, opened)
    assert dialog.template.currentText() == f"{LABEL} (default)"
    dialog.template.setCurrentIndex(dialog.template.findText("Second"))
    dialog.template.setCurrentIndex(dialog.template.findText(f"{LABEL} (default)"))
    qtbot.keyClick(dialog.kinds, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    page = opened.journal_page
    asked_id = call_inline(opened.session, lambda j: j.templates.get("session")).template.id
    assert asked_id.startswith("t-")
    box = next(iter(page.editor.prompts.boxes.values()))  # the reworded first prompt
    box.insertPlainText("Answered")
    qtbot.keyClicks(page.editor.title, "Canary entry")
    monkeypatch.setattr(QMessageBox, "exec", lambda _box: 0)
    qtbot.mouseClick(page.editor.save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.editor.state.text().startswith("Saved"))
    entry = call_inline(opened.session, lambda j: j.get_entry(j.list_entries()[0].id))
    assert entry.title == "Canary entry"
    [(prompt_id, answer)] = entry.answers.items()
    assert (prompt_id.startswith("u-"), answer) == (True, "Answered")
    opened.settings.sync()
    opened.lock()
    for folder in (filled_journal, tmp_settings.parent, scratch, state, tmp_path / "cache"):
        for name, data in folder_bytes(folder).items():
            assert found_in(data, LABEL, QUESTION) == [], name


LONG = "After a home visit with the grandmother, the baby and the older sister at the kitchen"


@pytest.mark.usefixtures("largest")
def test_the_choice_and_the_templates_dialog_fit_1024x700_at_the_largest_text(
    qtbot: QtBot, opened: MainWindow,
) -> None:
    opened.resize(ROOM)
    call_inline(opened.session, lambda j: [j.templates.new("session", LONG),
                                           j.templates.new("session", "Dyadic session")])
    for show in (lambda: new_entry_dialog(qtbot, opened),
                 lambda: TemplateDialog.open_for(opened, opened.session, "session")):
        dialog = show()
        dialog.show()
        dialog.resize(dialog.size().boundedTo(ROOM))
        for _ in range(3):
            QApplication.processEvents()
        assert dialog.template.isVisible()
        assert misfits(dialog, ROOM) == [], dialog.windowTitle()
        dialog.reject()


def test_the_entry_keeps_asking_its_chosen_template_when_that_one_is_edited(
    qtbot: QtBot, opened: MainWindow,
) -> None:
    _two_session_templates(opened)
    dialog = new_entry_dialog(qtbot, opened)
    dialog.template.setCurrentIndex(dialog.template.findText("Dyadic session"))
    qtbot.keyClick(dialog.kinds, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _asked(opened) == ["The dyad"])
    editor = opened.journal_page.editor
    editor.prompts.boxes[next(iter(editor.prompts.boxes))].insertPlainText("Typed first")
    qtbot.mouseClick(editor.edit_template, Qt.MouseButton.LeftButton)
    [templates] = [d for d in opened.findChildren(TemplateDialog) if d.isVisible()]
    assert templates.template.currentText() == "Dyadic session"  # the one this entry asks
    templates.add.click()
    templates.save.click()
    qtbot.waitUntil(lambda: "Saved" in templates.message.text())
    assert _asked(opened) == ["The dyad", "New prompt"]  # not the default's prompts
    assert "Typed first" in editor.prompts.answers().values()
    templates.reject()
