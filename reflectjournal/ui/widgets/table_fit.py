"""Tables whose one wide column wraps its words, and keeps a readable width at any text size.

Here in the floor so that every feature's tables can use it (the layer check lets no
feature import another's); the Progress tables were first.

row_table (ui/widgets/value_table.py) fits every column to its text but one, which takes the
room left. At the largest text the fitted columns alone were wider than the window, the one
left got nothing ("From" read "Fro", a competency's name "T…"), and a long reason was cut
off. Here that column wraps its words onto more lines, and when the room left is less than
a readable width it keeps that width and the table scrolls sideways instead.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QHeaderView, QSizePolicy, QTableView, QVBoxLayout, QWidget

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


def few_rows(table: QTableView, rows: int) -> QWidget:
    """Return the table in a holder that asks for its header and a few rows, no more; in a
    layout the table then takes the room left.

    In a page that scrolls, a table's own preferred height (Qt's 192 pixels) made the page
    scroll at the usual text size; at the largest it was squeezed to its header alone.
    The table asks for nothing (Ignored) and the holder for the table's minimum: a table
    that asked for nothing itself was overlapped by what came below it, since a layout
    measuring heights for a width adds the preferred heights, not the minimums.
    """
    header = table.horizontalHeader().sizeHint().height()
    table.setMinimumHeight(max(table.minimumHeight(), header + 2 * table.frameWidth()
                               + rows * table.verticalHeader().defaultSectionSize()))
    policy = table.sizePolicy()
    policy.setVerticalPolicy(QSizePolicy.Policy.Ignored)
    table.setSizePolicy(policy)
    holder = QWidget()
    box = QVBoxLayout(holder)
    box.setContentsMargins(0, 0, 0, 0)
    box.addWidget(table)
    return holder
