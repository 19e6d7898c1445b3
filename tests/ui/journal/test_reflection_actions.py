"""A session reflection in 12 actions or fewer, by real key events on the real window.

An action is one key press or chord (a command, a move, a tick) or one word typed into a
picker's filter. The three answers' text is the reflection itself and the same in any
design, so it is typed (into whatever has focus) but not counted; the test still fails if
the text lands anywhere but the three prompts.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from reflectjournal.domain.entry import Entry, EntryChanges
from reflectjournal.services.journal import Journal
from reflectjournal.ui.app import build_window
from reflectjournal.ui.background.tasks import SyncTasks
from reflectjournal.ui.main_window import MainWindow
from reflectjournal.ui.settings.options import Settings
from tests.helpers.gui import call_inline, unlock
from tests.helpers.journals import FAST, PASSPHRASE

LIMIT = 12
HABIT = ("baby", "between", "next_time")  # the prompts this user keeps answering


@pytest.fixture
def habit_window(qtbot: QtBot, journal_dir: Path, runtime_dir: Path,
                 tmp_settings: Path) -> Iterator[MainWindow]:
    """A window over a journal whose session reflections answer the same three prompts."""
    journal, _ = Journal.create(journal_dir, PASSPHRASE, FAST)
    with journal:
        for i in range(4):
            journal.add_entry(EntryChanges(
                kind="session", title=f"Visit {i}",
                answers={prompt: f"answer {i}" for prompt in HABIT}))
        journal.add_entry(EntryChanges(kind="training", title="A course"))
    main = build_window(journal_dir, Settings(tmp_settings), options=FAST, tasks=SyncTasks())
    qtbot.addWidget(main)
    main.resize(1024, 700)
    main.show()
    yield main
    main.session.shutdown()


class Keyboard:
    """Real key events to whatever has focus, counting the actions."""

    def __init__(self, qtbot: QtBot) -> None:
        self._qtbot = qtbot
        self.actions = 0
        self.log: list[str] = []

    def focused(self) -> QWidget:
        # A closing dialog hands activation back to the window through the event loop.
        self._qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=2000)
        widget = QApplication.focusWidget()
        assert widget is not None, f"nothing has focus after {self.log}"
        return widget

    def press(self, key: Qt.Key,
              modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        self.actions += 1
        self.log.append(f"{modifier.name}+{key.name}" if modifier.value else key.name)
        QTest.keyClick(self.focused(), key, modifier)

    def filter_word(self, word: str) -> None:
        self.actions += 1
        self.log.append(repr(word))
        QTest.keyClicks(self.focused(), word)

    def write(self, text: str) -> None:
        """Type an answer: content, not counted."""
        QTest.keyClicks(self.focused(), text)


def test_a_session_reflection_takes_twelve_actions_or_fewer(
    qtbot: QtBot, habit_window: MainWindow
) -> None:
    window = habit_window
    unlock(qtbot, window)
    # The list's newest entry is a training; the kind last chosen here is a session.
    window.editing.new_entry("session")
    window.editing.close_editor()
    window.journal_page.table.setFocus()
    keys = Keyboard(qtbot)

    keys.press(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # asks the kind
    qtbot.waitUntil(lambda: keys.focused().accessibleName() == "Entry kind")
    keys.press(Qt.Key.Key_Return)  # the last kind chosen is selected
    editor = window.journal_page.editor
    assert editor.kind.currentData() == "session"
    keys.write("She turned to the door")
    keys.press(Qt.Key.Key_Tab)
    keys.write("They laughed together")
    keys.press(Qt.Key.Key_Tab)
    keys.write("Ask about the nights")
    keys.press(Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)  # the competency filter
    keys.filter_word("attachment, cultural comp")  # one word each would be 13 actions
    keys.press(Qt.Key.Key_Return)
    keys.press(Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)  # the theme filter
    keys.filter_word("re-enact")
    keys.press(Qt.Key.Key_Return)
    keys.press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert editor.state.text().startswith("Saved"), (editor.state.text(), keys.log)
    [found] = call_inline(window.session, lambda j: j.search("nights"))
    entry: Entry = call_inline(window.session, lambda j: j.get_entry(found.id))
    assert entry.kind == "session"
    assert dict(entry.answers) == {"baby": "She turned to the door",
                                   "between": "They laughed together",
                                   "next_time": "Ask about the nights"}
    assert entry.competencies == ("C1.06", "C1.10")
    assert entry.themes == ("G2",)
    assert keys.actions <= LIMIT, keys.log


def test_prompts_not_used_lately_fold_and_open_one_key_away(
    qtbot: QtBot, habit_window: MainWindow
) -> None:
    unlock(qtbot, habit_window)
    habit_window.editing.new_entry("session")
    editor = habit_window.journal_page.editor
    shown = [p for p, box in editor.prompts.boxes.items() if box.isVisibleTo(editor)]
    assert shown == list(HABIT)
    more = editor.prompts.more
    assert more is not None
    assert more.text() == "&More prompts (7)"
    QTest.keyClick(editor.prompts.boxes["next_time"], Qt.Key.Key_M,
                   Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: more.isChecked())  # a mnemonic "animates" the click
    assert all(box.isVisibleTo(editor) for box in editor.prompts.boxes.values())
    assert QApplication.focusWidget() is editor.prompts.boxes["family_story"]


def test_a_new_user_sees_every_prompt(qtbot: QtBot, window: MainWindow) -> None:
    unlock(qtbot, window)  # five entries, none answering a prompt
    window.editing.new_entry("training")
    editor = window.journal_page.editor
    assert editor.prompts.more is None
    assert all(box.isVisibleTo(editor) for box in editor.prompts.boxes.values())


def test_escape_in_the_kind_question_opens_nothing(
    qtbot: QtBot, habit_window: MainWindow
) -> None:
    unlock(qtbot, habit_window)
    page = habit_window.journal_page
    QTest.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None
                    and QApplication.focusWidget().accessibleName() == "Entry kind")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert page.detail.currentWidget() is page.viewer


def test_a_theme_group_ticks_as_a_group(qtbot: QtBot, window: MainWindow) -> None:
    unlock(qtbot, window)
    window.editing.new_entry("session")
    themes = window.journal_page.editor.themes
    ghosts = themes.tree.topLevelItem(0)
    ghosts.setCheckState(0, Qt.CheckState.Checked)
    assert len(themes.chosen()) == ghosts.childCount() > 1
    ghosts.child(0).setCheckState(0, Qt.CheckState.Unchecked)
    assert ghosts.checkState(0) == Qt.CheckState.PartiallyChecked
    assert len(themes.chosen()) == ghosts.childCount() - 1
    ghosts.setCheckState(0, Qt.CheckState.Unchecked)
    assert themes.chosen() == ()


def test_enter_in_a_picker_filter_that_matches_nothing_ticks_nothing(
    qtbot: QtBot, window: MainWindow
) -> None:
    unlock(qtbot, window)
    window.editing.new_entry("session")
    picker = window.journal_page.editor.competencies
    QTest.keyClicks(picker.search, "zzzz")
    QTest.keyClick(picker.search, Qt.Key.Key_Return)
    assert picker.chosen() == ()
    assert "Nothing matches" in picker.feedback.text()
    assert picker.search.text() == "zzzz"  # kept, to correct it
    picker.search.setText("attachment, zzzz")
    QTest.keyClick(picker.search, Qt.Key.Key_Return)
    assert picker.chosen() == ("C1.06",)
    assert picker.search.text() == "zzzz"
