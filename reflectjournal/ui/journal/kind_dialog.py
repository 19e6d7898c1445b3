"""New entry asks the kind first, the last one chosen already selected (Enter takes it)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reflectjournal.domain.taxonomy import EntryKind

_ID = Qt.ItemDataRole.UserRole


class KindDialog(QDialog):
    """A list of the entry kinds with their descriptions; Enter or a double click chooses."""

    def __init__(self, parent: QWidget, kinds: Sequence[EntryKind], selected: str) -> None:
        super().__init__(parent)
        self.setWindowTitle("New entry")
        layout = QVBoxLayout(self)
        question = QLabel("What kind of entry?")
        self.kinds = QListWidget()
        self.kinds.setAccessibleName("Entry kind")
        question.setBuddy(self.kinds)
        for kind in kinds:
            item = QListWidgetItem(f"{kind.label}\n{kind.description}")
            item.setData(_ID, kind.id)
            item.setToolTip(kind.description)
            self.kinds.addItem(item)
            if kind.id == selected:
                self.kinds.setCurrentItem(item)
        if self.kinds.currentItem() is None:
            self.kinds.setCurrentRow(0)
        self.kinds.setWordWrap(True)
        self.kinds.itemDoubleClicked.connect(self.accept)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("&Write")
        ok.setAccessibleName("Write an entry of this kind")
        ok.setDefault(True)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(question)
        layout.addWidget(self.kinds)
        layout.addWidget(buttons)
        # Tall enough for every kind, so choosing needs no scrolling, but never taller or
        # wider than the window it opens over (at the largest text size the list scrolls).
        lines = self.fontMetrics().lineSpacing()
        room = parent.window().size()
        self.kinds.setMinimumHeight(min(len(kinds) * (2 * lines + 8) + 8,
                                        room.height() - 6 * lines))
        self.kinds.setMinimumWidth(min(self.fontMetrics().averageCharWidth() * 48,
                                       room.width() - 4 * lines))
        self.kinds.setFocus()

    def chosen(self) -> str:
        """Return the id of the kind selected."""
        item = self.kinds.currentItem()
        return str(item.data(_ID)) if item is not None else ""

    @classmethod
    def ask(cls, parent: QWidget, kinds: Sequence[EntryKind], selected: str,
            then: Callable[[str], None]) -> KindDialog:
        """Show the question window-modally; then(kind id) runs if the user chooses one.

        Opened, not exec'd: locking must be able to close it (MainWindow.lock rejects
        every open dialog) and the event loop keeps running.
        """
        dialog = cls(parent, kinds, selected)

        @Slot(int)
        def finished(result: int) -> None:
            parent.window().activateWindow()  # typing goes on there, not into nowhere
            if result == QDialog.DialogCode.Accepted and dialog.chosen():
                then(dialog.chosen())
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()
        return dialog
