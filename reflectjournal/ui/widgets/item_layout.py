"""What a hand-made layout needs of Qt before it places anything: its items, and its gaps.

The two flow layouts (ui/widgets/button_flow.py for rows of buttons, ui/progress/flow_layout.py
for the Progress screen's controls) measure differently; this is the part they share.
Subclasses implement `_place(rect, move=...)`, which lays the items out in rect (or only
measures) and returns the height used, with sizeHint and minimumSize.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QStyle, QWidget


class ItemListLayout(QLayout):
    """A layout over a plain list of items whose height depends on its width."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []

    def addItem(self, item: QLayoutItem) -> None:
        """Add an item at the end."""
        self._items.append(item)

    def count(self) -> int:
        """Return how many items there are."""
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        """Return the item at index, or None."""
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        """Remove the item at index and return it."""
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        """Take no spare room (a layout's default takes it all, a gap under the items)."""
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        """Say that the height depends on the width (more lines when narrower)."""
        return True

    def heightForWidth(self, width: int) -> int:
        """Return the height all lines need at that width."""
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        """Place the items in rect."""
        super().setGeometry(rect)
        self._place(rect, move=True)

    def _place(self, rect: QRect, *, move: bool) -> int:
        raise NotImplementedError

    def _gap(self) -> int:
        """Return the spacing set, else the style's between two items side by side."""
        if self.spacing() >= 0:
            return self.spacing()
        parent = self.parentWidget()
        style = parent.style() if parent is not None else None
        return style.pixelMetric(QStyle.PixelMetric.PM_LayoutHorizontalSpacing) if style else 6
