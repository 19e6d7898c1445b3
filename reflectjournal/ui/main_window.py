"""The main window: filters, the entry list, search, the entry view and the editor."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reflectjournal.domain.entry import Entry, EntrySummary
from reflectjournal.domain.idle import IdlePolicy, should_lock
from reflectjournal.domain.search import EntryFilter, SortOrder
from reflectjournal.domain.taxonomy import Catalog
from reflectjournal.domain.text import entry_as_text
from reflectjournal.resources import load_catalog
from reflectjournal.services.journal import Journal
from reflectjournal.ui.clipboard import SecureClipboard
from reflectjournal.ui.editor import EntryEditor
from reflectjournal.ui.entry_table import EntryTableModel
from reflectjournal.ui.filter_tree import FilterNode, FilterTreeModel, build_tree
from reflectjournal.ui.session import JournalSession, user_message
from reflectjournal.ui.settings import CLIPBOARD_SECONDS, GEOMETRY, LOCK_MINUTES, Settings
from reflectjournal.ui.start_view import StartView

APP_TITLE = "ReflectJournal"
SEARCH_DEBOUNCE_MS = 250
IDLE_CHECK_MS = 5_000


class MainWindow(QMainWindow):
    """The app's one window: the start view while locked, the journal while open."""

    def __init__(self, session: JournalSession, settings: Settings,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.session = session
        self.settings = settings
        self.catalog: Catalog = load_catalog()
        self._idle = IdlePolicy(settings.get(LOCK_MINUTES))
        self._clock = clock
        self._last_activity = clock()
        self.setWindowTitle(APP_TITLE)  # never an entry's title: the title bar is public
        self.resize(1100, 720)
        self.restoreGeometry(settings.get(GEOMETRY))

        self._pages = QStackedWidget()
        self.start = StartView(session)
        self.start.opened.connect(self._on_opened)
        self._journal_page = self._build_journal_page()
        self._pages.addWidget(self.start)
        self._pages.addWidget(self._journal_page)
        self.setCentralWidget(self._pages)
        self._build_actions()
        session.locked.connect(self._on_locked)
        self.clipboard = SecureClipboard(QGuiApplication.clipboard(),
                                         settings.get(CLIPBOARD_SECONDS))

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self.refresh)
        self._idle_timer = QTimer(self)
        self._idle_timer.setInterval(IDLE_CHECK_MS)
        self._idle_timer.timeout.connect(self.check_idle)
        self._idle_timer.start()
        QApplication.instance().installEventFilter(self)  # type: ignore[union-attr]

    # --- building ------------------------------------------------------------------------

    def _build_journal_page(self) -> QWidget:
        splitter = QSplitter()
        self.filter_model = FilterTreeModel()
        self.filters = QTreeView()
        self.filters.setAccessibleName("Filters")
        self.filters.setHeaderHidden(True)
        self.filters.setMinimumWidth(220)
        self.filters.setMaximumWidth(380)
        self.filters.setModel(self.filter_model)
        self.filters.selectionModel().currentChanged.connect(self._on_filter_changed)
        self._filter = EntryFilter()

        middle = QWidget()
        layout = QVBoxLayout(middle)
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText("Search (Ctrl+F): words, word*, \"a phrase\"")
        self.search_box.setAccessibleName("Search")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.textChanged.connect(self._on_search_text_changed)
        layout.addWidget(self.search_box)
        self.model = EntryTableModel({k.id: k.label for k in self.catalog.kinds})
        self.table = QTableView()
        self.table.setAccessibleName("Entries")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.table.doubleClicked.connect(self._on_row_activated)
        layout.addWidget(self.table)
        self.status = QLabel()
        self.status.setAccessibleName("Result count")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        self.detail = QStackedWidget()
        self.viewer = QPlainTextEdit()
        self.viewer.setReadOnly(True)
        self.viewer.setAccessibleName("Entry")
        # Copies go through SecureClipboard (hint formats, timed clearing), never Qt's own.
        self.viewer.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.viewer.setUndoRedoEnabled(False)
        self.viewer.installEventFilter(self)
        self.editor = EntryEditor(self.catalog)
        self.editor.save_requested.connect(self._on_save_requested)
        self.editor.cancelled.connect(self._on_edit_cancelled)
        self.detail.addWidget(self.viewer)
        self.detail.addWidget(self.editor)

        splitter.addWidget(self.filters)
        splitter.addWidget(middle)
        splitter.addWidget(self.detail)
        splitter.setSizes([280, 460, 360])
        return splitter

    def _build_actions(self) -> None:
        toolbar = QToolBar("Main")
        toolbar.setObjectName("main-toolbar")
        toolbar.setMovable(False)
        self.addToolBar(toolbar)
        self.new_action = self._action("&New entry", QKeySequence.StandardKey.New, self.new_entry)
        self.edit_action = self._action("&Edit entry", "Ctrl+E", self.edit_current)
        self.delete_action = self._action("&Delete entry", QKeySequence.StandardKey.Delete,
                                          self.delete_current)
        self.find_action = self._action("&Search", QKeySequence.StandardKey.Find,
                                        self.search_box.setFocus)
        self.lock_action = self._action("&Lock", "Ctrl+L", self.lock)
        for action in (self.new_action, self.edit_action, self.delete_action, self.lock_action):
            toolbar.addAction(action)
        self.addAction(self.find_action)
        self._journal_actions = [self.new_action, self.edit_action, self.delete_action,
                                 self.find_action]
        self._set_unlocked_ui(False)

    def _action(self, text: str, shortcut: Any, slot: Callable[[], Any]) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    # --- locking -------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.viewer and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.matches(QKeySequence.StandardKey.Copy)):
            self.copy_selection()
            return True
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress,
                            QEvent.Type.MouseMove, QEvent.Type.Wheel):
            self._last_activity = self._clock()
        return super().eventFilter(watched, event)

    @Slot()
    def check_idle(self) -> None:
        """Lock if idle for the policy's time."""
        if self.session.is_open and should_lock(self._clock(), self._last_activity, self._idle):
            self.lock()

    def copy_selection(self) -> None:
        """Copy the viewer's selected text through the secure clipboard."""
        self.clipboard.copy(self.viewer.textCursor().selectedText().replace("\u2029", "\n"))

    def lock(self) -> None:
        """Save the draft, close the journal and show no content."""
        if self.session.is_open and self.editor.is_dirty():
            self._save(self.editor.changes_to_save(), then_lock=True)
            return
        self.session.lock()

    def _on_locked(self) -> None:
        self.clipboard.clear_if_ours()
        self.model.clear()
        self.filter_model.set_root(FilterNode(""))
        self.viewer.clear()
        self.editor.clear()
        self.search_box.clear()
        self._set_unlocked_ui(False)
        self.start.show_start()
        self._pages.setCurrentWidget(self.start)

    def _on_opened(self) -> None:
        self._last_activity = self._clock()
        self._set_unlocked_ui(True)
        self._pages.setCurrentWidget(self._journal_page)
        self._filter = EntryFilter()
        self.refresh_filters()
        self.refresh()
        self.search_box.setFocus()

    def _set_unlocked_ui(self, unlocked: bool) -> None:
        for action in self._journal_actions:
            action.setEnabled(unlocked)
        self.lock_action.setEnabled(unlocked)

    # --- listing and searching -----------------------------------------------------------

    @Slot(str)
    def _on_search_text_changed(self, _text: str) -> None:
        self._search_timer.start()

    @Slot(QModelIndex, QModelIndex)
    def _on_filter_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        chosen = self.filter_model.node(current).filter if current.isValid() else None
        self._filter = chosen or EntryFilter()
        self.refresh()

    def current_filter(self) -> EntryFilter:
        """Return the filter chosen in the sidebar."""
        return self._filter

    def refresh_filters(self) -> None:
        """Rebuild the sidebar with current counts."""
        def counts(journal: Journal) -> FilterNode:
            return build_tree(self.catalog, journal.tags(), journal.tag_counts(),
                              journal.kind_counts(),
                              journal.count_entries(EntryFilter(starred=True)))

        def show(root: FilterNode) -> None:
            self.filter_model.set_root(root)
            self.filters.expandToDepth(0)
        self.session.call(counts, show, self._show_error)

    def refresh(self) -> None:
        """Reload the list for the current filter and search text."""
        if not self.session.is_open:
            return
        where = self.current_filter()
        query = self.search_box.text().strip()

        def count(journal: Journal) -> tuple[int, dict[str, str]]:
            return journal.count_entries(where, query, prefix_last=True), journal.tag_labels()

        def loader(offset: int, limit: int, done: Callable[[list[EntrySummary]], None]) -> None:
            self.session.call(
                lambda j: j.search(query, where, SortOrder.NEWEST, limit, offset,
                                   prefix_last=True), done, self._show_error)

        def counted(result: tuple[int, dict[str, str]]) -> None:
            total, labels = result
            self.model.reset(total, loader, labels)
            self._describe(total, where, query)
        self.session.call(count, counted, self._on_search_failed)

    def _describe(self, total: int, where: EntryFilter, query: str) -> None:
        if total:
            self.status.setText(f"{total} entr{'y' if total == 1 else 'ies'}")
        elif query or not where.is_empty:
            self.status.setText("No entries match. Try fewer words, or \"All entries\".")
        else:
            self.status.setText("Your journal is empty. Press Ctrl+N (New entry) to write "
                                "your first reflection.")

    def _on_search_failed(self, error: BaseException) -> None:
        self.model.clear()
        self.status.setText(user_message(error))

    def _selected_summary(self) -> EntrySummary | None:
        index = self.table.currentIndex()
        return self.model.summary(index.row()) if index.isValid() else None

    @Slot(QModelIndex, QModelIndex)
    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        summary = self.model.summary(current.row()) if current.isValid() else None
        if summary is None:
            self.viewer.clear()
            return
        self.session.call(lambda j: (j.get_entry(summary.id), j.tag_labels()),
                          self._show_entry, self._show_error)

    def _show_entry(self, result: tuple[Entry, dict[str, str]]) -> None:
        entry, labels = result
        if self.detail.currentWidget() is self.editor:
            return
        self.viewer.setPlainText(entry_as_text(entry, labels, self.catalog))

    @Slot(QModelIndex)
    def _on_row_activated(self, _index: QModelIndex) -> None:
        self.edit_current()

    # --- writing -------------------------------------------------------------------------

    def new_entry(self) -> None:
        """Open the editor on a new entry."""
        self.session.call(lambda j: j.tags(include_retired=False), self._start_new,
                          self._show_error)

    def _start_new(self, tags: list[Any]) -> None:
        self.editor.start_new(tags)
        self.detail.setCurrentWidget(self.editor)
        self.editor.setFocus()

    def edit_current(self) -> None:
        """Open the editor on the selected entry."""
        summary = self._selected_summary()
        if summary is None:
            return
        self.session.call(lambda j: (j.get_entry(summary.id), j.tags(include_retired=False)),
                          self._start_edit, self._show_error)

    def _start_edit(self, result: tuple[Entry, list[Any]]) -> None:
        entry, tags = result
        self.editor.start_edit(entry, tags)
        self.detail.setCurrentWidget(self.editor)

    @Slot()
    def _on_save_requested(self) -> None:
        self._save(self.editor.changes_to_save())

    def _save(self, pending: tuple[str | None, Any] | None, then_lock: bool = False) -> None:
        if pending is None:
            if then_lock:
                self.session.lock()
            return
        entry_id, changes = pending

        def work(journal: Journal) -> Entry:
            if entry_id is None:
                return journal.add_entry(changes)
            return journal.update_entry(entry_id, changes)  # type: ignore[arg-type]

        def saved(entry: Entry) -> None:
            self.editor.mark_saved(entry)
            if then_lock:
                self.session.lock()
            else:
                self.refresh_filters()
                self.refresh()

        def failed(error: BaseException) -> None:
            self._show_error(error)
            if then_lock:  # locking is never blocked: the unsaved text is dropped
                self.session.lock()
        self.session.call(work, saved, failed)

    @Slot()
    def _on_edit_cancelled(self) -> None:
        self.detail.setCurrentWidget(self.viewer)

    def delete_current(self) -> None:
        """Delete the selected entry after confirmation."""
        summary = self._selected_summary()
        if summary is None:
            return
        answer = QMessageBox.question(
            self, "Delete entry", "Delete this entry? You can undo this until you lock.")
        if answer != QMessageBox.StandardButton.Yes:
            return
        def deleted(_: object) -> None:
            self.refresh_filters()
            self.refresh()
        self.session.call(lambda j: j.delete_entry(summary.id), deleted, self._show_error)

    def _show_error(self, error: BaseException) -> None:
        self.status.setText(user_message(error))

    def closeEvent(self, event: Any) -> None:
        self.lock()
        self.clipboard.clear_if_ours()
        self.settings.set(GEOMETRY, self.saveGeometry())
        self.settings.sync()
        super().closeEvent(event)
