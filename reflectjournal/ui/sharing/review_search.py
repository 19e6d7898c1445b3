"""The review screen's search box and filters, and the list of what they found.

The bar holds plain choices (a supervisee's key, kind and tag ids, dates); the query runs
on the database thread through services/received.py, like every other read.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QPalette, QTextCursor
from PySide6.QtWidgets import QComboBox, QGridLayout, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from reflectjournal.domain.errors import InvalidInputError
from reflectjournal.domain.reading import hit_spans, search_terms
from reflectjournal.domain.received import ReceivedItem
from reflectjournal.domain.shared_diff import DiffMark
from reflectjournal.domain.taxonomy import Tag
from reflectjournal.domain.visible import visible_controls
from reflectjournal.services.received import Supervisee
from reflectjournal.ui.widgets.model_index import AnyIndex
from reflectjournal.ui.widgets.value_table import ValueListModel

if TYPE_CHECKING:
    from reflectjournal.services.journal import Journal

TYPING_PAUSE_MS = 250  # search as you type, once the typing pauses


@dataclass(frozen=True, slots=True)
class ReviewRequest:
    """What the bar asks for; empty strings and None let everything through."""

    query: str = ""
    supervisee: bytes | None = None
    kind: str = ""
    competency: str = ""
    theme: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    read: bool | None = None
    answered: bool | None = None

    @property
    def is_empty(self) -> bool:
        """Return whether nothing is asked for (the screen shows its tree)."""
        return self == ReviewRequest(query=self.query) and not self.query.strip()


@dataclass(frozen=True, slots=True)
class ReviewChoices:
    """What the bar's lists offer, read from the journal."""

    supervisees: tuple[Supervisee, ...] = ()
    kinds: tuple[tuple[str, str], ...] = ()  # (id, label)
    competencies: tuple[Tag, ...] = ()
    themes: tuple[Tag, ...] = ()


def load_choices(journal: Journal) -> ReviewChoices:
    """Read the supervisees, kinds, competency areas and themes the bar offers."""
    return ReviewChoices(
        tuple(journal.received.supervisees()),
        tuple((k.id, k.label) for k in journal.catalog.kinds),
        tuple(t for t in journal.tags("competency") if not t.retired),
        tuple(t for t in journal.tags("theme") if not t.retired),
    )


def run_request(journal: Journal, request: ReviewRequest) -> list[ReceivedItem]:
    """Return the first page of what the request finds (on the database thread)."""
    desk = journal.received
    where = desk.make_filter(
        date_from=request.date_from,
        date_to=request.date_to,
        kinds=[request.kind] if request.kind else [],
        competencies=[request.competency] if request.competency else [],
        themes=[request.theme] if request.theme else [],
        read=request.read,
        answered=request.answered,
    )
    if request.supervisee is not None:
        where = dataclasses.replace(where, supervisees=(request.supervisee,))
    return desk.page(request.query, where)


def _date(text: str, what: str) -> dt.date | None:
    text = text.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text) if len(text) == 10 else _bad(what)
    except ValueError:
        return _bad(what)


def _bad(what: str) -> dt.date:
    raise InvalidInputError(f"{what} is a date as YYYY-MM-DD, e.g. 2026-03-01.")


class ReviewFilterBar(QWidget):
    """A search box over what was shared, and the filters beside it."""

    changed = Signal()  # after a pause in typing, or at once for a list choice

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setPlaceholderText('Search what was shared (words, "a phrase", word*)')
        self.search.setAccessibleName("Search shared entries")
        self.search.setClearButtonEnabled(True)
        self.supervisee = self._combo("Supervisee filter", "Every supervisee")
        self.kind = self._combo("Kind filter", "Any kind")
        self.competency = self._combo("Competency filter", "Any competency")
        self.theme = self._combo("Theme filter", "Any theme")
        self.read = self._combo("Read filter", "Read or not")
        self.read.addItem("Not read yet", False)
        self.read.addItem("Read", True)
        self.answered = self._combo("Answered filter", "Answered or not")
        self.answered.addItem("Not answered", False)
        self.answered.addItem("Answered", True)
        self.date_from = self._date_field("From date", "From YYYY-MM-DD")
        self.date_to = self._date_field("To date", "To YYYY-MM-DD")
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(TYPING_PAUSE_MS)
        self._pause.timeout.connect(self.changed)
        self.search.textChanged.connect(self._on_text_changed)
        # Two columns, under the list it narrows: the reading side keeps the window's height,
        # which at the largest text size is what an entry needs.
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.search, 0, 0, 1, 2)
        pairs = ((self.supervisee, self.kind), (self.competency, self.theme),
                 (self.date_from, self.date_to), (self.read, self.answered))
        for row, (left, right) in enumerate(pairs, start=1):
            grid.addWidget(left, row, 0)
            grid.addWidget(right, row, 1)
        for column in range(2):
            grid.setColumnStretch(column, 1)

    def _combo(self, name: str, everything: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.view().setAccessibleName(f"{name} choices")  # its popup list, once made
        combo.addItem(everything, None)
        # Long tag labels would widen the window past the screen; the popup shows them whole.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(6)
        combo.currentIndexChanged.connect(self.changed)
        return combo

    def _date_field(self, name: str, hint: str) -> QLineEdit:
        field = QLineEdit()
        field.setAccessibleName(name)
        field.setPlaceholderText(hint)
        field.textChanged.connect(self._on_text_changed)
        return field

    @Slot(str)
    def _on_text_changed(self, _text: str) -> None:
        self._pause.start()

    def set_choices(self, choices: ReviewChoices) -> None:
        """Offer these supervisees, kinds and tags, keeping what was chosen where it remains."""
        self.blockSignals(True)
        try:
            self._refill(self.supervisee, [(s.name, s.signing_key) for s in choices.supervisees])
            self._refill(self.kind, [(label, kind_id) for kind_id, label in choices.kinds])
            self._refill(self.competency, [(_tag_text(t), t.id) for t in choices.competencies])
            self._refill(self.theme, [(_tag_text(t), t.id) for t in choices.themes])
        finally:
            self.blockSignals(False)

    @staticmethod
    def _refill(combo: QComboBox, items: list[tuple[str, object]]) -> None:
        chosen = combo.currentData()
        combo.blockSignals(True)
        try:
            while combo.count() > 1:
                combo.removeItem(1)
            for text, data in items:
                combo.addItem(visible_controls(text), data)
                combo.setItemData(
                    combo.count() - 1, visible_controls(text), Qt.ItemDataRole.ToolTipRole
                )
            found = next((row for row in range(1, combo.count())
                          if combo.itemData(row) == chosen), 0)
            combo.setCurrentIndex(found)
        finally:
            combo.blockSignals(False)

    def request(self) -> ReviewRequest:
        """Return what is asked for; a badly written date raises InvalidInputError."""
        return ReviewRequest(
            query=self.search.text(),
            supervisee=self.supervisee.currentData(),
            kind=self.kind.currentData() or "",
            competency=self.competency.currentData() or "",
            theme=self.theme.currentData() or "",
            date_from=_date(self.date_from.text(), "The start date"),
            date_to=_date(self.date_to.text(), "The end date"),
            read=self.read.currentData(),
            answered=self.answered.currentData(),
        )

    def choose_supervisee(self, signing_key: bytes) -> None:
        """Filter by one supervisee (from the caseload)."""
        # findData does not match bytes (they come back from Qt as a new object): compare.
        for row in range(1, self.supervisee.count()):
            if bytes(self.supervisee.itemData(row)) == signing_key:
                self.supervisee.setCurrentIndex(row)
                return

    def reset(self) -> None:
        """Clear the search box and every filter, without searching."""
        self.blockSignals(True)
        try:
            for field in (self.search, self.date_from, self.date_to):
                field.clear()
            for combo in (
                self.supervisee,
                self.kind,
                self.competency,
                self.theme,
                self.read,
                self.answered,
            ):
                combo.setCurrentIndex(0)
        finally:
            self.blockSignals(False)
        self._pause.stop()


def _tag_text(tag: Tag) -> str:
    return f"{tag.id} {tag.label}" if tag.family == "competency" else tag.label


class FoundListModel(ValueListModel):
    """What the search and filters found, the latest received first."""

    def text(self, value: ReceivedItem) -> str:
        """Return title, then who, when and whether it waits for an answer."""
        marks = ("new · " if not value.read else "") + (
            "answered" if value.answered else "not answered"
        )
        return (
            f"{visible_controls(value.title) or '(no title)'}\n"
            f"{visible_controls(value.sender_name)} · {value.date} · "
            f"{visible_controls(value.kind_label)} · {marks}"
        )

    def item(self, index: AnyIndex) -> ReceivedItem:
        """Return the item behind a valid index."""
        found: ReceivedItem = self.value(index)
        return found

    def row_of(self, row: int) -> int:
        """Return the list row of a stored row, or -1."""
        return next((i for i, v in enumerate(self._values) if v.row == row), -1)

    def mark_read(self, bundle_id: str, entry_id: str) -> None:
        """Show an entry as read without searching again."""
        values = list(self._values)
        for i, value in enumerate(values):
            if (value.bundle_id, value.entry_id) == (bundle_id, entry_id) and not value.read:
                values[i] = dataclasses.replace(value, read=True)
                self._values = tuple(values)
                self.dataChanged.emit(self.index(i), self.index(i))


def mark_hits(edit: QPlainTextEdit, query: str,
              changes: Sequence[DiffMark] = ()) -> None:
    """Mark the words a search found in a plain text box, in the palette's highlight, and
    the runs removed (struck through) and added (underlined) since an earlier version."""
    text = edit.toPlainText()
    palette = edit.palette()
    marks = [_change_mark(edit, text, change) for change in changes]
    for start, end in hit_spans(text, search_terms(query, with_forms=True)):
        mark = _selection(edit, text, start, end)
        mark.format.setBackground(palette.color(QPalette.ColorRole.Highlight))
        mark.format.setForeground(palette.color(QPalette.ColorRole.HighlightedText))
        marks.append(mark)  # after the changes, so a found word inside one stays visible
    edit.setExtraSelections(marks)


def _selection(edit: QPlainTextEdit, text: str, start: int, end: int) -> QTextEdit.ExtraSelection:
    mark = QTextEdit.ExtraSelection()
    cursor = QTextCursor(edit.document())
    cursor.setPosition(_utf16(text, start))
    cursor.setPosition(_utf16(text, end), QTextCursor.MoveMode.KeepAnchor)
    mark.cursor = cursor
    return mark


def _change_mark(edit: QPlainTextEdit, text: str, change: DiffMark) -> QTextEdit.ExtraSelection:
    """Strike a removed run, underline an added one, each on a tint that reads in either
    palette (the brackets stay: the tint and the line never carry the meaning alone)."""
    mark = _selection(edit, text, change.start, change.end)
    dark = edit.palette().color(QPalette.ColorRole.Base).lightness() < 128
    if change.op == "removed":
        mark.format.setFontStrikeOut(True)
        mark.format.setBackground(QColor(120, 30, 30) if dark else QColor(255, 220, 220))
    else:
        mark.format.setFontUnderline(True)
        mark.format.setBackground(QColor(25, 90, 45) if dark else QColor(210, 245, 215))
    return mark


def _utf16(text: str, index: int) -> int:
    """Return where a character of text is, counted in UTF-16 units as Qt counts them."""
    return len(text[:index].encode("utf-16-le")) // 2
