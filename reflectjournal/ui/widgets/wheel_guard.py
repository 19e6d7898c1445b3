"""Keep the mouse wheel from changing a value the user is only scrolling past.

Qt gives a combo box, spin box or date box the wheel whenever the pointer is over it, focused
or not, so scrolling a long form changes whatever passes under the pointer: two notches over
the editor's Kind box changed the kind of an entry. Guarded controls take the wheel only once
they have focus (a click or Tab); otherwise the wheel scrolls the page around them.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QTabBar, QWidget

# What the main window guards everywhere: a tab bar's wheel flipped the Progress tabs.
GUARDED = (QComboBox, QAbstractSpinBox, QTabBar)


def refuse_wheel(watched: QObject, event: QEvent) -> bool:
    """Return True (and pass the wheel on to the parent) for a guarded, unfocused control.

    For the application's own event filter (the main window's), so every window's controls
    are guarded, dialogs built later included: scrolling Settings changed "Clear copied
    text after" from 60 to 53 seconds, unannounced.
    """
    if (event.type() == QEvent.Type.Wheel and isinstance(watched, GUARDED)
            and not watched.hasFocus()):
        event.ignore()  # goes on to the parent, so the scroll area scrolls
        return True
    return False


class _WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.Wheel and isinstance(watched, QWidget)
                and not watched.hasFocus()):
            event.ignore()  # goes on to the parent, so the scroll area scrolls
            return True
        return False


_GUARD: _WheelGuard | None = None


def guard_wheel(root: QWidget) -> None:
    """Guard every combo, spin and date box inside root (and root itself if it is one).

    Call again after adding controls; guarding twice is harmless.
    """
    # Imported here: the main window imports this module before its first frame, and the
    # Qt namespace's first use makes ninety-odd enums at once (tests/ui/test_start_up.py).
    from PySide6.QtCore import Qt

    global _GUARD
    if _GUARD is None:
        _GUARD = _WheelGuard(QApplication.instance())  # lives as long as the app
    controls: list[QWidget] = [*root.findChildren(QComboBox), *root.findChildren(QAbstractSpinBox)]
    if isinstance(root, QComboBox | QAbstractSpinBox):
        controls.append(root)
    for control in controls:
        # The wheel must not give focus either, or the second notch would change the value.
        control.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        control.removeEventFilter(_GUARD)
        control.installEventFilter(_GUARD)
