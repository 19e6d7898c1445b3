"""A supervisor signs a period attestation for a supervisee (spec 2.7), as `attest-period` does.

The sessions and hours are never typed: they are the sessions this journal confirmed to that
supervisee in the period (services/attestations.py), so the sentence shown before signing is
exactly the one signed. It goes with the next reply to them. Every call runs on the database
thread; the preview is the pure domain tally over what was read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from reflectjournal.domain import attestation as fmt
from reflectjournal.domain.errors import JournalError
from reflectjournal.domain.supervision import SessionSide
from reflectjournal.services.changes import RECEIVED
from reflectjournal.ui.background.operations import change, query
from reflectjournal.ui.background.session import JournalSession
from reflectjournal.ui.widgets.date_field import DateField
from reflectjournal.ui.widgets.page_parts import buddy_label, close_buttons, quiet_button, scrolling
from reflectjournal.ui.widgets.passphrase_field import MessageLabel
from reflectjournal.ui.widgets.value_table import ValueTableModel, row_table

if TYPE_CHECKING:
    from reflectjournal.services.attestations import Attested
    from reflectjournal.services.journal import Journal

INTRO = ("The sessions and hours are the ones you confirmed to the supervisee, never typed. "
         "It goes with your next reply to them, without anything from any entry.")


@dataclass(frozen=True, slots=True)
class Supervisee:
    """Someone who shared with this journal: a bundle of theirs, and what was confirmed."""

    name: str
    fingerprint: str
    bundle_id: str  # their newest bundle: what attest_period names them by
    sessions: tuple[tuple[dt.date, int, str], ...]  # confirmed to them: date, minutes, format


@dataclass(frozen=True, slots=True)
class AttestingState:
    """What the dialog shows, read in one go."""

    me: str
    supervisees: tuple[Supervisee, ...]
    given: tuple[Attested, ...]


def read_state(journal: Journal) -> AttestingState:
    """Return the supervisees (verified senders only), their confirmed sessions, and the
    attestations given so far."""
    sharing = journal.sharing
    newest: dict[bytes, Any] = {}
    for bundle in sharing.received_bundles():
        key = bundle.sender.signing_key
        if bundle.verified and (key not in newest
                                or bundle.received_at > newest[key].received_at):
            newest[key] = bundle
    given = sharing.confirmed_sessions(SessionSide.GIVEN)
    people = sorted((Supervisee(
        b.sender.name, b.sender.fingerprint, b.bundle_id,
        tuple((s.date, s.minutes, s.format) for s in given if s.other_key == key))
        for key, b in newest.items()), key=lambda s: (s.name.casefold(), s.fingerprint))
    return AttestingState(sharing.my_name(), tuple(people),
                          tuple(sharing.attestations("given")))


class GivenModel(ValueTableModel):
    """The attestations this journal signed: to whom, the period, and whether they left."""

    COLUMNS = ("To", "Period", "Sessions", "Hours", "Sent")

    def cell(self, value: Any, column: int) -> Any:
        a: Attested = value
        t = a.attestation
        return (a.other_name, f"{t.date_from} to {t.date_to}", str(t.sessions),
                f"{t.minutes / 60:.2f}".rstrip("0").rstrip("."),
                "in a reply" if a.bundle_id else "with your next reply")[column]


def _date_edit(name: str, day: QDate) -> QDateEdit:
    # A DateField: Ctrl+A and a date typed over a QDateEdit kept the old year.
    edit = DateField(name)
    edit.setDate(day)
    return edit


def _day(edit: QDateEdit) -> dt.date:
    d = edit.date()
    return dt.date(d.year(), d.month(), d.day())


class AttestDialog(QDialog):
    """Choose a supervisee and a period, read the sentence, sign it."""

    def __init__(self, session: JournalSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Attest a period of supervision")
        self.setAccessibleName("Attest a period of supervision")
        self._session = session
        self._state = AttestingState("", (), ())
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        self.supervisee = QComboBox()
        self.supervisee.setAccessibleName("Supervisee")
        today = QDate.currentDate()
        self.date_from = _date_edit("From", today.addMonths(-3))
        self.date_to = _date_edit("To", today)
        self.declaration = QLineEdit()
        self.declaration.setAccessibleName("What you held during the period")
        self.declaration.setMaxLength(fmt.MAX_DECLARATION_CHARS)
        self.declaration.setPlaceholderText("e.g. IMH-E® Infant Mental Health Mentor - Clinical")
        period = QHBoxLayout()
        period.addWidget(self.date_from)
        period.addWidget(QLabel("to"))
        period.addWidget(self.date_to)
        period.addStretch(1)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow("&Supervisee:", self.supervisee)
        period_label = buddy_label("&Period:", self.date_from)
        form.addRow(period_label, period)
        form.addRow("&I held:", self.declaration)
        self.preview = QLabel()
        self.preview.setAccessibleName("What you will sign")
        self.preview.setWordWrap(True)
        self.preview.setTextFormat(Qt.TextFormat.PlainText)  # names are typed by someone
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sign_button = quiet_button("Si&gn", "Sign the attestation", self._on_sign)
        self.message = MessageLabel("Attestation message")
        self.given = GivenModel()
        self.given_table = row_table(self.given, "Attestations you signed", stretch=1)
        self.given_table.setMinimumHeight(self.given_table.fontMetrics().lineSpacing() * 5)
        given_label = buddy_label("Attestations you &signed:", self.given_table)
        page = QWidget()
        box = QVBoxLayout(page)
        box.addWidget(intro)
        box.addLayout(form)
        box.addWidget(self.preview)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.sign_button)
        box.addLayout(row)
        box.addWidget(self.message)
        box.addWidget(given_label)
        box.addWidget(self.given_table, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolling(page, "Attestation page"), 1)
        layout.addWidget(close_buttons(self, "Close attestations"))
        self.resize(820, 600)
        for signal in (self.supervisee.currentIndexChanged, self.date_from.dateChanged,
                       self.date_to.dateChanged, self.declaration.textChanged):
            signal.connect(self._update_preview)
        session.locked.connect(self.close)
        self._load()

    @classmethod
    def open_for(cls, parent: QWidget | None, session: JournalSession) -> AttestDialog:
        """Show the dialog modal over parent, without a nested event loop."""
        dialog = cls(session, parent)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _load(self) -> None:
        query(self._session, read_state).success(self._show).failure(self._failed).run()

    def _failed(self, error: BaseException) -> None:
        from reflectjournal.ui.background.session import user_message

        self.message.setText(user_message(error))

    def _show(self, state: AttestingState) -> None:
        chosen = self.supervisee.currentData()
        self._state = state
        self.supervisee.blockSignals(True)
        self.supervisee.clear()
        for person in state.supervisees:
            self.supervisee.addItem(f"{person.name} (key {person.fingerprint})", person.bundle_id)
        index = self.supervisee.findData(chosen)
        self.supervisee.setCurrentIndex(max(index, 0))
        self.supervisee.blockSignals(False)
        self.given.set_values(state.given)
        self._update_preview()

    def _chosen(self) -> Supervisee | None:
        index = self.supervisee.currentIndex()
        people = self._state.supervisees
        return people[index] if 0 <= index < len(people) else None

    def _sentence(self) -> str:
        """Return what would be signed, or raise a JournalError saying why nothing can be."""
        person = self._chosen()
        if person is None:
            raise JournalError("No one has shared entries with you from a verified contact "
                               "yet, so there is no one to attest for.")
        start, end = _day(self.date_from), _day(self.date_to)
        sessions, minutes, shown = fmt.tally(person.sessions, start, end)
        made = fmt.PeriodAttestation(
            id="", supervisor_key=b"", supervisee_key=b"", date_from=start, date_to=end,
            sessions=sessions, minutes=minutes, format=shown,
            declaration=" ".join(self.declaration.text().split()), made_on=dt.date.today())
        return made.words(self._state.me or "me", person.name)

    @Slot()
    def _update_preview(self) -> None:
        try:
            self.preview.setText(f"You will sign:\n{self._sentence()}")
            self.sign_button.setEnabled(True)
        except JournalError as error:
            self.preview.setText(str(error))
            self.sign_button.setEnabled(False)

    @Slot()
    def _on_sign(self) -> None:
        person = self._chosen()
        if person is None:
            return
        start, end = _day(self.date_from), _day(self.date_to)
        held = " ".join(self.declaration.text().split())

        def signed(made: Attested) -> None:
            self.message.setText(f"Signed: {made.words(self._state.me)} It goes with your "
                                 f"next reply to {made.other_name}.")
            self._load()

        (change(self._session, lambda j: j.sharing.attest_period(
            person.bundle_id, start, end, held), RECEIVED)
         .success(signed).telling(self.message).run())
