"""The entry list as a lazily paged table model.

Only the row count is known up front; a page of 200 list rows (no bodies) is fetched from
the database thread the first time a view asks for one of its rows, so 100,000 entries
open and scroll without loading them all.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal

from reflectjournal.domain.entry import EntrySummary
from reflectjournal.domain.ids import EntryId
from reflectjournal.domain.search import HIGHLIGHT_END, HIGHLIGHT_START
from reflectjournal.domain.visible import visible_controls
from reflectjournal.ui.journal.snippet_delegate import SNIPPET_ROLE
from reflectjournal.ui.widgets.model_index import AnyIndex

SECOND_LINE_ROLE = Qt.ItemDataRole.UserRole + 2  # the title's second line: date, kind, tags

PAGE_SIZE = 200
PageLoader = Callable[[int, int, Callable[[list[EntrySummary]], None]], None]


class EntryTableModel(QAbstractTableModel):
    """Date, kind, title, tags and search snippet of the entries matching the filter.

    Sorting happens in the database (the window reloads the list by date either way), so
    the model itself never sorts.
    """

    # The view shows "Entry" (title over date, kind and tags) and, while searching, "Match";
    # the others stay for screen readers' cell text and the model's tests.
    COLUMNS = ("Date", "Kind", "Entry", "Tags", "Match")
    TITLE_COLUMN = 2
    SNIPPET_COLUMN = 4
    page_loaded = Signal(int)

    def __init__(self, kind_labels: Mapping[str, str]) -> None:
        super().__init__()
        self._kind_labels = dict(kind_labels)
        self._tag_labels: dict[str, str] = {}
        self._markers: dict[EntryId, str] = {}  # entry id: "Changed since ..." (shared_state)
        self._total = 0
        self._pages: dict[int, list[EntrySummary]] = {}
        self._requested: set[int] = set()
        self._loader: PageLoader | None = None
        self._generation = 0

    def reset(self, total: int, loader: PageLoader | None, tag_labels: Mapping[str, str],
              markers: Mapping[EntryId, str] | None = None) -> None:
        """Show a new result set of `total` rows, fetched page by page through loader.

        markers gives a few entries a word on their second line (edited since shared).
        """
        self.beginResetModel()
        self._generation += 1
        self._total = total
        self._pages.clear()
        self._requested.clear()
        self._loader = loader
        self._tag_labels = dict(tag_labels)
        self._markers = dict(markers or {})
        self.endResetModel()
        if total:
            self._request(0)  # always on screen first; no need to wait for a paint to ask

    def clear(self) -> None:
        """Drop every row (on lock)."""
        self.reset(0, None, {})

    def summary(self, row: int) -> EntrySummary | None:
        """Return the row's entry if its page is loaded."""
        page = self._pages.get(row // PAGE_SIZE)
        if page is None or row % PAGE_SIZE >= len(page):
            return None
        return page[row % PAGE_SIZE]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._total:
            return None
        entry = self.summary(index.row())
        if entry is None:
            self._request(index.row() // PAGE_SIZE)
            entry = self.summary(index.row())  # a synchronous loader may have filled it
        if entry is None:
            return "…" if role == Qt.ItemDataRole.DisplayRole and index.column() == 2 else None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return entry.date.isoformat()
            if column == 1:
                return self._kind_labels.get(entry.kind, entry.kind)
            if column == 2:
                title = visible_controls(entry.title) or "(untitled)"
                return ("★ " if entry.starred else "") + title
            if column == 3:
                return ", ".join(self._tag_labels.get(t, t) for t in entry.tags)
            return _plain(entry.snippet)
        if role == SNIPPET_ROLE and column == self.SNIPPET_COLUMN:
            return entry.snippet
        if role == SECOND_LINE_ROLE and column == self.TITLE_COLUMN:
            return " · ".join(part for part in (
                entry.date.isoformat(), self._kind_labels.get(entry.kind, entry.kind),
                ", ".join(self._tag_labels.get(t, t) for t in entry.tags),
                self._markers.get(entry.id, "")) if part)
        if role == Qt.ItemDataRole.ToolTipRole and column == 1:
            return self._kind_labels.get(entry.kind, entry.kind)  # cut short in a narrow list
        if role == Qt.ItemDataRole.ToolTipRole and column in (2, 4) and entry.snippet:
            # Escaped and marked as rich text: a tooltip that merely looks like HTML would
            # otherwise be rendered, so an entry's "<img src=...>" could load a file.
            return "<qt>" + html.escape(_plain(entry.snippet)) + "</qt>"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            shown = self.data(index, Qt.ItemDataRole.DisplayRole)
            if column == self.TITLE_COLUMN:  # a screen reader hears the second line too
                return f"{shown}; {self.data(index, SECOND_LINE_ROLE)}"
            return shown
        return None

    def _request(self, page: int) -> None:
        if page in self._requested or self._loader is None:
            return
        self._requested.add(page)
        generation = self._generation
        self._loader(page * PAGE_SIZE, PAGE_SIZE,
                     lambda rows: self._on_page(generation, page, rows))

    def _on_page(self, generation: int, page: int, rows: list[EntrySummary]) -> None:
        if generation != self._generation:
            return  # a newer search replaced this result set
        self._pages[page] = rows
        first = page * PAGE_SIZE
        last = min(self._total, first + PAGE_SIZE) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(self.COLUMNS) - 1))
        self.page_loaded.emit(page)


def _plain(snippet: str) -> str:
    return snippet.replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_END, "").replace("\n", " ")
