"""A date field that Tab leaves at once.

QDateEdit moves Tab from the year to the month to the day, so a keyboard user pressed Tab
three times to get past one date. Here Tab and Shift+Tab leave the field, and Left and Right
(or typing the digits straight through) move between its parts.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDateEdit, QWidget


class DateField(QDateEdit):
    """A yyyy-MM-dd date with a calendar popup, one Tab stop."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setAccessibleName(name)

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)
