"""The Supervision menu: contacts, sharing, opening bundles (also dropped ones), review.

The window hands it what it needs from the journal page as callables (what an action acts
on, the listed filter and search, the status line), since feature packages do not import
each other. Opening a bundle is a change through the operations seam, so the journal page
refreshes from `journal_changed` and this menu refreshes nothing itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject

from reflectjournal.ui.background.session import JournalSession, user_message
from reflectjournal.ui.widgets.action import make_action

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMainWindow, QMenu

    from reflectjournal.domain.action_target import ActionTarget
    from reflectjournal.domain.ids import EntryId
    from reflectjournal.domain.search import EntryFilter
    from reflectjournal.services.journal import Journal


class SupervisionMenu(QObject):
    """Builds the Supervision menu's actions on the window and opens their dialogs."""

    def __init__(self, window: QMainWindow, session: JournalSession, menu: QMenu, *,
                 target: Callable[[], ActionTarget],
                 listed: Callable[[], tuple[EntryFilter, str]],
                 tell: Callable[[str], None]) -> None:
        super().__init__(window)
        self._window = window
        self._session = session
        self._target = target
        self._listed = listed
        self._tell = tell
        self.contacts_action = make_action(window, "&Contacts and pairing…", "",
                                           self.open_contacts)
        self.share_action = make_action(window, "&Share selected entries…", "Ctrl+Shift+S",
                                        self.share_selected, "share")
        self.share_listed_action = make_action(window, "Share &listed entries…", "",
                                               self.share_listed)
        self.open_bundle_action = make_action(window, "&Open a bundle…", "Ctrl+O",
                                              self.open_bundle)
        self.review_action = make_action(window, "&Review shared entries…", "Ctrl+R",
                                         self.open_review)
        self.claims_action = make_action(window, "Unverified claims and &held sessions…", "",
                                         self.open_claims)
        self.attest_action = make_action(window, "&Attest a period of supervision…", "",
                                         self.open_attest)
        self.agenda_action = make_action(window, "Supervision a&genda…", "", self.open_agenda)
        self.agenda_action.setToolTip("Questions and entries to bring, open until answered")
        self.actions: list[QAction] = [self.contacts_action, self.share_action,
                                       self.share_listed_action, self.open_bundle_action,
                                       self.review_action, self.agenda_action,
                                       self.claims_action, self.attest_action]
        for action in self.actions:
            menu.addAction(action)
        window.setAcceptDrops(True)  # a bundle dropped on the window is opened
        window.installEventFilter(self)

    def open_contacts(self) -> None:
        """Show the contacts, pairing codes and the watch-list."""
        from reflectjournal.ui.sharing.contacts_dialog import ContactsDialog

        ContactsDialog.open_for(self._window, self._session)

    def share_selected(self) -> None:
        """Share what an action acts on: the entry shown, or a selection that includes it.

        The check and the preview come first, and the preview names every entry that leaves.
        """
        target = self._target()
        if not target.entry_ids:
            self._tell(target.problem or "Select the entries to share first.")
            return
        self._share(list(target.entry_ids))

    def share_listed(self) -> None:
        """Share every entry the list shows (the current filter and search)."""
        from reflectjournal.domain.bundle import MAX_ENTRIES as MAX_SHARED

        where, query = self._listed()

        def listed(journal: Journal) -> list[EntryId]:
            rows = (journal.search(query, where, limit=MAX_SHARED + 1) if query.strip()
                    else journal.list_entries(where, limit=MAX_SHARED + 1))
            return [r.id for r in rows]

        def chosen(ids: list[EntryId]) -> None:
            if len(ids) > MAX_SHARED:
                self._tell(f"A bundle holds at most {MAX_SHARED} entries; narrow the "
                           "list with a filter or a search first.")
            elif ids:
                self._share(ids)
        self._session.call(listed, chosen, lambda error: self._tell(user_message(error)))

    def _share(self, ids: list[EntryId]) -> None:
        from reflectjournal.ui.sharing.share_dialog import ShareDialog

        ShareDialog.open_for(self._window, self._session, ids)

    def open_bundle(self, path: Path | None = None) -> None:
        """Open a bundle of shared entries or of comments (asks for the file if not given)."""
        from reflectjournal.ui.sharing.receive_bundle import open_bundle

        open_bundle(self._window, self._session, path)

    def open_review(self) -> None:
        """Show the entries others shared, to read, comment and confirm sessions."""
        from reflectjournal.ui.sharing.review_dialog import ReviewDialog

        ReviewDialog.open_for(self._window, self._session)

    def open_agenda(self) -> None:
        """Show the open questions and marks of the next supervision."""
        from reflectjournal.ui.sharing.agenda_dialog import AgendaDialog

        AgendaDialog.open_for(self._window, self._session)

    def open_claims(self) -> None:
        """Show the session confirmations held for the user's decision (they count for none)."""
        from reflectjournal.ui.sharing.claims_dialog import ClaimsDialog

        ClaimsDialog.open_for(self._window, self._session)

    def open_attest(self) -> None:
        """Sign a period attestation for a supervisee (the supervisor's side, spec 2.7)."""
        from reflectjournal.ui.sharing.attest_dialog import AttestDialog

        self.attest_dialog = AttestDialog.open_for(self._window, self._session)  # for tests

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Open a bundle file dropped on the window while the journal is open."""
        if watched is self._window and event.type() in (QEvent.Type.DragEnter,
                                                         QEvent.Type.Drop):
            from PySide6.QtGui import QDropEvent

            from reflectjournal.ui.sharing.receive_bundle import bundle_paths_from_mime

            if isinstance(event, QDropEvent) and self._session.is_open:
                paths = bundle_paths_from_mime(event.mimeData())
                if paths:
                    event.acceptProposedAction()
                    if event.type() == QEvent.Type.Drop:
                        self.open_bundle(paths[0])
                    return True
        return super().eventFilter(watched, event)
