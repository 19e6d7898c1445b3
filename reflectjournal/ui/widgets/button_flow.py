"""A row of buttons that wraps onto more lines when the window is too narrow for it.

At the largest text size a dialog's row of three buttons was wider than a 1024-pixel screen
(1091 px); stacked one per line it took a third of the height. Wrapped, the row keeps as many
buttons side by side as fit, each line to the right as a dialog's buttons are.
"""

from __future__ import annotations

from typing import Literal

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QLabel, QLayoutItem, QSizePolicy, QWidget

from reflectjournal.ui.widgets.item_layout import ItemListLayout

# Where a line's items go; "split": on one line, the first items (`left` of them) to the
# left and the rest to the right (a row with a stretch), on more lines all to the right.
Side = Literal["left", "centre", "right", "split"]


class FlowLayout(ItemListLayout):
    """Items left to right, wrapping to a new line when one does not fit; lines to one side."""

    def __init__(self, parent: QWidget | None = None, align: Side = "right",
                 left: int = 1) -> None:
        super().__init__(parent)
        self._align = align
        self._left = left

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
            # A wrapped label can be narrower than its hint: it takes more lines instead.
            size = size.expandedTo(item.minimumSize() if item.hasHeightForWidth()
                                   else item.sizeHint())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    @staticmethod
    def _size(item: QLayoutItem, room: int) -> QSize:
        """Return an item's size: its hint, or a wrapped label's size at the room's width."""
        hint = item.sizeHint()
        label = item.widget()
        if isinstance(label, QLabel) and label.wordWrap():
            # A wrapped label's hint is a guess at a few lines; on one line if it fits.
            width = min(room, label.fontMetrics().horizontalAdvance(label.text())
                        + 2 * label.margin() + 2)
            return QSize(width, label.heightForWidth(width))
        if hint.width() > room and item.hasHeightForWidth():
            return QSize(room, item.heightForWidth(room))
        return hint

    def _place(self, rect: QRect, *, move: bool) -> int:
        """Lay the items out in lines within rect (or only measure); return the height used."""
        margins = self.contentsMargins()
        room = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        gap = self._gap()
        lines: list[list[QLayoutItem]] = [[]]
        used = 0
        sizes = {id(item): self._size(item, room.width()) for item in self._shown()}
        for item in self._shown():
            width = sizes[id(item)].width()
            if lines[-1] and used + gap + width > room.width():
                lines.append([])
                used = 0
            used += (gap if lines[-1] else 0) + width
            lines[-1].append(item)
        y = room.y()
        for line in lines:
            if not line:
                continue
            height = max(sizes[id(item)].height() for item in line)
            width = sum(sizes[id(item)].width() for item in line) + gap * (len(line) - 1)
            x = room.x()
            if self._align in ("right", "split"):
                x += room.width() - width
            elif self._align == "centre":
                x += (room.width() - width) // 2
            split = self._align == "split" and len(lines) == 1
            if split:
                x = room.x()
            for index, item in enumerate(line):
                if split and index == self._left:
                    rest = line[index:]
                    x = room.x() + room.width() - (sum(sizes[id(i)].width() for i in rest)
                                                   + gap * (len(rest) - 1))
                if move:  # centred in its line's height, as a row's items are
                    size = sizes[id(item)]
                    item.setGeometry(QRect(QPoint(x, y + (height - size.height()) // 2), size))
                x += sizes[id(item)].width() + gap
            y += height + gap
        return y - gap - room.y() + margins.top() + margins.bottom() if y > room.y() else 0


def button_flow(*buttons: QWidget, align: Side = "right", left: int = 1) -> QWidget:
    """Return a widget holding buttons in a row (to the right) that wraps when narrow."""
    holder = QWidget()
    layout = FlowLayout(holder, align, left)
    layout.setContentsMargins(0, 0, 0, 0)
    for button in buttons:
        layout.addWidget(button)
    policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
    policy.setHeightForWidth(True)
    holder.setSizePolicy(policy)
    return holder
