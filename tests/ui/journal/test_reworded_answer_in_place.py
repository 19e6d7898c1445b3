"""Editing an entry after its prompt was reworded: the answer stays where the prompt is asked.

A new user reworded "The baby's side", then edited an older entry: the new question sat at the
top, empty, and the old answer at the bottom under "Kept from another kind or template" with
the same name, so it read as if the answer had gone. It now takes the reworded prompt's place,
under the question it answered, and is saved as it was.
"""

from __future__ import annotations

from dataclasses import replace

from pytestqt.qtbot import QtBot

from reflectjournal.domain.entry import EntryChanges
from reflectjournal.services.changes import TEMPLATES
from reflectjournal.services.journal import Journal
from reflectjournal.ui.main_window import MainWindow
from tests.helpers.gui import call_inline, unlock


def _reword_the_first_prompt(journal: Journal) -> str:
    current = journal.templates.get("session").template
    first, *rest = current.prompts
    journal.templates.save(replace(current, label="Mine", prompts=(
        replace(first, text="What did the baby show me <today>?"), *rest)))
    return first.label


def test_an_answer_to_an_earlier_wording_stays_in_its_place(
    qtbot: QtBot, window: MainWindow
) -> None:
    unlock(qtbot, window)
    old = call_inline(window.session, lambda j: j.add_entry(EntryChanges(
        kind="session", title="Porch visit", answers={"baby": "He crawled to the door"})))
    label = call_inline(window.session, _reword_the_first_prompt)
    window.session.journal_changed.emit(TEMPLATES)  # as the templates dialog's save says
    window.entries.refresh()
    page = window.journal_page
    row = next(r for r in range(page.model.rowCount()) if page.model.summary(r).id == old.id)
    page.table.selectRow(row)
    window.editing.edit_current()
    editor = window.journal_page.editor
    qtbot.waitUntil(lambda: "baby" in editor.prompts.boxes)
    boxes = list(editor.prompts.boxes.items())
    assert boxes[0][0] == "baby"  # first, where the prompt is asked
    assert boxes[0][1].toPlainText() == "He crawled to the door"
    names = [box.accessibleName() for _, box in boxes]
    assert names.count(label) == 1  # no empty box of the same name above it
    assert editor.prompts.kept_ids == []
    assert editor.values().changes.answers == {"baby": "He crawled to the door"}  # as saved
    # A new entry asks the new words, escaped (the user's own text, drawn as rich text).
    window.editing.close_editor()
    window.editing.new_entry("session")
    qtbot.waitUntil(lambda: "baby" not in editor.prompts.boxes)
    first = next(iter(editor.prompts.boxes.values()))
    assert first.accessibleDescription() == "What did the baby show me <today>?"
