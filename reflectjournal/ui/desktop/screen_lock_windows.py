"""Windows: lock when the session locks (WTS notifications) or the computer suspends.

UNTESTED HERE (these machines run Linux): written from Microsoft's documentation of
WTSRegisterSessionNotification, WM_WTSSESSION_CHANGE (WTS_SESSION_LOCK) and WM_POWERBROADCAST
(PBT_APMSUSPEND). Qt hands every native message to a QAbstractNativeEventFilter as a
"windows_generic_MSG" with a pointer to the MSG structure.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import QAbstractNativeEventFilter, QByteArray

WM_WTSSESSION_CHANGE = 0x02B1
WTS_SESSION_LOCK = 0x7
WM_POWERBROADCAST = 0x0218
PBT_APMSUSPEND = 0x4
NOTIFY_FOR_THIS_SESSION = 0


class SessionEvents(QAbstractNativeEventFilter):
    """Calls on_lock for a session lock or a suspend delivered to the app's windows."""

    def __init__(self, on_lock: Callable[[], None]) -> None:
        super().__init__()
        self._on_lock = on_lock

    def nativeEventFilter(self, eventType: QByteArray | bytes | bytearray | memoryview,
                          message: int, /) -> object:
        if sys.platform == "win32" and bytes(eventType) == b"windows_generic_MSG":
            import ctypes.wintypes

            msg = ctypes.wintypes.MSG.from_address(int(message))
            if ((msg.message == WM_WTSSESSION_CHANGE and msg.wParam == WTS_SESSION_LOCK)
                    or (msg.message == WM_POWERBROADCAST and msg.wParam == PBT_APMSUSPEND)):
                self._on_lock()
        return False, 0  # never swallow the message: Qt and Windows still need it


def register(window_handle: int) -> bool:
    """Ask Windows to send this window session changes; return whether it agreed."""
    if sys.platform == "win32":
        import ctypes

        wtsapi32 = ctypes.WinDLL("wtsapi32")
        return bool(wtsapi32.WTSRegisterSessionNotification(window_handle,
                                                             NOTIFY_FOR_THIS_SESSION))
    return False
