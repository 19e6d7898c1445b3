"""Before a copy of entries is written: what the identifier check found in it, to decide on.

A copy is the user's own file, so nothing is redacted here: the list says what the check
found and why, and the user either goes back to edit (Cancel, the default) or writes anyway.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QVBoxLayout,
    QWidget,
)

from reflectjournal.domain.deidentify import kind_words
from reflectjournal.domain.share_selection import LocatedFlag
from reflectjournal.ui.widgets.page_parts import quiet_button
from reflectjournal.ui.widgets.value_table import ValueListModel
from reflectjournal.ui.widgets.window_room import fit_window, text_height, text_width
from reflectjournal.ui.widgets.wording import count_words

REVIEW_NOTE = (
    "The check helps you spot names, places, dates and numbers; it cannot promise to find "
    "them all. Nothing is redacted in a copy: cancel to edit the entries, or create the copy "
    "as it is."
)
_PARTS = {"title": "Title", "body": "Reflection text", "answer": "Prompt answer",
          "field": "Field", "tag": "Tags", "comment": "Comment received"}


class CopyFlagModel(ValueListModel):
    """The flags found in a copy, one a row: the text, what kind, where, and why.

    A list of wrapped rows rather than a table: at the largest text size a table's
    reason column was cut off, and the reason is what the user has to read.
    """

    def __init__(self, titles: Mapping[str, str]) -> None:
        super().__init__()
        self._titles = dict(titles)

    def text(self, value: Any) -> str:
        """Return a flag as two lines: what and where, then why."""
        located: LocatedFlag = value
        title = self._titles.get(located.entry_id or "", "") or "Untitled entry"
        part = _PARTS.get(located.location.partition(":")[0], located.location)
        return (f"\u201c{located.flag.text}\u201d: {kind_words(located.flag.kind)}, in "
                f"{title} \u00b7 {part}\nWhy: {located.flag.why}")


class CopyCheckDialog(QDialog):
    """The flags found in a copy, with Cancel (the default) and Create copy anyway."""

    def __init__(self, flags: Sequence[LocatedFlag], titles: Mapping[str, str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Possible identifiers in this copy")
        found = count_words(len(flags), "possible identifier", "possible identifiers")
        heading = QLabel(f"The check found {found} in this copy.")
        heading.setAccessibleName("What the check found")
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setWordWrap(True)
        note = QLabel(REVIEW_NOTE)
        note.setWordWrap(True)
        note.setTextFormat(Qt.TextFormat.PlainText)
        self.model = CopyFlagModel(titles)
        self.model.set_values(flags)
        self.table = QListView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Possible identifiers in this copy")
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.cancel = quiet_button("&Cancel", "Cancel", self.reject)
        self.write = quiet_button("Create copy &anyway", "Create copy anyway", self.accept)
        self.cancel.setDefault(True)
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(self.write)
        row.addWidget(self.cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        layout.addLayout(row)
        # Tall enough for a few flags below the wrapped sentences at any text size (at the
        # largest, 420 px left the list one line and the window 1107 px wide).
        fit_window(self, parent, max(760, text_width(self, 50)), max(420, text_height(self, 16)))
        self.cancel.setFocus()

    def done(self, result: int) -> None:
        """Forget the flagged text, then close."""
        self.model.set_values([])
        super().done(result)


def review_copy_flags(
    parent: QWidget | None, flags: Sequence[LocatedFlag], titles: Mapping[str, str]
) -> bool:
    """Show what the check found; return whether the user chose to write the copy anyway."""
    dialog = CopyCheckDialog(flags, titles, parent)
    chosen = dialog.exec() == QDialog.DialogCode.Accepted
    dialog.deleteLater()
    return chosen
