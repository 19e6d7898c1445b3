"""Tables whose one wide column wraps its words, and keeps a readable width at any text size.

The same as wrap_column in ui/progress/table_fit.py (written for the Progress tables), here
in the floor so that every feature's tables can use it: the layer check lets no feature
import another's. ui/progress should take it from here and drop its copy.

row_table (ui/widgets/value_table.py) fits every column to its text but one, which takes the
room left. At the largest text the fitted columns alone were wider than the window, the one
left got nothing ("From" read "Fro", a competency's name "T…"), and a long reason was cut
off. Here that column wraps its words onto more lines, and when the room left is less than
a readable width it keeps that width and the table scrolls sideways instead.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QHeaderView, QTableView

LEAST_CHARACTERS = 16  # the wrapping column is never narrower than this much text
WRAP_ROWS = 300  # more rows than this keep one line each: measuring them all is slow


class _Refit(QObject):
    """Watches a table's size and rows; gives its wrapping column the width it may have."""

    def __init__(self, table: QTableView, column: int, least: int) -> None:
        super().__init__(table)
        self._table = table
        self._column = column
        self._least = least  # characters
        self._busy = False  # resizing the column resizes sections: no second round
        table.viewport().installEventFilter(self)
        # Fitted columns change width once their new rows are measured, after a reset.
        table.horizontalHeader().sectionResized.connect(self.refit)
        model = table.model()
        model.modelReset.connect(self.refit)
        model.layoutChanged.connect(self.refit)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.refit()
        return False

    def refit(self) -> None:
        """Stretch the column into the room left, or keep it readable and scroll."""
        if self._busy:
            return
        self._busy = True
        try:
            self._refit()
        finally:
            self._busy = False

    def _refit(self) -> None:
        table, column = self._table, self._column
        header = table.horizontalHeader()
        others = sum(header.sectionSize(c) for c in range(header.count())
                     if c != column and not header.isSectionHidden(c))
        # Never narrower than its title either ("From" read "Fro").
        least = max(table.fontMetrics().averageCharWidth() * self._least,
                    header.sectionSizeHint(column))
        room = table.viewport().width() - others
        mode = (QHeaderView.ResizeMode.Stretch if room >= least
                else QHeaderView.ResizeMode.Interactive)
        if header.sectionResizeMode(column) != mode:
            header.setSectionResizeMode(column, mode)
        if mode == QHeaderView.ResizeMode.Interactive and header.sectionSize(column) != least:
            header.resizeSection(column, least)
        if table.model().rowCount() <= WRAP_ROWS:
            table.resizeRowsToContents()


def wrap_column(table: QTableView, column: int,
                least: int = LEAST_CHARACTERS) -> QTableView:
    """Make the table's column (the one row_table stretched) wrap its words; return table."""
    table.setWordWrap(True)
    # Rows that need one line stay as tall as before; only wrapped ones grow.
    rows = table.verticalHeader()
    rows.setMinimumSectionSize(rows.defaultSectionSize())
    _Refit(table, column, least)
    return table
