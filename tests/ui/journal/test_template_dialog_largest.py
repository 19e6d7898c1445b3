"""The template editor at the largest text size in a 1024x700 window: the prompts in view.

The list of prompts is what the dialog is for. At 32 pt the template's four actions and a
three-line note came first, and the list began below the fold: the person scrolled before
seeing a single prompt.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QApplication, QScrollArea
from pytestqt.qtbot import QtBot

from reflectjournal.ui.background.session import JournalSession
from reflectjournal.ui.journal.template_dialog import TemplateDialog
from reflectjournal.ui.widgets.window_room import FRAME
from tests.helpers.fit import misfits
from tests.helpers.gui import open_session

ROOM = QSize(1024, 700) - FRAME
FIRST = 4  # prompts that show before any scrolling


@pytest.fixture
def session(filled_journal: Path, runtime_dir: Path) -> Iterator[JournalSession]:
    opened = open_session(filled_journal)
    yield opened
    opened.shutdown()


def _in_view(dialog: TemplateDialog, row: int) -> bool:
    """Return whether the prompt on row shows whole, the page scrolled to its top."""
    [area] = [a for a in dialog.findChildren(QScrollArea) if a.isAncestorOf(dialog.prompts)]
    assert area.verticalScrollBar().value() == 0
    rect = dialog.prompts.visualRect(dialog.model.index(row))
    viewport = dialog.prompts.viewport()
    top = viewport.mapTo(area.viewport(), rect.topLeft())
    shown = QRect(top, rect.size())
    return (viewport.rect().contains(rect)
            and area.viewport().rect().contains(shown))


@pytest.mark.usefixtures("largest")
def test_the_first_prompts_show_without_scrolling_at_the_largest_text(
    qtbot: QtBot, session: JournalSession,
) -> None:
    dialog = TemplateDialog(session, "session")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.resize(dialog.size().boundedTo(ROOM))
    for _ in range(3):
        QApplication.processEvents()
    assert dialog.model.rowCount() > FIRST
    assert [row for row in range(FIRST) if not _in_view(dialog, row)] == []
    # What moved below the list is all there, and the window still fits.
    for button in (dialog.chooser.new, dialog.chooser.rename, dialog.chooser.delete,
                   dialog.chooser.make_default):
        assert button.isVisibleTo(dialog)
    assert misfits(dialog, ROOM) == []
    dialog.close()
