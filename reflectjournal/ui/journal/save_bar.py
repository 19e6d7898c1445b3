"""The editor's bottom row: what state the entry is in, Close and Save."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QSizePolicy, QWidget

# Less room than this beside the buttons and the state goes on its own line above them:
# squeezed, "New entry not saved yet" wrapped to one word a line at the largest text size.
STATE_CHARS = 20


class SaveBar(QWidget):
    """Builds the row; the editor connects the buttons and sets the state text."""

    def __init__(self) -> None:
        super().__init__()
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setColumnStretch(0, 1)
        self.state = QLabel("")
        self.state.setTextFormat(Qt.TextFormat.PlainText)  # errors may quote typed values
        # Wrapping, and no say in the pane's width: a long message must not shove the
        # splitter and squeeze the list.
        self.state.setWordWrap(True)
        self.state.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.state.setAccessibleName("Save state")
        self.close_button = QPushButton("Close")
        self.close_button.setAccessibleName("Close editor")
        self.save = QPushButton("&Save")
        self.save.setAccessibleName("Save entry")
        self.save.setToolTip("Save entry (Ctrl+S)")
        self._stacked: bool | None = None
        self._place(stacked=False)

    @property
    def stacked(self) -> bool:
        """Return whether the state has a line of its own above the buttons."""
        return bool(self._stacked)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        buttons = (self.close_button.sizeHint().width() + self.save.sizeHint().width()
                   + 2 * max(self._grid.horizontalSpacing(), 0))
        room = event.size().width() - buttons
        self._place(room < STATE_CHARS * self.fontMetrics().averageCharWidth())

    def _place(self, stacked: bool) -> None:
        if stacked == self._stacked:
            return
        self._stacked = stacked
        for widget in (self.state, self.close_button, self.save):
            self._grid.removeWidget(widget)
        if stacked:
            self._grid.addWidget(self.state, 0, 0, 1, 3)
            self._grid.addWidget(self.close_button, 1, 1)
            self._grid.addWidget(self.save, 1, 2)
        else:
            self._grid.addWidget(self.state, 0, 0)
            self._grid.addWidget(self.close_button, 0, 1)
            self._grid.addWidget(self.save, 0, 2)
