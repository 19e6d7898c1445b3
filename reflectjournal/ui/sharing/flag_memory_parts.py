"""What the check remembers, in the share window: the allow-list to review and clear, and the
offer to put redacted names on the watch-list (never added without the user's click).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from reflectjournal.domain.wording import count_words
from reflectjournal.ui.background.session import JournalSession, user_message
from reflectjournal.ui.widgets.page_parts import quiet_button
from reflectjournal.ui.widgets.passphrase_field import MessageLabel

if TYPE_CHECKING:
    from reflectjournal.services.journal import Journal

ALLOW_LIST_NOTE = (
    "The check no longer flags these in this journal: you marked them as not an "
    "identifier. Watch-list terms are always flagged."
)


class RememberedTermsDialog(QDialog):
    """The allow-list: review it, remove terms from it, or clear it."""

    changed = Signal()  # the allow-list changed: a check shown elsewhere is out of date

    def __init__(self, session: JournalSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.setWindowTitle("Remembered as not an identifier")
        self.setAccessibleName("Remembered as not an identifier")
        note = QLabel(ALLOW_LIST_NOTE)
        note.setWordWrap(True)
        note.setTextFormat(Qt.TextFormat.PlainText)
        self.terms = QListWidget()
        self.terms.setAccessibleName("Terms remembered as not an identifier")
        self.terms.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.terms.itemSelectionChanged.connect(self._update_buttons)
        self.status = MessageLabel("Allow-list status")
        self.remove = quiet_button("&Remove selected", "Remove the selected terms",
                                   self._on_remove_clicked)
        self.clear_all = quiet_button("Clear &all", "Clear the whole allow-list",
                                      self._on_clear_clicked)
        close = quiet_button("&Close", "Close", self.accept)
        row = QHBoxLayout()
        row.addWidget(self.remove)
        row.addWidget(self.clear_all)
        row.addStretch()
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.terms, 1)
        layout.addWidget(self.status)
        layout.addLayout(row)
        self.resize(720, 520)
        session.locked.connect(self.reject)
        self._listening = True
        self._run(lambda j: j.sharing.allow_list(), changed=False)

    def _run(self, work: Callable[[Journal], list[str]], *, changed: bool = True) -> None:
        def shown(terms: list[str]) -> None:
            self._show(terms)
            if changed:
                self.changed.emit()

        self._session.call(work, shown, lambda e: self.status.setText(user_message(e)))

    def _show(self, terms: Sequence[str]) -> None:
        self.terms.clear()
        self.terms.addItems(list(terms))
        self.status.setText("" if terms else "Nothing is remembered as not an identifier.")
        self._update_buttons()

    @Slot()
    def _update_buttons(self) -> None:
        self.remove.setEnabled(bool(self.terms.selectedItems()))
        self.clear_all.setEnabled(self.terms.count() > 0)

    @Slot()
    def _on_remove_clicked(self) -> None:
        chosen = [i.text() for i in self.terms.selectedItems()]
        if chosen:
            self._run(lambda j: j.sharing.forget_allowed(chosen))

    @Slot()
    def _on_clear_clicked(self) -> None:
        self._run(lambda j: j.sharing.forget_allowed())

    def done(self, result: int) -> None:
        """Forget the terms shown, then close."""
        self.terms.clear()
        if self._listening:
            self._listening = False
            self._session.locked.disconnect(self.reject)
        super().done(result)


class WatchListOffer(QWidget):
    """After a share with redactions: the redacted names not yet on the watch-list, offered."""

    def __init__(self, session: JournalSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._terms: list[str] = []
        self.text = QLabel()
        self.text.setAccessibleName("Watch-list offer")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.add = quiet_button("Add to &watch-list", "Add them to the watch-list",
                                self._on_add_clicked)
        self.no = quiet_button("No, &thanks", "Do not add them", self.withdraw)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.text, 1)
        row.addWidget(self.add)
        row.addWidget(self.no)
        self.hide()

    def offer(self, terms: Sequence[str]) -> None:
        """Show the offer for these terms (hidden when there are none)."""
        self._terms = list(terms)
        if not self._terms:
            self.withdraw()
            return
        self.text.setText(
            f"You redacted {count_words(len(self._terms), 'possible name', 'possible names')} not "
            "on your watch-list: "
            f"{', '.join(self._terms)}. Add them, so the check always flags them?")
        self.add.setEnabled(True)
        self.add.show()
        self.no.show()
        self.show()

    @Slot()
    def withdraw(self) -> None:
        """Hide the offer and forget its terms."""
        self._terms = []
        self.text.clear()
        self.hide()

    @Slot()
    def _on_add_clicked(self) -> None:
        terms = list(self._terms)
        if not terms:
            return
        self.add.setEnabled(False)

        def added(_listed: list[str]) -> None:
            self._terms = []
            self.text.setText(f"Added {len(terms)} to your watch-list.")
            self.add.hide()
            self.no.hide()

        self._session.call(lambda j: j.sharing.add_to_watch_list(terms), added,
                           lambda e: self.text.setText(user_message(e)))
