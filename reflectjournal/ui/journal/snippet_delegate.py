"""Paints a search snippet with the matched words highlighted.

The snippet is the user's own text, so it is escaped before it becomes rich text: an
entry that contains markup is shown as the characters it contains.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from reflectjournal.domain.search import snippet_parts
from reflectjournal.ui.widgets.model_index import AnyIndex

SNIPPET_ROLE = Qt.ItemDataRole.UserRole + 1


def snippet_html(snippet: str, mark: str) -> str:
    """Return escaped HTML for a snippet, matched runs bold on the mark colour."""
    runs = []
    for text, matched in snippet_parts(snippet):
        escaped = html.escape(text.replace("\n", " "))
        runs.append(f'<b style="background-color:{mark}">{escaped}</b>' if matched else escaped)
    return "".join(runs)


class SnippetDelegate(QStyledItemDelegate):
    """Draws the SNIPPET_ROLE text of a cell as highlighted rich text on one line."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: AnyIndex) -> None:
        snippet = index.data(SNIPPET_ROLE)
        if not snippet:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else QApplication.style()
        option.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        mark = palette.color(QPalette.ColorRole.Highlight if not selected
                             else QPalette.ColorRole.Base)
        mark.setAlpha(70)
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(2)
        document.setHtml(snippet_html(snippet, mark.name(mark.NameFormat.HexArgb)))
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, palette.color(text_role))
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, option.widget)
        painter.save()
        painter.translate(rect.topLeft())
        painter.setClipRect(rect.translated(-rect.topLeft()))
        document.documentLayout().draw(painter, context)
        painter.restore()
