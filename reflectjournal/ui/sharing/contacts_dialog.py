"""Contacts: my card, the people I share with, pairing them by code, and the watch-list.

Everything is a call on `journal.sharing` run on the database thread. A contact becomes
"Verified" only when the code the other person reads out matches the one shown here;
the card file itself holds only public keys and a display name.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reflectjournal.domain.errors import ContactError
from reflectjournal.services.changes import CONTACTS
from reflectjournal.ui.background.operations import change, query
from reflectjournal.ui.background.session import JournalSession, user_message
from reflectjournal.ui.sharing.contact_table import ContactTableModel
from reflectjournal.ui.widgets.button_flow import button_flow
from reflectjournal.ui.widgets.page_parts import (
    buddy_label,
    close_buttons,
    confirm,
    quiet_button,
    scrolling,
    show_large,
    tab_order,
)
from reflectjournal.ui.widgets.passphrase_field import MessageLabel
from reflectjournal.ui.widgets.table_fit import wrap_column
from reflectjournal.ui.widgets.window_room import (
    break_groups,
    fit_window,
    screen_room,
    text_width,
)

if TYPE_CHECKING:
    from reflectjournal.domain.supervision import Contact
    from reflectjournal.services.journal import Journal

# Neutral: the file name says what it is, not whose it is.
CARD_FILE_NAME = "reflectjournal-card.rjcard"
CARD_FILTER = "ReflectJournal contact cards (*.rjcard);;All files (*)"
WATCH_LIST_NOTE = (
    "Names and places the check always flags. Kept encrypted in your "
    "journal. One name or place per line."
)


def _read_card_file(path: Path) -> bytes:
    """Read a card file, refusing a huge one before reading it all."""
    from reflectjournal.domain.contact_card import MAX_CARD_BYTES

    try:
        with path.open("rb") as handle:
            return handle.read(MAX_CARD_BYTES + 1)  # parse_card refuses the extra byte
    except OSError as exc:
        raise ContactError(f"Cannot read {path.name}: {exc.strerror or exc}.") from None


class ContactsDialog(QDialog):
    """My card, my contacts and their pairing, and the watch-list."""

    def __init__(self, session: JournalSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._pairing: Contact | None = None  # the contact whose code is shown
        self.setWindowTitle("Contacts and watch-list")
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Contacts sections")
        self.tabs.tabBar().setAccessibleName("Contacts sections")
        self._contacts_page = scrolling(self._build_contacts(), "Contacts")
        self.tabs.addTab(self._contacts_page, "&Contacts")
        self.tabs.addTab(self._build_watch_list(), "&Watch-list")
        buttons = close_buttons(self, "Close contacts")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        # The code field comes after the list's buttons, as it is shown below them.
        tab_order(
            self.my_name,
            self.my_role,
            self.save_card,
            self.table,
            self.import_card,
            self.verify_selected,
            self.remove,
            self.heard,
            self.verify,
        )
        # As tall as the page wants, but never taller than the window it opens over: the
        # page scrolls instead. (Not QWidget.screen(): its wrapper crashed later dialogs.)
        wanted = self.sizeHint().height() + 60
        fit_window(self, parent, max(640, text_width(self, 50)),
                   min(wanted, parent.window().height()) if parent is not None else wanted)
        session.locked.connect(self._on_journal_locked)
        self._load()

    @classmethod
    def open_for(cls, parent: QWidget | None, session: JournalSession) -> None:
        """Show the dialog window-modal over parent."""
        dialog = cls(session, parent)
        # open(), not exec(): no nested event loop, and lock can close it at once.
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _build_contacts(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self._build_my_card())
        layout.addWidget(self._build_list())
        layout.addWidget(self._build_pairing())
        layout.addStretch()
        return page

    def _build_my_card(self) -> QGroupBox:
        box = QGroupBox("My card")
        layout = QVBoxLayout(box)
        intro = QLabel(
            "Your card holds your name, your role and your public keys, nothing "
            "from your journal. Give it to the person you share with, and import "
            "theirs."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.my_name = QLineEdit()
        self.my_name.setAccessibleName("My name")
        self.my_name.setMaxLength(80)
        self.my_role = QLineEdit()
        self.my_role.setAccessibleName("My role")
        self.my_role.setMaxLength(80)
        self.my_role.setPlaceholderText("For example: Home visitor")
        name_label = buddy_label("&Name:", self.my_name)
        role_label = buddy_label("R&ole:", self.my_role)
        form.addRow(name_label, self.my_name)
        form.addRow(role_label, self.my_role)
        layout.addLayout(form)
        self.save_card = quiet_button("&Save my card…", "Save my card")
        self.save_card.clicked.connect(self._on_save_card_clicked)
        layout.addWidget(self.save_card, alignment=Qt.AlignmentFlag.AlignRight)
        self.card_message = MessageLabel("My card message")
        layout.addWidget(self.card_message)
        return box

    def _build_list(self) -> QGroupBox:
        box = QGroupBox("People I share with")
        layout = QVBoxLayout(box)
        self.model = ContactTableModel()
        self.table = QTableView()
        self.table.setAccessibleName("Contacts")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the list, arrows move in it
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The last column takes the room left, but never less than its title (large text).
        wrap_column(self.table, ContactTableModel.COLUMNS.index("Key fingerprint"))
        self.table.setMinimumHeight(120)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        layout.addWidget(self.table)
        self.import_card = quiet_button("&Import a card…", "Import a card")
        self.verify_selected = quiet_button("&Verify…", "Verify the selected contact")
        self.remove = quiet_button("&Remove", "Remove the selected contact")
        self.import_card.clicked.connect(self._on_import_clicked)
        self.verify_selected.clicked.connect(self._on_verify_selected_clicked)
        self.remove.clicked.connect(self._on_remove_clicked)
        # Wrapping onto two lines where one is too narrow (at the largest text the row made
        # the page 770 px wide in 600).
        layout.addWidget(button_flow(self.import_card, self.verify_selected, self.remove,
                                     align="split"))
        self.list_message = MessageLabel("Contacts message")
        layout.addWidget(self.list_message)
        self._update_buttons()
        return box

    def _build_pairing(self) -> QGroupBox:
        self.pairing_box = QGroupBox("Compare the pairing code")
        layout = QVBoxLayout(self.pairing_box)
        self.pairing_intro = QLabel()
        self.pairing_intro.setWordWrap(True)
        self.pairing_intro.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.pairing_intro)
        self.code = QLabel()
        self.code.setAccessibleName("Pairing code")
        show_large(self.code, 2)
        layout.addWidget(self.code, alignment=Qt.AlignmentFlag.AlignHCenter)
        row = QHBoxLayout()
        heard_label = QLabel("Code you &heard:")
        self.heard = QLineEdit()
        self.heard.setAccessibleName("Code you heard from the other person")
        self.heard.setPlaceholderText("1234 5678 9012")
        self.heard.setMaxLength(40)
        heard_label.setBuddy(self.heard)
        self.verify = quiet_button("Veri&fy", "Verify the code")
        self.verify.setAutoDefault(True)  # Enter in the code field checks it
        self.heard.returnPressed.connect(self._on_verify_clicked)
        self.verify.clicked.connect(self._on_verify_clicked)
        # The label goes above the field where the three do not fit a line of the screen
        # (the largest text on a narrow screen: the page scrolled sideways).
        needed = (heard_label.sizeHint().width() + text_width(self, 14)
                  + self.verify.sizeHint().width() + 80)
        if needed > screen_room(self.parentWidget()).width():
            layout.addWidget(heard_label)
        else:
            row.addWidget(heard_label)
        row.addWidget(self.heard, 1)
        row.addWidget(self.verify)
        layout.addLayout(row)
        self.pairing_message = MessageLabel("Pairing message")
        layout.addWidget(self.pairing_message)
        self.pairing_box.hide()
        return self.pairing_box

    def _build_watch_list(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        note = QLabel(WATCH_LIST_NOTE)
        note.setWordWrap(True)
        layout.addWidget(note)
        self.watch_list = QPlainTextEdit()
        self.watch_list.setAccessibleName("Watch-list, one name or place per line")
        self.watch_list.setTabChangesFocus(True)
        self.watch_list.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        note.setBuddy(self.watch_list)
        layout.addWidget(self.watch_list, 1)
        self.save_watch_list = quiet_button("Sa&ve watch-list", "Save the watch-list")
        self.save_watch_list.clicked.connect(self._on_save_watch_list_clicked)
        layout.addWidget(self.save_watch_list, alignment=Qt.AlignmentFlag.AlignRight)
        self.watch_message = MessageLabel("Watch-list message")
        layout.addWidget(self.watch_message)
        return page

    def _load(self) -> None:
        def read(journal: Journal) -> tuple[str, str, list[Contact], list[str]]:
            sharing = journal.sharing
            name, role = sharing.my_name(), ""
            if name:  # my_card() refuses until a name is set; the role comes with it
                role = sharing.my_card().role
            return name, role, sharing.contacts(), sharing.watch_list()

        query(self._session, read).success(self._show_loaded).telling(self.list_message).run()

    def _show_loaded(self, loaded: tuple[str, str, list[Contact], list[str]]) -> None:
        name, role, contacts, watch = loaded
        self.my_name.setText(name)
        self.my_role.setText(role)
        self._show_contacts(contacts)
        # setPlainText starts a fresh undo history.
        self.watch_list.setPlainText("\n".join(watch))

    def _reload_contacts(self, select: str | None = None) -> None:
        (query(self._session, lambda j: j.sharing.contacts())
         .success(lambda contacts: self._show_contacts(contacts, select))
         .telling(self.list_message).run())

    def _show_contacts(self, contacts: list[Contact], select: str | None = None) -> None:
        selected = self.selected_contact()
        self.model.set_contacts(contacts)
        wanted = select or (selected.card.fingerprint if selected else None)
        row = self.model.row_of(wanted) if wanted else -1
        if row >= 0:
            self.table.selectRow(row)
        self._update_buttons()
        if self._pairing is not None and self.model.row_of(self._pairing.card.fingerprint) < 0:
            self._hide_pairing()  # removed meanwhile

    def selected_contact(self) -> Contact | None:
        """Return the contact selected in the list, if any."""
        rows = self.table.selectionModel().selectedRows() if self.table.model() else []
        return self.model.contact(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        contact = self.selected_contact()
        self.remove.setEnabled(contact is not None)
        self.verify_selected.setEnabled(contact is not None and not contact.verified)

    @Slot()
    def _on_selection_changed(self) -> None:
        self._update_buttons()

    @Slot()
    def _on_save_card_clicked(self) -> None:
        name, role = self.my_name.text().strip(), self.my_role.text().strip()
        if not name:
            self.card_message.setText(
                "Type your name first: it is what others see on your "
                "card and on what you send them."
            )
            self.my_name.setFocus()
            return
        chosen, _ = QFileDialog.getSaveFileName(
            self, "Save my contact card", str(Path.home() / CARD_FILE_NAME), CARD_FILTER
        )
        if not chosen:
            return
        path = Path(chosen)

        def write(journal: Journal) -> Path:
            from reflectjournal.domain.contact_card import card_to_bytes
            from reflectjournal.services.files import write_chosen_file

            # Name and role are kept with the journal, so they are asked only once.
            card = journal.sharing.my_card(name, role)
            write_chosen_file(path, card_to_bytes(card))  # owner-only (0600) from the start
            return path

        # The name and role are kept in the journal: a contacts change, like the rest here.
        change(self._session, write, CONTACTS).success(self._on_card_saved).telling(
            self.card_message).run()

    def _on_card_saved(self, path: Path) -> None:
        self.card_message.setText(
            f"Card saved as {path.name}. Give it to the person you share with (by e-mail is "
            f"fine: it holds no secret), then compare the pairing code with them."
        )

    @Slot()
    def _on_import_clicked(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, "Import a contact card", str(Path.home()), CARD_FILTER
        )
        if chosen:
            self.import_card_file(Path(chosen))

    def import_card_file(self, path: Path) -> None:
        """Import the card in this file and show its pairing code."""

        def add(journal: Journal) -> tuple[Contact, str]:
            return journal.sharing.add_contact(_read_card_file(path))

        def added(result: tuple[Contact, str]) -> None:
            contact, code = result
            self._reload_contacts(select=contact.card.fingerprint)
            if contact.verified:  # the same card again: nothing to compare
                self.list_message.setText(
                    f"{contact.name}'s card was already imported and verified."
                )
                self._hide_pairing()
            else:
                self._show_pairing(contact, code)

        change(self._session, add, CONTACTS).success(added).telling(self.list_message).run()

    @Slot()
    def _on_verify_selected_clicked(self) -> None:
        contact = self.selected_contact()
        if contact is None:
            return
        (query(self._session, lambda j: j.sharing.pairing_code(contact))
         .success(lambda code: self._show_pairing(contact, code))
         .telling(self.list_message).run())

    def _show_pairing(self, contact: Contact, code: str) -> None:
        self._pairing = contact
        self.pairing_intro.setText(
            f"Read this code to {contact.name} and listen to theirs. Both must see the same "
            f"code. Do it in person or by phone, not by e-mail or message."
        )
        # Broken between its groups where one line is wider than the page can be (at the
        # largest text the code alone was 720 px); the margins around it take about 100 px.
        room = screen_room(self.parentWidget()).width() - 100
        self.code.setText(break_groups(code, self.code.fontMetrics(), room, " "))
        self.heard.setText("")
        self.pairing_message.clear()
        self.pairing_box.show()
        self.heard.setFocus()
        self._show_pairing_box()

    def _show_pairing_box(self) -> None:
        """Scroll the page to the pairing box, its message included (after layout)."""
        # The dialog as the timer's context: a dialog closed meanwhile cancels it.
        QTimer.singleShot(0, self, self._scroll_to_pairing)

    @Slot()
    def _scroll_to_pairing(self) -> None:
        self._contacts_page.ensureWidgetVisible(self.pairing_message, 0, 0)

    def _hide_pairing(self) -> None:
        self._pairing = None
        self.code.clear()
        self.heard.setText("")
        self.pairing_box.hide()

    @Slot()
    def _on_verify_clicked(self) -> None:
        contact = self._pairing
        heard = self.heard.text().strip()
        if contact is None:
            return
        if not heard:
            self.pairing_message.setText(f"Type the code {contact.name} reads to you.")
            return
        fingerprint = contact.card.fingerprint
        (change(self._session, lambda j: j.sharing.verify_contact(fingerprint, heard), CONTACTS)
         .success(self._on_verified).telling(self.pairing_message)
         .failure(self._on_verify_failed).run())

    def _on_verify_failed(self, error: BaseException) -> None:
        self.pairing_message.setText(user_message(error))
        self._show_pairing_box()

    def _on_verified(self, contact: Contact) -> None:
        self._hide_pairing()
        self._reload_contacts(select=contact.card.fingerprint)
        self.list_message.setText(
            f"{contact.name} is verified: you can now send them "
            f"entries, and open what they send you."
        )

    @Slot()
    def _on_remove_clicked(self) -> None:
        contact = self.selected_contact()
        if contact is None or not confirm(
            self,
            "Remove contact",
            f"Remove {contact.name} from your contacts? What they sent you stays in your "
            f"journal. To share with them again, import their card and compare the code "
            f"again.",
            "Remove",
            icon=QMessageBox.Icon.Question,
        ):
            return
        fingerprint = contact.card.fingerprint

        def removed(gone: Contact) -> None:
            self._reload_contacts()
            self.list_message.setText(f"{gone.name} was removed from your contacts.")

        (change(self._session, lambda j: j.sharing.remove_contact(fingerprint), CONTACTS)
         .success(removed).telling(self.list_message).run())

    def watch_lines(self) -> list[str]:
        """Return the watch-list as typed, one entry per line."""
        return self.watch_list.toPlainText().splitlines()

    @Slot()
    def _on_save_watch_list_clicked(self) -> None:
        lines = self.watch_lines()

        def saved(kept: list[str]) -> None:
            self.watch_list.setPlainText("\n".join(kept))
            count = "1 name or place" if len(kept) == 1 else f"{len(kept)} names and places"
            self.watch_message.setText(f"Watch-list saved: {count}.")

        (change(self._session, lambda j: j.sharing.set_watch_list(lines), CONTACTS)
         .success(saved).telling(self.watch_message).run())

    def done(self, result: int) -> None:
        """Forget the watch-list and codes shown, then close."""
        self.watch_list.setPlainText("")
        self._hide_pairing()
        super().done(result)

    @Slot()
    def _on_journal_locked(self) -> None:
        self.reject()
