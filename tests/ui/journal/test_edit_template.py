"""Editing a saved entry opens the template its answers were written on.

A clinician wrote "Kitchen floor" on "Dyadic session", a session template that is not the
kind's default, and pressed Edit: the editor asked the default's prompts, empty, and both
answers sat under "Kept" as if they were leftovers of another kind. An entry saved from the
editor now names its template (schema 18); one saved before opens on the template asking
most of its answers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reflectjournal.domain.entry import EntryChanges
from reflectjournal.domain.ids import EntryId
from reflectjournal.domain.templates import TemplatePrompt
from reflectjournal.services.journal import Journal
from reflectjournal.ui.main_window import MainWindow
from tests.helpers.gui import call_inline, new_entry_dialog, unlock
from tests.helpers.journals import FAST, PASSPHRASE

ANSWERS = {"The dyad": "They laughed together", "My part": "I waited before speaking"}


@pytest.fixture
def filled_journal(journal_dir: Path) -> Path:
    """Two session templates, "After a home visit" the default; an entry on each."""
    journal, _ = Journal.create(journal_dir, PASSPHRASE, FAST)
    with journal:
        visit = journal.templates.new("session", "After a home visit")
        dyadic = journal.templates.new("session", "Dyadic session")
        dyadic = journal.templates.save(replace(dyadic.template, prompts=(
            TemplatePrompt("", "The dyad", "What passed between them?"),
            TemplatePrompt("", "My part", "What did I bring to it?"))))
        first = visit.template.shown[0]
        journal.add_entry(EntryChanges(kind="session", date=dt.date(2026, 6, 1),
                                       title="Porch visit", answers={first.id: "He crawled"}))
        by_label = {p.label: p.id for p in dyadic.template.shown}
        journal.add_entry(EntryChanges(
            kind="session", date=dt.date(2026, 6, 3), title="Kitchen floor",
            answers={by_label[label]: text for label, text in ANSWERS.items()}))
        # "New template" starts from the prompts shown: this one keeps the default's first
        # two, hides the rest and adds one of its own.
        first = journal.templates.new("session", "First visit", base=visit.template)
        keep = {p.id for p in first.template.shown[:2]}
        journal.templates.save(replace(first.template, prompts=(
            *(replace(p, hidden=p.id not in keep) for p in first.template.prompts),
            TemplatePrompt("", "The home", "What did the home tell me?"))))
    return journal_dir


def _edit_by_keyboard(qtbot: QtBot, window: MainWindow, title: str) -> None:
    """Go to the entry's row in the list by the arrow keys, then press Ctrl+E (Edit entry)."""
    page = window.journal_page
    qtbot.waitUntil(lambda: title in _titles(window))
    row = _titles(window).index(title)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    for _ in range(row):
        qtbot.keyClick(page.table, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: page.table.currentIndex().row() == row)
    qtbot.keyClick(page.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.editing.is_editing)
    assert page.editor.title.text() == title


def _titles(window: MainWindow) -> list[str]:
    model = window.journal_page.model
    return [s.title if (s := model.summary(r)) is not None else ""
            for r in range(model.rowCount())]


def _answers_by_label(window: MainWindow) -> dict[str, str]:
    boxes = window.journal_page.editor.prompts.boxes.values()
    return {box.accessibleName(): box.toPlainText() for box in boxes}


def _entry_id(window: MainWindow, title: str) -> EntryId:
    return next(s.id for s in call_inline(window.session, lambda j: j.list_entries())
                if s.title == title)


def test_an_entry_written_on_another_template_opens_on_it(
    qtbot: QtBot, window: MainWindow, tmp_path: Path,
) -> None:
    unlock(qtbot, window)
    _edit_by_keyboard(qtbot, window, "Kitchen floor")
    editor = window.journal_page.editor
    assert editor.title.text() == "Kitchen floor"
    assert _answers_by_label(window) == ANSWERS  # Dyadic's prompts, each answer in its own
    assert editor.prompts.kept_ids == []  # nothing under "Kept"
    dyadic = call_inline(window.session, lambda j: j.templates.get("session", "Dyadic session"))
    # "Edit template" opens the one asked, and a draft of the edit names it.
    assert window.editing.asked == ("session", dyadic.template.id)
    box = next(iter(editor.prompts.boxes.values()))
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(box, " at the end")
    assert editor.values().template == dyadic.template.id
    editor.resize(760, 900)
    editor.grab().save(str(tmp_path / "edit-on-dyadic.png"))
    # Saved, the answers stay under the same prompt ids: reading and export see no change.
    qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: editor.state.text().startswith("Saved"))
    entry = call_inline(window.session, lambda j: j.get_entry(_entry_id(window, "Kitchen floor")))
    by_id = {p.label: p.id for p in dyadic.template.shown}
    assert entry.answers == {by_id["The dyad"]: "They laughed together at the end",
                             by_id["My part"]: "I waited before speaking"}


def test_the_next_entry_written_on_the_default_opens_on_the_default(
    qtbot: QtBot, window: MainWindow,
) -> None:
    unlock(qtbot, window)
    _edit_by_keyboard(qtbot, window, "Kitchen floor")
    assert _answers_by_label(window) == ANSWERS
    qtbot.keyClick(window.journal_page.editor, Qt.Key.Key_Escape)  # leave the editor
    qtbot.waitUntil(lambda: not window.editing.is_editing)
    _edit_by_keyboard(qtbot, window, "Porch visit")
    editor = window.journal_page.editor
    visit = call_inline(window.session, lambda j: j.templates.get("session"))
    assert [b.accessibleName() for b in editor.prompts.boxes.values()] == [
        p.label for p in visit.template.shown]
    assert editor.prompts.boxes[visit.template.shown[0].id].toPlainText() == "He crawled"
    assert editor.prompts.kept_ids == []
    assert window.editing.asked == ("", "")  # "Edit template" opens the default again


def test_an_entry_whose_template_was_deleted_opens_on_the_default_answers_kept(
    qtbot: QtBot, window: MainWindow, tmp_path: Path,
) -> None:
    unlock(qtbot, window)
    _edit_by_keyboard(qtbot, window, "Kitchen floor")
    assert _answers_by_label(window) == ANSWERS
    qtbot.keyClick(window.journal_page.editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.editing.is_editing)
    dyadic = call_inline(window.session, lambda j: j.templates.get("session", "Dyadic session"))
    # Deleted behind the window's back (as by the command line): nothing refreshes it.
    call_inline(window.session, lambda j: j.templates.delete(dyadic.template.id))
    _edit_by_keyboard(qtbot, window, "Kitchen floor")
    editor = window.journal_page.editor
    kept = {editor.prompts.boxes[k].accessibleName(): editor.prompts.boxes[k].toPlainText()
            for k in editor.prompts.kept_ids}
    assert kept == ANSWERS  # as before this change: the default, every answer kept
    assert window.editing.asked == ("", "")
    editor.resize(760, 1100)
    editor.grab().save(str(tmp_path / "edit-deleted-template.png"))


def test_an_entry_saved_on_a_template_opens_on_it_though_the_default_asks_its_answers(
    qtbot: QtBot, window: MainWindow, tmp_path: Path,
) -> None:
    # Answers alone cannot tell: both templates ask the one prompt answered. The entry
    # names the template it was saved from.
    unlock(qtbot, window)
    dialog = new_entry_dialog(qtbot, window)
    qtbot.keyClick(dialog.kinds, Qt.Key.Key_Tab)
    while dialog.template.currentText() != "First visit":
        before = dialog.template.currentIndex()
        qtbot.keyClick(dialog.template, Qt.Key.Key_Down)
        assert dialog.template.currentIndex() != before  # "First visit" is offered
    qtbot.keyClick(dialog.template, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    editor = window.journal_page.editor
    asked = ["The baby's side", "The family's story", "The home"]
    qtbot.waitUntil(lambda: list(_answers_by_label(window)) == asked)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.prompts.focus_chain()[0])
    qtbot.keyClicks(editor.prompts.focus_chain()[0], "She reached for the cup")
    editor.title.setFocus()
    qtbot.keyClicks(editor.title, "Bath time")
    qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: editor.state.text().startswith("Saved"))
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.editing.is_editing)
    _edit_by_keyboard(qtbot, window, "Bath time")
    assert _answers_by_label(window) == {"The baby's side": "She reached for the cup",
                                         "The family's story": "", "The home": ""}
    assert editor.prompts.kept_ids == []
    first = call_inline(window.session, lambda j: j.templates.get("session", "First visit"))
    assert window.editing.asked == ("session", first.template.id)
    editor.resize(760, 700)
    editor.grab().save(str(tmp_path / "edit-first-visit.png"))
