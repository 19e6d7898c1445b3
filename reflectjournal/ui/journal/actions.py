"""The journal's actions: the Journal, Entry and Go menus, the toolbar, their shortcuts."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QSizePolicy, QWidget

from reflectjournal.domain.taxonomy import Catalog
from reflectjournal.ui.journal.confirmation_flow import ConfirmationFlow
from reflectjournal.ui.journal.editing import EditingFlow
from reflectjournal.ui.journal.journal_page import JournalPage
from reflectjournal.ui.journal.list_controller import EntryListController
from reflectjournal.ui.widgets.action import make_action


class JournalActions(QObject):
    """Builds the journal's actions on the window, into its menus and a toolbar."""

    def __init__(self, window: QMainWindow, menus: tuple[QMenu, QMenu, QMenu],
                 catalog: Catalog, page: JournalPage, entries: EntryListController,
                 editing: EditingFlow, *, open_settings: Callable[[], None],
                 lock: Callable[[], None], open_import: Callable[[], None],
                 confirmation: ConfirmationFlow, bring: Callable[[], None]) -> None:
        super().__init__(window)
        self._editing = editing
        self._unlocked = False
        journal_menu, edit_menu, go_menu = menus

        self.new_action = make_action(window, "&New entry…", QKeySequence.StandardKey.New,
                                      editing.ask_new_entry, "new-entry")
        self.edit_action = make_action(window, "&Edit entry", "Ctrl+E", editing.edit_current,
                                       "edit")
        self.save_action = make_action(window, "&Save entry", QKeySequence.StandardKey.Save,
                                       editing.save_shortcut)
        self.delete_action = make_action(window, "&Delete entry",
                                         QKeySequence.StandardKey.Delete,
                                         editing.delete_current, "delete")
        self.undo_delete_action = make_action(window, "&Undo delete",
                                              QKeySequence.StandardKey.Undo,
                                              editing.undo_delete, "undo")
        self.history_action = make_action(window, "Entry &history…", "Ctrl+Shift+H",
                                          editing.show_history)
        self.trash_action = make_action(window, "&Trash…", "Ctrl+Shift+T", editing.show_trash)
        # Where a provider's signature locks a session's hours (spec 2.9 item 13).
        self.note_action = make_action(window, "Add a dated &note…", "",
                                       confirmation.add_note)
        self.note_action.setToolTip("A dated note beside the entry; signed hours stay as "
                                    "your provider confirmed them")
        self.unlink_action = make_action(window, "Un&link confirmation…", "",
                                         confirmation.unlink)
        self.unlink_action.setToolTip("Detach your provider's signature from a session so "
                                      "its date, minutes and format can be edited")
        # The supervision loop: an agenda item until talked about (ui/journal/bring_flow.py).
        self.bring_action = make_action(window, "&Bring to supervision", "Ctrl+Shift+B", bring)
        self.bring_action.setToolTip("Put the entry on your supervision agenda, or take it "
                                     "off once talked about")
        self.templates_action = make_action(window, "Te&mplates…", "",
                                            lambda: editing.edit_template())
        self.template_from_entry_action = make_action(
            window, "Make a template &from this entry", "", editing.template_from_current)
        self.show_id_action = make_action(window, "Show entry &id", "Ctrl+Shift+I",
                                          lambda: self._on_show_id(page))
        self.show_id_action.setCheckable(True)
        self.find_action = make_action(window, "&Search", QKeySequence.StandardKey.Find,
                                       entries.focus_search, "search")
        self.next_action = make_action(window, "&Next entry", "Ctrl+PgDown",
                                       lambda: entries.step(1))
        self.previous_action = make_action(window, "&Previous entry", "Ctrl+PgUp",
                                           lambda: entries.step(-1))
        self.filters_action = make_action(window, "&Filters", "Ctrl+1",
                                          page.show_filters)
        self.list_action = make_action(window, "Entry &list", "Ctrl+2",
                                       lambda: page.table.setFocus())
        # New entry asks the kind: its menu (the toolbar arrow, or Journal > New entry)
        # lists them; Ctrl+N asks it, the last one chosen selected.
        self.new_kind_menu = QMenu("New entry", window)
        for number, kind in enumerate(catalog.kinds, start=1):
            choice = self.new_kind_menu.addAction(f"&{number} {kind.label}")
            choice.setToolTip(kind.description)
            choice.triggered.connect(lambda _=False, kind_id=kind.id: editing.new_entry(kind_id))
        self.new_action.setMenu(self.new_kind_menu)
        self.settings_action = make_action(window, "S&ettings…", "Ctrl+,", open_settings,
                                           "settings")
        # Escape leaves what one is in: the editor (asking first if unsaved), else the search.
        self.escape_action = make_action(window, "Close the editor or clear the search",
                                         "Escape", lambda: self._on_escape(page, entries))
        self.help_action = make_action(window, "&Keyboard shortcuts…",
                                       QKeySequence.StandardKey.HelpContents,
                                       lambda: self._on_help(window))
        self.lock_action = make_action(window, "&Lock", "Ctrl+L", lock, "lock")
        # The app has no File menu: importing lives in the Journal menu, beside the trash.
        self.import_action = make_action(window, "&Import from another app…", "",
                                         open_import)
        self.quit_action = make_action(window, "&Quit", QKeySequence.StandardKey.Quit,
                                       window.close)
        for action in (self.new_action, self.find_action, self.trash_action,
                       self.import_action, self.settings_action, self.lock_action):
            journal_menu.addAction(action)
        journal_menu.addSeparator()
        journal_menu.addAction(self.quit_action)
        for action in (self.edit_action, self.save_action, self.history_action,
                       self.delete_action, self.undo_delete_action, self.show_id_action,
                       self.templates_action, self.template_from_entry_action):
            edit_menu.addAction(action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.bring_action)
        edit_menu.addAction(self.note_action)
        edit_menu.addAction(self.unlink_action)
        for action in (self.next_action, self.previous_action, self.filters_action,
                       self.list_action):
            go_menu.addAction(action)
        window.menuBar().addMenu("&Help").addAction(self.help_action)
        # Shown only while unlocked: locked, every button on it is disabled, and a toolbar
        # arriving after the first frame would push the unlock form down.
        toolbar = self.toolbar = window.addToolBar("Main")
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
        self._unlocked_only = [
            self.new_action, self.edit_action, self.save_action, self.delete_action,
            self.history_action, self.trash_action, self.find_action, self.next_action,
            self.previous_action, self.filters_action, self.list_action, self.settings_action,
            self.lock_action, self.import_action, self.show_id_action, self.escape_action,
            self.note_action, self.unlink_action, self.bring_action,
            self.templates_action, self.template_from_entry_action,
        ]
        editing.undo_changed.connect(self._on_undo_changed)
        self.set_unlocked(False)

    def set_unlocked(self, unlocked: bool) -> None:
        """Show the toolbar and enable the actions while the journal is open."""
        self._unlocked = unlocked
        self.toolbar.setVisible(unlocked)
        for action in self._unlocked_only:
            action.setEnabled(unlocked)
        self._on_undo_changed(self._editing.can_undo)

    def _on_escape(self, page: JournalPage, entries: EntryListController) -> None:
        if self._editing.is_editing:
            self._editing.close_editor()  # may ask first, and the answer may be Cancel
            if page.detail.currentWidget() is page.viewer:
                page.table.setFocus()
        elif page.search_box.text():
            page.search_box.clear()
            entries.refresh()
            page.search_box.setFocus()
        else:
            page.close_filters()  # the narrow layout's filters, opened beside the list

    def _on_help(self, window: QMainWindow) -> None:
        from reflectjournal.ui.journal.help_dialog import HelpDialog  # loaded on first use

        HelpDialog.open_for(window, window.actions())

    def _on_show_id(self, page: JournalPage) -> None:
        """Show or hide the short id in the reading pane (for `reflectjournal show ID`)."""
        page.show_ids = self.show_id_action.isChecked()
        page.show_again()

    def _on_undo_changed(self, can_undo: bool) -> None:
        self.undo_delete_action.setEnabled(self._unlocked and can_undo)
