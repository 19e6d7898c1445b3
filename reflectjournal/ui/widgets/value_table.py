"""Read-only Qt models over immutable values, one value a row: a table and a list.

Also the view a list of values is shown in, set up one way everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from reflectjournal.ui.widgets.model_index import AnyIndex


class ValueTableModel(QAbstractTableModel):
    """Rows of values under fixed column titles; subclasses say what each cell shows."""

    COLUMNS: tuple[str, ...] = ()

    def __init__(self) -> None:
        super().__init__()
        self._values: list[Any] = []

    def set_values(self, values: Sequence[Any]) -> None:
        """Show these values, in the order given."""
        self.beginResetModel()
        self._values = list(values)
        self.endResetModel()

    def value(self, row: int) -> Any:
        """Return the value on a row, or None."""
        return self._values[row] if 0 <= row < len(self._values) else None

    def row_where(self, matches: Callable[[Any], bool]) -> int:
        """Return the first row whose value matches, or -1."""
        return next((i for i, v in enumerate(self._values) if matches(v)), -1)

    def cell(self, value: Any, column: int) -> Any:
        """Return the text of one cell (shown and used as its tooltip)."""
        raise NotImplementedError

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """Return the number of rows (a flat table)."""
        return 0 if parent.isValid() else len(self._values)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """Return the number of columns."""
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Return the column titles."""
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.COLUMNS)
        ):
            return self.COLUMNS[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Return a cell's text for display and tooltip (long cells are cut off)."""
        value = self.value(index.row()) if index.isValid() else None
        if value is None or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        return self.cell(value, index.column())


class ValueListModel(QAbstractListModel):
    """A read-only list over immutable values; subclasses say each row's text."""

    def __init__(self) -> None:
        super().__init__()
        self._values: tuple[Any, ...] = ()

    def set_values(self, values: Sequence[Any]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self._values = tuple(values)
        self.endResetModel()

    def value(self, index: AnyIndex) -> Any:
        """Return the value behind a valid index."""
        return self._values[index.row()]

    def text(self, value: Any) -> str:
        """Return a value's row text."""
        raise NotImplementedError

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._values)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._values):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.text(self._values[index.row()])
        return None


FIT_ROWS = 100  # how many rows a table reads to fit its columns to their text


def row_table(model: ValueTableModel, name: str, stretch: int = 0) -> QTableView:
    """Return a table choosing one whole row at a time, read-only, over model.

    Tab leaves it (the arrows move within), so a dialog's controls stay a Tab apart;
    columns fit their text, and column `stretch` takes the room left.
    """
    table = QTableView()
    table.setModel(model)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)
    table.verticalHeader().hide()
    table.setWordWrap(False)
    header = table.horizontalHeader()
    # Fitting columns reads every row's text by default; a list of thousands of sessions
    # then took seconds to show. The first rows give the widths well enough.
    header.setResizeContentsPrecision(FIT_ROWS)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table
