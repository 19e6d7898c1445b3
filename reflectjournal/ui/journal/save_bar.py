"""The editor's bottom row: what state the entry is in, Close and Save."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy


class SaveBar:
    """Builds the row; the editor connects the buttons and sets the state text."""

    def __init__(self) -> None:
        self.row = QHBoxLayout()
        self.state = QLabel("")
        self.state.setTextFormat(Qt.TextFormat.PlainText)  # errors may quote typed values
        # Wrapping, and no say in the pane's width: a long message must not shove the
        # splitter and squeeze the list.
        self.state.setWordWrap(True)
        self.state.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.state.setAccessibleName("Save state")
        self.row.addWidget(self.state, stretch=1)
        self.close_button = QPushButton("Close")
        self.close_button.setAccessibleName("Close editor")
        self.save = QPushButton("&Save")
        self.save.setAccessibleName("Save entry")
        self.save.setToolTip("Save entry (Ctrl+S)")
        self.row.addWidget(self.close_button)
        self.row.addWidget(self.save)
