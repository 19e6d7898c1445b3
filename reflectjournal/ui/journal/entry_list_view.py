"""The entry list's view: whole rows, where Home and End go to the first and last entry.

QTableView moves Home and End along the row's cells (and only Ctrl+Home and Ctrl+End to
the first and last row); with whole rows selected that moved nothing, so the keys seemed
dead. Ctrl+Home and Ctrl+End keep Qt's meaning in extended selection (move without
changing what is selected), like Ctrl and the arrows. Ctrl+PgDown and Ctrl+PgUp are the
window's Next and Previous entry (journal/actions.py), which move the one selection.
Tab leaves the list (the arrows move in it): with Qt's default it went cell to cell and
changed the entry shown, so a keyboard user could not get out.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

_ENDS = (QAbstractItemView.CursorAction.MoveHome, QAbstractItemView.CursorAction.MoveEnd)


class EntryListView(QTableView):
    """The list of entries, one row each."""

    font_changed = Signal()  # the text size changed: row heights and widths follow it
    open_requested = Signal()  # Enter on an entry: edit it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabKeyNavigation(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and not event.modifiers() and self.currentIndex().isValid()):
            self.open_requested.emit()
            return
        super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.font_changed.emit()

    def moveCursor(self, action: QAbstractItemView.CursorAction,
                   modifiers: Qt.KeyboardModifier) -> QModelIndex:
        model = self.model()
        rows = model.rowCount() if model is not None else 0
        if action in _ENDS and rows:
            current = self.currentIndex()
            column = current.column() if current.isValid() else 0
            return model.index(0 if action == _ENDS[0] else rows - 1, column)
        return super().moveCursor(action, modifiers)
