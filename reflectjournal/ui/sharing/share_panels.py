"""The share dialog's two halves: what goes and to whom, and what leaves with its flags."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reflectjournal.domain import share_selection as selection
from reflectjournal.domain.share_decisions import FlagState
from reflectjournal.domain.share_preview import Span
from reflectjournal.ui.sharing.flag_table import FlagTableModel
from reflectjournal.ui.sharing.preview_marks import NoCopy, flag_marks
from reflectjournal.ui.widgets.button_flow import button_flow
from reflectjournal.ui.widgets.page_parts import buddy_label, quiet_button, show_large
from reflectjournal.ui.widgets.window_room import screen_room, text_width
from reflectjournal.ui.widgets.wording import count_words

if TYPE_CHECKING:
    from reflectjournal.domain.taxonomy import EntryKind

SAY_IN_PERSON = (
    "Tell these words to the recipient in person or by phone. Never send them by email or message."
)
CHECK_NOTE = (
    "The check helps you spot names, numbers and places that could identify a "
    "family. It cannot find them all: read the preview before you write the bundle."
)
LEGEND = (
    "Solid underline on a tint: not resolved yet. [Placeholders] with a "
    "dashed underline: redacted. Dotted underline: kept, not an identifier."
)


def leaving_line(day: dt.date, kind_label: str, title: str) -> str:
    """One entry in the list of those that leave, as the clinician knows it.

    The title shows here even when titles do not go: the list is for the sender, so they
    can see which reflections they picked before anything is written.
    """
    return f"{day.isoformat()} · {kind_label} · {title or '(no title)'}"


def words_label(name: str) -> QLabel:
    """Return a large label for passphrase words, which are said aloud, never pasted."""
    label = QLabel()
    label.setAccessibleName(name)
    label.setWordWrap(True)
    show_large(label, 1.5, copyable=False)
    return label


class ChoicesPanel(QWidget):
    """The recipient, the parts of each kind of entry that go, and the covering message."""

    choices_changed = Signal()  # a part or exact dates was switched
    message_edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.part_boxes: dict[str, dict[str, QCheckBox]] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.addWidget(self._build_recipient())
        layout.addWidget(self._build_leaving())
        layout.addWidget(self._build_parts(), 3)
        message_label = QLabel("&Message (optional):")
        self.message = QPlainTextEdit()
        self.message.setAccessibleName("Covering message (optional)")
        self.message.setTabChangesFocus(True)
        self.message.setPlaceholderText("A note for your supervisor. It is checked too.")
        lines = self.message.fontMetrics().lineSpacing()
        self.message.setMinimumHeight(lines * 4 + 16)
        self.message.setMaximumHeight(lines * 9 + 16)  # room left goes to the parts
        message_label.setBuddy(self.message)
        self.message.textChanged.connect(self.message_edited)
        layout.addWidget(message_label)
        layout.addWidget(self.message, 2)

    def _build_recipient(self) -> QGroupBox:
        box = QGroupBox("Recipient")
        layout = QVBoxLayout(box)
        form = QFormLayout()
        self.recipient = QComboBox()
        self.recipient.setAccessibleName("Send to")
        self.recipient.view().setAccessibleName("Recipients")
        # As wide as its longest name, but no wider than the room left (the largest text).
        self.recipient.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.recipient.setMinimumContentsLength(16)
        self.recipient.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        label = buddy_label("&Send to:", self.recipient)
        form.addRow(label, self.recipient)
        layout.addLayout(form)
        self.pairing_hint = QLabel(
            "Only verified contacts are listed. Pair with someone in "
            "Contacts to send without a passphrase."
        )
        self.pairing_hint.setWordWrap(True)
        layout.addWidget(self.pairing_hint)
        self.passphrase_panel = QWidget()
        words_layout = QVBoxLayout(self.passphrase_panel)
        words_layout.setContentsMargins(0, 0, 0, 0)
        self.words = words_label("Passphrase words")
        words_layout.addWidget(self.words)
        warning = QLabel(SAY_IN_PERSON)
        warning.setWordWrap(True)
        words_layout.addWidget(warning)
        self.passphrase_panel.hide()
        layout.addWidget(self.passphrase_panel)
        return box

    def _build_leaving(self) -> QGroupBox:
        self.leaving_box = QGroupBox("Entries that leave")
        layout = QVBoxLayout(self.leaving_box)
        self.leaving = QListWidget()
        self.leaving.setAccessibleName("Entries that leave")
        self.leaving.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.leaving.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # read-only; the preview has it all
        self.leaving.setWordWrap(True)  # a long title wraps rather than hiding its end
        self.leaving.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.leaving.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        rows = self.leaving.fontMetrics().lineSpacing()
        self.leaving.setMaximumHeight(rows * 5 + 12)  # a few lines; a long selection scrolls
        layout.addWidget(self.leaving)
        return self.leaving_box

    def show_leaving(self, lines: Sequence[str]) -> None:
        """List the entries that will leave, one line each (date, kind, title)."""
        self.leaving.clear()
        self.leaving.addItems(list(lines))
        self.leaving_box.setTitle(f"Entries that leave ({len(lines)})")

    def _build_parts(self) -> QGroupBox:
        box = QGroupBox("What goes")
        layout = QVBoxLayout(box)
        area = QScrollArea()
        area.setAccessibleName("Parts to send")
        area.setWidgetResizable(True)
        area.setFrameShape(QScrollArea.Shape.NoFrame)
        holder = QWidget()
        self._parts_layout = QVBoxLayout(holder)
        self._parts_layout.setContentsMargins(0, 0, 0, 0)
        area.setWidget(holder)
        layout.addWidget(area, 1)
        area.setMinimumHeight(area.fontMetrics().lineSpacing() * 6)  # when the page scrolls
        # Short: a check box's text cannot wrap (the longer one was 770 px at 32 pt).
        self.exact_dates = QCheckBox("Exact &dates, not months")
        self.exact_dates.setAccessibleName("Exact dates (otherwise month only)")
        self.exact_dates.toggled.connect(self.choices_changed)
        # Right under the parts, which are put before it once the entries' kinds are known.
        self._parts_layout.addWidget(self.exact_dates)
        self._parts_layout.addStretch()
        return box

    def add_parts(self, kinds: Sequence[tuple[EntryKind, int]]) -> None:
        """Add a check box per offered part, per kind of entry (with how many) in the selection."""
        for kind, count in kinds:
            title = QLabel(f"{kind.label} ({count_words(count, 'entry', 'entries')})")
            font = title.font()
            font.setBold(True)
            title.setFont(font)
            at = self._parts_layout.indexOf(self.exact_dates)
            self._parts_layout.insertWidget(at, title)
            grid = QGridLayout()
            grid.setContentsMargins(8, 0, 0, 6)
            boxes: dict[str, QCheckBox] = {}
            # Two columns, or one where two would not fit the screen (the largest text).
            columns = 2 if text_width(self, 110) <= screen_room(self).width() else 1
            # offered_parts never lists the fields that name a person (supervisor ...).
            for i, part in enumerate(selection.offered_parts(kind)):
                box = QCheckBox(part.label.replace("&", "&&"))
                box.setAccessibleName(f"Send {part.label} of {kind.label} entries")
                box.setChecked(part.default)
                box.toggled.connect(self.choices_changed)
                grid.addWidget(box, i // columns, i % columns)
                boxes[part.id] = box
            self._parts_layout.insertLayout(at + 1, grid)
            self.part_boxes[kind.id] = boxes

    def chosen_parts(self) -> dict[str, set[str]]:
        """Return, per kind id, the part ids checked."""
        return {
            kind: {pid for pid, box in boxes.items() if box.isChecked()}
            for kind, boxes in self.part_boxes.items()
        }

    def focus_order(self) -> list[QWidget]:
        """Return the controls in reading order, for the dialog's tab chain."""
        parts = [box for boxes in self.part_boxes.values() for box in boxes.values()]
        return [self.recipient, *parts, self.exact_dates, self.message]


class ReviewPanel(QWidget):
    """The preview of exactly what leaves, the flags found in it and the buttons that decide."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        preview_label = QLabel("Pre&view of exactly what will leave:")
        preview_label.setWordWrap(True)
        self.preview = QPlainTextEdit()
        self.preview.setAccessibleName("Preview of exactly what will leave")
        self.preview.setReadOnly(True)
        self.preview.setTabChangesFocus(True)
        # Keyboard-selectable so it can be read with the arrows; never dragged or copied out.
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.preview.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self._no_copy = NoCopy(self)
        self.preview.installEventFilter(self._no_copy)
        self.preview.setUndoRedoEnabled(False)
        preview_label.setBuddy(self.preview)
        layout.addWidget(preview_label)
        layout.addWidget(self.preview, 3)
        legend = QLabel(LEGEND)
        legend.setWordWrap(True)
        layout.addWidget(legend)
        self._build_flags(layout)

    def _build_flags(self, layout: QVBoxLayout) -> None:
        flags_label = QLabel("Possible &identifiers:")
        self.count = QLabel()
        self.count.setAccessibleName("Possible identifiers resolved")
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.count.setWordWrap(True)
        # Rows that wrap onto more lines where one is too narrow (the largest text).
        layout.addWidget(button_flow(flags_label, self.count, align="split"))
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
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)  # why it was flagged
        flags_label.setBuddy(self.flags)
        layout.addWidget(self.flags, 2)
        note = QLabel(CHECK_NOTE)
        note.setWordWrap(True)
        layout.addWidget(note)
        self.redact = quiet_button("&Redact", "Redact the selected identifiers")
        self.allow = quiet_button("&Not an identifier", "Mark the selected as not an identifier")
        self.redact_all = quiet_button("Redact &all", "Redact all unresolved identifiers")
        layout.addWidget(button_flow(self.redact, self.allow, self.redact_all, align="split",
                                     left=2))
        # Short, as a check box's text cannot wrap ("in this journal" made it 960 px at 32 pt).
        self.remember = QCheckBox("Re&member \u201cnot an identifier\u201d")
        self.remember.setAccessibleName("Remember not an identifier in this journal")
        self.remember.setToolTip("Once the bundle is written, the check no longer flags what "
                                 "you marked as not an identifier (watch-list names excepted).")
        self.remember.setChecked(True)
        self.remembered = quiet_button("Remembered &terms…", "Remembered terms")
        layout.addWidget(button_flow(self.remember, self.remembered, align="split"))

    def show_text(
        self,
        text: str,
        flag_ids: Iterable[str],
        spans: Mapping[str, Span],
        state_of: Callable[[str], FlagState],
    ) -> None:
        """Show the preview text (kept where it was scrolled to) with its flags marked."""
        scroll = self.preview.verticalScrollBar().value()
        if text != self.preview.toPlainText():
            self.preview.setPlainText(text)
            self.preview.verticalScrollBar().setValue(scroll)
        self.preview.setExtraSelections(flag_marks(self.preview, flag_ids, spans, state_of))

    def forget_text(self) -> None:
        """Drop the preview's text, marks and flags."""
        self.flag_model.clear()
        self.preview.setExtraSelections([])
        self.preview.setPlainText("")

    def select_span(self, span: Span) -> None:
        """Scroll the preview to a span and select it there."""
        cursor = self.preview.textCursor()
        cursor.setPosition(span.start)
        cursor.setPosition(span.end, QTextCursor.MoveMode.KeepAnchor)
        self.preview.setTextCursor(cursor)
        self.preview.centerCursor()

    def selected_flags(self) -> list[selection.LocatedFlag]:
        """Return the flags selected in the list, top to bottom."""
        rows = sorted(i.row() for i in self.flags.selectionModel().selectedRows())
        return [f for f in (self.flag_model.flag(r) for r in rows) if f is not None]

    def select_flag(self, flag_id: str) -> None:
        """Select one flag in the list."""
        row = self.flag_model.row_of(flag_id)
        if row >= 0:
            self.flags.selectRow(row)

    def focus_order(self) -> list[QWidget]:
        """Return the controls in reading order, for the dialog's tab chain."""
        return [self.preview, self.flags, self.redact, self.allow, self.redact_all,
                self.remember, self.remembered]
