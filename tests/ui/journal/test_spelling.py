"""Spell-checking in the real editor: underlines, suggestions, the personal dictionary."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QMessageBox, QPlainTextEdit
from pytestqt.qtbot import QtBot

from reflectjournal.domain.entry import EntryChanges
from reflectjournal.ui.journal.spelling import ADD_WORD, EditorSpelling
from reflectjournal.ui.main_window import MainWindow
from tests.helpers.gui import call_inline, unlock
from tests.helpers.leaks import folder_bytes, found_in


def _underlined(box: QPlainTextEdit) -> list[str]:
    """Return the words the highlighter marked, from the document's own layout."""
    words = []
    block = box.document().begin()
    while block.isValid():
        for fmt in block.layout().formats():
            style = fmt.format.underlineStyle()
            if style == QTextCharFormat.UnderlineStyle.WaveUnderline:
                words.append(block.text()[fmt.start:fmt.start + fmt.length])
        block = block.next()
    return words


def _point_at(box: QPlainTextEdit, word: str) -> QPoint:
    cursor = QTextCursor(box.document())
    cursor.setPosition(box.toPlainText().index(word) + 1)
    return box.cursorRect(cursor).center()


def _open_editor(qtbot: QtBot, window: MainWindow) -> EditorSpelling:
    unlock(qtbot, window)
    window.editing.new_entry()
    editor = window.journal_page.editor
    editor.kind.setCurrentIndex(editor.kind.findData("session"))
    qtbot.waitUntil(lambda: editor.spelling.checker is not None)
    return editor.spelling


def test_misspellings_are_underlined_in_the_free_text_and_the_prompts(
    qtbot: QtBot, window: MainWindow
) -> None:
    spelling = _open_editor(qtbot, window)
    editor = window.journal_page.editor
    editor.body.insertPlainText("The toddlr cried.\nShe setled when held.")
    prompt = next(iter(editor.prompts.boxes.values()))
    prompt.insertPlainText("Her mothr sang")
    qtbot.waitUntil(lambda: _underlined(editor.body) == ["toddlr", "setled"])
    qtbot.waitUntil(lambda: _underlined(prompt) == ["mothr"])
    # A kind with other prompts: its new boxes are checked too.
    editor.kind.setCurrentIndex(editor.kind.findData("reflection"))
    fresh = next(b for b in editor.prompts.boxes.values() if b is not prompt)
    fresh.insertPlainText("a dreem")
    qtbot.waitUntil(lambda: _underlined(fresh) == ["dreem"])
    spelling.set_checker(None)  # as on lock
    assert _underlined(editor.body) == []


def test_a_suggestion_replaces_the_word_and_undo_brings_it_back(
    qtbot: QtBot, window: MainWindow
) -> None:
    spelling = _open_editor(qtbot, window)
    body = window.journal_page.editor.body
    body.insertPlainText("The toddlr cried.")
    qtbot.waitUntil(lambda: _underlined(body) == ["toddlr"])
    menu = spelling.context_menu(body, _point_at(body, "toddlr"))
    texts = [a.text() for a in menu.actions()]
    assert texts[0] == "toddler"
    assert ADD_WORD.format(word="toddlr") in texts
    next(a for a in menu.actions() if a.text() == "toddler").trigger()
    assert body.toPlainText() == "The toddler cried."
    assert _underlined(body) == []
    body.undo()
    assert body.toPlainText() == "The toddlr cried."
    # A word spelled right gets Qt's own menu only.
    plain = spelling.context_menu(body, _point_at(body, "cried"))
    assert not any(a.text() == "toddler" for a in plain.actions())


def test_marking_words_is_not_an_edit(qtbot: QtBot, window: MainWindow) -> None:
    unlock(qtbot, window)
    entry_id = call_inline(window.session, lambda j: j.add_entry(EntryChanges(
        kind="session", title="Misspelt", body="The toddlr setled.",
        answers={"baby": "Her mothr sang"})).id)
    window.entries.refresh()
    row = next(r for r in range(window.journal_page.model.rowCount())
               if window.journal_page.model.summary(r).id == entry_id)
    window.journal_page.table.selectRow(row)
    window.editing.edit_current()
    editor = window.journal_page.editor
    qtbot.waitUntil(lambda: _underlined(editor.body) == ["toddlr", "setled"])
    QApplication.processEvents()
    assert not editor.has_unsaved()  # opening an entry with misspellings changes nothing
    checker = editor.spelling.checker
    editor.spelling.set_checker(None)  # as on lock, then a new checker as on unlock
    editor.spelling.set_checker(checker)
    assert _underlined(editor.body) == ["toddlr", "setled"]
    assert not editor.has_unsaved()


def test_an_added_word_is_known_at_once_and_after_unlocking_again_and_never_leaks(
    qtbot: QtBot, window: MainWindow, filled_journal: Path, tmp_settings: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    canary = "Quorvelina"
    spelling = _open_editor(qtbot, window)
    body = window.journal_page.editor.body
    body.insertPlainText(f"{canary} smiled at {canary}.")
    qtbot.waitUntil(lambda: _underlined(body) == [canary, canary])
    menu = spelling.context_menu(body, _point_at(body, canary))
    next(a for a in menu.actions() if a.text() == ADD_WORD.format(word=canary)).trigger()
    assert _underlined(body) == []
    assert call_inline(window.session, lambda j: j.spelling.personal_words()) == [
        canary.lower()]
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Discard)
    window.editing.close_editor()
    window.session.lock()
    assert spelling.checker is None  # the dictionary does not outlive the unlocked journal
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: spelling.checker is not None)
    assert spelling.checker is not None
    assert spelling.checker.knows(canary)
    window.session.lock()
    window.settings.sync()
    leaked = {name for name, data in folder_bytes(filled_journal).items()
              if found_in(data, canary, canary.lower())}
    leaked |= {name for name, data in folder_bytes(tmp_settings.parent).items()
               if found_in(data, canary, canary.lower())}
    assert leaked == set()
