"""Share entries with a supervisor: choose what goes, see exactly what leaves, resolve flags.

The dialog holds no rules of its own: `sharing.prepare` builds what would leave and runs the
identifier check, `ShareDraft.resolved` applies the chosen redactions, and
`sharing.write_share` refuses while any flag is unresolved. The preview is plain text built
from the same segments the supervisor's app shows, so what is read here is what goes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QEvent,
    QObject,
    Qt,
    QTimer,
    Slot,
)
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QTableView,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from reflectjournal.domain import share_selection as selection
from reflectjournal.domain.bundle import SharedEntry
from reflectjournal.services.sharing import (
    BUNDLE_SUFFIX,
    ShareDraft,
    WrittenBundle,
    bundle_file_name,
    new_bundle_passphrase,
)
from reflectjournal.ui.background.session import JournalSession, user_message
from reflectjournal.ui.widgets.page_parts import quiet_button, show_large, tab_order
from reflectjournal.ui.widgets.passphrase_field import MessageLabel
from reflectjournal.ui.widgets.value_table import ValueTableModel
from reflectjournal.ui.widgets.wording import count_words

if TYPE_CHECKING:
    from reflectjournal.domain.ids import EntryId
    from reflectjournal.domain.taxonomy import EntryKind
    from reflectjournal.services.journal import Journal
    from reflectjournal.store.sharing import Contact


UNRESOLVED = "Unresolved"
REDACT = "Redact"
ALLOW = "Not an identifier"
# The combo's data for passphrase mode (never a fingerprint); a marker, not a secret.
PASSPHRASE_MODE = "passphrase"  # noqa: S105
SAY_IN_PERSON = (
    "Tell these words to the recipient in person or by phone. Never send them by email or message."
)
CHECK_NOTE = (
    "The check helps you spot names, numbers and places that could identify a "
    "family. It cannot find them all: read the preview before you write the bundle."
)

# Between entries in the preview; the bundle keeps entries apart, the preview shows where.
ENTRY_SEPARATOR = "\n\n" + "─" * 28 + "\n\n"
MESSAGE_HEADING = "Message to the recipient:\n"
PREPARE_DELAY_MS = 300  # typing a message re-checks once typing pauses

# The check's kinds in words; an unknown kind still reads as words.
KIND_WORDS = {
    "possible-name": "possible name",
    "watch-list": "on your watch-list",
    "phone": "phone number",
    "email": "e-mail address",
    "url": "web address",
    "ip-address": "IP address",
    "ssn": "social security number",
    "record-number": "record number",
    "date": "date",
    "birth-date": "date of birth",
    "zip-code": "ZIP code",
    "street-address": "street address",
}


def kind_words(kind: Any) -> str:
    """Return a flag kind as people say it ("phone number", "on your watch-list")."""
    value = str(getattr(kind, "value", kind))
    return KIND_WORDS.get(value, value.replace("-", " ").replace("_", " "))


def part_words(entry: SharedEntry | None, location: str) -> str:
    """Return the part of an entry a flag is in, in the words the preview shows."""
    if location == "message":
        return "Message"
    what, _, index = location.partition(":")
    if entry is not None and index.isdigit():
        i = int(index)
        if what == "answer" and i < len(entry.answers):
            return entry.answers[i][0]
        if what == "field" and i < len(entry.fields):
            return entry.fields[i][0]
    return {"title": "Title", "body": "Reflection text", "tag": "Tags"}.get(what, what)


# --- the preview text and where each flag is in it ------------------------------------------


@dataclass(frozen=True, slots=True)
class Span:
    """Where one flag's text (or, once redacted, its placeholder) is in the preview."""

    start: int
    end: int
    redacted: bool


def _flag_end(flag: Any) -> int:
    return int(flag.start) + len(flag.text)


def _place(
    original: str, shown: str, flags: Sequence[selection.LocatedFlag], redact: Collection[str]
) -> dict[str, Span]:
    """Return where each flag of one piece of text ends up once the redactions are applied.

    A flag's new start is the length of the redacted text before it; a flag whose text is
    no longer where expected (it overlapped a redacted one) is left unmarked.
    """
    from reflectjournal.domain.deidentify import redact as apply

    redacted = [f.flag for f in flags if f.id in redact]
    out: dict[str, Span] = {}
    for located in flags:
        flag = located.flag
        before = [g for g in redacted if _flag_end(g) <= flag.start]
        start = len(apply(original[: flag.start], before))
        if located.id in redact:
            end = len(apply(original[: _flag_end(flag)], [*before, flag]))
            if end > start:
                out[located.id] = Span(start, end, True)
        elif shown[start : start + len(flag.text)] == flag.text:
            out[located.id] = Span(start, start + len(flag.text), False)
    return out


def preview_text(draft: ShareDraft, redact: Collection[str]) -> tuple[str, dict[str, Span]]:
    """Return the preview (as it leaves, redactions applied) and each flag's span in it."""
    entries, message = draft.resolved(redact)
    by_place: dict[tuple[str | None, str], list[selection.LocatedFlag]] = {}
    for located in draft.flags:
        by_place.setdefault((located.entry_id, located.location), []).append(located)
    parts: list[str] = []
    spans: dict[str, Span] = {}
    offset = 0

    def add(text: str, location: str | None, entry_id: str | None, original: str) -> None:
        nonlocal offset
        flags = by_place.get((entry_id, location), []) if location else []
        for flag_id, span in _place(original, text, flags, redact).items():
            spans[flag_id] = Span(span.start + offset, span.end + offset, span.redacted)
        parts.append(text)
        offset += len(text)

    for number, (before, after) in enumerate(zip(draft.entries, entries, strict=True)):
        if number:
            add(ENTRY_SEPARATOR, None, None, "")
        old_segments = selection.shared_entry_segments(before)
        new_segments = selection.shared_entry_segments(after)
        aligned = [o[0] for o in old_segments] == [n[0] for n in new_segments]
        for i, (location, text) in enumerate(new_segments):
            original = old_segments[i][1] if aligned else ""
            add(text, location if aligned else None, before.id, original)
    if message:
        add(ENTRY_SEPARATOR if entries else "", None, None, "")
        add(MESSAGE_HEADING, None, None, "")
        add(message, "message", None, draft.message)
    return "".join(parts), spans


# --- the flags list -----------------------------------------------------------------------


class FlagTableModel(ValueTableModel):
    """The check's flags: the text, what kind, where, and what the user decided."""

    COLUMNS = ("Text", "Kind", "Where", "State")

    def __init__(self) -> None:
        super().__init__()
        self._entries: dict[str, SharedEntry] = {}
        self._decisions: dict[str, str] = {}

    def set_flags(
        self,
        flags: Sequence[selection.LocatedFlag],
        entries: Sequence[SharedEntry],
        decisions: dict[str, str],
    ) -> None:
        """Show these flags; decisions (flag id to REDACT or ALLOW) is read, never copied."""
        self._entries = {e.id: e for e in entries}
        self._decisions = decisions
        self.set_values(flags)

    def clear(self) -> None:
        """Drop every row."""
        self.set_flags([], [], {})

    def states_changed(self) -> None:
        """Tell views the State column may read differently."""
        rows = self.rowCount()
        if rows:
            column = len(self.COLUMNS) - 1
            self.dataChanged.emit(self.index(0, column), self.index(rows - 1, column))

    def flag(self, row: int) -> selection.LocatedFlag | None:
        """Return the flag on a row, if there is one."""
        found: selection.LocatedFlag | None = self.value(row)
        return found

    def row_of(self, flag_id: str) -> int:
        """Return the row of a flag, or -1."""
        return self.row_where(lambda f: f.id == flag_id)

    def state(self, flag_id: str) -> str:
        """Return UNRESOLVED, REDACT or ALLOW for a flag."""
        return self._decisions.get(flag_id, UNRESOLVED)

    def where(self, located: selection.LocatedFlag) -> str:
        """Return the entry title and part a flag is in."""
        if located.entry_id is None:
            return "Covering message"
        entry = self._entries.get(located.entry_id)
        title = entry.title if entry and entry.title else "Untitled entry"
        return f"{title} · {part_words(entry, located.location)}"

    def cell(self, located: selection.LocatedFlag, column: int) -> Any:
        """Return a cell's text."""
        if column == 0:
            return located.flag.text
        if column == 1:
            return kind_words(located.flag.kind)
        if column == 2:
            return self.where(located)
        if column == 3:
            return self.state(located.id)
        return None


# --- colours --------------------------------------------------------------------------------


def _is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def flag_formats(palette: QPalette) -> dict[str, QTextCharFormat]:
    """Return the preview's marks for UNRESOLVED, REDACT and ALLOW, readable in either theme.

    Never colour alone: unresolved text is also underlined (a solid line: a wavy one
    reads as dots at text size), placeholders dashed,
    and text kept as "not an identifier" dotted.
    """
    dark = _is_dark(palette)
    text = palette.color(QPalette.ColorRole.Text)
    # Amber: a warning that is not an error; both pairs are well over 4.5:1 with the text.
    unresolved = QTextCharFormat()
    unresolved.setBackground(QColor("#6b4f0e" if dark else "#ffe4a0"))
    unresolved.setForeground(text)
    unresolved.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
    unresolved.setUnderlineColor(QColor("#ffb74d" if dark else "#a24a00"))
    redacted = QTextCharFormat()
    redacted.setBackground(QColor("#3b4a4d" if dark else "#e1e7e6"))
    redacted.setForeground(text)
    redacted.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
    redacted.setUnderlineColor(palette.color(QPalette.ColorRole.PlaceholderText))
    allowed = QTextCharFormat()
    allowed.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
    allowed.setUnderlineColor(palette.color(QPalette.ColorRole.PlaceholderText))
    return {UNRESOLVED: unresolved, REDACT: redacted, ALLOW: allowed}


class _NoCopy(QObject):
    """Keeps outgoing text off the clipboard: the preview is for reading."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Swallow copy and cut shortcuts."""
        if event.type() == QEvent.Type.ShortcutOverride or event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.matches(QKeySequence.StandardKey.Copy) or event.matches(
                QKeySequence.StandardKey.Cut
            ):
                event.accept()
                return True
        return super().eventFilter(watched, event)


class ShareDialog(QDialog):
    """Choose the recipient and what goes, read the preview, resolve flags, write."""

    def __init__(
        self, session: JournalSession, entry_ids: Sequence[EntryId], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._entry_ids = list(dict.fromkeys(entry_ids))
        self.draft: ShareDraft | None = None
        self.decisions: dict[str, str] = {}  # flag id -> REDACT or ALLOW
        self.spans: dict[str, Span] = {}
        self._contacts: dict[str, Contact] = {}
        self._words: str | None = None
        self._generation = 0
        self._preparing = False
        self._writing = False
        self._loaded = False
        self.part_boxes: dict[str, dict[str, QCheckBox]] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREPARE_DELAY_MS)
        self._timer.timeout.connect(self.prepare_now)
        self.setWindowTitle("Share with a supervisor")
        self._build()
        self.resize(1080, 720)
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

    # --- building ------------------------------------------------------------------------

    def _build(self) -> None:
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._build_choices())
        splitter.addWidget(self._build_review())
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([360, 720])
        self.result_line = MessageLabel("Result")
        self.result_words = self._words_label("Passphrase words, again")
        self.result_words.hide()
        self.write_status = QLabel()
        self.write_status.setAccessibleName("Why the bundle cannot be written yet")
        self.write_status.setWordWrap(True)
        self.write_status.setTextFormat(Qt.TextFormat.PlainText)
        self.write = quiet_button("&Write bundle…", "Write bundle")
        self.write.setEnabled(False)
        self.write.clicked.connect(self._on_write_clicked)
        self.close_button = quiet_button("&Close", "Close")
        self.close_button.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.write_status, 1)
        bottom.addWidget(self.write)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.result_line)
        layout.addWidget(self.result_words, alignment=Qt.AlignmentFlag.AlignHCenter)
        layout.addLayout(bottom)
        self._update_buttons()

    def _words_label(self, name: str) -> QLabel:
        label = QLabel()
        label.setAccessibleName(name)
        label.setWordWrap(True)
        show_large(label, 1.5, copyable=False)  # said aloud, never pasted into a message
        return label

    def _build_choices(self) -> QWidget:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 6, 0)

        recipient_box = QGroupBox("Recipient")
        recipient_layout = QVBoxLayout(recipient_box)
        form = QFormLayout()
        self.recipient = QComboBox()
        self.recipient.setAccessibleName("Send to")
        self.recipient.view().setAccessibleName("Recipients")
        self.recipient.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        label = QLabel("&Send to:")
        label.setBuddy(self.recipient)
        form.addRow(label, self.recipient)
        recipient_layout.addLayout(form)
        self.pairing_hint = QLabel(
            "Only verified contacts are listed. Pair with someone in "
            "Contacts to send without a passphrase."
        )
        self.pairing_hint.setWordWrap(True)
        recipient_layout.addWidget(self.pairing_hint)
        self.passphrase_panel = QWidget()
        words_layout = QVBoxLayout(self.passphrase_panel)
        words_layout.setContentsMargins(0, 0, 0, 0)
        self.words = self._words_label("Passphrase words")
        words_layout.addWidget(self.words)
        warning = QLabel(SAY_IN_PERSON)
        warning.setWordWrap(True)
        words_layout.addWidget(warning)
        self.passphrase_panel.hide()
        recipient_layout.addWidget(self.passphrase_panel)
        self.recipient.currentIndexChanged.connect(self._on_recipient_changed)
        layout.addWidget(recipient_box)

        what_box = QGroupBox("What goes")
        what_layout = QVBoxLayout(what_box)
        self.parts_area = QScrollArea()
        self.parts_area.setAccessibleName("Parts to send")
        self.parts_area.setWidgetResizable(True)
        self.parts_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.parts_holder = QWidget()
        self.parts_layout = QVBoxLayout(self.parts_holder)
        self.parts_layout.setContentsMargins(0, 0, 0, 0)
        self.parts_area.setWidget(self.parts_holder)
        what_layout.addWidget(self.parts_area, 1)
        self.exact_dates = QCheckBox("Exact &dates (otherwise month only)")
        self.exact_dates.setAccessibleName("Exact dates (otherwise month only)")
        self.exact_dates.toggled.connect(self._on_choice_changed)
        # Right under the parts, which are put before it once the entries' kinds are known.
        self.parts_layout.addWidget(self.exact_dates)
        self.parts_layout.addStretch()
        layout.addWidget(what_box, 3)

        message_label = QLabel("&Message (optional):")
        self.message = QPlainTextEdit()
        self.message.setAccessibleName("Covering message (optional)")
        self.message.setTabChangesFocus(True)
        self.message.setPlaceholderText("A note for your supervisor. It is checked too.")
        lines = self.message.fontMetrics().lineSpacing()
        self.message.setMinimumHeight(lines * 4 + 16)
        self.message.setMaximumHeight(lines * 9 + 16)  # room left goes to the parts
        message_label.setBuddy(self.message)
        self.message.textChanged.connect(self._on_message_changed)
        layout.addWidget(message_label)
        layout.addWidget(self.message, 2)
        return panel

    def _build_review(self) -> QWidget:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(6, 0, 0, 0)
        preview_label = QLabel("Pre&view of exactly what will leave:")
        self.preview = QPlainTextEdit()
        self.preview.setAccessibleName("Preview of exactly what will leave")
        self.preview.setReadOnly(True)
        self.preview.setTabChangesFocus(True)
        # Keyboard-selectable so it can be read with the arrows; never dragged or copied out.
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.preview.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self._no_copy = _NoCopy(self)
        self.preview.installEventFilter(self._no_copy)
        self.preview.setUndoRedoEnabled(False)
        preview_label.setBuddy(self.preview)
        layout.addWidget(preview_label)
        layout.addWidget(self.preview, 3)
        legend = QLabel(
            "Solid underline on a tint: not resolved yet. [Placeholders] with a "
            "dashed underline: redacted. Dotted underline: kept, not an identifier."
        )
        legend.setWordWrap(True)
        layout.addWidget(legend)

        flags_label = QLabel("Possible &identifiers:")
        self.count = QLabel()
        self.count.setAccessibleName("Possible identifiers resolved")
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        heading = QHBoxLayout()
        heading.addWidget(flags_label)
        heading.addStretch()
        heading.addWidget(self.count)
        layout.addLayout(heading)
        self.flag_model = FlagTableModel()
        self.flags = QTableView()
        self.flags.setAccessibleName("Possible identifiers")
        self.flags.setModel(self.flag_model)
        self.flags.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.flags.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.flags.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.flags.setTabKeyNavigation(False)
        self.flags.setWordWrap(False)
        self.flags.verticalHeader().hide()
        header = self.flags.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        flags_label.setBuddy(self.flags)
        self.flags.selectionModel().selectionChanged.connect(self._on_flag_selection_changed)
        layout.addWidget(self.flags, 2)
        note = QLabel(CHECK_NOTE)
        note.setWordWrap(True)
        layout.addWidget(note)
        row = QHBoxLayout()
        self.redact = quiet_button("&Redact", "Redact the selected identifiers")
        self.allow = quiet_button("&Not an identifier", "Mark the selected as not an identifier")
        self.redact_all = quiet_button("Redact &all", "Redact all unresolved identifiers")
        self.redact.clicked.connect(self._on_redact_clicked)
        self.allow.clicked.connect(self._on_allow_clicked)
        self.redact_all.clicked.connect(self._on_redact_all_clicked)
        row.addWidget(self.redact)
        row.addWidget(self.allow)
        row.addStretch()
        row.addWidget(self.redact_all)
        layout.addLayout(row)
        return panel

    def _build_parts(self, kinds: Sequence[tuple[EntryKind, int]]) -> None:
        """Add a check box per offered part, per kind of entry in the selection."""
        for kind, count in kinds:
            title = QLabel(f"{kind.label} ({count_words(count, 'entry', 'entries')})")
            font = title.font()
            font.setBold(True)
            title.setFont(font)
            at = self.parts_layout.indexOf(self.exact_dates)
            self.parts_layout.insertWidget(at, title)
            grid = QGridLayout()
            grid.setContentsMargins(8, 0, 0, 6)
            boxes: dict[str, QCheckBox] = {}
            # offered_parts never lists the fields that name a person (supervisor ...).
            for i, part in enumerate(selection.offered_parts(kind)):
                box = QCheckBox(part.label.replace("&", "&&"))
                box.setAccessibleName(f"Send {part.label} of {kind.label} entries")
                box.setChecked(part.default)
                box.toggled.connect(self._on_choice_changed)
                grid.addWidget(box, i // 2, i % 2)
                boxes[part.id] = box
            self.parts_layout.insertLayout(at + 1, grid)
            self.part_boxes[kind.id] = boxes
        order: list[QWidget] = [self.recipient]
        order += [box for boxes in self.part_boxes.values() for box in boxes.values()]
        order += [
            self.exact_dates,
            self.message,
            self.preview,
            self.flags,
            self.redact,
            self.allow,
            self.redact_all,
            self.write,
            self.close_button,
        ]
        tab_order(*order)

    # --- loading and preparing -----------------------------------------------------------

    def _load(self) -> None:
        ids = self._entry_ids

        def read(journal: Journal) -> tuple[list[tuple[EntryKind, int]], list[Contact]]:
            counts: dict[str, int] = {}
            for entry in journal.get_entries(ids):
                counts[entry.kind] = counts.get(entry.kind, 0) + 1
            kinds = [(journal.catalog.kind(k), n) for k, n in counts.items()]
            return kinds, [c for c in journal.sharing.contacts() if c.verified]

        self._session.call(read, self._on_loaded, self._show_error)

    def _on_loaded(self, loaded: tuple[list[tuple[EntryKind, int]], list[Contact]]) -> None:
        kinds, contacts = loaded
        self._contacts = {c.card.fingerprint: c for c in contacts}
        self.recipient.blockSignals(True)  # nothing chosen yet: no need to react
        self.recipient.addItem("Choose a recipient…", None)
        for contact in contacts:
            role = f" — {contact.card.role}" if contact.card.role else ""
            self.recipient.addItem(f"{contact.name}{role}", contact.card.fingerprint)
        self.recipient.addItem("Someone not paired yet (passphrase)", PASSPHRASE_MODE)
        self.recipient.blockSignals(False)
        self.pairing_hint.setVisible(not contacts)
        self._build_parts(kinds)
        self._loaded = True
        self.prepare_now()

    def chosen_parts(self) -> dict[str, set[str]]:
        """Return, per kind id, the part ids checked."""
        return {
            kind: {pid for pid, box in boxes.items() if box.isChecked()}
            for kind, boxes in self.part_boxes.items()
        }

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
        ids, parts = self._entry_ids, self.chosen_parts()
        exact, message = self.exact_dates.isChecked(), self.message.toPlainText()
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
        # Flag ids are stable for the same text in the same place: decisions carry over.
        ids = {f.id for f in draft.flags}
        for flag_id in [k for k in self.decisions if k not in ids]:
            del self.decisions[flag_id]
        self.result_line.clear()
        self._render_preview()
        # Listed in the order they are read in the preview (the check goes part by part).
        end = len(self.preview.toPlainText())
        ordered = sorted(
            draft.flags, key=lambda f: self.spans[f.id].start if f.id in self.spans else end
        )
        self.flag_model.set_flags(ordered, draft.entries, self.decisions)
        self._update_buttons()

    def _show_error(self, error: BaseException) -> None:
        self.result_line.setText(user_message(error))

    # --- the preview ---------------------------------------------------------------------

    def redacted_ids(self) -> set[str]:
        """Return the ids of the flags to redact."""
        return {k for k, v in self.decisions.items() if v == REDACT}

    def allowed_ids(self) -> set[str]:
        """Return the ids of the flags kept as not an identifier."""
        return {k for k, v in self.decisions.items() if v == ALLOW}

    def _render_preview(self) -> None:
        if self.draft is None:
            return
        scroll = self.preview.verticalScrollBar().value()
        text, self.spans = preview_text(self.draft, self.redacted_ids())
        if text != self.preview.toPlainText():
            self.preview.setPlainText(text)
            self.preview.verticalScrollBar().setValue(scroll)
        formats = flag_formats(self.preview.palette())
        marks = []
        for located in self.draft.flags:
            span = self.spans.get(located.id)
            if span is None:
                continue
            mark = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.preview.document())
            cursor.setPosition(span.start)
            cursor.setPosition(span.end, QTextCursor.MoveMode.KeepAnchor)
            mark.cursor = cursor
            mark.format = formats[
                REDACT if span.redacted else self.decisions.get(located.id, UNRESOLVED)
            ]
            marks.append(mark)
        self.preview.setExtraSelections(marks)

    def show_flag(self, flag_id: str) -> None:
        """Scroll the preview to a flag (or its placeholder) and select it there."""
        span = self.spans.get(flag_id)
        if span is None:
            return
        cursor = self.preview.textCursor()
        cursor.setPosition(span.start)
        cursor.setPosition(span.end, QTextCursor.MoveMode.KeepAnchor)
        self.preview.setTextCursor(cursor)
        self.preview.centerCursor()

    @Slot()
    def _on_flag_selection_changed(self) -> None:
        flags = self.selected_flags()
        if flags:
            self.show_flag(flags[-1].id)
        self._update_buttons()

    # --- resolving flags -----------------------------------------------------------------

    def selected_flags(self) -> list[selection.LocatedFlag]:
        """Return the flags selected in the list."""
        rows = sorted(i.row() for i in self.flags.selectionModel().selectedRows())
        return [f for f in (self.flag_model.flag(r) for r in rows) if f is not None]

    def select_flag(self, flag_id: str) -> None:
        """Select one flag in the list (and so in the preview)."""
        row = self.flag_model.row_of(flag_id)
        if row >= 0:
            self.flags.selectRow(row)

    def resolve(self, flag_ids: Collection[str], state: str) -> None:
        """Set flags to REDACT or ALLOW, and show the text as it will then leave."""
        for flag_id in flag_ids:
            self.decisions[flag_id] = state
        self.flag_model.states_changed()
        self._render_preview()
        self._update_buttons()

    def _resolve_selected(self, state: str) -> None:
        chosen = self.selected_flags()
        if not chosen:
            return
        self.resolve([f.id for f in chosen], state)
        # Keyboard flow: go on to the next flag still to decide.
        last = self.flag_model.row_of(chosen[-1].id)
        rows = range(self.flag_model.rowCount())
        waiting = [r for r in rows if self._state_of_row(r) == UNRESOLVED]
        after = [r for r in waiting if r > last] or waiting
        if after:
            self.flags.selectRow(after[0])
        else:
            self.show_flag(chosen[-1].id)

    def _state_of_row(self, row: int) -> str:
        flag = self.flag_model.flag(row)
        return self.flag_model.state(flag.id) if flag else UNRESOLVED

    @Slot()
    def _on_redact_clicked(self) -> None:
        self._resolve_selected(REDACT)

    @Slot()
    def _on_allow_clicked(self) -> None:
        self._resolve_selected(ALLOW)

    @Slot()
    def _on_redact_all_clicked(self) -> None:
        if self.draft is not None:
            self.resolve([f.id for f in self.draft.flags if f.id not in self.decisions], REDACT)

    def unresolved(self) -> list[selection.LocatedFlag]:
        """Return the flags still to decide."""
        if self.draft is None:
            return []
        return self.draft.unresolved(self.redacted_ids(), self.allowed_ids())

    # --- recipient -----------------------------------------------------------------------

    def recipient_contact(self) -> Contact | None:
        """Return the verified contact chosen, if one is."""
        data = self.recipient.currentData()
        return self._contacts.get(data) if isinstance(data, str) else None

    def passphrase_mode(self) -> bool:
        """Return whether the bundle is to be locked with spoken words."""
        return bool(self.recipient.currentData() == PASSPHRASE_MODE)

    @property
    def passphrase_words(self) -> str | None:
        """Return the words of passphrase mode, once it was chosen."""
        return self._words

    def choose_recipient(self, fingerprint_or_mode: str) -> None:
        """Choose a contact by key fingerprint, or PASSPHRASE_MODE."""
        index = self.recipient.findData(fingerprint_or_mode)
        if index >= 0:
            self.recipient.setCurrentIndex(index)

    @Slot(int)
    def _on_recipient_changed(self, _index: int) -> None:
        passphrase = self.passphrase_mode()
        if passphrase and self._words is None:
            # Made once per dialog: switching back and forth must not change words
            # that may already have been said.
            self._words = new_bundle_passphrase()
            self.words.setText(self._words)
        self.passphrase_panel.setVisible(passphrase)
        self._update_buttons()

    # --- writing -------------------------------------------------------------------------

    def _why_not_ready(self) -> str:
        if self._writing:
            return "Writing the bundle…"
        if self._preparing:
            return "Checking what would leave…"
        if self.draft is None:
            return "Nothing can be written until the problem above is solved."
        if self.recipient.currentData() is None:
            return "Choose a recipient to write the bundle."
        waiting = len(self.unresolved())
        if waiting:
            noun = "identifier" if waiting == 1 else "identifiers"
            return f"Resolve {waiting} more possible {noun} to write the bundle."
        return ""

    def _update_buttons(self) -> None:
        flags = self.draft.flags if self.draft else ()
        total = len(flags)
        resolved = total - len(self.unresolved())
        if self.draft is None:
            self.count.setText("")
        elif total:
            self.count.setText(f"{resolved} of {total} possible identifiers resolved")
        else:
            self.count.setText("The check found no possible identifiers")
        selected = bool(self.selected_flags())
        self.redact.setEnabled(selected)
        self.allow.setEnabled(selected)
        self.redact_all.setEnabled(resolved < total)
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
        redact, allow = self.redacted_ids(), self.allowed_ids()
        self._writing = True
        self._update_buttons()
        self.result_line.clear()
        self.result_words.hide()

        def written(bundle: WrittenBundle) -> None:
            self._writing = False
            self._update_buttons()
            self._on_written(bundle, contact)

        def failed(error: BaseException) -> None:
            self._writing = False
            self._update_buttons()
            self._show_error(error)

        self._session.call(
            lambda j: j.sharing.write_share(
                draft, path, to=to, passphrase=words, redact=redact, allow=allow
            ),
            written,
            failed,
        )

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

    # --- closing and locking -------------------------------------------------------------

    def done(self, result: int) -> None:
        """Forget the text, decisions and words shown, then close."""
        self._loaded = False  # clearing the fields below must not start another check
        self._timer.stop()
        self._generation += 1  # a check still running is not shown
        self.draft = None
        self.decisions.clear()
        self.spans = {}
        self.flag_model.clear()
        self.preview.setExtraSelections([])
        self.preview.setPlainText("")
        self.message.setPlainText("")  # setPlainText drops the undo history too
        self._words = None
        self.words.clear()
        self.result_words.clear()
        super().done(result)

    @Slot()
    def _on_journal_locked(self) -> None:
        self.reject()
