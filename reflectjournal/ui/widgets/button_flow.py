"""A row of buttons that wraps onto more lines when the window is too narrow for it.

At the largest text size a dialog's row of three buttons was wider than a 1024-pixel screen
(1091 px); stacked one per line it took a third of the height. Wrapped, the row keeps as many
buttons side by side as fit, each line to the right as a dialog's buttons are.
"""

from __future__ import annotations

from typing import Literal

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QStyle, QWidget

# Where a line's items go; "split": on one line, the first item left and the rest right
# (as a row with a stretch after its first button), on more lines all to the right.
Side = Literal["left", "centre", "right", "split"]


class FlowLayout(QLayout):
    """Items left to right, wrapping to a new line when one does not fit; lines to one side."""

    def __init__(self, parent: QWidget | None = None, align: Side = "right") -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._align = align

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
        """Take no spare room (a layout's default takes it all, a gap under the buttons)."""
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

    def sizeHint(self) -> QSize:
        """Return the size of all items on one line."""
        shown = self._shown()
        margins = self.contentsMargins()
        width = sum(item.sizeHint().width() for item in shown) + self._gap() * max(
            len(shown) - 1, 0)
        height = max((item.sizeHint().height() for item in shown), default=0)
        return QSize(width + margins.left() + margins.right(),
                     height + margins.top() + margins.bottom())

    def minimumSize(self) -> QSize:
        """Return the size of the widest item alone (one item a line)."""
        size = QSize()
        for item in self._shown():
            size = size.expandedTo(item.sizeHint())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _gap(self) -> int:
        if self.spacing() >= 0:
            return self.spacing()
        parent = self.parentWidget()
        style = parent.style() if parent is not None else None
        return style.pixelMetric(QStyle.PixelMetric.PM_LayoutHorizontalSpacing) if style else 6

    def _place(self, rect: QRect, *, move: bool) -> int:
        """Lay the items out in lines within rect (or only measure); return the height used."""
        margins = self.contentsMargins()
        room = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        gap = self._gap()
        lines: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in self._shown():
            width = item.sizeHint().width()
            if lines[-1] and used + gap + width > room.width():
                lines.append([])
                used = 0
            used += (gap if lines[-1] else 0) + width
            lines[-1].append(item)
        y = room.y()
        for line in lines:
            if not line:
                continue
            height = max(item.sizeHint().height() for item in line)
            width = sum(item.sizeHint().width() for item in line) + gap * (len(line) - 1)
            x = room.x()
            if self._align in ("right", "split"):
                x += room.width() - width
            elif self._align == "centre":
                x += (room.width() - width) // 2
            for index, item in enumerate(line):
                if move:
                    at = room.x() if self._align == "split" and len(lines) == 1 and (
                        index == 0) else x
                    item.setGeometry(QRect(QPoint(at, y), item.sizeHint()))
                x += item.sizeHint().width() + gap
            y += height + gap
        return y - gap - room.y() + margins.top() + margins.bottom() if y > room.y() else 0


def button_flow(*buttons: QWidget, align: Side = "right") -> QWidget:
    """Return a widget holding buttons in a row (to the right) that wraps when narrow."""
    holder = QWidget()
    layout = FlowLayout(holder, align)
    layout.setContentsMargins(0, 0, 0, 0)
    for button in buttons:
        layout.addWidget(button)
    policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
    policy.setHeightForWidth(True)
    holder.setSizePolicy(policy)
    return holder
