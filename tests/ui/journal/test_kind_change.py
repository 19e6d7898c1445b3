"""Changing an entry's kind loses nothing, and the wheel cannot change it by accident.

Found by a person scrolling the editor: two wheel notches over the Kind box changed the kind
and wiped every typed answer; switching back did not bring them back, and the autosaved
draft kept the empty state.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reflectjournal.domain.entry import Entry
from reflectjournal.ui.main_window import MainWindow
from tests.helpers.gui import call_inline, find_by_name, unlock, wheel

ANSWER = "She turned toward her mother's voice before the bottle came."




def _session_entry(qtbot: QtBot, window: MainWindow) -> str:
    unlock(qtbot, window)
    window.editing.new_entry("session")
    editor = window.journal_page.editor
    first_prompt = next(iter(editor.prompts.boxes))
    editor.prompts.boxes[first_prompt].setFocus()
    qtbot.keyClicks(editor.prompts.boxes[first_prompt], ANSWER)
    setting = find_by_name(editor, "Setting")
    qtbot.keyClicks(editor.title, "Feeding")
    setting.setCurrentIndex(setting.findData("home"))  # type: ignore[attr-defined]
    return first_prompt


def test_the_wheel_over_an_unfocused_kind_box_scrolls_instead(qtbot: QtBot,
                                                               window: MainWindow) -> None:
    prompt = _session_entry(qtbot, window)
    editor = window.journal_page.editor
    editor.title.setFocus()
    wheel(editor.kind, 2)
    wheel(find_by_name(editor, "Setting"), 2)
    assert editor.kind.currentData() == "session"
    assert editor.prompts.boxes[prompt].toPlainText() == ANSWER
    assert editor.values().changes.fields == {"setting": "home"}
    # Once the person chooses the box (click or Tab), the wheel works on it as usual.
    editor.kind.setFocus()
    wheel(editor.kind, 1)
    assert editor.kind.currentData() != "session"


def test_a_kind_change_keeps_answers_and_fields_and_can_be_undone(qtbot: QtBot,
                                                                  window: MainWindow) -> None:
    prompt = _session_entry(qtbot, window)
    editor = window.journal_page.editor
    editor.kind.setFocus()
    qtbot.keyClick(editor.kind, Qt.Key.Key_End)  # the last kind, with no fields of its own
    new_kind = editor.kind.currentData()
    assert new_kind != "session"

    # The answer stays visible and editable under "Kept from another kind".
    assert editor.prompts.kept_ids == [prompt]
    assert editor.prompts.boxes[prompt].toPlainText() == ANSWER
    assert editor.values().changes.answers == {prompt: ANSWER}
    # The field cannot be saved with the new kind: it is named, and kept in the draft.
    assert "Setting" in editor.kept_fields_label.text()
    assert editor.kept_fields_label.isVisibleTo(editor)
    assert editor.values().draft_changes.fields == {"setting": "home"}
    assert editor.values().changes.fields == {}
    notice = editor.kind_notice
    assert notice.isVisibleTo(editor)
    assert "1 answer kept below" in notice.message.text()

    [undo] = notice.buttons()
    qtbot.mouseClick(undo, Qt.MouseButton.LeftButton)
    assert editor.kind.currentData() == "session"
    assert editor.prompts.kept_ids == []
    assert editor.prompts.boxes[prompt].toPlainText() == ANSWER
    assert editor.values().changes.fields == {"setting": "home"}
    assert not editor.kept_fields_label.isVisibleTo(editor)


def test_an_answer_kept_from_another_kind_is_saved_and_shown_again(
        qtbot: QtBot, window: MainWindow) -> None:
    prompt = _session_entry(qtbot, window)
    editor = window.journal_page.editor
    editor.kind.setCurrentIndex(editor.kind.findData("reflection"))
    qtbot.keyClick(editor.title, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert editor.state.text().startswith("Saved"), editor.state.text()
    entry_id = editor.entry_id
    saved: Entry = call_inline(window.session, lambda j: j.get_entry(entry_id))
    assert saved.kind == "reflection"
    assert saved.answers == {prompt: ANSWER}
    assert saved.fields == {}

    tags = call_inline(window.session, lambda j: j.tags())
    editor.start_edit(saved, tags, [])
    assert editor.prompts.kept_ids == [prompt]
    assert editor.prompts.boxes[prompt].toPlainText() == ANSWER
    # Clearing a kept answer removes it from the entry.
    editor.prompts.boxes[prompt].clear()
    assert editor.values().changes.answers == {}
