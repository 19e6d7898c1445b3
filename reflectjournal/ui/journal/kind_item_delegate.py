"""Draws each kind in New entry's list as its name in bold over its description.

As one plain "name, new line, description" text the two read alike and a new user could not
tell where one kind ended and the next began. The item's text stays the same, so screen
readers and type-ahead read the name first, then the description.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

_PAD = 4  # around the text, inside the row
_WRAP = int(Qt.TextFlag.TextWordWrap)


def _parts(index: QModelIndex | QPersistentModelIndex) -> tuple[str, str]:
    name, _, description = str(index.data() or "").partition("\n")
    return name, description


class KindItemDelegate(QStyledItemDelegate):
    """A kind's name in bold, its description below in the usual weight, both wrapped."""

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        bold = QFont(option.font)
        bold.setBold(True)
        return bold, QFont(option.font)

    def heights(self, option: QStyleOptionViewItem, text: str, width: int) -> int:
        """Return the row height the name and description need at width."""
        name, description = text.partition("\n")[::2]
        bold, plain = self._fonts(option)
        room = QRect(0, 0, max(1, width - 2 * _PAD), 1 << 20)
        height = QFontMetrics(bold).boundingRect(room, _WRAP, name).height()
        if description:
            height += QFontMetrics(plain).boundingRect(room, _WRAP, description).height()
        return height + 2 * _PAD

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        """Return the size the wrapped name and description need at the view's width."""
        view = option.widget
        width = option.rect.width()
        if width <= 0 and isinstance(view, QAbstractItemView):
            width = view.viewport().width()
        width = width if width > 0 else 300
        return QSize(width, self.heights(option, str(index.data() or ""), width))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        """Draw the row's background as the style does, then the two texts."""
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        item.text = ""
        style = item.widget.style() if item.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, item.widget)
        name, description = _parts(index)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = (QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        bold, plain = self._fonts(option)
        area = option.rect.adjusted(_PAD, _PAD, -_PAD, -_PAD)
        painter.save()
        painter.setPen(option.palette.color(role))
        painter.setFont(bold)
        used = painter.boundingRect(area, _WRAP, name)
        painter.drawText(area, _WRAP, name)
        if description:
            painter.setFont(plain)
            painter.drawText(area.adjusted(0, used.height(), 0, 0), _WRAP, description)
        painter.restore()
