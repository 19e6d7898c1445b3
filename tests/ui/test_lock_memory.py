"""On lock, the app drops its Python references to entry text and clears Qt's buffers.

What a Python process can and cannot wipe is in docs/architecture.md: strings are
immutable and freed memory is not overwritten, so the test asks what is in reach: no
live Python object (gc-tracked container, widget, model, closure) still refers to a
string holding entry text after locking, and Qt's documents and undo stacks are empty.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit
from pytestqt.qtbot import QtBot

from reflectjournal.domain.entry import EntryChanges
from reflectjournal.services.journal import Journal
from reflectjournal.ui.app import build_window
from reflectjournal.ui.background.tasks import SyncTasks
from reflectjournal.ui.main_window import MainWindow
from reflectjournal.ui.settings.options import Settings
from tests.helpers.gui import unlock
from tests.helpers.journals import FAST, PASSPHRASE

# Built at run time, so the only strings holding the whole word are the journal's text.
MARK = "".join(["Quill", "wort", "canary"])


@pytest.fixture
def window(qtbot: QtBot, journal_dir: Path, runtime_dir: Path,
           tmp_path: Path) -> Iterator[MainWindow]:
    journal, _ = Journal.create(journal_dir, PASSPHRASE, FAST)
    with journal:
        for n in range(3):
            journal.add_entry(EntryChanges(kind="session", title=f"{MARK} title {n}",
                                           body=f"{MARK} body {n}: the baby reached out."))
    main = build_window(journal_dir, Settings(tmp_path / "settings.ini"), options=FAST,
                        tasks=SyncTasks())
    qtbot.addWidget(main)
    main.show()
    yield main
    main.session.shutdown()


def python_holders(mark: str) -> list[str]:
    """Return the types of live objects that refer to a string containing mark.

    No gc.collect() here: garbage in reference cycles still counts until the app collects
    it, which locking does, so text kept alive by a cycle is found.
    """
    # The app does not call gc.freeze (tried and reverted: docs/benchmarks.md), but frozen
    # objects are out of the generations gc.get_objects() walks, so if anything froze them
    # this unfreezes to look and freezes again after.
    refreeze = gc.get_freeze_count() > 0
    gc.unfreeze()
    try:
        found = []
        for holder in gc.get_objects():
            for referent in gc.get_referents(holder):
                if isinstance(referent, str) and mark in referent and referent != mark:
                    found.append(type(holder).__name__)
        return found
    finally:
        if refreeze:
            gc.freeze()


def test_locking_leaves_no_reference_to_entry_text(qtbot: QtBot, window: MainWindow) -> None:
    unlock(qtbot, window)
    qtbot.keyClicks(window.journal_page.search_box, "baby")
    qtbot.waitUntil(lambda: window.journal_page.model.rowCount() == 3)
    window.journal_page.table.selectRow(0)
    assert MARK in window.journal_page.viewer.toPlainText()
    window.editing.edit_current()
    assert MARK in window.journal_page.editor.body.toPlainText()
    window.journal_page.editor.body.insertPlainText(f"{MARK} typed now ")
    assert python_holders(MARK)  # the control: while unlocked, Python holds the text
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert not window.session.is_open
    assert python_holders(MARK) == []
    for widget in window.findChildren(QPlainTextEdit) + window.findChildren(QTextEdit):
        document = widget.document()
        assert MARK not in document.toPlainText()
        assert not document.isUndoAvailable()
        assert not document.isRedoAvailable()
