"""The text size box: "Same as the system", or a size a person can read.

A plain spin box over 0-32 went from "Same as the system" (0) to 1 pt at one click of its up
arrow, and every window, this one included, shrank to specks at once and stayed so at the next
start. Here the sizes below MIN_FONT_POINTS do not exist: the up arrow goes from the system's size
to the next one up, down from the smallest size goes back to the system's, and a typed size
below the smallest reads as the smallest.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QSpinBox, QWidget

from reflectjournal.ui.settings.options import FONT_POINTS, MIN_FONT_POINTS

SYSTEM = 0  # the stored value for "Same as the system"


class TextSizeBox(QSpinBox):
    """Points from MIN_FONT_POINTS to the largest, or SYSTEM; nothing in between."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(SYSTEM, FONT_POINTS.high or 32)
        self.setSuffix(" pt")
        self.setSpecialValueText("Same as the system")
        self.setAccessibleName("Text size in points")
        # Apply typed values on Enter or focus change, not at every keystroke ("1" of "15").
        self.setKeyboardTracking(False)
        # What "Same as the system" is now: the first step up goes one past it.
        self._system = max(MIN_FONT_POINTS, QApplication.font().pointSize())

    def stepBy(self, steps: int) -> None:
        """Step over the unreadable sizes: SYSTEM sits just below MIN_FONT_POINTS."""
        value = self.value()
        if value == SYSTEM and steps > 0:
            self.setValue(min(self.maximum(), self._system + steps))
        elif value != SYSTEM and value + steps < MIN_FONT_POINTS:
            self.setValue(SYSTEM)
        else:
            super().stepBy(steps)

    def valueFromText(self, text: str) -> int:
        """Read a typed size; one below MIN_FONT_POINTS reads as MIN_FONT_POINTS."""
        value = super().valueFromText(text)
        return MIN_FONT_POINTS if SYSTEM < value < MIN_FONT_POINTS else value

