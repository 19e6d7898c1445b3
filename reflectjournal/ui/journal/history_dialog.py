"""An entry's history: every saved version, what differs from the current, and restore.

Restoring saves the chosen version again as the newest, so the history only grows and
restoring can itself be undone from here. Reads and the restore run on the database thread.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from reflectjournal.domain.text import entry_as_text
from reflectjournal.domain.versions import EntryVersion, changed_fields, differences_text
from reflectjournal.domain.visible import visible_controls
from reflectjournal.services.changes import DRAFTS, ENTRIES
from reflectjournal.ui.background.operations import change, query
from reflectjournal.ui.widgets.page_parts import (
    close_buttons,
    plain_reader,
    quiet_button,
    tab_order,
)
from reflectjournal.ui.widgets.passphrase_field import MessageLabel
from reflectjournal.ui.widgets.table_fit import wrap_column
from reflectjournal.ui.widgets.value_table import ValueTableModel, row_table
from reflectjournal.ui.widgets.window_room import (
    fit_window,
    screen_room,
    text_width,
    widen_for_columns,
)

if TYPE_CHECKING:
    from reflectjournal.domain.entry import Entry
    from reflectjournal.domain.ids import EntryId
    from reflectjournal.domain.taxonomy import Catalog
    from reflectjournal.services.journal import Journal
    from reflectjournal.ui.background.session import JournalSession

History = tuple[list[EntryVersion], dict[str, str], "Catalog"]


def _history(entry_id: EntryId) -> Callable[[Journal], History]:
    """Return the query for the dialog: the versions, tag labels and the catalog."""
    return lambda journal: (journal.entries.history(entry_id), journal.tag_labels(),
                            journal.catalog)


class VersionTableModel(ValueTableModel):
    """The saved versions of one entry, the newest first."""

    COLUMNS = ("Version", "Saved", "Title")

    def set_versions(self, versions: Sequence[EntryVersion]) -> None:
        """Show these versions, the newest first."""
        self.set_values(sorted(versions, key=lambda v: -v.number))

    def version(self, row: int) -> EntryVersion | None:
        """Return the version on a row, if there is one."""
        found: EntryVersion | None = self.value(row)
        return found

    def cell(self, version: EntryVersion, column: int) -> Any:
        """Return a cell's text: the number (and whether current), local time, title."""
        number = f"{version.number} (current)" if version.current else str(version.number)
        saved = f"{version.saved_at.astimezone():%d %b %Y, %H:%M}"
        cells = (number, saved, visible_controls(version.entry.title) or "(untitled)")
        return cells[column] if 0 <= column < len(cells) else None


class HistoryDialog(QDialog):
    """The versions of one entry, the chosen one against the current, and restore."""

    version_restored = Signal(str)  # the entry's id, once a version is its newest again

    def __init__(self, session: JournalSession, entry_id: EntryId,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._entry_id = entry_id
        self._labels: dict[str, str] = {}
        self._catalog: Catalog | None = None
        # Never the entry's title: window titles show in task bars, switchers and
        # screen sharing, outside the journal (security.md's leak checklist).
        self.setWindowTitle("Entry history")
        self.model = VersionTableModel()
        # The title wraps rather than shrinking below its heading (large text).
        self.table = wrap_column(row_table(self.model, "Saved versions", stretch=2), 2)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.version_text = plain_reader("Chosen version")
        self.differences = plain_reader("Differences from the current version")
        self.restore = quiet_button("&Restore this version", "Restore this version",
                                    self.restore_chosen)
        self.restore.setEnabled(False)
        self.message = MessageLabel("History message")
        buttons = close_buttons(self, "Close history")
        buttons.addButton(self.restore, buttons.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self._body())
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        tab_order(self.table, self.version_text, self.differences, self.restore)
        fit_window(self, parent, 900, 600)
        session.locked.connect(self.reject)
        self.reload()

    @classmethod
    def open_for(cls, parent: QWidget | None, session: JournalSession, entry_id: EntryId,
                 restored: Callable[[EntryId], None]) -> HistoryDialog:
        """Show the dialog window-modal over parent; restored hears each restored entry."""
        dialog = cls(session, entry_id, parent)
        dialog.version_restored.connect(restored)
        # open(), not exec(): no nested event loop, and locking can close it at once.
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _body(self) -> QWidget:
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        for label, reader in (("&This version", self.version_text),
                              ("&What differs from the current version", self.differences)):
            title = QLabel(label)
            title.setWordWrap(True)
            title.setBuddy(reader)
            column.addWidget(title)
            column.addWidget(reader, 1)
        left = QWidget()
        listing = QVBoxLayout(left)
        listing.setContentsMargins(0, 0, 0, 0)
        title = QLabel("&Saved versions, newest first")
        title.setWordWrap(True)
        title.setBuddy(self.table)
        listing.addWidget(title)
        listing.addWidget(self.table)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([360, 540])
        # Side by side while a line of ninety characters fits the screen; at the largest
        # text the list goes above the texts (side by side it needed 1432 px, its dates cut).
        if text_width(self, 90) > screen_room(self.parentWidget()).width():
            split.setOrientation(Qt.Orientation.Vertical)
            split.setSizes([240, 330])
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(split)
        return box

    def reload(self, choose: int | None = None) -> None:
        """Read the versions again; choose that version number, or the one before current."""
        (query(self._session, _history(self._entry_id))
         .success(lambda result: self._show(*result, choose=choose))
         .telling(self.message).run())

    def _show(self, versions: list[EntryVersion], labels: dict[str, str], catalog: Catalog,
              *, choose: int | None) -> None:
        self._labels, self._catalog = labels, catalog
        self.model.set_versions(versions)
        widen_for_columns(self, self.table, self.parentWidget())
        current = versions[-1]
        wanted = choose if choose is not None else max(1, current.number - 1)
        row = max(0, self.model.row_where(lambda v: v.number == wanted))
        self.table.selectRow(row)
        self.table.setFocus()

    def chosen(self) -> EntryVersion | None:
        """Return the version chosen in the list."""
        return self.model.version(self.table.currentIndex().row())

    @Slot("QModelIndex", "QModelIndex")
    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        chosen = self.model.version(current.row())
        newest = self.model.version(0)
        if chosen is None or newest is None or self._catalog is None:
            self.version_text.clear()
            self.differences.clear()
            self.restore.setEnabled(False)
            return
        self.version_text.setPlainText(entry_as_text(chosen.entry, self._labels, self._catalog))
        if chosen.current:
            self.differences.setPlainText("This is the entry as it is now.")
        else:
            changes = changed_fields(chosen.entry, newest.entry, self._labels, self._catalog)
            self.differences.setPlainText(differences_text(
                changes, f"version {chosen.number}", f"current ({newest.number})"))
        self.restore.setEnabled(not chosen.current)

    def restore_chosen(self) -> None:
        """Save the chosen version again as the entry's newest."""
        chosen = self.chosen()
        if chosen is None or chosen.current or not self._session.is_open:
            return

        def restored(entry: Entry) -> None:
            self.version_restored.emit(entry.id)
            self.reload(choose=None)
            self.message.setText(f"Version {chosen.number} is the entry again, saved as "
                                 "its newest version. Every earlier version is kept.")
        (change(self._session,
                lambda j: j.entries.restore_version(self._entry_id, chosen.number),
                ENTRIES | DRAFTS)
         .success(restored).telling(self.message).busy(self.restore, "Restoring…").run())

    def done(self, result: int) -> None:
        """Close, leaving no entry text behind in the dialog's widgets."""
        self.model.set_versions([])
        self.version_text.clear()
        self.differences.clear()
        super().done(result)
