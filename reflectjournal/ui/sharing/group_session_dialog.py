"""Confirming one group supervision session for several supervisees in one step.

The supervisor ticks who took part and gives the date, length and mode once; the service
then signs one statement per person (services/sharing.confirm_group_session), each naming
only that person's key, so no supervisee learns from their statement who else was there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, NamedTuple

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reflectjournal.domain.bundle import SESSION_MODES
from reflectjournal.ui.sharing.session_fields import picked_date, session_date, session_minutes
from reflectjournal.ui.widgets.model_index import AnyIndex
from reflectjournal.ui.widgets.page_parts import buddy_label, scrolling
from reflectjournal.ui.widgets.value_table import ValueListModel
from reflectjournal.ui.widgets.window_room import fit_window, text_height, text_width

MODE_LABELS = {"in-person": "In person", "virtual": "Virtual"}


class Participant(NamedTuple):
    """A supervisee who can be ticked: who, and the newest bundle that names their key."""

    name: str
    verified: bool
    bundle_id: str


class GroupChoice(NamedTuple):
    """A group session as the supervisor confirms it."""

    bundle_ids: tuple[str, ...]  # one per supervisee ticked
    date: dt.date
    minutes: int
    mode: str | None


class ParticipantModel(ValueListModel):
    """Supervisees with a tick box each; nobody is ticked at first."""

    def __init__(self, people: Sequence[Participant]) -> None:
        super().__init__()
        self.set_values(people)
        self._ticked: set[int] = set()

    def text(self, value: Participant) -> str:
        """Return the name and whether their card was verified."""
        return f"{value.name} · {'verified' if value.verified else 'not verified'}"

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        return super().flags(index) | Qt.ItemFlag.ItemIsUserCheckable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.CheckStateRole and index.isValid():
            return (Qt.CheckState.Checked if index.row() in self._ticked
                    else Qt.CheckState.Unchecked)
        return super().data(index, role)

    def setData(self, index: AnyIndex, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self._ticked.add(index.row())
        else:
            self._ticked.discard(index.row())
        self.dataChanged.emit(index, index, [role])
        return True

    def tick(self, row: int, on: bool = True) -> None:
        """Tick or untick one row (as a click on its box does)."""
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        self.setData(self.index(row), state.value, Qt.ItemDataRole.CheckStateRole)

    def ticked(self) -> list[Participant]:
        """Return the ticked supervisees, in list order."""
        return [self.value(self.index(row)) for row in sorted(self._ticked)]


class GroupSessionDialog(QDialog):
    """Asks who took part, and the date, length and mode of a group session."""

    def __init__(self, people: Sequence[Participant], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Confirm a group supervision session")
        # All but the buttons scroll: at the largest text the intro, a few names and the
        # fields are taller than a 700-pixel screen (the names got one line).
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        intro = QLabel(
            "Tick everyone who took part. Each of them gets a statement of their own, signed "
            "with your key, that names only them: nobody's statement says who else was there.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.model = ParticipantModel(people)
        self.people = QListView()
        self.people.setModel(self.model)
        self.people.setAccessibleName("Supervisees who took part")
        label = buddy_label("&Who took part:", self.people)
        layout.addWidget(label)
        layout.addWidget(self.people, stretch=1)
        self.people.setMinimumHeight(text_height(self, 4))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.date = session_date()
        self.minutes = session_minutes(90)
        self.mode = QComboBox()
        self.mode.setAccessibleName("Session mode")
        self.mode.addItem("Not said", None)
        for value in SESSION_MODES:
            self.mode.addItem(MODE_LABELS.get(value, value), value)
        form.addRow("&Date:", self.date)
        form.addRow("&Length:", self.minutes)
        form.addRow("&Mode:", self.mode)
        layout.addLayout(form)
        self.why_not = QLabel()
        self.why_not.setWordWrap(True)
        self.why_not.setAccessibleName("Why the session cannot be confirmed yet")
        layout.addWidget(self.why_not)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.confirm: QPushButton = buttons.addButton(
            "&Confirm for each", QDialogButtonBox.ButtonRole.AcceptRole)
        self.confirm.setAccessibleName("Confirm the group session for each person ticked")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addWidget(scrolling(page, "Who took part, and the session"), 1)
        outer.addWidget(buttons)
        self.model.dataChanged.connect(self._on_ticks_changed)
        self._on_ticks_changed(QModelIndex(), QModelIndex())
        # Sized in lines and characters, not pixels: at the largest text size it still
        # shows the intro, a few names and every field.
        fit_window(self, parent, text_width(self, 64), text_height(self, 24))

    def _on_ticks_changed(self, *_args: object) -> None:
        count = len(self.model.ticked())
        self.confirm.setEnabled(count >= 2)
        self.why_not.setText("" if count >= 2 else
                             "Tick at least two people (one person: Confirm a session).")

    def choice(self) -> GroupChoice:
        """Return what the fields hold."""
        return GroupChoice(
            tuple(p.bundle_id for p in self.model.ticked()),
            picked_date(self.date),
            self.minutes.value(),
            self.mode.currentData(),
        )

    @classmethod
    def ask(cls, parent: QWidget, people: Sequence[Participant]) -> GroupChoice | None:
        """Return the group session to confirm, or None if the user cancels."""
        dialog = cls(people, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted.value:
                return None
            dialog.minutes.interpretText()
            return dialog.choice()
        finally:
            dialog.deleteLater()
