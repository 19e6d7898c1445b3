"""Dated notes and unlinking a signature: what to do when a signed session needs a change.

A session your provider confirmed by signature keeps its date, minutes and format (spec
2.9 item 13). The two ways out are the command line's `amend` and `unlink-confirmation`,
here as Entry menu actions on the entry shown: a dated note leaves the signed hours as they
are, unlinking makes the session logged by you again (and editable), the signed statement
kept in the journal's records.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reflectjournal.services.changes import ENTRIES, RECEIVED
from reflectjournal.ui.background.operations import change, query
from reflectjournal.ui.background.session import JournalSession, user_message
from reflectjournal.ui.widgets.page_parts import buddy_label, confirm, plain_reader

if TYPE_CHECKING:
    from reflectjournal.domain.endorsement.records import Amendment
    from reflectjournal.domain.ids import EntryId
    from reflectjournal.ui.journal.journal_page import JournalPage
    from reflectjournal.ui.journal.list_controller import EntryListController

UNLINK_QUESTION = (
    "Unlink your provider's signed confirmation from this session? It then counts as logged "
    "by you (not confirmed), and its date, minutes and format can be edited. The signed "
    "statement itself stays in the journal's records (reflectjournal signed-statements).")


def note_lines(notes: Sequence[Amendment]) -> str:
    """Return earlier notes as plain text, oldest first, each with its date and time."""
    return "\n\n".join(f"{n.written_at.astimezone():%Y-%m-%d %H:%M}  {n.text}" for n in notes)


class NoteDialog(QDialog):
    """Write a dated note for one entry; its earlier notes are listed above."""

    def __init__(self, parent: QWidget, notes: Sequence[Amendment],
                 add: Callable[[str], None]) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add a dated note")
        self.setAccessibleName("Add a dated note")
        self._add = add
        about = QLabel("The note is kept with today's date beside the entry. Signed hours stay "
                       "as your provider confirmed them; say here what differs.")
        about.setWordWrap(True)
        self.earlier = plain_reader("Earlier notes")
        self.earlier.setPlainText(note_lines(notes) or "No notes yet.")
        line = self.fontMetrics().height()
        self.earlier.setMaximumHeight(round(3.5 * line))
        self.text = QPlainTextEdit()
        self.text.setAccessibleName("Note text")
        self.text.setTabChangesFocus(True)
        text_label = buddy_label("&Note:", self.text)
        self.message = QLabel()
        self.message.setAccessibleName("Note message")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.add_button: QPushButton = buttons.addButton(
            "&Add note", QDialogButtonBox.ButtonRole.AcceptRole)
        self.add_button.setAccessibleName("Add note")
        buttons.accepted.connect(self._on_add_clicked)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(QLabel("Earlier notes:"))
        layout.addWidget(self.earlier)
        layout.addWidget(text_label)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        # From the text size, within the window it opens over (not QWidget.screen(): its
        # wrapper crashed later dialogs): at the largest text a fixed size cut words off.
        self.resize(min(parent.width(), max(520, 30 * line)),
                    min(parent.height(), max(360, 17 * line)))

    def _on_add_clicked(self) -> None:
        # The service checks the text (empty, too long); its answer is shown here.
        self._add(self.text.toPlainText())

    def failed(self, text: str) -> None:
        """Say why the note was not added; the dialog stays open with the text."""
        self.message.setText(text)


class ConfirmationFlow(QObject):
    """Entry > Add a dated note… and Entry > Unlink confirmation…, on the entry shown."""

    def __init__(self, session: JournalSession, entries: EntryListController,
                 page: JournalPage, dialogs: QWidget) -> None:
        super().__init__(dialogs)
        self._session = session
        self._entries = entries
        self._page = page
        self._dialogs = dialogs
        self.note_dialog: NoteDialog | None = None  # the newest, for tests

    def _one_entry(self) -> EntryId | None:
        target = self._entries.target()
        if target.is_selection or not target.entry_ids:
            self._entries.tell(target.problem or "Choose one entry first.")
            return None
        return target.entry_ids[0]

    def add_note(self) -> None:
        """Ask for a dated note on the entry shown, with its earlier notes listed."""
        entry_id = self._one_entry()
        if entry_id is None:
            return
        (query(self._session, lambda j: j.confirmations.amendments(entry_id))
         .success(lambda notes: self._ask_note(entry_id, notes))
         .failure(self._entries.show_error).run())

    def _ask_note(self, entry_id: EntryId, notes: list[Amendment]) -> None:
        dialog: NoteDialog

        def add(text: str) -> None:
            def added(_: object) -> None:
                dialog.accept()
                # The notice bar, not the status line: the list's refresh rewrites that.
                self._page.notice.show_notice("The dated note was added; it shows under the "
                                              "entry.")
                self._entries.select_after_refresh(entry_id)
            (change(self._session, lambda j: j.confirmations.amend(entry_id, text), ENTRIES)
             .success(added)
             .failure(lambda error: dialog.failed(user_message(error))).run())

        dialog = NoteDialog(self._dialogs, notes, add)
        dialog.finished.connect(dialog.deleteLater)
        self.note_dialog = dialog
        dialog.open()
        dialog.text.setFocus()

    def unlink(self) -> None:
        """Ask, then detach the signed confirmation from the session shown."""
        entry_id = self._one_entry()
        if entry_id is None:
            return
        if not confirm(self._dialogs, "Unlink confirmation", UNLINK_QUESTION,
                       "&Unlink confirmation", icon=None):
            return

        def unlinked(_: object) -> None:
            self._page.notice.show_notice("Unlinked: the session is logged by you, and its "
                                          "date, minutes and format can be edited.")
            self._entries.select_after_refresh(entry_id)
        (change(self._session, lambda j: j.confirmations.unlink(entry_id), ENTRIES | RECEIVED)
         .success(unlinked).failure(self._entries.show_error).run())
