"""Copying entry text so that it does not linger.

Text goes out with the hint formats clipboard managers honour for secrets (KDE's password
hint, macOS's concealed type, Windows' history and cloud exclusions), and is cleared after a
delay, on lock and on quit: but only while the clipboard still holds our text, so a later
copy the user made elsewhere is never wiped.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QMimeData, QObject, QTimer, Slot
from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtWidgets import QWidget

DEFAULT_CLEAR_SECONDS = 60
_SECRET_HINTS = {
    "x-kde-passwordManagerHint": b"secret",
    "application/x-nspasteboard-concealed-type": b"secret",
    # Windows: registered format names; a DWORD of 0 opts out of history and cloud sync.
    "ExcludeClipboardContentFromMonitorProcessing": b"\x00\x00\x00\x00",
    "CanIncludeInClipboardHistory": b"\x00\x00\x00\x00",
    "CanUploadToCloudClipboard": b"\x00\x00\x00\x00",
}


def secret_mime_data(text: str) -> QMimeData:
    """Return mime data holding text plus the hint formats for secrets."""
    mime = QMimeData()
    mime.setText(text)
    for name, value in _SECRET_HINTS.items():
        mime.setData(name, QByteArray(value))
    return mime


_MARK = "x-kde-passwordManagerHint"  # present only in what SecureClipboard put there


class SecureClipboard(QObject):
    """Puts text on the clipboard and takes it back later if it is still ours."""

    def __init__(self, clipboard: QClipboard, seconds: int = DEFAULT_CLEAR_SECONDS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)  # dies with its window, and so stops watching the clipboard
        self._clipboard = clipboard
        self._ours: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear_if_ours)
        self.seconds = seconds
        clipboard.dataChanged.connect(self._on_data_changed)

    def copy(self, text: str) -> None:
        """Copy text and schedule its removal."""
        if not text:
            return
        self._clipboard.setMimeData(secret_mime_data(text))
        self._ours = text
        self._timer.start(self.seconds * 1000)

    @Slot()
    def _on_data_changed(self) -> None:
        """Take over copies made by Qt's own widgets (Ctrl+C, context menus, cut).

        Their mime data carries HTML and other rich formats without the secret hints and
        would never be cleared. A copy counts as ours when the platform says we own the
        clipboard or, where it cannot tell (offscreen), while this object's window has focus.
        """
        mime = self._clipboard.mimeData()
        if mime is None or not mime.hasText() or mime.hasFormat(_MARK):
            return
        if not (self._clipboard.ownsClipboard() or self._window_has_focus()):
            return
        self.copy(mime.text())

    def _window_has_focus(self) -> bool:
        window = self.parent()
        focus = QGuiApplication.focusWindow()
        return (isinstance(window, QWidget) and focus is not None
                and focus is window.windowHandle())

    @Slot()
    def clear_if_ours(self) -> None:
        """Empty the clipboard if it still holds what we put there."""
        self._timer.stop()
        if self._ours is not None and self._clipboard.text() == self._ours:
            self._clipboard.clear()
        self._ours = None
