"""The unlocked journal's widgets: filters and dates, search and the list, the entry view.

Only construction lives here; the window connects the signals and runs the behaviour.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSignalBlocker, Qt, Slot
from PySide6.QtGui import QPalette, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reflectjournal.domain.entry import Entry
from reflectjournal.domain.reading import Comment, entry_html
from reflectjournal.domain.taxonomy import Catalog
from reflectjournal.ui.journal.date_range import DateRangeFilter
from reflectjournal.ui.journal.editor import EntryEditor
from reflectjournal.ui.journal.entry_list_view import EntryListView
from reflectjournal.ui.journal.entry_table import EntryTableModel
from reflectjournal.ui.journal.filter_tree import FilterNode, FilterTreeModel
from reflectjournal.ui.journal.local_preview import LocalOnlyBrowser
from reflectjournal.ui.journal.snippet_delegate import SnippetDelegate
from reflectjournal.ui.journal.two_line_delegate import TwoLineDelegate
from reflectjournal.ui.widgets.folding_note import FoldingNote
from reflectjournal.ui.widgets.notice_bar import NoticeBar

if TYPE_CHECKING:
    from reflectjournal.domain.endorsement.records import Amendment
    from reflectjournal.domain.ids import EntryId
    from reflectjournal.services.shared_state import AnsweredComment


def _plain_label(name: str) -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)  # messages may quote what was typed
    label.setAccessibleName(name)
    label.setWordWrap(True)
    return label


# A pane narrower than this many average characters cuts its words ("All en...", "Sessi...").
READABLE_CHARS = 22


def is_narrow(width: int, char_width: int) -> bool:
    """Say whether three panes of readable width do not fit in this width."""
    return width < 3 * READABLE_CHARS * char_width


class JournalPage(QSplitter):
    """Sidebar, list and detail side by side; where they do not fit, fewer at a time.

    Narrow (the largest text sizes at 1024x700), the filters fold into a button that opens
    them beside the list in the reading pane's place, and writing takes the whole width:
    the editor's Close (or Escape) brings the list back. The room is measured from the
    font, never from the screen.
    """

    def __init__(self, catalog: Catalog) -> None:
        super().__init__()
        self._catalog = catalog
        self._shown_id: EntryId | None = None
        self._shown: tuple[Entry, dict[str, str], Sequence[AnsweredComment],
                           Sequence[Amendment], str, bool] | None = None
        self.highlight: tuple[str, ...] = ()  # the search's words, marked in the entry
        self.show_ids = False  # the short id shows only when asked for (Entry menu)
        self._narrow = False
        self._searching = False  # whether the list shows search matches (show_snippets)
        self._wide_sizes: list[int] = []  # the splitter as it was before it went narrow
        self.sidebar = self._build_sidebar()
        self.addWidget(self.sidebar)
        self.middle = self._build_list(catalog)
        self.addWidget(self.middle)
        self.addWidget(self._build_detail(catalog))
        self.setSizes([260, 480, 420])
        self.setChildrenCollapsible(False)
        self.detail.currentChanged.connect(self._on_detail_changed)
        # Reading order: search, the list, the entry, then the filters beside them.
        for first, second in ((self.search_box, self.table), (self.table, self.bring_button),
                              (self.bring_button, self.viewer),
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
        search_row = QHBoxLayout()
        search_row.setContentsMargins(0, 0, 0, 0)
        self.filters_button = QToolButton()
        self.filters_button.setText("&Filters")
        self.filters_button.setAccessibleName("Show filters")
        self.filters_button.setToolTip("Show the filters and dates beside the list (Ctrl+1)")
        self.filters_button.setCheckable(True)
        self.filters_button.toggled.connect(self._on_filters_toggled)
        self.filters_button.hide()  # only in the narrow layout
        search_row.addWidget(self.filters_button)
        search_row.addWidget(self.search_box)
        layout.addLayout(search_row)
        self.notice = NoticeBar()
        layout.addWidget(self.notice)
        self.note = FoldingNote("Note")  # a standing note: the demo journal's passphrase
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

    def _build_table(self) -> EntryListView:
        table = EntryListView()
        table.setAccessibleName("Entries")
        table.font_changed.connect(self.fit_columns)
        table.setModel(self.model)
        table.setItemDelegateForColumn(EntryTableModel.SNIPPET_COLUMN, SnippetDelegate(table))
        # Two lines a row: the title over kind and tags, so the title gets the width.
        table.setItemDelegateForColumn(EntryTableModel.TITLE_COLUMN, TwoLineDelegate(table))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Several rows can be selected: for sharing and printing a choice of entries.
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.verticalHeader().hide()
        table.setWordWrap(False)
        table.setAlternatingRowColors(True)
        header = table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(EntryTableModel.TITLE_COLUMN, Qt.SortOrder.DescendingOrder)
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        table.setColumnHidden(EntryTableModel.SNIPPET_COLUMN, True)
        for column in (0, 1, 3):  # date, kind and tags: the title's second line
            table.setColumnHidden(column, True)
        return table

    def fit_columns(self) -> None:
        """Size the date and kind columns for the current font (again after a change).

        Fixed widths, measured from the text they can hold: ResizeToContents read 1,000
        rows on every reset and page (about 30,000 data() calls at 100,000 entries,
        docs/benchmarks.md).
        """
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        header.resizeSection(0, max(metrics.horizontalAdvance("0000-00-00"),
                                    metrics.horizontalAdvance("Date") + 20) + 24)
        widest = max(metrics.horizontalAdvance(label) for label in self._kind_labels)
        header.resizeSection(1, min(widest + 16, metrics.averageCharWidth() * 17))
        header.resizeSection(3, metrics.averageCharWidth() * 16)  # tags: the title stretches
        # Two lines of text and their spacing; the header follows the font by itself.
        self.table.verticalHeader().setDefaultSectionSize(metrics.lineSpacing() * 2 + 12)
        # The filters' widest names ("Supervision (group)") at any size, 380 px at the usual.
        self.sidebar.setMaximumWidth(max(380, metrics.averageCharWidth() * 24))
        self.adapt()

    @property
    def narrow(self) -> bool:
        """Return whether the page shows fewer panes than three (too little room)."""
        return self._narrow

    def adapt(self) -> None:
        """Show the panes the width holds at the current text size."""
        if not self.isVisible():
            return  # a page not shown has no width yet: decided when it shows
        narrow = is_narrow(self.width(), self.fontMetrics().averageCharWidth())
        if narrow and not self._narrow:
            self._wide_sizes = self.sizes()
        elif self._narrow and not narrow:
            with QSignalBlocker(self.filters_button):
                self.filters_button.setChecked(False)
        was_narrow, self._narrow = self._narrow, narrow
        if was_narrow != narrow:
            self.show_snippets(self._searching)
        editing = self.detail.currentWidget() is self.editor
        drawer = narrow and self.filters_button.isChecked() and not editing
        self.filters_button.setVisible(narrow and not editing)
        self.sidebar.setVisible(not narrow or drawer)
        self.middle.setVisible(not (narrow and editing))
        self.detail_side.setVisible(not drawer)  # the stack and the row above it
        self.note.set_folded(narrow)
        if was_narrow and not narrow and self._wide_sizes:
            self.setSizes(self._wide_sizes)
        elif drawer:
            half = self.width() // 2  # the filters' names need the room, not a third of it
            self.setSizes([half, self.width() - half, 0])

    def show_filters(self) -> None:
        """Move to the filters, opening them first in the narrow layout."""
        if self._narrow:
            self.filters_button.setChecked(True)
        self.filters.setFocus()

    def close_filters(self) -> bool:
        """Fold the filters opened in the narrow layout; say whether they were open."""
        if not (self._narrow and self.filters_button.isChecked()):
            return False
        self.filters_button.setChecked(False)
        self.table.setFocus()
        return True

    @Slot(bool)
    def _on_filters_toggled(self, _checked: bool) -> None:
        self.adapt()

    @Slot(int)
    def _on_detail_changed(self, _index: int) -> None:
        if self.detail.currentWidget() is self.editor:
            self.filters_button.setChecked(False)  # writing takes the whole width
        self._show_bring_row()
        self.adapt()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.adapt()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.adapt()

    def _build_detail(self, catalog: Catalog) -> QWidget:
        """Return the entry side: the bring-to-supervision row above the reader or editor."""
        # Short words: the button sets the reading pane's least width, and at the largest
        # text "Bring to supervision" squeezed the entry list; its name says it all.
        self.bring_button = QPushButton("Bring")
        self.bring_button.setAccessibleName("Bring to supervision")
        self.bring_button.setToolTip("Put this entry on your supervision agenda until it was "
                                     "talked about (Ctrl+Shift+B)")
        self.bring_state = _plain_label("Supervision agenda mark")
        self.brought = False  # the shown entry has an open mark
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.bring_state, stretch=1)
        row.addWidget(self.bring_button)
        self.bring_row = QWidget()
        self.bring_row.setLayout(row)
        self.bring_row.setVisible(False)  # only while an entry is read
        self.detail_side = QWidget()
        layout = QVBoxLayout(self.detail_side)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bring_row)
        layout.addWidget(self._build_stack(catalog), stretch=1)
        return self.detail_side

    def set_brought(self, brought: bool) -> None:
        """Show whether the entry read is on the supervision agenda."""
        self.brought = brought
        self.bring_state.setText("On your supervision agenda." if brought
                                 else "Bring to supervision?")
        self.bring_button.setText("Done" if brought else "Bring")
        self.bring_button.setToolTip("Talked about: take it off your supervision agenda "
                                     "(Ctrl+Shift+B)" if brought else
                                     "Put this entry on your supervision agenda until it was "
                                     "talked about (Ctrl+Shift+B)")
        self.bring_button.setAccessibleName("Take off the supervision agenda" if brought
                                            else "Bring to supervision")

    def _show_bring_row(self) -> None:
        """Show the bring-to-supervision row while an entry is read (not written)."""
        self.bring_row.setVisible(self.detail.currentWidget() is self.viewer
                                  and self._shown_id is not None)

    def _build_stack(self, catalog: Catalog) -> QWidget:
        self.detail = QStackedWidget()
        self.viewer = LocalOnlyBrowser()
        self.viewer.setAccessibleName("Entry")
        # Copies go through SecureClipboard (hint formats, timed clearing), never Qt's own.
        self.viewer.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.viewer.setUndoRedoEnabled(False)
        self.editor = EntryEditor(catalog)
        self.detail.addWidget(self.viewer)
        self.detail.addWidget(self.editor)
        return self.detail

    def show_entry(self, entry: Entry, tag_labels: dict[str, str],
                   comments: Sequence[AnsweredComment] = (),
                   amendments: Sequence[Amendment] = (), marker: str = "",
                   brought: bool = False) -> None:
        """Show an entry in the reading pane, its Markdown rendered, the search words marked.

        Everything is escaped first (domain/reading.py). Comments are someone else's
        words: shown apart, attributed, never as Markdown, each with the version it
        answered; the user's dated notes too, since a note stands beside signed hours
        rather than inside the reflection; marker says the entry changed since shared.
        """
        self._shown = (entry, tag_labels, comments, amendments, marker, brought)
        self._shown_id = entry.id
        self.set_brought(brought)
        self._show_bring_row()
        notes = [Comment(f"Comment from {a.comment.author} ("
                         + ("verified signature" if a.comment.verified
                            else "signature not verified")
                         + f"), {a.comment.written_at:%Y-%m-%d}, {a.note}", a.comment.text)
                 for a in comments]
        notes += [Comment(f"Your dated note, {a.written_at.astimezone():%Y-%m-%d %H:%M}", a.text)
                  for a in amendments]
        # The page's palette, not the viewer's: on a theme change the page hears of it first
        # (changeEvent), before its children take the new palette.
        palette = self.palette()
        mark = palette.color(QPalette.ColorRole.Highlight)
        mark.setAlpha(80)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        document = self.viewer.document()
        document.setDefaultStyleSheet(
            f".hit {{ background-color: {mark.name(mark.NameFormat.HexArgb)}; "
            f"font-weight: bold; }} .facts {{ color: {muted.name()}; }}")
        self.viewer.setHtml(entry_html(entry, tag_labels, self._catalog, self.highlight,
                                       notes, show_id=self.show_ids, notice=marker))

    def changeEvent(self, event: QEvent) -> None:
        """Draw the shown entry again in a new palette: its colours are set when it is drawn.

        After switching to the dark theme the kind and date line stayed in the light theme's
        grey, black on dark grey, until another entry was shown.
        """
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.show_again()

    def use_catalog(self, catalog: Catalog) -> None:
        """Name prompts from this catalog (the journal's, with the user's templates)."""
        self._catalog = catalog

    def show_again(self) -> None:
        """Render the shown entry again (the search words or the id setting changed)."""
        if self._shown is not None:
            self.show_entry(*self._shown)

    @property
    def shown_id(self) -> EntryId | None:
        """Return the id of the entry the reading pane shows, if it shows one."""
        return self._shown_id

    def clear_entry(self) -> None:
        """Show no entry in the reading pane (its placeholder guide shows instead)."""
        self.viewer.clear()
        self._shown_id = None
        self._shown = None
        self.set_brought(False)
        self.bring_row.setVisible(False)

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

        The reading pane still shows both for the selected entry, the words marked; so in
        the narrow layout (the largest text at 1024 px) the list keeps its width for the
        titles, which beside the matches showed five characters ("T. at …").
        """
        self._searching = searching
        header = self.table.horizontalHeader()
        shown = searching and not self._narrow
        self.table.setColumnHidden(EntryTableModel.SNIPPET_COLUMN, not shown)
        if shown:
            header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
            # About eighteen characters of title, at most half the list (a fixed 170 px
            # did not follow the text size).
            title = max(170, self.table.fontMetrics().averageCharWidth() * 18)
            header.resizeSection(2, min(title, max(170, self.table.viewport().width() // 2)))
            header.setSectionResizeMode(EntryTableModel.SNIPPET_COLUMN,
                                        QHeaderView.ResizeMode.Stretch)
        else:
            header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
