"""A slim bar above the list for notices that offer a choice (undo a delete, a kept draft)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton


class NoticeBar(QFrame):
    """One message with up to a few buttons; hidden when there is nothing to say."""

    def __init__(self) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Notice")
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(8, 4, 8, 4)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self._row.addWidget(self.message, stretch=1)
        self._buttons: list[QPushButton] = []
        self.hide()

    def show_notice(self, text: str, *actions: tuple[str, Callable[[], object]]) -> None:
        """Show text with buttons (label, action); any button also closes the bar."""
        self.dismiss()
        self.message.setText(text)
        for label, action in actions:
            button = QPushButton(label)
            button.setAccessibleName(label.replace("&", ""))
            button.clicked.connect(lambda _=False, act=action: self._run(act))
            self._row.addWidget(button)
            self._buttons.append(button)
        self.show()

    def buttons(self) -> list[QPushButton]:
        """Return the current buttons (for tests and focus)."""
        return list(self._buttons)

    def dismiss(self) -> None:
        """Hide the bar and drop its buttons."""
        for button in self._buttons:
            button.hide()
            button.setParent(None)
            button.deleteLater()
        self._buttons.clear()
        self.message.clear()
        self.hide()

    def _run(self, action: Callable[[], object]) -> None:
        self.dismiss()
        action()
