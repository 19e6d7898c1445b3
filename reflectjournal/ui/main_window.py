"""The main window: the start view while locked, the journal page while open.

The window is the shell: it holds the pages, locks (and brings the view back after
unlocking), watches for idleness, applies settings and closes. What the journal page lists
(journal/list_controller.py), writing (journal/editing.py), the journal's actions
(journal/actions.py), the Supervision menu (sharing/menu.py) and the copies
(copies/menu.py) are its collaborators, public as `entries`, `editing`, `journal_actions`,
`supervision` and `copies`. Each refreshes itself from `JournalSession.journal_changed`.

The window is made in two steps. The first makes only what the unlock form needs, so the
window paints as early as it can; the second (build_journal) makes the journal page, the
menus' actions and the watchers, and imports their modules. The app runs the second step
just after the first frame; anything that needs the journal page runs it first if needed.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QSize, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QMainWindow,
    QStackedWidget,
    QToolTip,
)

from reflectjournal.domain.idle import IdlePolicy, should_lock
from reflectjournal.ui.background.session import JournalSession
from reflectjournal.ui.settings.options import (
    CLIPBOARD_SECONDS,
    FONT_POINTS,
    GEOMETRY,
    LOCK_MINUTES,
    THEME,
    Settings,
)
from reflectjournal.ui.start.start_view import StartView
from reflectjournal.ui.widgets.wheel_guard import refuse_wheel
from reflectjournal.ui.widgets.window_room import screen_room
from reflectjournal.ui.widgets.wording import count_words

if TYPE_CHECKING:
    from PySide6.QtCore import QTimer

    from reflectjournal.domain.endorsement.rules import RuleSet
    from reflectjournal.domain.ids import EntryId
    from reflectjournal.domain.search import EntryFilter
    from reflectjournal.domain.taxonomy import Catalog
    from reflectjournal.ui.copies.menu import CopiesMenu
    from reflectjournal.ui.desktop.clipboard import SecureClipboard
    from reflectjournal.ui.desktop.screen_lock import ScreenLockWatcher
    from reflectjournal.ui.journal.actions import JournalActions
    from reflectjournal.ui.journal.bring_flow import BringFlow
    from reflectjournal.ui.journal.editing import EditingFlow
    from reflectjournal.ui.journal.journal_page import JournalPage
    from reflectjournal.ui.journal.list_controller import EntryListController
    from reflectjournal.ui.progress.progress_dialog import ProgressDialog
    from reflectjournal.ui.sharing.menu import SupervisionMenu

APP_TITLE = "ReflectJournal"
IDLE_CHECK_MS = 5_000


@dataclass(slots=True)
class _ViewState:
    """What to bring back after unlocking: ids and filters only, never entry text."""

    filter: EntryFilter
    selected: EntryId | None = None
    editing: bool = False
    editing_id: EntryId | None = None
    asked: tuple[str, str] = ("", "")  # the kind and template a new entry asked, by id


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
        self._resume: _ViewState | None = None
        self._journal_page: JournalPage | None = None
        self._standing_note = ""
        self._notes: dict[str, str] = {}  # what warns on the journal page, by what it is about
        self.setWindowTitle(APP_TITLE)  # never an entry's title: the title bar is public
        # The first run has no saved geometry: 1100x720 opened larger than a 1024x700 screen,
        # its Save and Close buttons off the edge. Within the screen's room, then as saved.
        self.resize(QSize(1100, 720).boundedTo(screen_room(None)))
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
        """Make the journal page, its collaborators and the watchers; nothing if made."""
        if self._journal_page is not None:
            return
        # Imported here: each costs the first frame the making of its Python types and enums.
        from PySide6.QtCore import QTimer

        from reflectjournal.resources import load_catalog
        from reflectjournal.ui.copies.menu import CopiesMenu
        from reflectjournal.ui.desktop.clipboard import SecureClipboard
        from reflectjournal.ui.desktop.screen_lock import ScreenLockWatcher
        from reflectjournal.ui.journal.actions import JournalActions
        from reflectjournal.ui.journal.bring_flow import BringFlow
        from reflectjournal.ui.journal.confirmation_flow import ConfirmationFlow
        from reflectjournal.ui.journal.editing import EditingFlow
        from reflectjournal.ui.journal.journal_page import JournalPage
        from reflectjournal.ui.journal.list_controller import EntryListController
        from reflectjournal.ui.sharing.menu import SupervisionMenu

        self.catalog: Catalog = load_catalog()
        page = self._journal_page = JournalPage(self.catalog)
        self._pages.addWidget(page)
        journal_menu, edit_menu, go_menu, sharing_menu = self._menus
        self.entries: EntryListController = EntryListController(
            page, self.session, self.catalog, self)
        self.editing: EditingFlow = EditingFlow(page, self.session, self.entries, self)
        self.confirmation: ConfirmationFlow = ConfirmationFlow(
            self.session, self.entries, page, self)
        self.bring: BringFlow = BringFlow(self.session, self.entries, page)
        self.journal_actions: JournalActions = JournalActions(
            self, (journal_menu, edit_menu, go_menu), self.catalog, page, self.entries,
            self.editing, open_settings=self.open_settings, lock=self.lock,
            open_import=self.open_import, confirmation=self.confirmation,
            bring=self.bring.toggle)
        self.supervision: SupervisionMenu = SupervisionMenu(
            self, self.session, sharing_menu, target=self.entries.target,
            listed=self.entries.listed, tell=self.entries.tell)
        self.copies: CopiesMenu = CopiesMenu(
            self, self.session, sharing_menu.addMenu("&Unencrypted copies"),
            target=self.entries.target, tell=self.entries.tell)
        from reflectjournal.ui.widgets.action import make_action

        self.progress_action = make_action(self, "&Progress toward Endorsement…",
                                           "Ctrl+Shift+P", self.open_progress)
        journal_menu.insertAction(self.journal_actions.settings_action, self.progress_action)
        self.providers_action = make_action(self, "RSC pro&viders…", "", self.open_providers)
        journal_menu.insertAction(self.journal_actions.settings_action, self.providers_action)
        self._set_unlocked_ui(False)
        page.viewer.installEventFilter(self)
        self.clipboard: SecureClipboard = SecureClipboard(
            QGuiApplication.clipboard(), self.settings.get(CLIPBOARD_SECONDS), self)
        self._idle_timer: QTimer = QTimer(self)
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

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        page = self._journal_page
        if page is not None and watched is page.viewer and event.type() == QEvent.Type.KeyPress:
            from PySide6.QtGui import QKeyEvent, QKeySequence

            if isinstance(event, QKeyEvent) and event.matches(QKeySequence.StandardKey.Copy):
                self.copy_selection()
                return True
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress,
                            QEvent.Type.MouseMove, QEvent.Type.Wheel):
            self._last_activity = self._clock()
            if refuse_wheel(watched, event):
                return True
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
        viewer = self.journal_page.viewer
        self.clipboard.copy(viewer.textCursor().selectedText().replace("\u2029", "\n"))

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
        from reflectjournal.ui.journal.editor_reads import draft_keeper

        for dialog in self.findChildren(QDialog):
            if dialog.isVisible():
                dialog.reject()
        keep = self.editing.unsaved_values()
        self._resume = _ViewState(self.entries.filter, self.entries.selected_id(),
                                  self.editing.is_editing, self.editing.editing_id(),
                                  self.editing.asked)
        # Content goes from the screen first: closing may wait for a running backup.
        self._on_locked()
        self.session.lock(draft_keeper(keep) if keep is not None else None)

    def _on_locked(self) -> None:
        """Show no content: clear every widget and model, and show the start view."""
        if self._journal_page is not None:
            self.entries.search_timer.stop()
            QToolTip.hideText()  # a tooltip may be showing a snippet
            self.clipboard.clear_if_ours()
            self.editing.forget()
            self._journal_page.clear()
            self._set_unlocked_ui(False)
        self.start.show_start()
        self._pages.setCurrentWidget(self.start)

    def show_preparing(self, message: str) -> None:
        """Show the journal page empty, with a message, while something prepares it."""
        self._pages.setCurrentWidget(self.journal_page)
        self.entries.tell(message)

    def show_journal(self, note: str = "") -> None:
        """Show the opened journal (used when it was opened without the start view)."""
        self._standing_note = note
        self._show_note("")
        self.start.set_hint(note)
        self._on_opened()

    def _show_note(self, key_file_warning: str) -> None:
        """Show the standing note (the demo's passphrase) and any key file warning."""
        self._notes["key file"] = key_file_warning
        self._update_note()

    def _show_backup_note(self, warning: str) -> None:
        self._notes["backup"] = warning
        self._update_note()

    def _update_note(self) -> None:
        text = "\n".join(t for t in (*self._notes.values(), self._standing_note) if t)
        self.journal_page.note.setText(text)
        self.journal_page.note.setVisible(bool(text))

    def check_key_file(self) -> None:
        """Tell, until it is replaced, that the recovery key slot is damaged."""
        from reflectjournal.ui.background.operations import query

        if not self.session.is_open:
            return
        (query(self.session, lambda journal: journal.key_file_warning())
         .success(self._show_note).failure(self.entries.show_error).run())

    def _check_backups(self) -> None:
        from reflectjournal.ui.background.operations import query

        if self.session.is_open:
            (query(self.session, lambda journal: "\n".join(journal.backups.status().warnings))
             .success(self._show_backup_note).failure(self.entries.show_error).run())

    def _on_opened(self) -> None:
        from reflectjournal.domain.search import EntryFilter
        from reflectjournal.ui.settings.automatic_backup import back_up_if_due

        page = self.journal_page
        self._last_activity = self._clock()
        self._set_unlocked_ui(True)
        self.check_key_file()
        self._pages.setCurrentWidget(page)
        resume, self._resume = self._resume, None
        self.entries.filter = resume.filter if resume else EntryFilter()
        self.entries.select_after_refresh(resume.selected if resume else None)
        self.entries.reload()
        # Queued after the list's count.
        reopen = resume is not None and resume.editing
        self.editing.check_drafts(reopen, resume.editing_id if resume else None,
                                  resume.asked if resume else ("", ""))
        back_up_if_due(self.session, self._show_backup_note)  # queued after the first page
        if not reopen:
            page.table.setFocus()

    def _set_unlocked_ui(self, unlocked: bool) -> None:
        self.journal_actions.set_unlocked(unlocked)
        for action in (*self.supervision.actions, *self.copies.actions, self.progress_action,
                       self.providers_action):
            action.setEnabled(unlocked)
        self.menuBar().setEnabled(True)

    def open_settings(self) -> None:
        """Show the settings dialog (a restore there refreshes views via journal_changed)."""
        from reflectjournal.ui.settings.dialog import SettingsDialog  # loaded on first use

        dialog = SettingsDialog(self.session, self.settings, self)
        dialog.settings_changed.connect(self.apply_settings)
        dialog.templates_requested.connect(lambda: self.editing.edit_template("", dialog))
        dialog.finished.connect(self.check_key_file)  # a new recovery key ends the warning
        dialog.finished.connect(self._check_backups)  # a backup made there ends its warning
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def open_import(self) -> None:
        """Show the import from another app; the list hears of new entries via journal_changed."""
        from reflectjournal.ui.journal.import_dialog import ImportDialog  # loaded on first use

        dialog = ImportDialog.open_for(self, self.session)
        dialog.imported.connect(lambda result: self.entries.tell(
            f"Imported {count_words(result.added, 'entry', 'entries')}"
            + (f"; {result.skipped:,} imported before were left as they were." if result.skipped
               else ".")))

    def open_progress(self) -> None:
        """Show progress toward Endorsement; the rules are read on the database thread."""
        from reflectjournal.ui.background.operations import query

        (query(self.session, lambda journal: journal.endorsement.rules)
         .success(self._show_progress).failure(self.entries.show_error).run())

    def open_providers(self) -> None:
        """Show the RSC provider records: history, contacts, merges."""
        from reflectjournal.ui.progress.providers_dialog import ProvidersDialog  # on first use

        self.providers_dialog = ProvidersDialog.open_for(self, self.session)  # for tests

    def _show_progress(self, rules: RuleSet) -> None:
        from reflectjournal.ui.copies.progress_copies import (  # on first use
            export_log_sheet,
            export_summary,
        )
        from reflectjournal.ui.progress.progress_dialog import ProgressDialog

        dialog = ProgressDialog(
            self.session, rules,
            lambda kind, options, parent: export_summary(kind, parent, self.session, options),
            lambda provider, parent: export_log_sheet(provider, parent, self.session), self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.show()
        self.progress_dialog: ProgressDialog = dialog  # the newest, for tests and screenshots

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

    def closeEvent(self, event: Any) -> None:
        self.lock()
        if self._journal_page is not None:
            self.clipboard.clear_if_ours()
        self.settings.set(GEOMETRY, self.saveGeometry())
        self.settings.sync()
        super().closeEvent(event)
