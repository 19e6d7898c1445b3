"""The room a Progress window may open in: its screen's available area, never more."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget


def screen_room(parent: QWidget | None) -> QSize:
    """Return the available size of the screen parent's window is on (else the primary).

    Found by position, not with QWidget.screen(): that wrapper crashed later dialogs
    (ui/sharing/contacts_dialog.py says the same).
    """
    screen = None
    if parent is not None:
        screen = QGuiApplication.screenAt(parent.window().geometry().center())
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableSize() if screen is not None else QSize(1024, 700)


def open_within(window: QWidget, wanted: QSize, parent: QWidget | None) -> None:
    """Size a window as wanted, but no larger than its screen's available room."""
    window.resize(wanted.boundedTo(screen_room(parent)))


def open_fitted(window: QWidget, parent: QWidget | None) -> None:
    """Size a window to its contents at its width, within its screen's available room.

    Qt opens a window as tall as its contents need at their preferred width, at most two
    thirds of the screen: a window made wider than that (a minimum width) or with long
    wrapped words came out too short, and at the largest text it cut its words off.
    """
    room = screen_room(parent)
    width = min(max(window.minimumWidth(), window.sizeHint().width()), room.width())
    layout = window.layout()
    height = (layout.totalHeightForWidth(width) if layout is not None
              and layout.hasHeightForWidth() else window.sizeHint().height())
    window.resize(QSize(width, height).boundedTo(room))
