"""A layout that puts its widgets in a row and starts a new row when the next one would not fit.

For rows of buttons and controls: at the usual text size they sit in one line as before; at
the largest they wrap under each other instead of making the window wider than the screen.
(Qt has no such layout; this follows Qt's own Flow Layout example.)
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize
from PySide6.QtWidgets import QLayoutItem, QSizePolicy, QWidget

from reflectjournal.ui.widgets.item_layout import ItemListLayout


class FlowLayout(ItemListLayout):
    """Items left to right (or packed to the right), wrapping into as many rows as needed."""

    def __init__(self, parent: QWidget | None = None, *, right: bool = False,
                 margins: QMargins | None = None) -> None:
        super().__init__(parent)
        self._right = right  # each row packed to the right edge, as a dialog's buttons are
        self.setContentsMargins(margins if margins is not None else QMargins(0, 0, 0, 0))

    def sizeHint(self) -> QSize:
        """All in one row: what the row looked like before it could wrap."""
        shown = self._shown()
        m = self.contentsMargins()
        width = sum(i.sizeHint().width() for i in shown) + self._gap() * max(len(shown) - 1, 0)
        height = max((i.sizeHint().height() for i in shown), default=0)
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    def minimumSize(self) -> QSize:
        """As wide as the widest item: narrower than that, the item itself would be cut."""
        size = QSize()
        for item in self._shown():
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _shown(self) -> list[QLayoutItem]:
        return [i for i in self._items if not ((w := i.widget()) is not None and w.isHidden())]

    def _place(self, rect: QRect, *, move: bool) -> int:
        """Lay the items out in rect (or only measure); return the height they take."""
        m = self.contentsMargins()
        area = rect.marginsRemoved(m)
        gap = self._gap()
        rows: list[list[tuple[QLayoutItem, QSize]]] = [[]]
        used = 0
        for item in self._shown():
            size = item.sizeHint().boundedTo(QSize(area.width(), 1 << 20)).expandedTo(
                item.minimumSize())
            if rows[-1] and used + gap + size.width() > area.width():
                rows.append([])
                used = 0
            used += (gap if rows[-1] else 0) + size.width()
            rows[-1].append((item, size))
        y = area.top()
        for row in rows:
            if not row:
                continue
            height = max(size.height() for _, size in row)
            width = sum(size.width() for _, size in row) + gap * (len(row) - 1)
            x = area.left() + (max(area.width() - width, 0) if self._right else 0)
            for item, size in row:
                if move:
                    # Each item centred in its row's height, at its own preferred height.
                    widget = item.widget()
                    fixed = widget is not None and (
                        widget.sizePolicy().verticalPolicy() == QSizePolicy.Policy.Fixed)
                    h = size.height() if fixed else height
                    item.setGeometry(QRect(QPoint(x, y + (height - h) // 2),
                                           QSize(size.width(), h)))
                x += size.width() + gap
            y += height + gap
        return y - gap - area.top() + m.top() + m.bottom()
