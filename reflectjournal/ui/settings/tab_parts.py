"""A part the Settings tabs share: a button with the line under it that says how it went."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QVBoxLayout

from reflectjournal.ui.widgets.page_parts import quiet_button
from reflectjournal.ui.widgets.passphrase_field import MessageLabel


def action_with_message(layout: QVBoxLayout, text: str, name: str,
                        slot: Callable[[], object],
                        message_name: str) -> tuple[QPushButton, MessageLabel]:
    """Add a right-aligned button and, under it, the line that reports how it went."""
    button = quiet_button(text, name)
    button.clicked.connect(slot)
    message = MessageLabel(message_name)
    layout.addWidget(button, alignment=Qt.AlignmentFlag.AlignRight)
    layout.addWidget(message)
    return button, message
