"""Small parts shared by the start pages: buttons, busy bars, message labels, Esc."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal, SignalInstance
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QWidget,
)

from reflectjournal.ui.widgets.passphrase_field import FIELD_WIDTH, MessageLabel


def button(text: str, slot: Callable[..., Any] | Signal | SignalInstance) -> QPushButton:
    """Return a push button named for screen readers that Enter presses when focused."""
    made = QPushButton(text)
    made.setAccessibleName(text.replace("&", "").removesuffix("…"))
    made.setAutoDefault(True)
    made.clicked.connect(slot)
    return made


def quiet_button(
    text: str, name: str, slot: Callable[[], object] | None = None
) -> QPushButton:
    """Return a named push button that Enter in a text box never presses by accident."""
    made = QPushButton(text)
    made.setAccessibleName(name)
    made.setAutoDefault(False)
    if slot is not None:
        made.clicked.connect(slot)
    return made


def buddy_label(text: str, field: QWidget) -> QLabel:
    """Return a label for the field: its &-letter moves the focus there, and a screen reader
    names the field by it."""
    label = QLabel(text)
    label.setBuddy(field)
    return label


def busy_bar(name: str) -> QProgressBar:
    """Return a hidden, endless progress bar."""
    bar = QProgressBar()
    bar.setRange(0, 0)
    bar.setAccessibleName(name)
    bar.setMaximumWidth(FIELD_WIDTH)
    bar.hide()
    return bar


def message_label(name: str, *, bold: bool = False) -> MessageLabel:
    """Return a label for messages that hides while empty."""
    return MessageLabel(name, bold=bold)


def tab_order(*widgets: QWidget) -> None:
    """Make Tab visit the widgets in the order given."""
    for first, second in itertools.pairwise(widgets):
        QWidget.setTabOrder(first, second)


def heading(html: str) -> QLabel:
    """Return a wrapping label for a page's fixed heading and introduction."""
    from PySide6.QtCore import Qt  # not at import: the unlock form paints without it

    label = QLabel(html)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    return label


def show_large(label: QLabel, scale: float, *, copyable: bool = True) -> None:
    """Show a label's plain text large, bold and monospaced: a code or words read aloud.

    Not copyable: words said in person must not reach the clipboard, which outlives
    the window.
    """
    from PySide6.QtCore import Qt

    label.setTextFormat(Qt.TextFormat.PlainText)
    if not copyable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        label.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
    font = label.font()
    font.setFamily("monospace")
    font.setStyleHint(font.StyleHint.Monospace)
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)


def close_buttons(dialog: QDialog, accessible_name: str) -> QDialogButtonBox:
    """Return a button box with one Close button that rejects the dialog.

    Not an auto-default: Enter in one of the dialog's fields must not close it.
    """
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    close = buttons.button(QDialogButtonBox.StandardButton.Close)
    close.setAccessibleName(accessible_name)
    close.setAutoDefault(False)
    buttons.rejected.connect(dialog.reject)
    return buttons


class Page(QWidget):
    """A page that reports Esc, so a secondary page can go back."""

    escaped = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Report Esc; pass other keys on."""
        from PySide6.QtCore import Qt

        if event.key() == Qt.Key.Key_Escape:
            self.escaped.emit()
        else:
            super().keyPressEvent(event)


def confirm(parent: QWidget, title: str, text: str, action: str, *,
            icon: QMessageBox.Icon | None = None) -> bool:
    """Ask before something that cannot be taken back; Cancel is the default."""
    # Qt's namespace is imported here, not at the top: the start pages import this module
    # before their first frame, and a module-level `Qt` makes all its enums at once.
    from PySide6.QtCore import Qt

    box = QMessageBox(icon or QMessageBox.Icon.Warning, title, text,
                      QMessageBox.StandardButton.Cancel, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    go = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    chosen = box.clickedButton() is go
    box.deleteLater()  # or every question asked would stay a child of its parent
    return chosen


def plain_reader(name: str) -> QPlainTextEdit:
    """Return a read-only plain-text pane (never markup) that Tab leaves."""
    reader = QPlainTextEdit()
    reader.setReadOnly(True)
    reader.setTabChangesFocus(True)
    reader.setAccessibleName(name)
    return reader


def scrolling(page: QWidget, name: str) -> QScrollArea:
    """Return the page in a frameless vertical scroll area.

    At large text a page taller than the window scrolls instead of squashing its wrapped
    labels into lines that cut their words in half.
    """
    from PySide6.QtCore import Qt  # as above: not at import

    area = QScrollArea()
    area.setAccessibleName(name)
    area.setWidget(page)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return area
