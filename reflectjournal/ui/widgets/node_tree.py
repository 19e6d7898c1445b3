"""A read-only Qt tree model over plain node objects (the sidebar, the review screen)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt

from reflectjournal.ui.widgets.model_index import AnyIndex


class NodeTreeModel(QAbstractItemModel):
    """One column over a tree of nodes that have `parent`, `children` and `row()`.

    Subclasses give `data` (and `flags` where some rows cannot be selected).
    """

    def __init__(self, root: Any) -> None:
        super().__init__()
        self._root = root

    def set_root(self, root: Any) -> None:
        """Replace every row."""
        self.beginResetModel()
        self._root = root
        self.endResetModel()

    def find_first(self, matches: Callable[[Any], bool]) -> QModelIndex:
        """Return the index of the first node (depth first) that matches, or an invalid one."""

        def search(parent: QModelIndex) -> QModelIndex:
            for row in range(self.rowCount(parent)):
                index = self.index(row, 0, parent)
                if matches(self.node(index)):
                    return index
                found = search(index)
                if found.isValid():
                    return found
            return QModelIndex()

        return search(QModelIndex())

    def node(self, index: AnyIndex) -> Any:
        """Return the node behind an index (the root for an invalid one)."""
        return index.internalPointer() if index.isValid() else self._root

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        node = self.node(parent)
        if column != 0 or not 0 <= row < len(node.children):
            return QModelIndex()
        return self.createIndex(row, 0, node.children[row])

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        parent = self.node(index).parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self.createIndex(parent.row(), 0, parent)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self.node(parent).children)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 1

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
