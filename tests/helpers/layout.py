"""Finding clipped text in a shown window: labels, buttons and boxes too small for their text."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget


def clipped(root: QWidget) -> list[str]:
    """Return a line for each visible label or button under root that cannot show its text."""
    found = []
    for label in root.findChildren(QLabel):
        if not label.isVisibleTo(root) or not label.text() or label.width() <= 1:
            continue
        if label.wordWrap():
            needed = label.heightForWidth(label.width())
            if needed > label.height() + 1:
                found.append(f"label {label.text()[:40]!r}: {needed} px high needed, "
                             f"{label.height()} given")
        elif label.sizeHint().width() > label.width() + 1 and not label.pixmap():
            found.append(f"label {label.text()[:40]!r}: {label.sizeHint().width()} px wide "
                         f"needed, {label.width()} given")
    for button in root.findChildren(QAbstractButton):
        if not button.isVisibleTo(root) or not button.text():
            continue
        if button.hasHeightForWidth():  # its words wrap: narrower is fine if tall enough
            needed = button.heightForWidth(button.width())
            least = button.minimumSizeHint().width()
            if needed > button.height() + 1 or least > button.width() + 1:
                found.append(f"button {button.text()!r}: {least}x{needed} needed, "
                             f"{button.width()}x{button.height()} given")
            continue
        hint = button.sizeHint()
        if hint.width() > button.width() + 1 or hint.height() > button.height() + 1:
            found.append(f"button {button.text()!r}: {hint.width()}x{hint.height()} needed, "
                         f"{button.width()}x{button.height()} given")
    return found
