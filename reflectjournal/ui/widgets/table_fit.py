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

import re

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import (
    QHeaderView,
    QSizePolicy,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reflectjournal.ui.widgets.value_table import FIT_ROWS

LEAST_CHARACTERS = 16  # the wrapping column is never narrower than this much text
WRAP_ROWS = 300  # more rows than this keep one line each: measuring them all is slow


class _Fitter(QObject):
    """Watches a table's size and rows, and fits its columns again after each change."""

    def __init__(self, table: QTableView, events: tuple[QEvent.Type, ...]) -> None:
        super().__init__(table)
        self._table = table
        self._events = events
        self._busy = False  # resizing a column resizes sections: no second round
        table.viewport().installEventFilter(self)
        if QEvent.Type.FontChange in events:  # a new text size reaches the table itself
            table.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in self._events:
            self.refit()
        return False

    def refit(self) -> None:
        """Fit the columns, once however many signals the fitting itself sets off."""
        if self._busy:
            return
        self._busy = True
        try:
            self._fit()
        finally:
            self._busy = False

    def _fit(self) -> None:
        raise NotImplementedError


class _Refit(_Fitter):
    """Gives a table's wrapping column the width it may have."""

    def __init__(self, table: QTableView, column: int, least: int) -> None:
        super().__init__(table, (QEvent.Type.Resize,))
        self._column = column
        self._least = least  # characters
        # Fitted columns change width once their new rows are measured, after a reset.
        table.horizontalHeader().sectionResized.connect(self.refit)
        model = table.model()
        model.modelReset.connect(self.refit)
        model.layoutChanged.connect(self.refit)

    def _fit(self) -> None:
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


# Where a cell's text may break onto a new line: at spaces (a no-break space keeps
# "(1 asked)" whole) and after a hyphen before a letter, as Qt's line breaking does.
_BREAKS = re.compile(r"[ \t\n]+|(?<=-)(?=[^\W\d])")


class _NamesFirst(_Fitter):
    """Gives a table's name column the room first."""

    def __init__(self, table: QTableView, column: int) -> None:
        super().__init__(table, (QEvent.Type.Resize, QEvent.Type.FontChange))
        self._column = column
        model = table.model()
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted,
                       model.dataChanged):
            signal.connect(self.refit)

    def _fit(self) -> None:
        """Give each column its width: the name whole first, then the others' text."""
        for _ in range(2):  # again if taller rows brought a scroll bar, narrowing it
            room = self._table.viewport().width()
            self._fit_once()
            if self._table.viewport().width() == room:
                break

    def _least(self, column: int) -> int:
        """Return the width of the column's widest unbreakable text, or of its title."""
        table = self._table
        metrics = table.fontMetrics()
        model = table.model()
        words = (word for row in range(min(model.rowCount(), FIT_ROWS))
                 for word in _BREAKS.split(str(model.index(row, column).data() or "")))
        widest = max((metrics.horizontalAdvance(word) for word in words), default=0)
        return max(widest + self._margins(), table.horizontalHeader().sectionSizeHint(column))

    def _one_line(self, column: int) -> int:
        """Return the width the column's text takes on one line, its title's at least."""
        table = self._table
        return max(table.sizeHintForColumn(column),
                   table.horizontalHeader().sectionSizeHint(column))

    def _margins(self) -> int:
        """Return what a cell takes besides its text: the delegate's margins, the grid."""
        table = self._table
        # qcommonstyle.cpp: the item text is drawn this far in from each side.
        inset = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None,
                                          table) + 1
        return 2 * inset + (1 if table.showGrid() else 0) + 2  # and a little to spare

    def _fit_once(self) -> None:
        table, name = self._table, self._column
        header = table.horizontalHeader()
        shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
        others = [c for c in shown if c != name]
        room = table.viewport().width()
        one_line = {c: self._one_line(c) for c in shown}
        least = {c: min(self._least(c), one_line[c]) for c in shown}
        widths = dict(one_line)
        if sum(one_line.values()) <= room:  # all on one line: the name takes what is left
            widths[name] = room - sum(one_line[c] for c in others)
        else:
            for c in others:
                widths[c] = least[c]
            # The name whole on one line if it can be, else as wide as is left (it wraps
            # under itself, never narrower than its longest word).
            left = room - sum(least[c] for c in others)
            widths[name] = max(least[name], min(one_line[name], left))
            spare = room - sum(widths.values())
            for c in others:  # what is left lets the figures' words stay on one line
                more = max(0, min(spare, one_line[c] - least[c]))
                widths[c] += more
                spare -= more
        for c in shown:
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(c, widths[c])
        if table.model().rowCount() <= WRAP_ROWS:
            table.resizeRowsToContents()


def names_first(table: QTableView, column: int = 0) -> QTableView:
    """Fit the table's columns so the names in column show whole; return table.

    At the largest text the caseload's figures took their one-line widths and left the
    name column what remained ("Sam Riv…"). Here the name is whole on one line when the
    other columns' text can wrap at its words to make the room; a name longer than the room
    left wraps under itself. Only if the columns' longest words do not fit side by side
    does the table scroll sideways.
    """
    table.setWordWrap(True)
    rows = table.verticalHeader()
    rows.setMinimumSectionSize(rows.defaultSectionSize())
    _NamesFirst(table, column)
    return table
