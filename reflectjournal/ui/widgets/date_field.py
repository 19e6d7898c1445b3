"""A date field that Tab leaves at once, and that takes a date typed the way it is written.

QDateEdit moves Tab from the year to the month to the day, so a keyboard user pressed Tab
three times to get past one date. Here Tab and Shift+Tab leave the field, while Left and
Right, a typed "-", or the digits typed straight through move between its parts. (Tab used
to be caught in focusNextPrevChild, which QDateEdit also calls for "-" and Left/Right: the
"-" of 2019-05-01 sent the focus, and "05-01", to the next field.)

QDateEdit also types into whichever part holds the cursor even when all of its text is
selected: Ctrl+A then "2019-05-01" kept the year and gave 2026-05-01, with nothing said
(a provider's qualification date moved by seven years). Here a digit typed over a selection
of more than one part starts again from the year, so the date typed is the date held.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QDateEdit, QDateTimeEdit, QWidget

_MOVING = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
_SEPARATORS = frozenset("-/. ")


class DateField(QDateEdit):
    """A yyyy-MM-dd date with a calendar popup, one Tab stop."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setAccessibleName(name)
        self._advanced = False  # the last digit filled its part and moved to the next

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) \
                and not event.modifiers() & _MOVING:
            forward = event.key() == Qt.Key.Key_Tab \
                and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            QWidget.focusNextPrevChild(self, forward)  # past the field, not to its next part
            return True
        return super().event(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self._advanced = False  # a part filled before the field was left says nothing now
        super().focusInEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if text in _SEPARATORS:
            advanced, self._advanced = self._advanced, False
            if advanced:
                return  # the part before it filled up and moved on already: "2019" then "-"
            if text != "-":  # 2019/5/1 and 2019.5.1 as 2019-5-1
                event = QKeyEvent(event.type(), Qt.Key.Key_Minus, event.modifiers(), "-")
            super().keyPressEvent(event)
            return
        if text.isdigit() and self._selection_spans_parts():
            self.setSelectedSection(QDateTimeEdit.Section.YearSection)
        before = self.currentSectionIndex()
        super().keyPressEvent(event)
        self._advanced = text.isdigit() and self.currentSectionIndex() != before

    def _selection_spans_parts(self) -> bool:
        # One part selected is how QDateEdit shows where typing goes; more is a selection
        # the user made (Ctrl+A, a drag), which typing should replace from its start.
        selected = self.lineEdit().selectedText()
        return len(selected) > len(self.sectionText(self.currentSection()))
