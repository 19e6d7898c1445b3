"""The unencrypted copies' menu: a PDF, a supervision agenda or Markdown of chosen entries."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from reflectjournal.ui.background.session import JournalSession
from reflectjournal.ui.copies.copy_kind import CopyKind
from reflectjournal.ui.widgets.action import make_action

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMainWindow, QMenu

    from reflectjournal.domain.action_target import ActionTarget


class CopiesMenu(QObject):
    """Builds the copies' actions into a menu; each asks what an action acts on."""

    def __init__(self, window: QMainWindow, session: JournalSession, menu: QMenu, *,
                 target: Callable[[], ActionTarget],
                 tell: Callable[[str], None]) -> None:
        super().__init__(window)
        self._window = window
        self._session = session
        self._target = target
        self._tell = tell
        self.pdf_action = make_action(window, "&PDF of selected entries…", "",
                                      lambda: self.export(CopyKind.ENTRIES_PDF))
        self.agenda_action = make_action(window, "Supervision &agenda (PDF)…", "",
                                         lambda: self.export(CopyKind.AGENDA_PDF))
        self.markdown_action = make_action(window, "&Markdown of selected entries…", "",
                                           lambda: self.export(CopyKind.MARKDOWN))
        self.actions: list[QAction] = [self.pdf_action, self.agenda_action,
                                       self.markdown_action]
        for action in self.actions:
            menu.addAction(action)

    def export(self, kind: CopyKind) -> None:
        """Copy the entry shown, or a selection that includes it, after warning and asking where."""
        from reflectjournal.ui.copies.print_export import export_copy

        target = self._target()
        if not target.entry_ids:
            self._tell(target.problem or "Select the entries for the copy first.")
            return
        export_copy(kind, self._window, self._session, list(target.entry_ids))
