"""The sidebar's date-range filter: off by default, then from and to dates."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal, Slot
from PySide6.QtWidgets import QCheckBox, QDateEdit, QFormLayout, QWidget

from reflectjournal.ui.widgets.date_field import DateField


def _date_edit(name: str) -> QDateEdit:
    edit = DateField(name)
    edit.setEnabled(False)
    return edit


def _to_date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class DateRangeFilter(QWidget):
    """A checkbox that turns on a from/to range; emits changed when the range changes."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        form = QFormLayout(self)
        form.setContentsMargins(4, 4, 4, 4)
        self.enabled = QCheckBox("Only entries &between")
        self.enabled.setAccessibleName("Filter by date range")
        today = QDate.currentDate()
        self.first = _date_edit("From date")
        self.first.setDate(today.addMonths(-1))
        self.last = _date_edit("To date")
        self.last.setDate(today)
        form.addRow(self.enabled)
        form.addRow("From:", self.first)
        form.addRow("To:", self.last)
        self.enabled.toggled.connect(self._on_toggled)
        self.first.dateChanged.connect(self._on_date_changed)
        self.last.dateChanged.connect(self._on_date_changed)

    def range(self) -> tuple[dt.date | None, dt.date | None]:
        """Return (from, to), both None when the range is off; inclusive, in order."""
        if not self.enabled.isChecked():
            return None, None
        first, last = _to_date(self.first.date()), _to_date(self.last.date())
        return (first, last) if first <= last else (last, first)

    def set_range(self, first: dt.date, last: dt.date) -> None:
        """Turn the range on with these dates."""
        self.blockSignals(True)
        self.first.setDate(QDate(first.year, first.month, first.day))
        self.last.setDate(QDate(last.year, last.month, last.day))
        self.enabled.setChecked(True)
        self.blockSignals(False)
        self.changed.emit()

    @Slot(bool)
    def _on_toggled(self, on: bool) -> None:
        self.first.setEnabled(on)
        self.last.setEnabled(on)
        self.changed.emit()

    @Slot(QDate)
    def _on_date_changed(self, _date: QDate) -> None:
        if self.enabled.isChecked():
            self.changed.emit()
