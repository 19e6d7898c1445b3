"""The top of the editor: the entry's kind, date, title, duration and star, as one form."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QLineEdit

from reflectjournal.domain.taxonomy import EntryKind
from reflectjournal.ui.journal.field_widgets import MinutesSpin
from reflectjournal.ui.widgets.date_field import DateField


class EntryHeader:
    """Builds the header's controls; the editor reads and fills them."""

    def __init__(self, kinds: Sequence[EntryKind]) -> None:
        self.form = QFormLayout()
        self.kind = QComboBox()
        self.kind.setAccessibleName("Entry kind")
        for kind in kinds:
            self.kind.addItem(kind.label, kind.id)
            self.kind.setItemData(self.kind.count() - 1, kind.description,
                                  Qt.ItemDataRole.ToolTipRole)
        self.date = DateField("Date")  # one Tab stop, not three
        self.title = QLineEdit()
        self.title.setAccessibleName("Title")
        self.title.setPlaceholderText("A few words you will recognise later (no names)")
        self.duration = MinutesSpin("Duration")
        self.duration_label = QLabel("D&uration:")
        self.duration_label.setBuddy(self.duration)
        self.starred = QCheckBox("St&ar this entry")  # Alt+S is Save
        self.starred.setAccessibleName("Starred")
        self.form.addRow("&Kind:", self.kind)
        self.form.addRow("&Date:", self.date)
        self.form.addRow("&Title:", self.title)
        self.form.addRow(self.duration_label, self.duration)
        self.form.addRow("", self.starred)

    def show_duration(self, shown: bool) -> None:
        """Show the duration only for kinds that count minutes."""
        self.duration.setVisible(shown)
        self.duration_label.setVisible(shown)
