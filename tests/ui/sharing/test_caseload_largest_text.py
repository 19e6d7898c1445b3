"""The caseload at the largest text size in a 1024x700 window: every name whole.

Names are what a supervisor scans the caseload for; at 32 pt the figures beside them took
the room and "Sam Rivera" read "Sam Riv…". A long name wraps under itself, the figures wrap
or stay, and nothing scrolls sideways.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QApplication, QStyle, QTableView
from pytestqt.qtbot import QtBot

from reflectjournal.domain.entry import EntryChanges
from reflectjournal.services.journal import Journal
from reflectjournal.ui.sharing.caseload_dialog import CaseloadDialog
from reflectjournal.ui.widgets.window_room import FRAME
from tests.helpers.bundles import share
from tests.helpers.desk import desk_journals
from tests.helpers.gui import open_session
from tests.helpers.journals import FAST, PASSPHRASE, exchange_cards

LONG_NAME = "Maria-Fernanda Castellanos Whitfield"
WRAP = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)


def cut_cells(table: QTableView) -> list[str]:
    """Return a line for each cell whose text does not fit it, wrapped at its words."""
    found = []
    model = table.model()
    metrics = table.fontMetrics()
    # The item delegate leaves this much on each side of a cell's text (qcommonstyle.cpp).
    margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            text = str(model.index(row, column).data())
            width = table.columnWidth(column) - 2 * margin
            box = metrics.boundingRect(QRect(0, 0, max(width, 1), 1 << 20), WRAP, text)
            if box.width() > width + 1 or box.height() > table.rowHeight(row) + 1:
                found.append(f"{text!r}: {box.width()}x{box.height()} in "
                             f"{width}x{table.rowHeight(row)}")
    return found


@pytest.fixture
def supervisor(tmp_path: Path, runtime_dir: Path) -> Path:
    """The supervisor's desk, and a third supervisee with a long name who brought an entry
    to supervision and had a session confirmed: the widest figures there are."""
    desk = desk_journals(tmp_path)
    other, _ = Journal.create(tmp_path / "maria", PASSPHRASE, FAST)
    with other:
        other.sharing.my_card(LONG_NAME, "Home visitor")
        exchange_cards(other, desk.supervisor)
        entry = other.add_entry(EntryChanges(kind="reflection", title="A first visit",
                                             body="The baby watched the door."))
        other.loop.bring(entry.id)
        share(other, [entry.id], tmp_path / "maria.rjb", to="Dr. Ada Obi")
    got = desk.supervisor.sharing.receive_file(tmp_path / "maria.rjb")
    desk.supervisor.sharing.confirm_session(got.bundle_id, dt.date.today(), 60, "individual")
    desk.close()
    return tmp_path / "supervisor"


@pytest.mark.usefixtures("largest")
def test_every_name_shows_whole_at_the_largest_text(
    qtbot: QtBot, supervisor: Path,
) -> None:
    session = open_session(supervisor)
    dialog = CaseloadDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.resize(QSize(1024, 700) - FRAME)
    QApplication.processEvents()
    table = dialog.table
    names = [table.model().index(row, 0).data() for row in range(table.model().rowCount())]
    assert sorted(names) == sorted(["Jo Park", "Sam Rivera", LONG_NAME])
    assert cut_cells(table) == []
    # A short name stays on one line: the name column has the room for it first.
    margins = 2 * (table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None,
                                             table) + 1)
    assert table.fontMetrics().horizontalAdvance("Sam Rivera") <= (
        table.columnWidth(0) - margins)
    assert table.horizontalScrollBar().maximum() == 0  # nothing to scroll sideways to
    # Every supervisee in view: the note above folds to a line (six lines left one row).
    last = table.visualRect(table.model().index(len(names) - 1, 0))
    assert table.viewport().rect().contains(last)
    dialog.close()
    session.shutdown()
