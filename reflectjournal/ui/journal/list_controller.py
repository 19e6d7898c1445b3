"""What the journal page lists: the filter, the order, the search, and what actions act on.

The list follows the journal: it connects to `JournalSession.journal_changed` and reloads
the list and the sidebar's counts when a change touched entries or tags (a restore touches
everything), so the actions that change the journal never refresh it by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut

from reflectjournal.domain.action_target import (
    DISAGREE,
    NOT_LOADED,
    ActionTarget,
    action_target,
)
from reflectjournal.domain.reading import search_terms
from reflectjournal.domain.search import EntryFilter, SortOrder
from reflectjournal.ui.background.operations import query
from reflectjournal.ui.background.session import JournalSession, user_message
from reflectjournal.ui.journal.entry_table import PAGE_SIZE, EntryTableModel
from reflectjournal.ui.journal.filter_tree import FilterNode, build_tree

if TYPE_CHECKING:
    from reflectjournal.domain.endorsement.records import Amendment
    from reflectjournal.domain.entry import Entry, EntrySummary
    from reflectjournal.domain.ids import EntryId
    from reflectjournal.domain.taxonomy import Catalog
    from reflectjournal.services.changes import Changes
    from reflectjournal.services.journal import Journal
    from reflectjournal.services.shared_state import AnsweredComment
    from reflectjournal.ui.journal.journal_page import JournalPage

    # What the reading pane shows: entry, labels, comments with their versions, catalog,
    # the user's dated notes, and the changed-since marker.
    EntryView = tuple[Entry, dict[str, str], list[AnsweredComment], Catalog, list[Amendment],
                      str, bool]

SEARCH_DEBOUNCE_MS = 250
EMPTY_JOURNAL_GUIDE = (
    "Your journal is empty.\n\n"
    "To write your first reflection, press Ctrl+N, or choose a kind from the arrow beside "
    "New entry: a session reflection after a visit, supervision you received or gave, "
    "training, a free reflection or a self-care check-in.\n\n"
    "Each kind comes with guided prompts. Drafts are kept as you type, inside the "
    "encrypted journal, so nothing is lost if the computer stops.\n\n"
    "Ctrl+F searches, Ctrl+L locks, Ctrl+, opens the settings."
)


def _entry_view(entry_id: EntryId) -> Callable[[Journal], EntryView]:
    """Return what the reading pane shows: entry, labels, comments, catalog, notes, marker.

    The labels name tags and provider records (their ids never collide); each comment
    comes with the version it answered; the catalog names the prompts, the user's own
    wordings included; the notes are the user's own dated amendments (Entry > Add a dated
    note…); the marker says if the entry changed since it was shared; the last, whether it
    is marked to bring to supervision.
    """
    return lambda journal: (journal.get_entry(entry_id),
                            {**journal.tag_labels(), **journal.providers.names()},
                            journal.sharing.answered_comments(entry_id), journal.catalog,
                            journal.confirmations.amendments(entry_id),
                            journal.sharing.share_state(entry_id).marker,
                            journal.loop.is_brought(entry_id))


class EntryListController(QObject):
    """Drives the page's sidebar, search box and list; shows the selected entry."""

    activated = Signal()  # a row double-clicked: open it in the editor

    def __init__(self, page: JournalPage, session: JournalSession, catalog: Catalog,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._page = page
        self._session = session
        self._catalog = catalog
        self.order = SortOrder.NEWEST
        self._described = ""  # what the status line says of the list (its count)
        self.filter = EntryFilter()  # the sidebar's choice; the date range is added later
        self._select_after_refresh: EntryId | None = None
        self._restoring_filters = False
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self.search_timer.timeout.connect(self.refresh)
        page.filters.selectionModel().currentChanged.connect(self._on_filter_changed)
        page.dates.changed.connect(self.refresh)
        page.search_box.textChanged.connect(self._on_search_text_changed)
        # Down from the search box goes to what it found, as in a browser's address bar.
        to_list = QShortcut(QKeySequence(Qt.Key.Key_Down), page.search_box)
        to_list.setContext(Qt.ShortcutContext.WidgetShortcut)
        to_list.activated.connect(self._on_search_down)
        page.model.page_loaded.connect(self._on_page_loaded)
        page.model.modelReset.connect(self._on_list_reset)
        page.table.horizontalHeader().sectionClicked.connect(self._on_header_clicked)
        page.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        page.table.selectionModel().selectionChanged.connect(
            lambda _selected, _deselected: self._settle_refusal())
        page.table.doubleClicked.connect(self._on_row_activated)
        page.table.open_requested.connect(self.activated)
        session.journal_changed.connect(self.journal_changed)

    @Slot(object)
    def journal_changed(self, changes: Changes) -> None:
        """Reload the list and the counts if the change touched what they show."""
        if changes.touches("entries", "tags"):
            self.reload()

    def reload(self) -> None:
        """Rebuild the sidebar's counts and reload the list."""
        self.refresh_filters()
        self.refresh()

    def select_after_refresh(self, entry_id: EntryId | None) -> None:
        """Select this entry once the list next reloads, if it is on the first page."""
        self._select_after_refresh = entry_id

    def tell(self, text: str) -> None:
        """Say something on the status line under the list."""
        self._page.status.setText(text)

    def show_error(self, error: BaseException) -> None:
        """Say on the status line what went wrong, in plain words."""
        self.tell(user_message(error))

    def focus_search(self) -> None:
        """Put the cursor in the search box with its text selected."""
        self._page.search_box.setFocus()
        self._page.search_box.selectAll()

    def listed(self) -> tuple[EntryFilter, str]:
        """Return the sidebar's filter and the search text: what the list shows."""
        return self.filter, self._page.search_box.text()

    @Slot()
    def _on_search_down(self) -> None:
        self._page.table.setFocus()
        if not self._page.table.currentIndex().isValid() and self._page.model.rowCount():
            self.select_only(0)

    @Slot(str)
    def _on_search_text_changed(self, _text: str) -> None:
        self.search_timer.start()

    @Slot("QModelIndex", "QModelIndex")
    def _on_filter_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._restoring_filters:
            return
        chosen = self._page.filter_model.node(current).filter if current.isValid() else None
        self.filter = chosen or EntryFilter()
        self.refresh()

    @Slot(int)
    def _on_header_clicked(self, column: int) -> None:
        """Flip the date order (the date shows in the entry's second line); nothing else sorts."""
        if column in (0, EntryTableModel.TITLE_COLUMN):
            self.order = (SortOrder.OLDEST if self.order == SortOrder.NEWEST
                          else SortOrder.NEWEST)
            self.refresh()
        self._page.table.horizontalHeader().setSortIndicator(
            EntryTableModel.TITLE_COLUMN, Qt.SortOrder.AscendingOrder
            if self.order == SortOrder.OLDEST else Qt.SortOrder.DescendingOrder)

    @Slot()
    def _on_list_reset(self) -> None:
        """Stop showing an entry the new list may not hold; reselecting shows it again."""
        if self._page.detail.currentWidget() is self._page.viewer:
            self._page.clear_entry()

    @Slot(int)
    def _on_page_loaded(self, page: int) -> None:
        if page == 0:
            self._reselect()

    def current_filter(self) -> EntryFilter:
        """Return the sidebar's filter with the date range applied."""
        first, last = self._page.dates.range()
        return replace(self.filter, date_from=first, date_to=last)

    def refresh_filters(self) -> None:
        """Rebuild the sidebar with current counts."""
        catalog, page = self._catalog, self._page

        def counts(journal: Journal) -> FilterNode:
            return build_tree(catalog, journal.tags(), journal.tag_counts(),
                              journal.kind_counts(),
                              journal.count_entries(EntryFilter(starred=True)))

        def show(root: FilterNode) -> None:
            # A reset moves the view's current row; the chosen filter must survive new counts.
            self._restoring_filters = True
            try:
                page.filter_model.set_root(root)
                page.filters.expandToDepth(0)
                chosen = page.filter_model.find(self.filter)
                if chosen.isValid():
                    page.filters.setCurrentIndex(chosen)
            finally:
                self._restoring_filters = False
        query(self._session, counts).success(show).failure(self.show_error).run()

    def refresh(self) -> None:
        """Reload the list for the current filter, date range and search text."""
        if not self._session.is_open:
            return
        where = self.current_filter()
        text = self._page.search_box.text().strip()
        order = self.order
        self._page.highlight = search_terms(text, with_forms=True)

        def count(journal: Journal) -> tuple[int, dict[str, str], dict[EntryId, str]]:
            return (journal.count_entries(where, text, prefix_last=True), journal.tag_labels(),
                    journal.sharing.changed_since_shared())

        def loader(offset: int, limit: int, done: Callable[[list[EntrySummary]], None]) -> None:
            query(self._session,
                  lambda j: j.search(text, where, order, limit, offset, prefix_last=True)
                  ).success(done).failure(self.show_error).run()

        def counted(result: tuple[int, dict[str, str], dict[EntryId, str]]) -> None:
            total, labels, markers = result
            self._page.model.reset(total, loader, labels, markers)
            self._page.show_snippets(bool(text))
            self._describe(total, where, text)
        query(self._session, count).success(counted).failure(self._on_search_failed).run()

    def _reselect(self) -> None:
        """Select the entry asked for before the list reloaded, if it is on the first page."""
        wanted, self._select_after_refresh = self._select_after_refresh, None
        if wanted is None:
            return
        model = self._page.model
        for row in range(min(model.rowCount(), PAGE_SIZE)):
            summary = model.summary(row)
            if summary is not None and summary.id == wanted:
                self.select_only(row)
                return

    def _describe(self, total: int, where: EntryFilter, text: str) -> None:
        """Say how many entries there are, and what to do when there are none."""
        if total:
            self._described = f"{total} entr{'y' if total == 1 else 'ies'}"
            self.tell(self._described)
            guide = "Select an entry to read it here. Double-click it, or press Ctrl+E, to edit."
        elif text or not where.is_empty:
            self.tell("No entries match. Try fewer words, a wider date range, "
                      "or \"All entries\".")
            guide = "No entries match the search and filters."
        else:
            self.tell("Your journal is empty. Press Ctrl+N (New entry) to write "
                      "your first reflection.")
            guide = EMPTY_JOURNAL_GUIDE
        self._page.viewer.setPlaceholderText(guide)  # shown while no entry is selected

    def _on_search_failed(self, error: BaseException) -> None:
        self._page.model.clear()
        self.show_error(error)

    def selected_summary(self) -> EntrySummary | None:
        """Return the current row's entry summary, if a row is current."""
        index = self._page.table.currentIndex()
        return self._page.model.summary(index.row()) if index.isValid() else None

    def selected_id(self) -> EntryId | None:
        """Return the current row's entry id, if a row is current."""
        summary = self.selected_summary()
        return summary.id if summary else None

    def target(self) -> ActionTarget:
        """Return what an entry action acts on (domain/action_target.py has the rule)."""
        page = self._page
        shown = (page.editor.entry_id if page.detail.currentWidget() is page.editor
                 else page.shown_id)
        rows = sorted(i.row() for i in page.table.selectionModel().selectedRows())
        highlighted = [s.id if s else None for s in (page.model.summary(r) for r in rows)]
        return action_target(shown, self.selected_id(), highlighted)

    def target_ids(self) -> list[EntryId]:
        """Return the ids of the entries an action acts on, in list order."""
        return list(self.target().entry_ids)

    def step(self, delta: int) -> None:
        """Move to the next (1) or previous (-1) entry in the list: it alone is selected."""
        rows = self._page.model.rowCount()
        if not rows:
            return
        current = self._page.table.currentIndex().row()
        self.select_only(0 if current < 0 else max(0, min(rows - 1, current + delta)))

    def select_only(self, row: int) -> None:
        """Make the row current and the only one selected, and scroll to it.

        Not QTableView.selectRow: with extended selection it reads the keyboard's
        modifiers, so from a Ctrl+PgDown shortcut it added the row to the selection.
        """
        index = self._page.model.index(row, EntryTableModel.TITLE_COLUMN)  # a shown column
        flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                 | QItemSelectionModel.SelectionFlag.Rows)
        self._page.table.selectionModel().setCurrentIndex(index, flags)
        self._page.table.scrollTo(index)

    @Slot("QModelIndex", "QModelIndex")
    def _settle_refusal(self) -> None:
        """Take back "the rows and the entry shown differ" once they agree again.

        It stayed until the next save, though the entry shown was the one highlighted.
        """
        if self._page.status.text() in (DISAGREE, NOT_LOADED) and not self.target().problem:
            self.tell(self._described)

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        page = self._page
        summary = page.model.summary(current.row()) if current.isValid() else None
        if summary is None:
            page.clear_entry()
            return
        if (page.detail.currentWidget() is page.editor and not page.editor.has_unsaved()
                and summary.id != page.editor.entry_id):
            page.detail.setCurrentWidget(page.viewer)  # another entry chosen: read it

        def loaded(result: EntryView) -> None:
            if self.selected_id() == summary.id:  # not a row the list has left since
                entry, labels, comments, catalog, notes, marker, brought = result
                page.use_catalog(catalog)
                page.show_entry(entry, labels, comments, notes, marker, brought)
                self._settle_refusal()

        def failed(error: BaseException) -> None:
            page.clear_entry()  # the pane must not go on showing the row before
            self.show_error(error)
        query(self._session, _entry_view(summary.id)).success(loaded).failure(failed).run()

    @Slot("QModelIndex")
    def _on_row_activated(self, _index: QModelIndex) -> None:
        self.activated.emit()
