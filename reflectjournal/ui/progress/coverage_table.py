"""The competency coverage grid: areas, then their knowledge areas, and what evidence each has.

No score and no percent (spec 2.6): a count, hours, the latest date and a status per row.
Clicking a count asks for the entries behind it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QHeaderView, QTableView, QWidget

from reflectjournal.domain.endorsement.coverage import (
    UNCONFIRMED_MARK,
    UNCONFIRMED_NOTE,
    CoverageColumn,
    CoverageRow,
)
from reflectjournal.domain.endorsement.sessions import hours_words as hours
from reflectjournal.domain.ids import TagId
from reflectjournal.ui.widgets.model_index import AnyIndex
from reflectjournal.ui.widgets.value_table import ValueTableModel

_STATUS = {"no evidence": "No evidence yet", "training evidence": "Training",
           "other evidence only": "Other entries only"}
UNCONFIRMED = UNCONFIRMED_MARK  # its footnote sits under the grid (progress_view.py)


class CoverageModel(ValueTableModel):
    """One coverage row a line; knowledge areas indented under their area."""

    COLUMNS = ("Competency", "Trainings", "Training hours", "Other entries", "Most recent",
               "Status")
    # Which entries a cell stands for: training counts and hours, other entries, and the
    # latest date and status stand for all of the row's entries.
    CLICKABLE: ClassVar[dict[int, CoverageColumn]] = {
        1: CoverageColumn.TRAINING, 2: CoverageColumn.TRAINING, 3: CoverageColumn.OTHER,
        4: CoverageColumn.ANY, 5: CoverageColumn.ANY}

    def cell(self, value: Any, column: int) -> Any:
        row: CoverageRow = value
        if column == 0:
            indent = "    " if row.parent else ""
            return f"{indent}{row.label}{'' if row.confirmed else UNCONFIRMED}"
        if column == 1:
            return str(row.training_entries)
        if column == 2:
            return hours(row.training_minutes) if row.training_minutes else "–"
        if column == 3:
            return str(row.other_entries)
        if column == 4:
            return row.latest.isoformat() if row.latest else "–"
        return _STATUS.get(str(row.status), str(row.status))

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Bold areas; the reference-ratings note as the tooltip of rows that carry it."""
        row: CoverageRow | None = self.value(index.row()) if index.isValid() else None
        if row is not None and role == Qt.ItemDataRole.ToolTipRole and (
                row.note or not row.confirmed):
            return "\n".join(words for words in (
                row.note, "" if row.confirmed else UNCONFIRMED_NOTE) if words)
        if row is not None and role == Qt.ItemDataRole.FontRole and row.parent is None:
            from PySide6.QtGui import QFont

            font = QFont()
            font.setBold(True)
            return font
        if row is not None and role == Qt.ItemDataRole.TextAlignmentRole and index.column():
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return super().data(index, role)


class CoverageTable(QTableView):
    """The grid; `cell_chosen(tag_id, column)` when a cell is clicked or Enter pressed on it."""

    cell_chosen = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Competency coverage")
        self.coverage = CoverageModel()
        self.setModel(self.coverage)
        self.verticalHeader().hide()
        self.setSelectionBehavior(QTableView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # Tab leaves the grid; arrows move inside it
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(CoverageModel.COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.clicked.connect(self._choose)
        self.activated.connect(self._choose)

    def show_rows(self, rows: Sequence[CoverageRow]) -> None:
        """Show these rows, in the order given (areas each followed by their items)."""
        self.coverage.set_values(rows)

    def _choose(self, index: QModelIndex) -> None:
        row: CoverageRow | None = self.coverage.value(index.row())
        column = CoverageModel.CLICKABLE.get(index.column())
        if row is not None and column is not None:
            self.cell_chosen.emit(TagId(row.tag_id), str(column))
