"""The date and length fields of a supervision session a supervisor confirms.

One place for both confirmation dialogs (one person, a group), so a session is dated and
timed the same way in each: a date no later than today, minutes in quarter-hour steps.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QSpinBox

from reflectjournal.ui.widgets.date_field import DateField


def session_date() -> QDateEdit:
    """Return a date field from five years ago to today: a session is confirmed once held."""
    today = QDate.currentDate()
    # A DateField: Ctrl+A and a date typed over a QDateEdit kept the old year.
    field = DateField("Session date")
    field.setDateRange(today.addYears(-5), today)
    field.setDate(today)
    return field


def session_minutes(default: int) -> QSpinBox:
    """Return a length field in minutes (1 to a day), stepping by a quarter-hour."""
    field = QSpinBox()
    field.setRange(1, 24 * 60)
    field.setValue(default)
    field.setSingleStep(15)
    field.setSuffix(" minutes")
    field.setAccessibleName("Session length in minutes")
    return field


def picked_date(field: QDateEdit) -> dt.date:
    """Return the date a date field holds."""
    value = field.date()
    return dt.date(value.year(), value.month(), value.day())
