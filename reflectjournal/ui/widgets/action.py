"""One way to make a window's QAction: its icon, shortcut, tooltip and slot."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


def make_action(window: QWidget, text: str, shortcut: Any, slot: Callable[[], Any],
                icon_name: str = "") -> QAction:
    """Return an action on the window, so its shortcut works whether or not a menu shows it."""
    from reflectjournal.ui.look.icons import icon  # icons load after the first frame

    action = QAction(text, window)
    if icon_name:
        action.setIcon(icon(icon_name))
    action.setShortcut(QKeySequence(shortcut))
    shortcut_text = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    plain = text.replace("&", "").rstrip("…")
    action.setToolTip(f"{plain} ({shortcut_text})" if shortcut_text else plain)
    action.triggered.connect(lambda _checked=False: slot())
    window.addAction(action)
    return action
