"""The main window: filters, the entry list, search, the entry view and the editor.

The window is made in two steps. The first makes only what the unlock form needs, so the
window paints as early as it can; the second (build_journal) makes the journal page, the
menus' actions and the watchers, and imports their modules. The app runs the second step
just after the first frame; anything that needs the journal page runs it first if needed.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QTimer, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QMainWindow,
    QStackedWidget,
    QToolTip,
)

from reflectjournal.domain.errors import EntryNotFoundError
from reflectjournal.domain.idle import IdlePolicy, should_lock
from reflectjournal.ui.background.session import JournalSession, user_message
from reflectjournal.ui.copies.copy_kind import CopyKind
from reflectjournal.ui.settings.options import (
    CLIPBOARD_SECONDS,
    FONT_POINTS,
    GEOMETRY,
    LOCK_MINUTES,
    THEME,
    Settings,
)
from reflectjournal.ui.start.start_view import StartView

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtCore import QModelIndex
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMenu

    from reflectjournal.domain.draft import Draft
    from reflectjournal.domain.entry import Entry, EntrySummary
    from reflectjournal.domain.ids import EntryId
    from reflectjournal.domain.search import EntryFilter
    from reflectjournal.domain.supervision import EntryComment
    from reflectjournal.domain.taxonomy import Catalog, Tag
    from reflectjournal.services.journal import Journal
    from reflectjournal.ui.desktop.clipboard import SecureClipboard
    from reflectjournal.ui.desktop.screen_lock import ScreenLockWatcher
    from reflectjournal.ui.journal.editor_values import EditorValues
    from reflectjournal.ui.journal.filter_tree import FilterNode
    from reflectjournal.ui.journal.journal_page import JournalPage

APP_TITLE = "ReflectJournal"
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
IDLE_CHECK_MS = 5_000


@dataclass(frozen=True, slots=True)
class _EditorContext:
    """What the editor needs besides an entry: the tags to pick from, known client codes."""

    tags: list[Tag]
    client_codes: list[str]


def _editor_context(journal: Journal) -> _EditorContext:
    return _EditorContext(journal.tags(include_retired=True), journal.client_codes())


@dataclass(slots=True)
class _ViewState:
    """What to bring back after unlocking: ids and filters only, never entry text."""

    filter: EntryFilter
    selected: EntryId | None = None
    editing: bool = False
    editing_id: EntryId | None = None


class MainWindow(QMainWindow):
    """The app's one window: the start view while locked, the journal while open."""

    def __init__(self, session: JournalSession, settings: Settings,
                 clock: Callable[[], float] = time.monotonic, *,
                 build_journal: bool = True) -> None:
        """Make the window; with build_journal False, only the start view for now."""
        super().__init__()
        self.session = session
        self.settings = settings
        self._idle = IdlePolicy(settings.get(LOCK_MINUTES))
        self._clock = clock
        self._last_activity = clock()
        self._deleted: list[Entry] = []  # undo within the session; dropped on lock
        self._resume: _ViewState | None = None
        self._select_after_refresh: EntryId | None = None
        self._restoring_filters = False
        self._journal_page: JournalPage | None = None
        self.setWindowTitle(APP_TITLE)  # never an entry's title: the title bar is public
        self.resize(1100, 720)
        self.restoreGeometry(settings.get(GEOMETRY))

        self._pages = QStackedWidget()
        self.start = StartView(session)
        self.start.opened.connect(self._on_opened)
        self._pages.addWidget(self.start)
        self.setCentralWidget(self._pages)
        # The menus are there from the first frame, so the form does not move down when
        # their actions arrive.
        bar = self.menuBar()
        # Alt+G is "Suggest a passphrase" and Alt+S "Show passphrase" on the start view.
        self._menus = (bar.addMenu("&Journal"), bar.addMenu("&Entry"),
                       bar.addMenu("G&o"), bar.addMenu("Super&vision"))
        session.locked.connect(self._on_locked)
        if build_journal:
            self.build_journal()

    def build_journal(self) -> None:
        """Make the journal page, the actions and the watchers; nothing if already made."""
        if self._journal_page is not None:
            return
        from reflectjournal.domain.search import EntryFilter, SortOrder
        from reflectjournal.resources import load_catalog
        from reflectjournal.ui.desktop.clipboard import SecureClipboard
        from reflectjournal.ui.desktop.screen_lock import ScreenLockWatcher
        from reflectjournal.ui.journal.journal_page import JournalPage

        self.catalog: Catalog = load_catalog()
        self._order = SortOrder.NEWEST
        self._filter = EntryFilter()
        self._journal_page = JournalPage(self.catalog)
        self._adopt_journal_page(self._journal_page)
        self._pages.addWidget(self._journal_page)
        self._build_actions()
        self.clipboard: SecureClipboard = SecureClipboard(
            QGuiApplication.clipboard(), self.settings.get(CLIPBOARD_SECONDS), self)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self.refresh)
        self._idle_timer = QTimer(self)
        self._idle_timer.setInterval(IDLE_CHECK_MS)
        self._idle_timer.timeout.connect(self.check_idle)
        self._idle_timer.start()
        self.screen_lock: ScreenLockWatcher = ScreenLockWatcher(self)
        self.screen_lock.screen_locked.connect(self.lock)
        QApplication.instance().installEventFilter(self)  # type: ignore[union-attr]

    @property
    def journal_page(self) -> JournalPage:
        """Return the journal page, making it first if needed."""
        self.build_journal()
        assert self._journal_page is not None
        return self._journal_page

    # --- building ------------------------------------------------------------------------

    def _adopt_journal_page(self, page: JournalPage) -> None:
        """Name the page's widgets on the window and connect them to its behaviour."""
        self.filter_model, self.filters, self.dates = page.filter_model, page.filters, page.dates
        self.search_box, self.notice, self.note = page.search_box, page.notice, page.note
        self.model, self.table, self.status = page.model, page.table, page.status
        self.detail, self.viewer, self.editor = page.detail, page.viewer, page.editor
        self.filters.selectionModel().currentChanged.connect(self._on_filter_changed)
        self.dates.changed.connect(self.refresh)
        self.search_box.textChanged.connect(self._on_search_text_changed)
        self.model.page_loaded.connect(self._on_page_loaded)
        self.model.modelReset.connect(self._on_list_reset)
        self.table.horizontalHeader().sectionClicked.connect(self._on_header_clicked)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.table.doubleClicked.connect(self._on_row_activated)
        self.viewer.installEventFilter(self)
        self.editor.save_requested.connect(self.save_entry)
        self.editor.autosave_requested.connect(self.keep_draft)
        self.editor.close_requested.connect(self.close_editor)

    def _build_actions(self) -> None:
        # Imported here, like other Qt classes used only once the journal page exists:
        # each costs the first frame the making of its Python type and enums.
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QKeySequence
        from PySide6.QtWidgets import QMenu, QSizePolicy, QWidget

        journal_menu, edit_menu, go_menu, sharing_menu = self._menus
        self.new_action = self._action("&New entry", QKeySequence.StandardKey.New,
                                       self.new_entry, "new-entry")
        self.edit_action = self._action("&Edit entry", "Ctrl+E", self.edit_current, "edit")
        self.save_action = self._action("&Save entry", QKeySequence.StandardKey.Save,
                                        self._save_shortcut)
        self.delete_action = self._action("&Delete entry", QKeySequence.StandardKey.Delete,
                                          self.delete_current, "delete")
        self.undo_delete_action = self._action("&Undo delete", QKeySequence.StandardKey.Undo,
                                               self.undo_delete, "undo")
        self.find_action = self._action("&Search", QKeySequence.StandardKey.Find,
                                        self.focus_search, "search")
        self.next_action = self._action("&Next entry", "Ctrl+PgDown", lambda: self.step(1))
        self.previous_action = self._action("&Previous entry", "Ctrl+PgUp", lambda: self.step(-1))
        self.filters_action = self._action("&Filters", "Ctrl+1", lambda: self.filters.setFocus())
        self.list_action = self._action("Entry &list", "Ctrl+2", lambda: self.table.setFocus())
        # New entry asks the kind: its menu (the toolbar arrow, or Journal > New entry)
        # lists them; Ctrl+N opens the editor with the kind chooser focused.
        self.new_kind_menu = QMenu("New entry", self)
        for number, kind in enumerate(self.catalog.kinds, start=1):
            choice = self.new_kind_menu.addAction(f"&{number} {kind.label}")
            choice.setToolTip(kind.description)
            choice.triggered.connect(lambda _=False, kind_id=kind.id: self.new_entry(kind_id))
        self.new_action.setMenu(self.new_kind_menu)
        self.settings_action = self._action("&Settings…", "Ctrl+,", self.open_settings, "settings")
        self.lock_action = self._action("&Lock", "Ctrl+L", self.lock, "lock")
        self.quit_action = self._action("&Quit", QKeySequence.StandardKey.Quit, self.close)
        for action in (self.new_action, self.find_action, self.settings_action,
                       self.lock_action):
            journal_menu.addAction(action)
        journal_menu.addSeparator()
        journal_menu.addAction(self.quit_action)
        for action in (self.edit_action, self.save_action, self.delete_action,
                       self.undo_delete_action):
            edit_menu.addAction(action)
        for action in (self.next_action, self.previous_action, self.filters_action,
                       self.list_action):
            go_menu.addAction(action)
        # Shown only while unlocked: locked, every button on it is disabled, and a toolbar
        # arriving after the first frame would push the unlock form down.
        toolbar = self._toolbar = self.addToolBar("Main")
        toolbar.setObjectName("main-toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in (self.new_action, self.edit_action, self.delete_action):
            toolbar.addAction(action)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        for action in (self.settings_action, self.lock_action):
            toolbar.addAction(action)
        self._journal_actions = [
            self.new_action, self.edit_action, self.save_action, self.delete_action,
            self.find_action,
            self.next_action, self.previous_action, self.filters_action, self.list_action,
            self.settings_action, self.lock_action, *self._build_sharing_actions(sharing_menu),
        ]
        self.setAcceptDrops(True)  # a bundle dropped on the window is opened
        self._set_unlocked_ui(False)

    def _build_sharing_actions(self, menu: QMenu) -> list[QAction]:
        self.contacts_action = self._action("&Contacts and pairing…", "", self.open_contacts)
        self.share_action = self._action("&Share selected entries…", "Ctrl+Shift+S",
                                         self.share_selected, "share")
        self.share_listed_action = self._action("Share &listed entries…", "",
                                                self.share_listed)
        self.open_bundle_action = self._action("&Open a bundle…", "Ctrl+O", self.open_bundle)
        self.review_action = self._action("&Review shared entries…", "Ctrl+R", self.open_review)
        self.pdf_action = self._action("&PDF of selected entries…", "",
                                       lambda: self._export(CopyKind.ENTRIES_PDF))
        self.agenda_action = self._action("Supervision &agenda (PDF)…", "",
                                          lambda: self._export(CopyKind.AGENDA_PDF))
        self.markdown_action = self._action("&Markdown of selected entries…", "",
                                            lambda: self._export(CopyKind.MARKDOWN))
        for action in (self.contacts_action, self.share_action, self.share_listed_action,
                       self.open_bundle_action, self.review_action):
            menu.addAction(action)
        copies = menu.addMenu("&Unencrypted copies")
        for action in (self.pdf_action, self.agenda_action, self.markdown_action):
            copies.addAction(action)
        return [self.contacts_action, self.share_action, self.share_listed_action,
                self.open_bundle_action, self.review_action, self.pdf_action,
                self.agenda_action, self.markdown_action]

    def _action(self, text: str, shortcut: Any, slot: Callable[[], Any],
                icon_name: str = "") -> QAction:
        from PySide6.QtGui import QAction, QKeySequence

        from reflectjournal.ui.look.icons import icon

        action = QAction(text, self)
        if icon_name:
            action.setIcon(icon(icon_name))
        action.setShortcut(QKeySequence(shortcut))
        shortcut_text = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        plain = text.replace("&", "").rstrip("…")
        action.setToolTip(f"{plain} ({shortcut_text})" if shortcut_text else plain)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)  # shortcuts work whether or not a menu shows the action
        return action

    # --- locking -------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.viewer and event.type() == QEvent.Type.KeyPress:
            from PySide6.QtGui import QKeyEvent, QKeySequence

            if isinstance(event, QKeyEvent) and event.matches(QKeySequence.StandardKey.Copy):
                self.copy_selection()
                return True
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress,
                            QEvent.Type.MouseMove, QEvent.Type.Wheel):
            self._last_activity = self._clock()
        return super().eventFilter(watched, event)

    @Slot()
    def check_idle(self) -> None:
        """Lock if idle for the policy's time.

        Not during first-run set-up: the journal is open but still empty while the user
        copies the recovery key by hand, and locking would wipe a key shown only once.
        """
        if self._pages.currentWidget() is self.start:
            return
        if self.session.is_open and should_lock(self._clock(), self._last_activity, self._idle):
            self.lock()

    def copy_selection(self) -> None:
        """Copy the viewer's selected text through the secure clipboard."""
        self.clipboard.copy(self.viewer.textCursor().selectedText().replace("\u2029", "\n"))

    def lock(self) -> None:
        """Keep the draft, close dialogs and the journal, and show no content.

        Nothing can block it: open dialogs are rejected, and the draft is written on the
        database thread just before the journal closes.
        """
        if not self.session.is_open:
            self.session.lock()  # while unlocking: the journal closes as soon as it opens
            return
        if self._pages.currentWidget() is self.start:
            return  # first-run set-up: the journal is empty, its recovery key shown once
        for dialog in self.findChildren(QDialog):
            if dialog.isVisible():
                dialog.reject()
        editing = self.detail.currentWidget() is self.editor
        values = self.editor.values() if editing else None
        keep = values if values is not None and self.editor.has_unsaved() else None
        self._resume = _ViewState(self._filter, self._selected_id(), editing,
                                  values.entry_id if values else None)
        # Content goes from the screen first: closing may wait for a running backup.
        self._on_locked()
        self.session.lock(_draft_keeper(keep) if keep is not None else None)

    def _on_locked(self) -> None:
        """Show no content: clear every widget and model, and show the start view."""
        if self._journal_page is not None:
            self._search_timer.stop()
            QToolTip.hideText()  # a tooltip may be showing a snippet
            self.clipboard.clear_if_ours()
            self._deleted.clear()
            self._journal_page.clear()
            self._set_unlocked_ui(False)
        self.start.show_start()
        self._pages.setCurrentWidget(self.start)

    def show_preparing(self, message: str) -> None:
        """Show the journal page empty, with a message, while something prepares it."""
        self._pages.setCurrentWidget(self.journal_page)
        self.status.setText(message)

    def show_journal(self, note: str = "") -> None:
        """Show the opened journal (used when it was opened without the start view)."""
        self.build_journal()
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self.start.set_hint(note)
        self._on_opened()

    def _on_opened(self) -> None:
        from reflectjournal.domain.search import EntryFilter

        self.build_journal()
        self._last_activity = self._clock()
        self._set_unlocked_ui(True)
        self._pages.setCurrentWidget(self.journal_page)
        resume, self._resume = self._resume, None
        self._filter = resume.filter if resume else EntryFilter()
        self._select_after_refresh = resume.selected if resume else None
        self.refresh_filters()
        self.refresh()
        # Queued after the list's count, and cheap when there is nothing to bring back:
        # the editor's context (tags, client codes) is read only if an editor reopens.
        self.session.call(lambda j: _drafts_and_context(j, resume), lambda result:
                          self._on_drafts_checked(resume, *result) if result else None,
                          self._show_error)
        if not (resume and resume.editing):
            self.table.setFocus()

    def _on_drafts_checked(self, resume: _ViewState | None, drafts: list[Draft],
                           context: _EditorContext) -> None:
        """Bring back the editor as it was before locking; offer any other kept draft."""
        editing = resume.editing_id if resume is not None and resume.editing else None
        mine = next((d for d in drafts if d.entry_id == editing), None)
        if mine is not None:
            self._open_draft(mine, context)
        elif editing is not None:
            self.session.call(lambda j: _entry_or_none(j, editing),
                              lambda entry: self._resume_editor(entry, context),
                              self._show_error)
        self._offer_drafts([d for d in drafts if d is not mine], context)

    def _resume_editor(self, entry: Entry | None, context: _EditorContext) -> None:
        if entry is None:
            self._start_new(context)  # a new entry with nothing typed yet
        else:
            self._start_edit((entry, context))

    def _offer_drafts(self, drafts: list[Draft], context: _EditorContext) -> None:
        """Offer the most recent kept draft; the next is offered once this one is handled."""
        if not drafts:
            return
        draft, rest = drafts[0], drafts[1:]
        more = f" ({len(rest)} more after this one)" if rest else ""
        when = draft.saved_at.astimezone()

        def open_it() -> None:
            self._leave_editor(lambda: self._open_draft(draft, context))
            self._offer_drafts(rest, context)

        def discard_it() -> None:
            self.discard_draft(draft.entry_id)
            self._offer_drafts(rest, context)
        self.notice.show_notice(
            f"A draft you had not saved was kept ({when:%d %b %Y, %H:%M}){more}.",
            ("&Open draft", open_it), ("Discard draft", discard_it))

    def _open_draft(self, draft: Draft, context: _EditorContext) -> None:
        def show(entry: Entry | None) -> None:
            self.editor.start_draft(draft, entry, context.tags, context.client_codes)
            self.detail.setCurrentWidget(self.editor)
            self.editor.title.setFocus()
        self.session.call(lambda j: _entry_or_none(j, draft.entry_id), show, self._show_error)

    def _set_unlocked_ui(self, unlocked: bool) -> None:
        self._toolbar.setVisible(unlocked)
        for action in self._journal_actions:
            action.setEnabled(unlocked)
        self.undo_delete_action.setEnabled(unlocked and bool(self._deleted))
        self.menuBar().setEnabled(True)

    # --- listing and searching -----------------------------------------------------------

    def focus_search(self) -> None:
        """Put the cursor in the search box with its text selected."""
        self.search_box.setFocus()
        self.search_box.selectAll()

    @Slot(str)
    def _on_search_text_changed(self, _text: str) -> None:
        self._search_timer.start()

    @Slot("QModelIndex", "QModelIndex")
    def _on_filter_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._restoring_filters:
            return
        from reflectjournal.domain.search import EntryFilter

        chosen = self.filter_model.node(current).filter if current.isValid() else None
        self._filter = chosen or EntryFilter()
        self.refresh()

    @Slot(int)
    def _on_header_clicked(self, column: int) -> None:
        """Flip the date order; other columns do not sort, and the indicator stays on date."""
        from PySide6.QtCore import Qt

        from reflectjournal.domain.search import SortOrder

        if column == 0:
            self._order = (SortOrder.OLDEST if self._order == SortOrder.NEWEST
                           else SortOrder.NEWEST)
            self.refresh()
        self.table.horizontalHeader().setSortIndicator(
            0, Qt.SortOrder.AscendingOrder if self._order == SortOrder.OLDEST
            else Qt.SortOrder.DescendingOrder)

    @Slot()
    def _on_list_reset(self) -> None:
        """Stop showing an entry the new list may not hold; reselecting shows it again."""
        if self.detail.currentWidget() is self.viewer:
            self.viewer.clear()

    @Slot(int)
    def _on_page_loaded(self, page: int) -> None:
        if page == 0:
            self._reselect()

    def current_filter(self) -> EntryFilter:
        """Return the sidebar's filter with the date range applied."""
        first, last = self.dates.range()
        return replace(self._filter, date_from=first, date_to=last)

    def refresh_filters(self) -> None:
        """Rebuild the sidebar with current counts."""
        from reflectjournal.domain.search import EntryFilter
        from reflectjournal.ui.journal.filter_tree import build_tree

        def counts(journal: Journal) -> FilterNode:
            return build_tree(self.catalog, journal.tags(), journal.tag_counts(),
                              journal.kind_counts(),
                              journal.count_entries(EntryFilter(starred=True)))

        def show(root: FilterNode) -> None:
            # A reset moves the view's current row; the chosen filter must survive new counts.
            self._restoring_filters = True
            try:
                self.filter_model.set_root(root)
                self.filters.expandToDepth(0)
                chosen = self.filter_model.find(self._filter)
                if chosen.isValid():
                    self.filters.setCurrentIndex(chosen)
            finally:
                self._restoring_filters = False
        self.session.call(counts, show, self._show_error)

    def refresh(self) -> None:
        """Reload the list for the current filter, date range and search text."""
        if not self.session.is_open:
            return
        where = self.current_filter()
        query = self.search_box.text().strip()
        order = self._order

        def count(journal: Journal) -> tuple[int, dict[str, str]]:
            return journal.count_entries(where, query, prefix_last=True), journal.tag_labels()

        def loader(offset: int, limit: int, done: Callable[[list[EntrySummary]], None]) -> None:
            self.session.call(
                lambda j: j.search(query, where, order, limit, offset, prefix_last=True),
                done, self._show_error)

        def counted(result: tuple[int, dict[str, str]]) -> None:
            total, labels = result
            self.model.reset(total, loader, labels)
            self.journal_page.show_snippets(bool(query))
            self._describe(total, where, query)
        self.session.call(count, counted, self._on_search_failed)

    def _reselect(self) -> None:
        """Select the entry asked for before the list reloaded, if it is on the first page."""
        from reflectjournal.ui.journal.entry_table import PAGE_SIZE

        wanted, self._select_after_refresh = self._select_after_refresh, None
        if wanted is None:
            return
        for row in range(min(self.model.rowCount(), PAGE_SIZE)):
            summary = self.model.summary(row)
            if summary is not None and summary.id == wanted:
                self.table.selectRow(row)
                return

    def _describe(self, total: int, where: EntryFilter, query: str) -> None:
        """Say how many entries there are, and what to do when there are none."""
        if total:
            self.status.setText(f"{total} entr{'y' if total == 1 else 'ies'}")
            guide = "Select an entry to read it here. Double-click it, or press Ctrl+E, to edit."
        elif query or not where.is_empty:
            self.status.setText("No entries match. Try fewer words, a wider date range, "
                                "or \"All entries\".")
            guide = "No entries match the search and filters."
        else:
            self.status.setText("Your journal is empty. Press Ctrl+N (New entry) to write "
                                "your first reflection.")
            guide = EMPTY_JOURNAL_GUIDE
        self.viewer.setPlaceholderText(guide)  # shown while no entry is selected

    def _on_search_failed(self, error: BaseException) -> None:
        self.model.clear()
        self.status.setText(user_message(error))

    def _selected_summary(self) -> EntrySummary | None:
        index = self.table.currentIndex()
        return self.model.summary(index.row()) if index.isValid() else None

    def _selected_id(self) -> EntryId | None:
        summary = self._selected_summary()
        return summary.id if summary else None

    def step(self, delta: int) -> None:
        """Select the next (1) or previous (-1) entry in the list."""
        rows = self.model.rowCount()
        if not rows:
            return
        current = self.table.currentIndex().row()
        row = 0 if current < 0 else max(0, min(rows - 1, current + delta))
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))

    @Slot("QModelIndex", "QModelIndex")
    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        summary = self.model.summary(current.row()) if current.isValid() else None
        if summary is None:
            self.viewer.clear()
            return
        if (self.detail.currentWidget() is self.editor and not self.editor.has_unsaved()
                and summary.id != self.editor.entry_id):
            self.detail.setCurrentWidget(self.viewer)  # another entry chosen: read it
        self.session.call(
            lambda j: (j.get_entry(summary.id), j.tag_labels(), j.sharing.comments_on(summary.id)),
            self._show_entry, self._show_error)

    def _show_entry(self, result: tuple[Entry, dict[str, str], list[EntryComment]]) -> None:
        entry, labels, comments = result
        self.journal_page.show_entry(entry, labels, comments)

    @Slot("QModelIndex")
    def _on_row_activated(self, _index: QModelIndex) -> None:
        self.edit_current()

    # --- writing -------------------------------------------------------------------------

    def new_entry(self, kind: str | None = None) -> None:
        """Open the editor on a new entry of a kind, or with the kind to choose first."""
        self._leave_editor(lambda: self.session.call(
            _editor_context, lambda context: self._start_new(context, kind), self._show_error))

    def _start_new(self, context: _EditorContext, kind: str | None = None) -> None:
        self.editor.start_new(context.tags, context.client_codes, kind)
        self.detail.setCurrentWidget(self.editor)
        (self.editor.title if kind else self.editor.kind).setFocus()

    def edit_current(self) -> None:
        """Open the editor on the selected entry."""
        summary = self._selected_summary()
        if summary is None:
            return
        self._leave_editor(lambda: self.session.call(
            lambda j: (j.get_entry(summary.id), _editor_context(j)), self._start_edit,
            self._show_error))

    def _start_edit(self, result: tuple[Entry, _EditorContext]) -> None:
        entry, context = result
        self.editor.start_edit(entry, context.tags, context.client_codes)
        self.detail.setCurrentWidget(self.editor)
        self.editor.title.setFocus()

    def _leave_editor(self, then: Callable[[], None]) -> None:
        """Run then, after asking what to do with unsaved changes in the editor."""
        if self.detail.currentWidget() is not self.editor or not self.editor.has_unsaved():
            then()
            return
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(
            self, "Unsaved changes", "Save the entry you are writing first?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            self.save_entry(then)
        elif answer == QMessageBox.StandardButton.Discard:
            self.discard_draft(self.editor.values().entry_id)
            self.editor.clear()
            self.detail.setCurrentWidget(self.viewer)
            then()

    @Slot()
    def close_editor(self) -> None:
        """Leave the editor, asking first if changes are unsaved."""
        self._leave_editor(lambda: self.detail.setCurrentWidget(self.viewer))

    @Slot()
    def keep_draft(self) -> None:
        """Keep the editor's values as a draft in the journal (autosave)."""
        if not self.session.is_open:
            return
        values = self.editor.values()
        self.session.call(_draft_keeper(values), lambda _: self.editor.mark_drafted(values),
                          lambda error: self.editor.mark_failed(
                              "The draft could not be kept: " + user_message(error)))

    def _save_shortcut(self) -> None:
        if self.detail.currentWidget() is self.editor:
            self.save_entry()

    def save_entry(self, then: Callable[[], None] | None = None) -> None:
        """Save the editor's entry; its draft goes in the same transaction."""
        values: EditorValues = self.editor.values()

        def saved(entry: Entry) -> None:
            self.editor.mark_saved(values)
            self._select_after_refresh = entry.id
            self.refresh_filters()
            self.refresh()
            if then is not None:
                then()

        self.session.call(
            lambda j: j.save_entry(values.entry_id, values.changes, values.tag_labels),
            saved, lambda error: self.editor.mark_failed(user_message(error)))

    def discard_draft(self, entry_id: EntryId) -> None:
        """Forget an entry's kept draft."""
        self.session.call(lambda j: j.discard_draft(entry_id), lambda _: None, self._show_error)

    def delete_current(self) -> None:
        """Delete the selected entry after confirmation; it can be undone until locking."""
        summary = self._selected_summary()
        if summary is None:
            return
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(
            self, "Delete entry",
            "Delete this entry? You can undo it (Ctrl+Z) until the journal locks.")
        if answer != QMessageBox.StandardButton.Yes or not self.session.is_open:
            return

        def deleted(entry: Entry) -> None:
            self._deleted.append(entry)
            self.undo_delete_action.setEnabled(True)
            if self.detail.currentWidget() is self.editor and not self.editor.has_unsaved():
                self.detail.setCurrentWidget(self.viewer)
            self.viewer.clear()
            self.notice.show_notice("Entry deleted.", ("&Undo", self.undo_delete))
            self.refresh_filters()
            self.refresh()
        self.session.call(lambda j: j.delete_entry(summary.id), deleted, self._show_error)

    def undo_delete(self) -> None:
        """Put back the most recently deleted entry."""
        if not self._deleted or not self.session.is_open:
            return
        entry = self._deleted.pop()
        self.undo_delete_action.setEnabled(bool(self._deleted))

        def restored(_: object) -> None:
            self.notice.dismiss()
            self._select_after_refresh = entry.id
            self.refresh_filters()
            self.refresh()
        self.session.call(lambda j: j.restore_entry(entry), restored, self._show_error)

    # --- supervision ---------------------------------------------------------------------

    def selected_ids(self) -> list[EntryId]:
        """Return the selected entries' ids in list order (the current one if none)."""
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        ids = [s.id for s in (self.model.summary(r) for r in rows) if s is not None]
        current = self._selected_id()
        return ids or ([current] if current else [])

    def open_contacts(self) -> None:
        """Show the contacts, pairing codes and the watch-list."""
        from reflectjournal.ui.sharing.contacts_dialog import ContactsDialog

        ContactsDialog.open_for(self, self.session)

    def share_selected(self) -> None:
        """Share the selected entries (after the check and the preview)."""
        ids = self.selected_ids()
        if not ids:
            self.status.setText("Select the entries to share first.")
            return
        self._share(ids)

    def share_listed(self) -> None:
        """Share every entry the list shows (the current filter and search)."""
        from reflectjournal.domain.bundle import MAX_ENTRIES as MAX_SHARED

        where, query = self._filter, self.search_box.text()

        def listed(journal: Journal) -> list[EntryId]:
            rows = (journal.search(query, where, limit=MAX_SHARED + 1) if query.strip()
                    else journal.list_entries(where, limit=MAX_SHARED + 1))
            return [r.id for r in rows]

        def chosen(ids: list[EntryId]) -> None:
            if len(ids) > MAX_SHARED:
                self.status.setText(f"A bundle holds at most {MAX_SHARED} entries; narrow the "
                                    "list with a filter or a search first.")
            elif ids:
                self._share(ids)
        self.session.call(listed, chosen, self._show_error)

    def _share(self, ids: list[EntryId]) -> None:
        from reflectjournal.ui.sharing.share_dialog import ShareDialog

        ShareDialog.open_for(self, self.session, ids)

    def open_bundle(self, path: Path | None = None) -> None:
        """Open a bundle of shared entries or of comments (asks for the file if not given)."""
        from reflectjournal.ui.sharing.receive_bundle import open_bundle

        open_bundle(self, self.session, path, on_filed=lambda _result: self._on_bundle_filed())

    def _on_bundle_filed(self) -> None:
        # A reply can add supervision entries, and comments under the entry shown.
        self.refresh_filters()
        self.refresh()

    def open_review(self) -> None:
        """Show the entries others shared, to read, comment and confirm sessions."""
        from reflectjournal.ui.sharing.review_dialog import ReviewDialog

        ReviewDialog.open_for(self, self.session)

    def _export(self, kind: CopyKind) -> None:
        from reflectjournal.ui.copies.print_export import export_copy

        ids = self.selected_ids()
        if not ids:
            self.status.setText("Select the entries for the copy first.")
            return
        export_copy(kind, self, self.session, ids)

    def dragEnterEvent(self, event: Any) -> None:
        if self.session.is_open and self._bundle_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: Any) -> None:
        paths = self._bundle_paths(event.mimeData())
        if self.session.is_open and paths:
            event.acceptProposedAction()
            self.open_bundle(paths[0])

    @staticmethod
    def _bundle_paths(mime: Any) -> list[Path]:
        from reflectjournal.ui.sharing.receive_bundle import bundle_paths_from_mime

        return bundle_paths_from_mime(mime)

    # --- settings ------------------------------------------------------------------------

    def open_settings(self) -> None:
        """Show the settings dialog."""
        from reflectjournal.ui.settings.dialog import SettingsDialog  # loaded on first use

        dialog = SettingsDialog(self.session, self.settings, self)
        dialog.settings_changed.connect(self.apply_settings)
        dialog.journal_restored.connect(self._on_journal_restored)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def apply_settings(self) -> None:
        """Use changed settings at once (lock time, clipboard time, theme, text size)."""
        # The app's style is not loaded before the first frame (app.py); by now it is.
        from reflectjournal.ui.look.app_style import apply_theme

        self._idle = IdlePolicy(self.settings.get(LOCK_MINUTES))
        apply_theme(QApplication.instance(), self.settings.get(THEME),  # type: ignore[arg-type]
                    self.settings.get(FONT_POINTS))
        if self._journal_page is not None:
            self.clipboard.seconds = self.settings.get(CLIPBOARD_SECONDS)
            self._journal_page.fit_columns()

    def _on_journal_restored(self) -> None:
        self._deleted.clear()  # undo would bring back entries from before the restore
        self.undo_delete_action.setEnabled(False)
        self.notice.dismiss()
        self.viewer.clear()
        self.refresh_filters()
        self.refresh()

    def _show_error(self, error: BaseException) -> None:
        self.status.setText(user_message(error))

    def closeEvent(self, event: Any) -> None:
        self.lock()
        if self._journal_page is not None:
            self.clipboard.clear_if_ours()
        self.settings.set(GEOMETRY, self.saveGeometry())
        self.settings.sync()
        super().closeEvent(event)


def _drafts_and_context(journal: Journal, resume: _ViewState | None
                        ) -> tuple[list[Draft], _EditorContext] | None:
    """Return kept drafts with the editor's context, or None if no editor will open."""
    drafts = journal.drafts()
    if not drafts and not (resume is not None and resume.editing):
        return None
    return drafts, _editor_context(journal)


def _entry_or_none(journal: Journal, entry_id: EntryId) -> Entry | None:
    """Return the entry, or None if it does not exist (a new one, or deleted since)."""
    try:
        return journal.get_entry(entry_id)
    except EntryNotFoundError:
        return None


def _draft_keeper(values: EditorValues) -> Callable[[Journal], object]:
    """Return the database-thread work that keeps these editor values as a draft."""
    return lambda journal: journal.save_draft(
        values.entry_id, values.draft_changes, values.tag_labels)
