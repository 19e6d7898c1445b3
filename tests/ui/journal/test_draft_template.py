"""A draft reopens on the template it was written on, every answer under its own prompt."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPlainTextEdit
from pytestqt.qtbot import QtBot

from reflectjournal.domain.templates import TemplatePrompt
from reflectjournal.services.journal import Journal
from reflectjournal.services.templates import KindTemplate
from reflectjournal.ui.journal.prompt_boxes import KEPT_HEADING
from reflectjournal.ui.main_window import MainWindow
from tests.helpers.gui import call_inline, new_entry_dialog, unlock
from tests.helpers.leaks import found_in


@pytest.fixture
def opened(qtbot: QtBot, window: MainWindow) -> MainWindow:
    unlock(qtbot, window)
    return window


def _dyadic(window: MainWindow) -> KindTemplate:
    """Make two session templates: "After a home visit" the default, "Dyadic" not."""
    def make(journal: Journal) -> KindTemplate:
        journal.templates.new("session", "After a home visit")
        dyadic = journal.templates.new("session", "Dyadic session")
        return journal.templates.save(replace(dyadic.template, prompts=(
            TemplatePrompt("", "The dyad", "What passed between them?"),
            TemplatePrompt("", "My part", "What did I bring to it?"))))
    return call_inline(window.session, make)


def _focused_box() -> QPlainTextEdit:
    box = QApplication.focusWidget()
    assert isinstance(box, QPlainTextEdit)
    return box


def _start_on_dyadic(qtbot: QtBot, window: MainWindow) -> None:
    """New entry by keyboard on the non-default template."""
    dialog = new_entry_dialog(qtbot, window)
    qtbot.keyClick(dialog.kinds, Qt.Key.Key_Tab)
    assert dialog.template.currentText() == "After a home visit (default)"
    qtbot.keyClick(dialog.template, Qt.Key.Key_Down)
    assert dialog.template.currentText() == "Dyadic session"
    qtbot.keyClick(dialog.template, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    editor = window.journal_page.editor
    qtbot.waitUntil(lambda: _asked(window) == ["The dyad", "My part"])
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.prompts.focus_chain()[0])


def _write_on_dyadic(qtbot: QtBot, window: MainWindow) -> None:
    """New entry by keyboard on the non-default template; type an answer in each prompt."""
    _start_on_dyadic(qtbot, window)
    qtbot.keyClicks(_focused_box(), "They laughed together")
    qtbot.keyClick(_focused_box(), Qt.Key.Key_Tab)
    qtbot.keyClicks(_focused_box(), "I waited before speaking")


def _asked(window: MainWindow) -> list[str]:
    return [box.accessibleName() for box in window.journal_page.editor.prompts.boxes.values()]


def _answers_by_label(window: MainWindow) -> dict[str, str]:
    boxes = window.journal_page.editor.prompts.boxes.values()
    return {box.accessibleName(): box.toPlainText() for box in boxes}


def _lock_and_unlock(qtbot: QtBot, window: MainWindow) -> None:
    """Lock by the menu's shortcut (the app's lock path, which keeps the draft); unlock."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.journal_page.editor, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.session.is_open)
    assert window.journal_page.editor.prompts.answers() == {} or not any(
        window.journal_page.editor.prompts.answers().values())  # nothing shown while locked
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.editing.is_editing)


def test_a_draft_reopens_after_the_lock_on_the_template_it_was_started_on(
    qtbot: QtBot, opened: MainWindow, tmp_path: Path, tmp_settings: Path,
) -> None:
    dyadic = _dyadic(opened)
    _write_on_dyadic(qtbot, opened)
    _lock_and_unlock(qtbot, opened)
    editor = opened.journal_page.editor
    qtbot.waitUntil(lambda: editor.state.text().startswith("Draft from"))
    assert _answers_by_label(opened) == {"The dyad": "They laughed together",
                                         "My part": "I waited before speaking"}
    assert editor.prompts.kept_ids == []  # nothing under "Kept"
    assert not editor.kind_notice.isVisible()
    # The draft's template is kept in the journal; the preferences file holds none of it.
    [draft] = call_inline(opened.session, lambda j: j.drafts())
    assert draft.template == dyadic.template.id
    opened.settings.sync()
    settings = tmp_settings.read_bytes() if tmp_settings.exists() else b""
    assert found_in(settings, dyadic.template.id, "Dyadic", "They laughed") == []
    # "Edit template" from the reopened draft opens the template it asks.
    assert opened.editing.asked == ("session", dyadic.template.id)
    editor.resize(760, 900)
    editor.grab().save(str(tmp_path / "restored-draft.png"))
    # Saving it keeps each answer under its own prompt.
    qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: editor.state.text().startswith("Saved"))
    entry = call_inline(opened.session, lambda j: j.get_entry(draft.entry_id))
    by_id = {p.label: p.id for p in dyadic.template.shown}
    assert entry.answers == {by_id["The dyad"]: "They laughed together",
                             by_id["My part"]: "I waited before speaking"}


def test_a_renamed_template_still_opens_the_draft(qtbot: QtBot, opened: MainWindow) -> None:
    dyadic = _dyadic(opened)
    _write_on_dyadic(qtbot, opened)
    # Renamed behind the editor's back (as by the command line while the app is closed).
    call_inline(opened.session, lambda j: j.templates.rename(dyadic.template.id, "Pairs"))
    _lock_and_unlock(qtbot, opened)
    editor = opened.journal_page.editor
    qtbot.waitUntil(lambda: _asked(opened) == ["The dyad", "My part"])
    assert _answers_by_label(opened) == {"The dyad": "They laughed together",
                                         "My part": "I waited before speaking"}
    assert "Pairs" in [label.text() for label in editor.findChildren(QLabel)
                       if label.isVisibleTo(editor)]  # the prompts' heading: its new name
    assert not editor.kind_notice.isVisible()


def test_a_deleted_template_opens_the_default_keeping_its_answers_and_says_so(
    qtbot: QtBot, opened: MainWindow, tmp_path: Path,
) -> None:
    dyadic = _dyadic(opened)
    _write_on_dyadic(qtbot, opened)
    # Deleted behind the editor's back (as by the command line while the app is closed).
    call_inline(opened.session, lambda j: j.templates.delete(dyadic.template.id))
    _lock_and_unlock(qtbot, opened)
    editor = opened.journal_page.editor
    qtbot.waitUntil(lambda: editor.kind_notice.isVisible())
    assert editor.kind_notice.message.text() == (
        "The template this draft was started on no longer exists. It opens with the "
        "default template of Session reflection entries, “After a home visit”; the answers "
        f"that one does not ask are under “{KEPT_HEADING}”.")
    assert editor.kind_notice.buttons() == []  # a plain line: nothing to choose
    assert opened.editing.asked == ("", "")  # the kind's default
    kept = {editor.prompts.boxes[k].accessibleName(): editor.prompts.boxes[k].toPlainText()
            for k in editor.prompts.kept_ids}
    assert kept == {"The dyad": "They laughed together", "My part": "I waited before speaking"}
    editor.resize(760, 1000)
    editor.grab().save(str(tmp_path / "deleted-template-draft.png"))


def test_an_entry_being_edited_keeps_asking_its_kinds_default_after_the_lock(
    qtbot: QtBot, opened: MainWindow,
) -> None:
    # The editor offers no template to switch to while editing a saved entry: it asks the
    # kind's default, and its draft names that one and reopens on it.
    _dyadic(opened)
    visit = call_inline(opened.session, lambda j: j.templates.get("session"))
    opened.journal_page.table.setFocus()
    qtbot.keyClick(opened.journal_page.table, Qt.Key.Key_Return)  # edit the entry shown
    qtbot.waitUntil(lambda: opened.editing.is_editing)
    editor = opened.journal_page.editor
    first = visit.template.shown[0]
    assert _asked(opened)[0] == first.label
    editor.prompts.boxes[first.id].setFocus()
    qtbot.keyClicks(_focused_box(), "Typed while editing")
    _lock_and_unlock(qtbot, opened)
    qtbot.waitUntil(lambda: editor.state.text().startswith("Draft from"))
    [draft] = call_inline(opened.session, lambda j: j.drafts())
    assert draft.template == visit.template.id
    assert opened.editing.asked == ("", "")
    assert editor.prompts.boxes[first.id].toPlainText() == "Typed while editing"
    assert editor.prompts.kept_ids == []


def test_a_new_entry_with_nothing_typed_reopens_on_its_template(
    qtbot: QtBot, opened: MainWindow,
) -> None:
    # No draft is kept of an empty entry, so nothing in the journal names its template:
    # the window remembers it in memory over the lock, as it does which entry was open.
    _dyadic(opened)
    _start_on_dyadic(qtbot, opened)
    _lock_and_unlock(qtbot, opened)
    qtbot.waitUntil(lambda: _asked(opened) == ["The dyad", "My part"])
    assert call_inline(opened.session, lambda j: j.drafts()) == []
    assert opened.journal_page.editor.state.text() == "New entry, not saved yet"
