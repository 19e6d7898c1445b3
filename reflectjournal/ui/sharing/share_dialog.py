"""Share entries with a supervisor: choose what goes, see exactly what leaves, resolve flags.

The dialog holds no rules of its own: `sharing.prepare` builds what would leave and runs the
identifier check, `ShareDraft.resolved` applies the chosen redactions, `ShareDecisions` says
which flags are still open, and `sharing.write_share` refuses while any flag is unresolved.
The preview (`share_preview.preview_text`) is plain text built from the same segments the
supervisor's app shows, so what is read here is what goes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reflectjournal.domain import share_selection as selection
from reflectjournal.domain.flag_memory import watch_list_offer
from reflectjournal.domain.share_decisions import FlagState, ShareDecisions
from reflectjournal.domain.share_preview import Span, preview_text
from reflectjournal.services.sharing import (
    BUNDLE_SUFFIX,
    ShareDraft,
    WrittenBundle,
    bundle_file_name,
    new_bundle_passphrase,
)
from reflectjournal.ui.background.session import JournalSession, user_message
from reflectjournal.ui.sharing.flag_memory_parts import RememberedTermsDialog, WatchListOffer
from reflectjournal.ui.sharing.share_panels import (
    SAY_IN_PERSON,
    ChoicesPanel,
    ReviewPanel,
    leaving_line,
    words_label,
)
from reflectjournal.ui.widgets.button_flow import button_flow
from reflectjournal.ui.widgets.page_parts import quiet_button, scrolling, tab_order
from reflectjournal.ui.widgets.passphrase_field import MessageLabel
from reflectjournal.ui.widgets.window_room import fit_window, screen_room, text_width
from reflectjournal.ui.widgets.wording import count_words

if TYPE_CHECKING:
    from reflectjournal.domain.ids import EntryId
    from reflectjournal.domain.supervision import Contact
    from reflectjournal.domain.taxonomy import EntryKind
    from reflectjournal.services.journal import Journal

    # Kinds with their counts, a line per entry that leaves, verified contacts.
    _Loaded = tuple[list[tuple[EntryKind, int]], list[str], list[Contact]]

# The combo's data for passphrase mode (never a fingerprint); a marker, not a secret.
PASSPHRASE_MODE = "passphrase"  # noqa: S105
PREPARE_DELAY_MS = 300  # typing a message re-checks once typing pauses


class ShareDialog(QDialog):
    """Choose the recipient and what goes, read the preview, resolve flags, write."""

    def __init__(
        self, session: JournalSession, entry_ids: Sequence[EntryId], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._entry_ids = list(dict.fromkeys(entry_ids))
        self.draft: ShareDraft | None = None
        self.decisions = ShareDecisions()
        self.spans: dict[str, Span] = {}
        self._contacts: dict[str, Contact] = {}
        self._words: str | None = None
        self._generation = 0  # answers of an older check than the choices shown are dropped
        self._preparing = False
        self._writing = False
        self._loaded = False
        self.remembered_terms: RememberedTermsDialog | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREPARE_DELAY_MS)
        self._timer.timeout.connect(self.prepare_now)
        self.setWindowTitle("Share with a supervisor")
        self._build()
        fit_window(self, parent, 1080, 720)
        session.locked.connect(self._on_journal_locked)
        self._load()

    @classmethod
    def open_for(
        cls, parent: QWidget | None, session: JournalSession, entry_ids: Sequence[EntryId]
    ) -> None:
        """Show the dialog window-modal, for these entries."""
        dialog = cls(session, entry_ids, parent)
        # open(), not exec(): no nested event loop, and lock can close it at once.
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _build(self) -> None:
        self.choices = ChoicesPanel()
        self.choices.recipient.currentIndexChanged.connect(self._on_recipient_changed)
        self.choices.choices_changed.connect(self._on_choice_changed)
        self.choices.message_edited.connect(self._on_message_changed)
        self.review = ReviewPanel()
        selected = self.review.flags.selectionModel().selectionChanged
        selected.connect(self._on_flag_selection_changed)
        self.review.redact.clicked.connect(self._on_redact_clicked)
        self.review.allow.clicked.connect(self._on_allow_clicked)
        self.review.redact_all.clicked.connect(self._on_redact_all_clicked)
        self.review.remembered.clicked.connect(self._on_remembered_clicked)
        splitter = self._panels()
        self.result_line = MessageLabel("Result")
        self.result_words = words_label("Passphrase words, again")
        self.result_words.hide()
        # Full width, centred inside: a label placed with an alignment gets its one-line
        # size, and its wrapped second line of words was cut off.
        self.result_words.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.watch_offer = WatchListOffer(self._session)
        self.write_status = QLabel()
        self.write_status.setAccessibleName("Why the bundle cannot be written yet")
        self.write_status.setWordWrap(True)
        self.write_status.setTextFormat(Qt.TextFormat.PlainText)
        self.write = quiet_button("&Write bundle…", "Write bundle")
        self.write.setEnabled(False)
        self.write.clicked.connect(self._on_write_clicked)
        self.close_button = quiet_button("&Close", "Close")
        self.close_button.clicked.connect(self.reject)
        # Beside the buttons, or above them where the panels are tabs (the largest text).
        bottom = QHBoxLayout() if isinstance(splitter, QSplitter) else QVBoxLayout()
        bottom.addWidget(self.write_status, 1)
        bottom.addWidget(button_flow(self.write, self.close_button))
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.result_line)
        layout.addWidget(self.result_words)
        layout.addWidget(self.watch_offer)
        layout.addLayout(bottom)
        self._update_buttons()

    def _panels(self) -> QWidget:
        """Return the choices beside the preview, or (large text) one tab each, scrolling.

        Side by side they needed 1993 px at the largest text size.
        """
        if text_width(self, 120) <= screen_room(self.parentWidget()).width():
            splitter = QSplitter(Qt.Orientation.Horizontal)
            splitter.setChildrenCollapsible(False)
            splitter.addWidget(self.choices)
            splitter.addWidget(self.review)
            splitter.setStretchFactor(0, 0)
            splitter.setStretchFactor(1, 1)
            splitter.setSizes([360, 720])
            return splitter
        tabs = QTabWidget()
        tabs.setAccessibleName("Sharing steps")
        tabs.addTab(scrolling(self.choices, "What goes"), "What &goes")
        tabs.addTab(scrolling(self.review, "Preview and check"), "&Preview and check")
        return tabs

    def _load(self) -> None:
        ids = self._entry_ids

        def read(journal: Journal) -> _Loaded:
            counts: dict[str, int] = {}
            entries = journal.get_entries(ids)
            for entry in entries:
                counts[entry.kind] = counts.get(entry.kind, 0) + 1
            kinds = [(journal.catalog.kind(k), n) for k, n in counts.items()]
            leaving = [leaving_line(e.date, journal.catalog.kind(e.kind).label, e.title)
                       for e in entries]
            return kinds, leaving, [c for c in journal.sharing.contacts() if c.verified]

        self._session.call(read, self._on_loaded, self._show_error)

    def _on_loaded(self, loaded: _Loaded) -> None:
        kinds, leaving, contacts = loaded
        self.choices.show_leaving(leaving)
        self.write.setText(f"&Write bundle ({count_words(len(leaving), 'entry', 'entries')})…")
        self._contacts = {c.card.fingerprint: c for c in contacts}
        recipient = self.choices.recipient
        recipient.blockSignals(True)  # nothing chosen yet: no need to react
        recipient.addItem("Choose a recipient…", None)
        for contact in contacts:
            role = f" — {contact.card.role}" if contact.card.role else ""
            recipient.addItem(f"{contact.name}{role}", contact.card.fingerprint)
        recipient.addItem("Someone not paired yet (passphrase)", PASSPHRASE_MODE)
        recipient.blockSignals(False)
        self.choices.pairing_hint.setVisible(not contacts)
        self.choices.add_parts(kinds)
        tab_order(
            *self.choices.focus_order(), *self.review.focus_order(), self.watch_offer.add,
            self.watch_offer.no, self.write, self.close_button
        )
        self._loaded = True
        self.prepare_now()

    @Slot()
    def _on_choice_changed(self) -> None:
        self._schedule(0)

    @Slot()
    def _on_message_changed(self) -> None:
        self._schedule(PREPARE_DELAY_MS)

    def _schedule(self, delay: int) -> None:
        """Re-run the check soon; the bundle cannot be written until it has."""
        if not self._loaded:
            return
        self._preparing = True
        self._update_buttons()
        self._timer.start(delay)

    @Slot()
    def prepare_now(self) -> None:
        """Build what would leave with the current choices and run the check on it."""
        self._timer.stop()
        if not self._loaded:
            return
        ids, parts = self._entry_ids, self.choices.chosen_parts()
        exact = self.choices.exact_dates.isChecked()
        message = self.choices.message.toPlainText()
        self._generation += 1
        generation = self._generation
        self._preparing = True
        self._update_buttons()

        def prepared(draft: ShareDraft) -> None:
            if generation == self._generation:  # an older answer than the choices shown
                self._show_draft(draft)

        def failed(error: BaseException) -> None:
            if generation == self._generation:
                # What was shown no longer matches the choices: nothing may be written.
                self._preparing = False
                self.draft = None
                self._show_error(error)
                self._update_buttons()

        self._session.call(
            lambda j: j.sharing.prepare(ids, parts=parts, exact_dates=exact, message=message),
            prepared,
            failed,
        )

    def _show_draft(self, draft: ShareDraft) -> None:
        self._preparing = False
        self.draft = draft
        self.result_line.clear()
        # Flag ids are stable for the same text in the same place: decisions carry over.
        self.decisions.track([f.id for f in draft.flags])
        self._render_preview()
        # Listed in the order they are read in the preview (the check goes part by part),
        # which is also the order the keyboard goes through them in.
        end = len(self.review.preview.toPlainText())
        ordered = sorted(
            draft.flags, key=lambda f: self.spans[f.id].start if f.id in self.spans else end
        )
        self.decisions.track([f.id for f in ordered])
        self.review.flag_model.set_flags(ordered, draft.entries, self.decisions)
        self._update_buttons()

    def _show_error(self, error: BaseException) -> None:
        self.result_line.setText(user_message(error))

    def _render_preview(self) -> None:
        if self.draft is None:
            return
        text, self.spans = preview_text(self.draft, self.decisions.redacted())
        flag_ids = [f.id for f in self.draft.flags]
        self.review.show_text(text, flag_ids, self.spans, self.decisions.state)

    def show_flag(self, flag_id: str) -> None:
        """Scroll the preview to a flag (or its placeholder) and select it there."""
        span = self.spans.get(flag_id)
        if span is not None:
            self.review.select_span(span)

    @Slot()
    def _on_flag_selection_changed(self) -> None:
        flags = self.review.selected_flags()
        if flags:
            self.show_flag(flags[-1].id)
        self._update_buttons()

    def select_flag(self, flag_id: str) -> None:
        """Select one flag in the list (and so in the preview)."""
        self.review.select_flag(flag_id)

    def resolve(self, flag_ids: Collection[str], state: FlagState) -> None:
        """Set flags to REDACT or ALLOW, and show the text as it will then leave."""
        self.decisions.resolve(flag_ids, state)
        self.review.flag_model.states_changed()
        self._render_preview()
        self._update_buttons()

    def _resolve_selected(self, state: FlagState) -> None:
        chosen = self.review.selected_flags()
        if not chosen:
            return
        self.resolve([f.id for f in chosen], state)
        # Keyboard flow: go on to the next flag still to decide.
        following = self.decisions.next_unresolved(chosen[-1].id)
        if following is not None:
            self.review.select_flag(following)
        else:
            self.show_flag(chosen[-1].id)

    @Slot()
    def _on_redact_clicked(self) -> None:
        self._resolve_selected(FlagState.REDACT)

    @Slot()
    def _on_allow_clicked(self) -> None:
        self._resolve_selected(FlagState.ALLOW)

    @Slot()
    def _on_redact_all_clicked(self) -> None:
        if self.draft is not None:
            self.resolve(self.decisions.unresolved(), FlagState.REDACT)

    def unresolved(self) -> list[selection.LocatedFlag]:
        """Return the flags still to decide."""
        if self.draft is None:
            return []
        return self.draft.unresolved(self.decisions.redacted(), self.decisions.allowed())

    def recipient_contact(self) -> Contact | None:
        """Return the verified contact chosen, if one is."""
        data = self.choices.recipient.currentData()
        return self._contacts.get(data) if isinstance(data, str) else None

    def passphrase_mode(self) -> bool:
        """Return whether the bundle is to be locked with spoken words."""
        return bool(self.choices.recipient.currentData() == PASSPHRASE_MODE)

    @property
    def passphrase_words(self) -> str | None:
        """Return the words of passphrase mode, once it was chosen."""
        return self._words

    def choose_recipient(self, fingerprint_or_mode: str) -> None:
        """Choose a contact by key fingerprint, or PASSPHRASE_MODE."""
        index = self.choices.recipient.findData(fingerprint_or_mode)
        if index >= 0:
            self.choices.recipient.setCurrentIndex(index)

    @Slot(int)
    def _on_recipient_changed(self, _index: int) -> None:
        passphrase = self.passphrase_mode()
        if passphrase and self._words is None:
            # Made once per dialog: switching back and forth must not change words
            # that may already have been said.
            self._words = new_bundle_passphrase()
            self.choices.words.setText(self._words)
        self.choices.passphrase_panel.setVisible(passphrase)
        self._update_buttons()

    def _why_not_ready(self) -> str:
        return self.decisions.why_not_ready(
            drafted=self.draft is not None,
            recipient_chosen=self.choices.recipient.currentData() is not None,
            preparing=self._preparing,
            writing=self._writing,
        )

    def _update_buttons(self) -> None:
        total = len(self.draft.flags) if self.draft else 0
        resolved = total - len(self.unresolved())
        count = self.review.count
        if self.draft is None:
            count.setText("")
        elif total:
            count.setText(f"{resolved} of {total} possible identifiers resolved")
        else:
            count.setText("The check found no possible identifiers")
        selected = bool(self.review.selected_flags())
        self.review.redact.setEnabled(selected)
        self.review.allow.setEnabled(selected)
        self.review.redact_all.setEnabled(resolved < total)
        why = self._why_not_ready()
        self.write_status.setText(why)
        self.write.setEnabled(not why)

    @Slot()
    def _on_write_clicked(self) -> None:
        if self._why_not_ready() or self.draft is None:
            return
        default = Path.home() / bundle_file_name("entries", dt.date.today())
        chosen, _ = QFileDialog.getSaveFileName(
            self, "Write the bundle", str(default), f"ReflectJournal bundles (*{BUNDLE_SUFFIX})"
        )
        if not chosen:
            return
        path = Path(chosen)
        if not path.suffix:
            path = path.with_suffix(BUNDLE_SUFFIX)
        self.write_to(path)

    def write_to(self, path: Path) -> None:
        """Write the bundle to path as the preview shows it."""
        draft, contact = self.draft, self.recipient_contact()
        if draft is None or self._why_not_ready():
            return
        words = self._words if self.passphrase_mode() else None
        to = contact.card.fingerprint if contact is not None else None
        redact, allow = self.decisions.redacted(), self.decisions.allowed()
        self._writing = True
        self._update_buttons()
        self.result_line.clear()
        self.result_words.hide()
        self.watch_offer.withdraw()
        remember = self.review.remember.isChecked()

        def write(journal: Journal) -> tuple[WrittenBundle, list[str]]:
            bundle = journal.sharing.write_share(
                draft, path, to=to, passphrase=words, redact=redact, allow=allow,
                remember=remember)
            return bundle, watch_list_offer(draft.flags, redact, journal.sharing.watch_list())

        def written(done: tuple[WrittenBundle, list[str]]) -> None:
            self._writing = False
            self._update_buttons()
            self._on_written(done[0], contact)
            self.watch_offer.offer(done[1])

        def failed(error: BaseException) -> None:
            self._writing = False
            self._update_buttons()
            self._show_error(error)

        self._session.call(write, written, failed)

    def _on_written(self, bundle: WrittenBundle, contact: Contact | None) -> None:
        what = count_words(bundle.entries, "entry", "entries")
        if contact is not None:
            self.result_line.setText(
                f"Bundle written: {what} to {contact.name}, saved as {bundle.path.name}."
            )
            return
        self.result_line.setText(
            f"Bundle written: {what}, saved as {bundle.path.name} and locked "
            f"with these words. {SAY_IN_PERSON}"
        )
        self.result_words.setText(bundle.passphrase or "")
        self.result_words.show()

    @Slot()
    def _on_remembered_clicked(self) -> None:
        terms = RememberedTermsDialog(self._session, self)
        terms.changed.connect(self.prepare_now)  # a cleared term may be flagged again
        terms.finished.connect(terms.deleteLater)
        self.remembered_terms = terms
        terms.open()

    def done(self, result: int) -> None:
        """Forget the text, decisions and words shown, then close."""
        self._loaded = False  # clearing the fields below must not start another check
        self._timer.stop()
        self._generation += 1  # a check still running is not shown
        self.draft = None
        self.decisions.clear()
        self.spans = {}
        self.review.forget_text()
        self.choices.message.setPlainText("")  # setPlainText drops the undo history too
        self._words = None
        self.choices.words.clear()
        self.result_words.clear()
        self.watch_offer.withdraw()
        super().done(result)

    @Slot()
    def _on_journal_locked(self) -> None:
        self.reject()
