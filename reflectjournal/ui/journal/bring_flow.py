"""Entry > Bring to supervision (Ctrl+Shift+B) and the reading pane's button, on the entry read.

The mark is an agenda item until the user says the entry was talked about: the same action
again takes it off (docs/sharing.md, "The supervision loop"). The work runs on the database
thread; the reading pane shows the result.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from reflectjournal.ui.background.operations import query

if TYPE_CHECKING:
    from reflectjournal.ui.background.session import JournalSession
    from reflectjournal.ui.journal.journal_page import JournalPage
    from reflectjournal.ui.journal.list_controller import EntryListController


class BringFlow(QObject):
    """Marks the entry read to bring to supervision, or takes the mark off."""

    marks_changed = Signal()

    def __init__(self, session: JournalSession, entries: EntryListController,
                 page: JournalPage) -> None:
        super().__init__(page)
        self._session = session
        self._entries = entries
        self._page = page
        page.bring_button.clicked.connect(self.toggle)

    def toggle(self) -> None:
        """Mark the entry read, or (marked already) take it off the agenda."""
        target = self._entries.target()
        if target.is_selection or not target.entry_ids:
            self._entries.tell(target.problem or "Choose one entry first.")
            return
        entry_id = target.entry_ids[0]
        marked = self._page.brought if self._page.shown_id == entry_id else False

        def done(_changed: bool) -> None:
            if self._page.shown_id == entry_id:
                self._page.set_brought(not marked)
            self._page.notice.show_notice(
                "Taken off your supervision agenda." if marked else
                "On your supervision agenda until you mark it talked about; shared, it tells "
                "your supervisor you want to bring it.")
            self.marks_changed.emit()

        work = ((lambda j: j.loop.bring_done(entry_id)) if marked
                else (lambda j: j.loop.bring(entry_id)))
        query(self._session, work).success(done).failure(self._entries.show_error).run()
