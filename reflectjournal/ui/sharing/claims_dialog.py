"""Session claims: the confirmations a reply brought that count for nothing (issue 18).

Unverified claims (a passphrase reply, an unverified or unknown signer, a key unlike the one
verified under that name) and a verified contact's implausible sessions are listed here
apart from the journal, each with its plain reasons. Nothing counts until the user accepts
one knowingly: the box that says what accepting does must be ticked first. Every call runs
on the database thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from reflectjournal.domain.endorsement.claims import ClaimState, SessionClaim
from reflectjournal.services.changes import ENTRIES, RECEIVED
from reflectjournal.ui.background.operations import change, query
from reflectjournal.ui.background.session import JournalSession
from reflectjournal.ui.widgets.button_flow import button_flow
from reflectjournal.ui.widgets.page_parts import (
    close_buttons,
    plain_reader,
    quiet_button,
    scrolling,
)
from reflectjournal.ui.widgets.passphrase_field import MessageLabel
from reflectjournal.ui.widgets.table_fit import wrap_column
from reflectjournal.ui.widgets.value_table import ValueTableModel, row_table
from reflectjournal.ui.widgets.window_room import fit_window, text_height, text_width

if TYPE_CHECKING:
    from reflectjournal.domain.entry import Entry

INTRO = ("These sessions came in replies but count for nothing: they are not signed by a "
         "contact you verified with the pairing code, or they look implausible. None made an "
         "entry. Accept one only if you know the session took place.")
KNOWINGLY = "I &know this session took place"
WHAT_ACCEPTING_DOES = ("Accepting an unverified claim makes it a session logged by you, not a "
                       "confirmed one. A held session from a contact you verified is filed as "
                       "signed.")


class ClaimTableModel(ValueTableModel):
    """Date, minutes, format, signer (with key fingerprint) and kind of each claim."""

    COLUMNS = ("Date", "Minutes", "Format", "From", "Kind")

    def set_claims(self, claims: Sequence[SessionClaim]) -> None:
        """Show these claims (in the order given)."""
        self.set_values(claims)

    def claim(self, row: int) -> SessionClaim | None:
        """Return the claim on a row, if there is one."""
        found: SessionClaim | None = self.value(row)
        return found

    def cell(self, claim: SessionClaim, column: int) -> Any:
        """Return a cell's text: the kind in words, never 'confirmed'."""
        cells = (claim.date.isoformat(), str(claim.minutes), claim.format,
                 f"{claim.signer.name} (key {claim.signer.fingerprint})", claim.label)
        return cells[column] if 0 <= column < len(cells) else None


class ClaimsDialog(QDialog):
    """The pending claims, why each is held, and accepting or rejecting one."""

    def __init__(self, session: JournalSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.setWindowTitle("Unverified claims and held sessions")
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        self.model = ClaimTableModel()
        # "From" wraps rather than shrinking below its heading (large text).
        self.table = wrap_column(row_table(self.model, "Claims", stretch=3), 3)
        self.table.setMinimumHeight(self.table.fontMetrics().lineSpacing() * 8)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.reasons = plain_reader("Why the selected claim is held")
        # Room for four reasons at any text size; the pane scrolls past that.
        self.reasons.setMaximumHeight(self.reasons.fontMetrics().lineSpacing() * 4 + 16)
        self.knowingly = QCheckBox(KNOWINGLY)
        self.knowingly.setAccessibleName("I know this session took place")
        self.knowingly.toggled.connect(self._update_buttons)
        self.accept_claim = quiet_button("&Accept", "Accept the selected claim")
        self.reject_claim = quiet_button("&Reject", "Reject the selected claim")
        self.accept_claim.clicked.connect(self._on_accept_clicked)
        self.reject_claim.clicked.connect(self._on_reject_clicked)
        self.message = MessageLabel("Claims message")
        what = QLabel(WHAT_ACCEPTING_DOES)
        what.setWordWrap(True)
        # The tick and the buttons wrap onto two lines where one is too narrow (large text:
        # together they were 1006 px and the page scrolled sideways).
        row = button_flow(self.knowingly, self.accept_claim, self.reject_claim)
        page = QWidget()
        inner = QVBoxLayout(page)
        inner.addWidget(intro)
        inner.addWidget(self.table, 1)
        inner.addWidget(self.reasons)
        inner.addWidget(what)
        inner.addWidget(row)
        inner.addWidget(self.message)
        layout = QVBoxLayout(self)
        # At large text the page scrolls instead of squashing its wrapped labels.
        layout.addWidget(scrolling(page, "Claims page"))
        layout.addWidget(close_buttons(self, "Close claims"))
        fit_window(self, parent, max(760, text_width(self, 50)), max(460, text_height(self, 16)))
        session.locked.connect(self._on_journal_locked)
        self._update_buttons()
        self._load()

    @classmethod
    def open_for(cls, parent: QWidget | None, session: JournalSession) -> ClaimsDialog:
        """Show the dialog window-modal over parent."""
        dialog = cls(session, parent)
        # open(), not exec(): no nested event loop, and lock can close it at once.
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _load(self, note: str = "") -> None:
        """Read the pending claims; `note` says what the last decision did."""
        def show(claims: list[SessionClaim]) -> None:
            self.model.set_claims(claims)
            if claims:
                self.table.selectRow(0)
            else:
                self.reasons.setPlainText("")
            waiting = "" if claims else "No claims are waiting for you."
            self.message.setText(" ".join(t for t in (note, waiting) if t))
            self._update_buttons()

        (query(self._session, lambda j: j.claims.all(ClaimState.PENDING))
         .success(show).telling(self.message).run())

    def _selected(self) -> SessionClaim | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.claim(rows[0].row()) if rows else None

    @Slot()
    def _on_selection_changed(self) -> None:
        claim = self._selected()
        self.reasons.setPlainText("\n".join(f"• {r}" for r in claim.reasons) if claim else "")
        self.knowingly.setChecked(False)
        self._update_buttons()

    @Slot()
    def _update_buttons(self) -> None:
        chosen = self._selected() is not None
        self.accept_claim.setEnabled(chosen and self.knowingly.isChecked())
        self.reject_claim.setEnabled(chosen)

    @Slot()
    def _on_accept_clicked(self) -> None:
        claim = self._selected()
        if claim is None or not self.knowingly.isChecked():
            return

        def accepted(entry: Entry) -> None:
            how = ("confirmed by their verified signature"
                   if entry.fields.get("confirmation") == "signed"
                   else "logged by you, not confirmed")
            self._load(f"Accepted: {entry.date} ({entry.duration_minutes} min), {how}.")

        (change(self._session, lambda j: j.claims.accept(claim.id), ENTRIES | RECEIVED)
         .success(accepted).telling(self.message).run())

    @Slot()
    def _on_reject_clicked(self) -> None:
        claim = self._selected()
        if claim is None:
            return

        def rejected(_: SessionClaim) -> None:
            self._load("Rejected; it stays on record and counts for nothing.")

        (change(self._session, lambda j: j.claims.reject(claim.id), RECEIVED)
         .success(rejected).telling(self.message).run())

    @Slot()
    def _on_journal_locked(self) -> None:
        self.reject()

