"""Spell-checking in the editor's text boxes: wavy underlines, suggestions, "add to my dictionary".

The checker (domain/spelling.py) is built on the database thread when the journal unlocks
or its spelling changes, and handed here; until then, and after locking, nothing is marked.
Checking a paragraph is a lookup per word, fast enough to run as the user types
(benchmarks/spelling.py measures it on a 5,000-word entry).
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, QPoint, Qt, QTimer, Signal, Slot
from PySide6.QtGui import (
    QColor,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QMenu, QMessageBox, QPlainTextEdit, QWidget

from reflectjournal.domain.spelling import Checker, Misspelling
from reflectjournal.services.changes import NOTHING, Changes
from reflectjournal.ui.background.operations import change, query
from reflectjournal.ui.background.session import JournalSession, user_message

_CHECKED = "reflectjournal_spellchecked"  # a box's property: a highlighter is on it
ADD_WORD = "Add “{word}” to my dictionary"
NO_SUGGESTIONS = "No suggestions"


def mark_format() -> QTextCharFormat:
    """Return the look of a misspelled word: a red wavy underline, the text as it was."""
    mark = QTextCharFormat()
    # WaveUnderline, not SpellCheckUnderline: the latter is whatever the platform style
    # says, which offscreen and on some desktops is a plain line like a link's.
    mark.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    mark.setUnderlineColor(QColor("#d32f2f"))
    return mark


def _block(document: QTextDocument, blocked: bool) -> None:
    # The box, and its document with it, may be gone by the time a queued call runs.
    if shiboken6.isValid(document):
        document.blockSignals(blocked)


class SpellingHighlighter(QSyntaxHighlighter):
    """Marks the words of each paragraph (text block) that the checker does not know."""

    def __init__(self, owner: QObject, spelling: EditorSpelling) -> None:
        # A QPlainTextEdit owner is not given its document (only a QTextEdit is): attach does.
        super().__init__(owner)
        self._spelling = spelling

    def highlightBlock(self, text: str) -> None:
        """Underline the block's misspellings."""
        checker = self._spelling.checker
        if checker is None or not text:
            return
        mark = self._spelling.mark
        for found in checker.misspellings(text):
            self.setFormat(found.start, found.length, mark)


class EditorSpelling(QObject):
    """The editor's spell-checking: which boxes are checked, with which checker."""

    word_added = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.checker: Checker | None = None
        self.mark = mark_format()
        # Prompt boxes come and go with the kind, each highlighter with its box (its owner):
        # the ones deleted since are dropped as they are found (shiboken6.isValid).
        self._highlighters: list[SpellingHighlighter] = []

    def attach(self, box: QPlainTextEdit) -> None:
        """Check a text box from now on (once per box)."""
        if box.property(_CHECKED):
            return
        box.setProperty(_CHECKED, True)
        document = box.document()
        # Marking words changes formats, not text, but QTextDocument still announces it as a
        # change of contents: unblocked, the editor would count opening an entry, or a new
        # checker after unlocking, as the user's edit (unsaved, a draft, "save first?").
        # Given a document with text, a highlighter marks it from a queued call: the
        # document's signals are blocked for that call alone, by calls queued around it.
        highlighter = SpellingHighlighter(box, self)  # goes with its box
        self._highlighters.append(highlighter)
        QTimer.singleShot(0, highlighter, lambda: _block(document, True))
        highlighter.setDocument(document)
        QTimer.singleShot(0, highlighter, lambda: _block(document, False))
        box.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        box.customContextMenuRequested.connect(
            lambda pos, box=box: self._on_context_menu(box, pos))

    def set_checker(self, checker: Checker | None) -> None:
        """Check with this checker (None: mark nothing), and mark every box again."""
        self.checker = checker
        self._highlighters = [h for h in self._highlighters if shiboken6.isValid(h)]
        for highlighter in self._highlighters:
            document = highlighter.document()
            blocked = document.blockSignals(True)  # formats only: not the user's edit
            highlighter.rehighlight()
            document.blockSignals(blocked)

    def misspelling_at(self, box: QPlainTextEdit, pos: QPoint) -> tuple[QTextCursor, str] | None:
        """Return a cursor selecting the misspelled word at a point of a box, and the word."""
        if self.checker is None:
            return None
        cursor = box.cursorForPosition(pos)
        block = cursor.block()
        column = cursor.positionInBlock()
        found: Misspelling | None = next(
            (m for m in self.checker.misspellings(block.text())
             if m.start <= column <= m.start + m.length), None)
        if found is None:
            return None
        selection = QTextCursor(block)
        selection.setPosition(block.position() + found.start)
        selection.setPosition(block.position() + found.start + found.length,
                              QTextCursor.MoveMode.KeepAnchor)
        return selection, selection.selectedText()

    def context_menu(self, box: QPlainTextEdit, pos: QPoint) -> QMenu:
        """Return the box's menu at a point: suggestions and "Add to my dictionary" first."""
        menu = box.createStandardContextMenu(pos)
        menu.setAccessibleName("Text menu")
        hit = self.misspelling_at(box, pos)
        if hit is None or self.checker is None:
            return menu
        selection, word = hit
        first = menu.actions()[0]  # Qt's own menu always has Undo first
        suggestions = self.checker.suggestions(word)
        for suggestion in suggestions:
            action = menu.addAction(suggestion)
            action.triggered.connect(
                lambda _checked=False, s=suggestion: self._replace(box, selection, s))
            menu.insertAction(first, action)
        if not suggestions:
            none = menu.addAction(NO_SUGGESTIONS)
            none.setEnabled(False)
            menu.insertAction(first, none)
        add = menu.addAction(ADD_WORD.format(word=word))
        add.triggered.connect(lambda _checked=False: self.add_word(word))
        menu.insertAction(first, add)
        menu.insertSeparator(first)
        return menu

    def add_word(self, word: str) -> None:
        """Know this word from now on in every box; word_added asks to keep it."""
        if self.checker is None:
            return
        kept = self.checker.add(word)
        self.set_checker(self.checker)
        self.word_added.emit(kept)

    def _replace(self, box: QPlainTextEdit, selection: QTextCursor, text: str) -> None:
        # One edit of the box's own undo stack, so Ctrl+Z brings the word back.
        selection.insertText(text)
        box.setTextCursor(selection)

    def _on_context_menu(self, box: QPlainTextEdit, pos: QPoint) -> None:
        menu = self.context_menu(box, pos)
        menu.exec(box.viewport().mapToGlobal(pos))
        menu.deleteLater()


class SpellingLoader(QObject):
    """Builds the checker on the database thread when the journal opens or its spelling
    changes, drops it on lock, and keeps added words in the journal."""

    def __init__(self, session: JournalSession, spelling: EditorSpelling,
                 window: QWidget) -> None:
        super().__init__(spelling)
        self._session = session
        self._window = window
        self._spelling = spelling
        session.unlocked.connect(self._on_unlocked)
        session.locked.connect(self._on_locked)
        session.journal_changed.connect(self._on_journal_changed)
        spelling.word_added.connect(self._on_word_added)

    def load(self) -> None:
        """Build the checker for the journal's language and dictionary, then use it."""
        (query(self._session, lambda j: j.spelling.checker())
         .success(self._spelling.set_checker).failure(self._tell).run())

    @Slot()
    def _on_unlocked(self) -> None:
        self.load()

    @Slot()
    def _on_locked(self) -> None:
        # The personal dictionary holds names: it does not outlive the unlocked journal.
        self._spelling.set_checker(None)

    @Slot(object)
    def _on_journal_changed(self, changes: Changes) -> None:
        if changes.touches("spelling"):
            self.load()

    @Slot(str)
    def _on_word_added(self, word: str) -> None:
        # The checker knows the word already; this only keeps it for the next unlock.
        change(self._session, lambda j: j.spelling.add_word(word), NOTHING).failure(
            self._tell).run()

    def _tell(self, error: BaseException) -> None:
        QMessageBox.warning(self._window, "Spelling", user_message(error))
