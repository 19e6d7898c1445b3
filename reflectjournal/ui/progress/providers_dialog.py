"""The Providers window: every RSC provider record, its qualification history, linked
contact and entries; add, rename, qualify, record a lapse, link, unlink and merge.

Everything goes through services/providers.py on the database thread (operations.change);
the window redraws from `journal_changed`, so the Progress screen and the editor's provider
picker follow the same change. Linking a record to a contact offers to merge records with
similar names (spec 2.9.3, domain/endorsement/similar_names.py); it never merges by itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Slot
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reflectjournal.domain.endorsement.records import ProviderMerge, ProviderRecord, Qualification
from reflectjournal.domain.wording import count_words
from reflectjournal.services.changes import PROVIDERS
from reflectjournal.services.providers import HELD_THROUGHOUT
from reflectjournal.ui.background.operations import change, query
from reflectjournal.ui.background.session import JournalSession, user_message
from reflectjournal.ui.progress.provider_dialogs import (
    Candidate,
    ContactDialog,
    MergeDialog,
    MergeOfferDialog,
    QualificationDialog,
    RenameDialog,
)
from reflectjournal.ui.widgets.page_parts import close_buttons, quiet_button, scrolling
from reflectjournal.ui.widgets.passphrase_field import MessageLabel
from reflectjournal.ui.widgets.provider_dialog import QUALIFICATION_WORDS, NewProviderDialog
from reflectjournal.ui.widgets.table_fit import few_rows, wrap_column
from reflectjournal.ui.widgets.value_table import ValueTableModel, row_table
from reflectjournal.ui.widgets.window_room import screen_room

if TYPE_CHECKING:
    from reflectjournal.services.changes import Changes
    from reflectjournal.services.journal import Journal

INTRO = ("Hours count by record, never by name: two records are two people until you merge "
         "them.")
REMOVED_CONTACT = "a removed contact"


@dataclass(frozen=True, slots=True)
class ProviderRow:
    """One provider record as the window lists it."""

    record: ProviderRecord
    entries: int
    contact: str  # the linked contact's name, "" when none is linked


@dataclass(frozen=True, slots=True)
class ProviderListing:
    """What the window shows, read in one go on the database thread."""

    rows: tuple[ProviderRow, ...]
    merges: tuple[ProviderMerge, ...]
    contacts: tuple[tuple[str, str], ...]  # verified contacts: (name, key fingerprint)


def read_listing(journal: Journal) -> ProviderListing:
    """Return the records with their entry counts and contacts, the merge log, the contacts."""
    contacts = journal.sharing.contacts()
    by_key = {c.card.signing_key.hex(): c.name for c in contacts}
    counts = journal.providers.entry_counts()
    rows = tuple(ProviderRow(r, counts.get(r.id, 0),
                             by_key.get(r.contact_key, REMOVED_CONTACT) if r.contact_key else "")
                 for r in journal.providers.all())
    return ProviderListing(rows, tuple(journal.providers.merges()),
                           tuple((c.name, c.card.fingerprint) for c in contacts if c.verified))


def short_words(held: Qualification) -> str:
    """Return a qualification as its id (IMHS, IMHM-C...) or, for the two that are not one,
    in words: the list stays narrow at the largest text; the history says it in full."""
    return {Qualification.NOT_ENDORSED: "not endorsed",
            Qualification.UNKNOWN: "not known"}.get(held, held.value)


def since_words(day: dt.date) -> str:
    """Return a qualification's since-date as shown (no date: held throughout)."""
    return "always (no date given)" if day == HELD_THROUGHOUT else day.isoformat()


class ProviderTableModel(ValueTableModel):
    """Name, what they hold today, entries naming them, and the linked contact."""

    COLUMNS = ("Name", "Holds now", "Entries", "Contact")

    def cell(self, value: Any, column: int) -> Any:
        row: ProviderRow = value
        held = row.record.qualification_on(dt.date.today())
        return (row.record.name, short_words(held), str(row.entries),
                row.contact or "not linked")[column]


class HistoryModel(ValueTableModel):
    """A record's qualification history, oldest first."""

    COLUMNS = ("From", "Qualification")

    def cell(self, value: Any, column: int) -> Any:
        return (since_words(value.since), QUALIFICATION_WORDS[value.qualification])[column]


class MergeLogModel(ValueTableModel):
    """The merge log, oldest first."""

    COLUMNS = ("When", "Merged", "Into", "Entries moved")

    def cell(self, value: Any, column: int) -> Any:
        m: ProviderMerge = value
        return (m.merged_at.astimezone().strftime("%Y-%m-%d %H:%M"), m.from_name, m.into_name,
                str(m.entries))[column]


class ProvidersDialog(QDialog):
    """The provider records of the open journal; closes when the journal locks."""

    def __init__(self, session: JournalSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("RSC providers")
        self.setAccessibleName("RSC providers")
        self._session = session
        self._listing = ProviderListing((), (), ())
        self._wanted: str | None = None  # the record to select after the next reload
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        self.model = ProviderTableModel()
        # The name keeps its width; the contact column takes what is left, so at the
        # largest text the names are read whole and the table scrolls sideways.
        self.table = wrap_column(row_table(self.model, "Provider records", stretch=3), 3)
        lines = self.table.fontMetrics().lineSpacing()
        self.table.setMinimumHeight(lines * 6)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.history = HistoryModel()
        self.history_table = wrap_column(row_table(self.history, "Qualification history",
                                                   stretch=1), 1)
        self.history_table.setMinimumHeight(lines * 4)
        self.history_label = QLabel("Qualification history:")
        self.history_label.setBuddy(self.history_table)
        self.add_button = quiet_button("&Add…", "Add a provider", self._on_add)
        self.rename_button = quiet_button("Re&name…", "Rename the provider", self._on_rename)
        self.qualify_button = quiet_button("Add a &qualification…", "Add a qualification",
                                           self._on_qualify)
        self.lapse_button = quiet_button("Record a &lapse…", "Record a lapse", self._on_lapse)
        self.link_button = quiet_button("&Link to a contact…", "Link to a contact",
                                        self._on_link)
        self.unlink_button = quiet_button("&Unlink", "Unlink the contact", self._on_unlink)
        self.merge_button = quiet_button("&Merge…", "Merge with another record",
                                         self._on_merge)
        self._selected_buttons = (self.rename_button, self.qualify_button, self.lapse_button,
                                  self.link_button, self.merge_button)
        # Two columns of buttons: at the largest text a row of seven is wider than the
        # window, and the page scrolls down instead; one column when two are wider than
        # the screen (at 32 pt on an 800-pixel screen).
        grid = QGridLayout()
        buttons = (self.add_button, self.rename_button, self.qualify_button, self.lapse_button,
                   self.link_button, self.unlink_button, self.merge_button)
        two = 2 * max(b.sizeHint().width() for b in buttons) + 4 * grid.spacing()
        columns = 2 if two + 80 <= screen_room(parent).width() else 1
        for i, widget in enumerate(buttons):
            grid.addWidget(widget, i // columns, i % columns)
        self.message = MessageLabel("Providers message")
        records = QWidget()
        box = QVBoxLayout(records)
        box.addWidget(intro)
        box.addWidget(few_rows(self.table, 0), 2)
        box.addLayout(grid)
        box.addWidget(self.message)
        box.addWidget(self.history_label)
        box.addWidget(few_rows(self.history_table, 0), 1)
        self.merge_log = MergeLogModel()
        self.merge_table = wrap_column(row_table(self.merge_log, "Merge log", stretch=1), 1)
        log_page = QWidget()
        box = QVBoxLayout(log_page)
        self.log_note = QLabel()
        self.log_note.setWordWrap(True)
        box.addWidget(self.log_note)
        box.addWidget(self.merge_table, 1)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Providers pages")
        self.tabs.addTab(scrolling(records, "Provider records page"), "&Records")
        self.tabs.addTab(log_page, "Merge l&og")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(close_buttons(self, "Close providers"))
        self.resize(QSize(900, 620).boundedTo(screen_room(parent)))
        session.locked.connect(self.close)
        session.journal_changed.connect(self._on_journal_changed)
        self._update_buttons()
        self.reload()

    @classmethod
    def open_for(cls, parent: QWidget | None, session: JournalSession) -> ProvidersDialog:
        """Show the window modal over parent, without a nested event loop."""
        dialog = cls(session, parent)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def reload(self) -> None:
        """Read the records again; select the one a change made, else the one selected."""
        current = self.selected()
        chosen = self._wanted or (current.record.id if current else None)
        self._wanted = None
        # Not `telling`: that would clear the message the change that led here just wrote.
        query(self._session, read_listing).success(
            lambda listing: self._show(listing, chosen)).failure(self._failed).run()

    def _failed(self, error: BaseException) -> None:
        self.message.setText(user_message(error))

    def _select_next(self, provider_id: str) -> None:
        """Select this record once the change's `journal_changed` reloads the list."""
        self._wanted = provider_id

    def _show(self, listing: ProviderListing, chosen: str | None) -> None:
        self._listing = listing
        self.model.set_values(listing.rows)
        row = self.model.row_where(lambda r: r.record.id == chosen) if chosen else -1
        if row < 0 and listing.rows:
            row = 0
        if row >= 0:
            self.table.selectRow(row)
        else:
            self.history.set_values([])
        self.merge_log.set_values(listing.merges)
        self.log_note.setText(
            "Every merge, oldest first: which record went into which, and how many entries "
            "moved with it." if listing.merges else "No records have been merged yet.")
        if not listing.rows:
            self.message.setText("No providers yet. Add the people who give you reflective "
                                 "supervision or consultation.")
        self._update_buttons()

    def selected(self) -> ProviderRow | None:
        """Return the selected record's row, if any."""
        rows = self.table.selectionModel().selectedRows()
        found: ProviderRow | None = self.model.value(rows[0].row()) if rows else None
        return found

    @Slot()
    def _on_selection_changed(self) -> None:
        row = self.selected()
        self.history.set_values(row.record.qualifications if row else ())
        self.history_label.setText(f"Qualification history of {row.record.name}:" if row
                                   else "Qualification history:")
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.selected()
        for button in self._selected_buttons:
            button.setEnabled(row is not None)
        self.merge_button.setEnabled(row is not None and len(self._listing.rows) > 1)
        self.unlink_button.setEnabled(row is not None and bool(row.record.contact_key))

    def _change(self, work: Any, done: str, keep: str | None = None) -> None:
        """Run a change of the provider records; say `done` once it is made."""
        def succeeded(result: Any) -> None:
            self._select_next(keep or str(getattr(result, "id", "")))
            self.message.setText(done)

        change(self._session, work, PROVIDERS).success(succeeded).telling(self.message).run()

    @Slot()
    def _on_add(self) -> None:
        new = NewProviderDialog.ask(self)
        if new is None:
            return
        self._change(lambda j: j.providers.add(new.name, new.qualification, new.since),
                     f"Added {new.name}.")

    @Slot()
    def _on_rename(self) -> None:
        row = self.selected()
        name = RenameDialog.ask(self, row.record.name) if row else None
        if row is None or name is None:
            return
        pid = row.record.id
        self._change(lambda j: j.providers.rename(pid, name), f"Renamed to {name}.")

    @Slot()
    def _on_qualify(self) -> None:
        self._qualify(lapse=False)

    @Slot()
    def _on_lapse(self) -> None:
        self._qualify(lapse=True)

    def _qualify(self, *, lapse: bool) -> None:
        row = self.selected()
        given = QualificationDialog.ask(self, row.record.name, lapse=lapse) if row else None
        if row is None or given is None:
            return
        pid, name = row.record.id, row.record.name
        done = (f"{name}'s endorsement lapsed on {given.since}: sessions from then on do not "
                "count." if lapse else f"{name} holds "
                f"{QUALIFICATION_WORDS[given.qualification]} from {given.since}.")
        self._change(lambda j: j.providers.qualify(pid, given.qualification, given.since),
                     done)

    @Slot()
    def _on_link(self) -> None:
        row = self.selected()
        if row is None:
            return
        contacts = self._listing.contacts
        if not contacts:
            self.message.setText("No verified contacts yet: add your provider's card and "
                                 "compare the pairing code first (Supervision > Contacts "
                                 "and pairing).")
            return
        shown = [f"{name} (key {fingerprint})" for name, fingerprint in contacts]
        chosen = ContactDialog.ask(self, row.record.name, shown)
        if chosen is None:
            return
        name, fingerprint = contacts[shown.index(chosen)]
        pid = row.record.id

        def work(journal: Journal) -> tuple[ProviderRecord, list[Candidate]]:
            record = journal.providers.link_contact(pid, fingerprint)
            counts = journal.providers.entry_counts()
            offered = journal.providers.merge_offer(pid, fingerprint)
            return record, [Candidate(r, counts.get(r.id, 0)) for r in offered]

        found: list[tuple[ProviderRecord, list[Candidate]]] = []

        def linked(result: tuple[ProviderRecord, list[Candidate]]) -> None:
            self._select_next(result[0].id)
            self.message.setText(f"{result[0].name} is linked to {name}.")
            found.append(result)

        def offer() -> None:
            # Asked once the list shows the link, never merged without the user's tick.
            record, offered = found[0]
            if offered:
                self._offer_merge(record, name, offered)

        (change(self._session, work, PROVIDERS).success(linked).afterwards(offer)
         .telling(self.message).run())

    def _offer_merge(self, record: ProviderRecord, contact: str,
                     offered: Sequence[Candidate]) -> None:
        ticked = MergeOfferDialog.ask(self, record, contact, offered)
        if not ticked:
            return
        survivor = record.id

        def work(journal: Journal) -> list[ProviderMerge]:
            return [journal.providers.merge(source, survivor) for source in ticked]

        def merged(done: list[ProviderMerge]) -> None:
            self._select_next(survivor)
            moved = sum(m.entries for m in done)
            self.message.setText(f"Merged {count_words(len(done), 'record', 'records')} into "
                                 f"{record.name}: {count_words(moved, 'entry', 'entries')} "
                                 "moved. The merges are in the merge log.")

        change(self._session, work, PROVIDERS).success(merged).telling(self.message).run()

    @Slot()
    def _on_unlink(self) -> None:
        row = self.selected()
        if row is None:
            return
        pid = row.record.id
        self._change(lambda j: j.providers.link_contact(pid, None),
                     f"{row.record.name} is no longer linked to {row.contact}.")

    @Slot()
    def _on_merge(self) -> None:
        row = self.selected()
        if row is None:
            return
        others = [Candidate(r.record, r.entries) for r in self._listing.rows
                  if r.record.id != row.record.id]
        answer = MergeDialog.ask(self, Candidate(row.record, row.entries), others)
        if answer is None:
            return
        source, survivor = answer

        def merged(done: ProviderMerge) -> None:
            self._select_next(done.into_id)
            self.message.setText(f"Merged {done.from_name} into {done.into_name}: "
                                 f"{count_words(done.entries, 'entry', 'entries')} moved. "
                                 "The merge is logged.")

        change(self._session, lambda j: j.providers.merge(source, survivor), PROVIDERS
               ).success(merged).telling(self.message).run()

    def _on_journal_changed(self, changes: Changes) -> None:
        # Another window's change (the editor's new provider, a reply's confirmations).
        if changes.touches("providers", "entries", "contacts"):
            self.reload()
