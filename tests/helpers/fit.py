"""Checking that a shown window fits its screen: nothing larger than the room, nothing cut off.

Used by the largest-text tests: a window fits when it is no larger than the available room,
every visible child lies inside its parent's visible area, and every label or button has the
room its text needs (tests/helpers/layout.py checks the last part).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from tests.helpers.layout import clipped


def _outside(root: QWidget) -> list[str]:
    """Return a line for each visible child that reaches outside its parent's visible area."""
    found = []
    for child in root.findChildren(QWidget):
        parent = child.parentWidget()
        if (parent is None or child.isWindow() or not child.isVisibleTo(root)
                or child.width() <= 1 or child.height() <= 1):
            continue
        # A scroll area's viewport shows part of a larger widget on purpose.
        if isinstance(parent.parentWidget(), QAbstractScrollArea) and (
                parent is parent.parentWidget().viewport()):  # type: ignore[union-attr]
            continue
        room = QRect(0, 0, parent.width(), parent.height())
        if not room.adjusted(-1, -1, 1, 1).contains(child.geometry()):
            name = child.accessibleName() or child.objectName() or type(child).__name__
            found.append(f"{name}: {child.geometry().getRect()} outside "
                         f"{type(parent).__name__} {parent.width()}x{parent.height()}")
    return found


def misfits(window: QWidget, room: QSize) -> list[str]:
    """Return a line for each way the shown window does not fit room (empty when it fits)."""
    found = []
    frame = window.size()
    if frame.width() > room.width() or frame.height() > room.height():
        found.append(f"window {frame.width()}x{frame.height()} larger than "
                     f"{room.width()}x{room.height()}")
    hint = window.minimumSizeHint()
    if hint.width() > room.width() or hint.height() > room.height():
        found.append(f"window needs {hint.width()}x{hint.height()}, more than "
                     f"{room.width()}x{room.height()}")
    return found + _outside(window) + clipped(window)
