"""The unlocked journal's widgets: filters and dates, search and the list, the entry view.

Only construction lives here; the window connects the signals and runs the behaviour.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reflectjournal.domain.entry import Entry
from reflectjournal.domain.taxonomy import Catalog
from reflectjournal.domain.text import entry_as_text
from reflectjournal.ui.journal.date_range import DateRangeFilter
from reflectjournal.ui.journal.editor import EntryEditor
from reflectjournal.ui.journal.entry_list_view import EntryListView
from reflectjournal.ui.journal.entry_table import EntryTableModel
from reflectjournal.ui.journal.filter_tree import FilterNode, FilterTreeModel
from reflectjournal.ui.journal.snippet_delegate import SnippetDelegate
from reflectjournal.ui.widgets.notice_bar import NoticeBar

if TYPE_CHECKING:
    from reflectjournal.domain.ids import EntryId
    from reflectjournal.domain.supervision import EntryComment


def _plain_label(name: str) -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)  # messages may quote what was typed
    label.setAccessibleName(name)
    label.setWordWrap(True)
    return label


class JournalPage(QSplitter):
    """Sidebar, list and detail side by side."""

    def __init__(self, catalog: Catalog) -> None:
        super().__init__()
        self._catalog = catalog
        self._shown_id: EntryId | None = None
        self.addWidget(self._build_sidebar())
        self.addWidget(self._build_list(catalog))
        self.addWidget(self._build_detail(catalog))
        self.setSizes([260, 480, 420])
        self.setChildrenCollapsible(False)
        # Reading order: search, the list, the entry, then the filters beside them.
        for first, second in ((self.search_box, self.table), (self.table, self.viewer),
                              (self.viewer, self.editor), (self.editor, self.filters),
                              (self.filters, self.dates)):
            QWidget.setTabOrder(first, second)

    def _build_sidebar(self) -> QWidget:
        sidebar = QWidget()
        layout = QVBoxLayout(sidebar)
        layout.setContentsMargins(0, 0, 0, 0)
        self.filter_model = FilterTreeModel()
        self.filters = QTreeView()
        self.filters.setAccessibleName("Filters")
        self.filters.setHeaderHidden(True)
        self.filters.setModel(self.filter_model)
        self.dates = DateRangeFilter()
        layout.addWidget(self.filters, stretch=1)
        layout.addWidget(self.dates)
        sidebar.setMinimumWidth(220)
        sidebar.setMaximumWidth(380)
        return sidebar

    def _build_list(self, catalog: Catalog) -> QWidget:
        middle = QWidget()
        layout = QVBoxLayout(middle)
        layout.setContentsMargins(0, 0, 0, 0)
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText("Search (Ctrl+F): words, word*, \"a phrase\"")
        self.search_box.setAccessibleName("Search")
        self.search_box.setClearButtonEnabled(True)
        layout.addWidget(self.search_box)
        self.notice = NoticeBar()
        layout.addWidget(self.notice)
        self.note = _plain_label("Note")  # a standing note: the demo journal's passphrase
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note.hide()
        layout.addWidget(self.note)
        self._kind_labels = [k.label for k in catalog.kinds]
        self.model = EntryTableModel({k.id: k.label for k in catalog.kinds})
        self.table = self._build_table()
        layout.addWidget(self.table)
        self.status = _plain_label("Result count")
        layout.addWidget(self.status)
        self.fit_columns()
        return middle

    def _build_table(self) -> QTableView:
        table = EntryListView()
        table.setAccessibleName("Entries")
        table.setModel(self.model)
        table.setItemDelegateForColumn(EntryTableModel.SNIPPET_COLUMN, SnippetDelegate(table))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Several rows can be selected: for sharing and printing a choice of entries.
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.verticalHeader().hide()
        table.setWordWrap(False)
        table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        table.setAlternatingRowColors(True)
        header = table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        table.setColumnHidden(EntryTableModel.SNIPPET_COLUMN, True)
        return table

    def fit_columns(self) -> None:
        """Size the date and kind columns for the current font (again after a change).

        Fixed widths, measured from the text they can hold: ResizeToContents read 1,000
        rows on every reset and page (about 30,000 data() calls at 100,000 entries,
        docs/benchmarks.md).
        """
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        header.resizeSection(0, metrics.horizontalAdvance("0000-00-00") + 24)
        widest = max(metrics.horizontalAdvance(label) for label in self._kind_labels)
        header.resizeSection(1, min(widest + 16, metrics.averageCharWidth() * 17))
        header.resizeSection(3, metrics.averageCharWidth() * 16)  # tags: the title stretches

    def _build_detail(self, catalog: Catalog) -> QWidget:
        self.detail = QStackedWidget()
        self.viewer = QPlainTextEdit()
        self.viewer.setReadOnly(True)
        self.viewer.setAccessibleName("Entry")
        # Copies go through SecureClipboard (hint formats, timed clearing), never Qt's own.
        self.viewer.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.viewer.setUndoRedoEnabled(False)
        self.editor = EntryEditor(catalog)
        self.detail.addWidget(self.viewer)
        self.detail.addWidget(self.editor)
        return self.detail

    def show_entry(self, entry: Entry, tag_labels: dict[str, str],
                   comments: Sequence[EntryComment] = ()) -> None:
        """Show an entry in the reading pane, as plain text, with comments received on it.

        Comments are someone else's words: shown apart, attributed, and as plain text.
        """
        text = entry_as_text(entry, tag_labels, self._catalog)
        for c in comments:
            state = "verified signature" if c.verified else "signature not verified"
            text += (f"\n\n———  Comment from {c.author} ({state}), "
                     f"{c.written_at:%Y-%m-%d}  ———\n{c.text}")
        self.viewer.setPlainText(text)
        self._shown_id = entry.id

    @property
    def shown_id(self) -> EntryId | None:
        """Return the id of the entry the reading pane shows, if it shows one."""
        return self._shown_id

    def clear_entry(self) -> None:
        """Show no entry in the reading pane (its placeholder guide shows instead)."""
        self.viewer.clear()
        self._shown_id = None

    def clear(self) -> None:
        """Empty every widget and model that can show journal content."""
        self.notice.dismiss()
        self.model.clear()
        self.filter_model.set_root(FilterNode(""))
        self.clear_entry()
        self.editor.clear()
        self.detail.setCurrentWidget(self.viewer)
        self.search_box.blockSignals(True)
        self.search_box.setText("")  # unlike clear(), setText drops the undo history
        self.search_box.blockSignals(False)
        self.status.clear()

    def show_snippets(self, searching: bool) -> None:
        """While searching, the matched words take the kind's and tags' place.

        The reading pane still shows both for the selected entry.
        """
        header = self.table.horizontalHeader()
        self.table.setColumnHidden(EntryTableModel.SNIPPET_COLUMN, not searching)
        self.table.setColumnHidden(1, searching)
        self.table.setColumnHidden(3, searching)
        if searching:
            header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(2, 170)
            header.setSectionResizeMode(EntryTableModel.SNIPPET_COLUMN,
                                        QHeaderView.ResizeMode.Stretch)
        else:
            header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
