"""Asking the supervisor for a session's date, length and format before it is signed."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from reflectjournal.domain.bundle import FORMAT_LABELS, SESSION_FORMATS
from reflectjournal.ui.sharing.session_fields import picked_date, session_date, session_minutes
from reflectjournal.ui.widgets.window_room import fit_window, text_width


class SessionChoice(NamedTuple):
    """A session as the supervisor confirms it."""

    date: dt.date
    minutes: int
    format: str


class ConfirmSessionDialog(QDialog):
    """Asks for the date, length and format of a supervision session."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Confirm a supervision session")
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"Confirm a reflective supervision session you held with {name}. It is signed "
            f"with your key and goes with your next comments; {name}'s journal then counts "
            "its hours."
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)  # a name from someone else's card
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.date = session_date()
        self.minutes = session_minutes(60)
        self.format = QComboBox()
        self.format.setAccessibleName("Session format")
        self.format.view().setAccessibleName("Session formats")
        for value in SESSION_FORMATS:
            self.format.addItem(FORMAT_LABELS.get(value, value), value)
        form.addRow("&Date:", self.date)
        form.addRow("&Length:", self.minutes)
        form.addRow("&Format:", self.format)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        confirm = buttons.addButton("&Confirm session", QDialogButtonBox.ButtonRole.AcceptRole)
        confirm.setAccessibleName("Confirm session")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        # About forty characters wide, so the introduction reads in lines, not a column.
        fit_window(self, parent, max(self.sizeHint().width(), text_width(self, 40)))

    def choice(self) -> SessionChoice:
        """Return what the fields hold."""
        return SessionChoice(
            picked_date(self.date),
            self.minutes.value(),
            str(self.format.currentData()),
        )

    @classmethod
    def ask(cls, parent: QWidget, name: str) -> SessionChoice | None:
        """Return the session to confirm, or None if the user cancels."""
        dialog = cls(name, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted.value:
                return None
            dialog.minutes.interpretText()
            return dialog.choice()
        finally:
            dialog.deleteLater()
