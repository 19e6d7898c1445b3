"""A small dialog for a new RSC provider record: a name, what they hold, and since when."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QDate, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from reflectjournal.domain.endorsement.records import Qualification
from reflectjournal.ui.widgets.date_field import DateField
from reflectjournal.ui.widgets.window_room import fit_window, text_width

# Words for the qualification ids (spec 2.3); the ids are what the rules and the CLI use.
QUALIFICATION_WORDS = {
    Qualification.IMHS: "Infant Mental Health Specialist (IMHS)",
    Qualification.IMHM_C: "Infant Mental Health Mentor - Clinical (IMHM-C)",
    Qualification.IFS_MASTERS: "Infant Family Specialist, master's-prepared",
    Qualification.I_ECFRS: "Infant/Early Childhood Family Reflective Supervisor",
    Qualification.I_ECFRS_EMERGING: "I/ECFRS (Emerging)",
    Qualification.ECMHS: "Early Childhood Mental Health Specialist (ECMHS)",
    Qualification.ECMHM_C: "Early Childhood Mental Health Mentor - Clinical (ECMHM-C)",
    Qualification.ECFS_MASTERS: "Early Childhood Family Specialist, master's-prepared",
    Qualification.NOT_ENDORSED: "Not endorsed / other",
    Qualification.UNKNOWN: "Not known yet",
}


@dataclass(frozen=True, slots=True)
class NewProvider:
    """What the user gave for a new provider record."""

    name: str
    qualification: Qualification
    since: dt.date | None  # None: held for every session logged


class NewProviderDialog(QDialog):
    """Asks for a new provider; `ask` returns what was given, or None if cancelled."""

    def __init__(self, parent: QWidget | None, name: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("New provider")
        form = QFormLayout(self)
        note = QLabel("Name your RSC provider the way you will recognise them. The record, "
                      "not the name, is what your hours count by.")
        note.setWordWrap(True)
        form.addRow(note)
        self.name = QLineEdit(name)
        self.name.setAccessibleName("Provider name")
        self.name.setMaxLength(200)
        self.qualification = QComboBox()
        self.qualification.setAccessibleName("Qualification")
        # Narrower than the longest name (the open list shows it whole): at the largest text
        # "Early Childhood Mental Health Mentor - Clinical" is wider than the window.
        self.qualification.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.qualification.setMinimumContentsLength(20)
        for qualification, words in QUALIFICATION_WORDS.items():
            self.qualification.addItem(words, qualification.value)
        self.qualification.setCurrentIndex(self.qualification.findData(
            Qualification.UNKNOWN.value))
        self.dated = QCheckBox("Held from a date")
        self.dated.setAccessibleName("Qualification held from a date")
        # A DateField: over a selection, QDateEdit kept the year and typed the rest.
        self.since = DateField("Held since")
        self.since.setDate(QDate.currentDate())
        self.since.setEnabled(False)
        self.dated.toggled.connect(self.since.setEnabled)
        form.addRow("&Name:", self.name)
        form.addRow("&Qualification:", self.qualification)
        form.addRow("", self.dated)
        form.addRow("&Since:", self.since)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.name.textChanged.connect(self._on_name_changed)
        self._on_name_changed(name)
        # As tall as the wrapped note needs at its width: sized by Qt's guess, a 700-pixel
        # screen cut the note's first and last lines at the largest text.
        fit_window(self, parent, max(self.sizeHint().width(), text_width(self, 40)))

    @Slot(str)
    def _on_name_changed(self, text: str) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(text.strip()))

    def result_value(self) -> NewProvider:
        """Return what the dialog holds."""
        day = self.since.date()
        return NewProvider(" ".join(self.name.text().split()),
                           Qualification(self.qualification.currentData()),
                           dt.date(day.year(), day.month(), day.day())
                           if self.dated.isChecked() else None)

    @classmethod
    def ask(cls, parent: QWidget | None, name: str = "") -> NewProvider | None:
        """Show the dialog; return the new provider's values, or None."""
        dialog = cls(parent, name)
        return dialog.result_value() if dialog.exec() == QDialog.DialogCode.Accepted else None
