"""The caseload: each supervisee with what is new, what waits for an answer, and sessions.

Read on the database thread through services/received.py; choosing a supervisee (Enter or
a double click) filters the review screen to them.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QRect, Qt, Signal, Slot
from PySide6.QtWidgets import QDialog, QStyle, QVBoxLayout, QWidget

from reflectjournal.domain.clock import utc_now
from reflectjournal.domain.received import CaseloadRow
from reflectjournal.domain.visible import visible_controls
from reflectjournal.ui.background.session import JournalSession, user_message
from reflectjournal.ui.widgets.folding_note import FoldingNote
from reflectjournal.ui.widgets.page_parts import close_buttons
from reflectjournal.ui.widgets.passphrase_field import MessageLabel
from reflectjournal.ui.widgets.table_fit import names_first
from reflectjournal.ui.widgets.value_table import ValueTableModel, row_table
from reflectjournal.ui.widgets.window_room import (
    fit_window,
    text_height,
    widen_for_columns,
)


class CaseloadModel(ValueTableModel):
    """One supervisee a row."""

    # Short titles (one on two lines): at the largest text size the table still fits a
    # 1024-pixel window with the names whole.
    COLUMNS = ("Name", "New", "Waiting", "Last\nsession", "Hours")

    def cell(self, value: CaseloadRow, column: int) -> Any:
        """Return one cell's text."""
        if column == 0:
            return visible_controls(value.name)
        if column == 1:
            return str(value.unread)
        if column == 2:
            # In the same column, so the table still fits 1024 pixels at the largest text;
            # "(1 asked)" wraps whole under the count (a no-break space) when room is short.
            return (f"{value.unanswered} ({value.questions}\u00a0asked)" if value.questions
                    else str(value.unanswered))
        if column == 3:
            # "28 Nov 2026" (as the trash and history write dates) breaks before the year
            # when room is short: an ISO date cannot break and took 257 pixels at 32 pt.
            # "none yet" stays on one line: it is no wider than the column's title.
            day = value.last_session
            return f"{day:%d}\u00a0{day:%b %Y}" if day else "none\u00a0yet"
        return f"{value.hours_this_year:.1f}"

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Right-align the counts, so they compare down a column."""
        if role == Qt.ItemDataRole.TextAlignmentRole and index.isValid() and index.column() in (
                1, 2, 4):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return super().data(index, role)


class CaseloadDialog(QDialog):
    """Every supervisee at a glance."""

    supervisee_chosen = Signal(bytes)

    def __init__(self, session: JournalSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.setWindowTitle("Caseload")
        self.intro = FoldingNote("About the caseload")
        self.intro.setText(
            f"New: shared entries not opened yet. Waiting: entries with no comment from you "
            f"yet; asked: those of them they brought to supervision (your agenda lists them). "
            f"Hours: the sessions you confirmed in {utc_now().year}. "
            "Enter on a supervisee shows what they shared.")
        self.model = CaseloadModel()
        # Names are what a supervisor scans for: the name column has the room first (at
        # 32 pt the figures took it and left "Sam Riv…"); the figures wrap at their words
        # to make it, and a name longer than the room wraps under itself.
        self.table = names_first(row_table(self.model, "Supervisees", stretch=0), 0)
        self.table.activated.connect(self._on_activated)
        self.message = MessageLabel("Caseload message")
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, stretch=1)
        layout.addWidget(self.message)
        layout.addWidget(close_buttons(self, "Close caseload"))
        # Room for a dozen rows below the introduction, at any text size.
        fit_window(self, parent, 900, max(460, text_height(self, 14)))
        # At the largest text the whole note took six lines of a 700-pixel screen and left
        # the table one supervisee: when it needs more than three, it folds to one line
        # with Details beside it.
        width = self.width() - 2 * self.style().pixelMetric(QStyle.PixelMetric.PM_LayoutLeftMargin)
        self.intro.set_folded(self.fontMetrics().boundingRect(
            QRect(0, 0, max(width, 1), 1 << 20), int(Qt.TextFlag.TextWordWrap),
            self.intro.text()).height() > text_height(self, 3))
        session.locked.connect(self._on_journal_locked)
        self.reload()

    def reload(self) -> None:
        """Read the caseload again."""
        self._session.call(lambda journal: journal.received.caseload(), self._show,
                           lambda error: self.message.setText(user_message(error)))

    def _show(self, rows: list[CaseloadRow]) -> None:
        self.model.set_values(rows)
        widen_for_columns(self, self.table, self.parentWidget())
        if rows:
            self.table.selectRow(0)
        else:
            self.message.setText("Nothing shared with you yet.")

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        row = self.model.value(index.row())
        if row is not None:
            self.supervisee_chosen.emit(row.signing_key)

    @Slot()
    def _on_journal_locked(self) -> None:
        self.model.set_values(())
        self.reject()
