"""The trash: deleted entries kept for 30 days, to read, restore, or forget for good."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from reflectjournal.domain.text import entry_as_text
from reflectjournal.domain.versions import TRASH_DAYS, TrashedEntry
from reflectjournal.domain.visible import visible_controls
from reflectjournal.services.changes import ENTRIES, TRASH, Changes
from reflectjournal.ui.background.operations import change, query
from reflectjournal.ui.widgets.page_parts import (
    buddy_label,
    close_buttons,
    confirm,
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
    text_height,
    text_width,
    widen_for_columns,
)

if TYPE_CHECKING:
    from reflectjournal.domain.ids import EntryId
    from reflectjournal.domain.taxonomy import Catalog
    from reflectjournal.services.journal import Journal
    from reflectjournal.ui.background.session import JournalSession

EMPTY_NOTE = f"The trash is empty. Deleted entries stay here for {TRASH_DAYS} days."


def _trash(journal: Journal) -> tuple[list[TrashedEntry], dict[str, str], Catalog]:
    """Read what the dialog shows on the database thread."""
    return journal.entries.trash(), journal.tag_labels(), journal.catalog


class TrashTableModel(ValueTableModel):
    """The entries in the trash, the most recently deleted first."""

    COLUMNS = ("Title", "Entry date", "Deleted", "Kept until")

    def set_trashed(self, trashed: Sequence[TrashedEntry]) -> None:
        """Show these entries, in the order given."""
        self.set_values(trashed)

    def trashed(self, row: int) -> TrashedEntry | None:
        """Return the trashed entry on a row, if there is one."""
        found: TrashedEntry | None = self.value(row)
        return found

    def cell(self, item: TrashedEntry, column: int) -> Any:
        """Return a cell's text (dates local and in words)."""
        cells = (visible_controls(item.entry.title) or "(untitled)", f"{item.entry.date:%d %b %Y}",
                 f"{item.deleted_at.astimezone():%d %b %Y, %H:%M}",
                 f"{item.purged_after.astimezone():%d %b %Y}")
        return cells[column] if 0 <= column < len(cells) else None


class TrashDialog(QDialog):
    """Deleted entries: read one, restore it with its versions, or empty the trash."""

    entry_restored = Signal(str)  # the id of an entry back in the journal
    emptied = Signal()  # every trashed entry forgotten: nothing to undo any more

    def __init__(self, session: JournalSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._labels: dict[str, str] = {}
        self._catalog: Catalog | None = None
        self.setWindowTitle("Trash")
        self.model = TrashTableModel()
        # The title wraps rather than shrinking below its heading (large text).
        self.table = wrap_column(row_table(self.model, "Deleted entries"), 0)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.reader = plain_reader("Deleted entry")
        self.restore = quiet_button("&Restore entry", "Restore entry", self.restore_chosen)
        self.empty = quiet_button("&Empty trash…", "Empty trash", self.empty_trash)
        self.message = MessageLabel("Trash message")
        buttons = close_buttons(self, "Close trash")
        buttons.addButton(self.restore, buttons.ButtonRole.ActionRole)
        buttons.addButton(self.empty, buttons.ButtonRole.DestructiveRole)
        note = QLabel(f"Deleted entries are kept, encrypted in the journal, for {TRASH_DAYS} "
                      "days; then they and their versions are forgotten.")
        note.setWordWrap(True)
        listing = buddy_label("&Deleted entries, the most recent first", self.table)
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(self.reader)
        split.setSizes([480, 420])
        # Side by side while a line of ninety characters fits the screen; at the largest
        # text the list goes above the entry (beside it, its columns scrolled sideways).
        if text_width(self, 90) > screen_room(parent).width():
            split.setOrientation(Qt.Orientation.Vertical)
            split.setSizes([260, 240])
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(listing)
        layout.addWidget(split, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        tab_order(self.table, self.reader, self.restore, self.empty)
        fit_window(self, parent, 900, max(520, text_height(self, 16)))
        session.locked.connect(self.reject)
        session.journal_changed.connect(self._on_journal_changed)
        self.reload()

    @classmethod
    def open_for(cls, parent: QWidget | None, session: JournalSession,
                 restored: Callable[[EntryId], None], emptied: Callable[[], None]) -> TrashDialog:
        """Show the dialog window-modal over parent, telling restores and emptying."""
        dialog = cls(session, parent)
        dialog.entry_restored.connect(restored)
        dialog.emptied.connect(emptied)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def reload(self) -> None:
        """Read the trash again."""
        query(self._session, _trash).success(lambda r: self._show(*r)).telling(
            self.message).run()

    def _show(self, trashed: list[TrashedEntry], labels: dict[str, str],
              catalog: Catalog) -> None:
        self._labels, self._catalog = labels, catalog
        self.model.set_trashed(trashed)
        widen_for_columns(self, self.table, self.parentWidget())
        self.empty.setEnabled(bool(trashed))
        if trashed:
            self.table.selectRow(0)
        else:
            self._on_current_row_changed(QModelIndex(), QModelIndex())
            self.reader.setPlaceholderText(EMPTY_NOTE)
        self.table.setFocus()

    @Slot(object)
    def _on_journal_changed(self, changes: Changes) -> None:
        if changes.touches("trash"):
            self.reload()

    def chosen(self) -> TrashedEntry | None:
        """Return the trashed entry chosen in the list."""
        return self.model.trashed(self.table.currentIndex().row())

    @Slot("QModelIndex", "QModelIndex")
    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        chosen = self.model.trashed(current.row())
        self.restore.setEnabled(chosen is not None)
        if chosen is None or self._catalog is None:
            self.reader.clear()
            return
        self.reader.setPlainText(entry_as_text(chosen.entry, self._labels, self._catalog))

    def restore_chosen(self) -> None:
        """Put the chosen entry back into the journal."""
        chosen = self.chosen()
        if chosen is None or not self._session.is_open:
            return

        title = chosen.entry.title or "untitled"
        # The message follows the reload that the change sets off, which clears it.
        (change(self._session, lambda j: j.entries.restore_from_trash(chosen.entry.id),
                ENTRIES | TRASH)
         .success(lambda entry: self.entry_restored.emit(entry.id))
         .afterwards(lambda: self.message.setText(f"“{title}” is back in the journal."))
         .telling(self.message).run())

    def empty_trash(self) -> None:
        """Forget every entry in the trash, after asking."""
        count = self.model.rowCount()
        if count == 0 or not self._session.is_open:
            return
        entries = "the entry" if count == 1 else f"all {count} entries"
        if not confirm(self, "Empty trash",
                       f"Forget {entries} in the trash and every saved version of "
                       f"{'it' if count == 1 else 'them'}? This cannot be undone.",
                       "Empty trash"):
            return

        (change(self._session, lambda j: j.entries.empty_trash(), TRASH)
         .success(lambda _count: self.emptied.emit())
         .afterwards(lambda: self.message.setText("Emptied: those entries are gone for good."))
         .telling(self.message).run())

    def done(self, result: int) -> None:
        """Close, leaving no entry text behind in the dialog's widgets."""
        self.model.set_trashed([])
        self.reader.clear()
        super().done(result)
