"""Paints an entry's list cell on two lines: its title, then its date, kind and tags.

Both lines are plain text drawn with the painter (never rich text: titles are the user's),
elided to the cell's width; the row height comes from the font (JournalPage.fit_columns),
so the rows stay readable at every text size.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from reflectjournal.ui.journal.entry_table import SECOND_LINE_ROLE
from reflectjournal.ui.widgets.model_index import AnyIndex


class TwoLineDelegate(QStyledItemDelegate):
    """The title (the cell's text) over the SECOND_LINE_ROLE text, in a muted colour."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        self.initStyleOption(option, index)
        title, option.text = option.text, ""
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        text = palette.color(QPalette.ColorRole.HighlightedText if selected
                             else QPalette.ColorRole.Text)
        muted = (QPalette.ColorRole.HighlightedText if selected
                 else QPalette.ColorRole.PlaceholderText)
        metrics = option.fontMetrics
        line = metrics.lineSpacing()
        top = rect.top() + max(0, (rect.height() - 2 * line) // 2)
        first = QRect(rect.left() + 2, top, rect.width() - 4, line)
        second = QRect(rect.left() + 2, top + line, rect.width() - 4, line)
        painter.save()
        painter.setClipRect(rect)
        font = option.font
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(text)
        painter.drawText(first, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         painter.fontMetrics().elidedText(title, Qt.TextElideMode.ElideRight,
                                                          first.width()))
        font.setBold(False)
        painter.setFont(font)
        painter.setPen(palette.color(muted))
        detail = str(index.data(SECOND_LINE_ROLE) or "")
        painter.drawText(second, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         metrics.elidedText(detail, Qt.TextElideMode.ElideRight, second.width()))
        painter.restore()
