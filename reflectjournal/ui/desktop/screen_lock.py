"""Lock the journal when the desktop locks its screen or the laptop goes to sleep.

Qt has no portable signal for either. On Linux desktops they arrive over D-Bus: the
freedesktop and GNOME screen savers' ActiveChanged, logind's per-session Lock and the
manager's PrepareForSleep (tested here over a real bus). Windows and macOS have their own
hooks behind the same signal (screen_lock_windows.py, screen_lock_macos.py), untested here.
Where none is reachable (a bare test machine), the idle timer and Ctrl+L still lock.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import SLOT, QCoreApplication, QObject, Signal, Slot
from PySide6.QtDBus import QDBusConnection
from PySide6.QtWidgets import QWidget

# Any sender is accepted (service ""): screen savers differ in the bus names they own,
# and the worst a stray signal can do is lock the journal, which is always safe.
_SCREEN_SAVERS = (
    ("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver"),
    ("/ScreenSaver", "org.freedesktop.ScreenSaver"),
    ("/org/gnome/ScreenSaver", "org.gnome.ScreenSaver"),
)
_LOGIND = "org.freedesktop.login1"


class ScreenLockWatcher(QObject):
    """Emits `screen_locked` when the session's screen locks or the system is about to sleep."""

    screen_locked = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.listening: list[str] = []
        if sys.platform == "win32":
            self._watch_windows(parent)
        elif sys.platform == "darwin":
            from reflectjournal.ui.desktop import screen_lock_macos

            if screen_lock_macos.watch(self.screen_locked.emit):
                self.listening.append("NSWorkspace sleep and screen lock")
        else:
            self._watch_dbus()

    def _watch_windows(self, parent: QObject | None) -> None:
        from reflectjournal.ui.desktop import screen_lock_windows

        app = QCoreApplication.instance()
        if app is None or not isinstance(parent, QWidget):
            return
        self._native = screen_lock_windows.SessionEvents(self.screen_locked.emit)
        app.installNativeEventFilter(self._native)
        if screen_lock_windows.register(int(parent.winId())):
            self.listening.append("WTS session lock")
        self.listening.append("power suspend")

    def _watch_dbus(self) -> None:
        session = QDBusConnection.sessionBus()
        if session.isConnected():
            for path, interface in _SCREEN_SAVERS:
                if self._listen(session, path, interface, "ActiveChanged",
                                "on_active_changed(bool)"):
                    self.listening.append(f"{interface} ActiveChanged")
        system = QDBusConnection.systemBus()
        if system.isConnected():
            if self._listen(system, "", f"{_LOGIND}.Session", "Lock", "on_lock()"):
                self.listening.append("logind Lock")
            if self._listen(system, "/org/freedesktop/login1", f"{_LOGIND}.Manager",
                            "PrepareForSleep", "on_active_changed(bool)"):
                self.listening.append("logind PrepareForSleep")

    def _listen(self, bus: QDBusConnection, path: str, interface: str, name: str,
                slot: str) -> bool:
        """Connect a bus signal from any sender to one of this object's slots."""
        # The stubs ask for bytes, but the binding refuses them and takes the str that SLOT()
        # returns (test_screen_lock runs this over a real bus).
        connected: bool = bus.connect(  # type: ignore[call-overload]
            "", path, interface, name, self, SLOT(slot))
        return connected

    @Slot(bool)
    def on_active_changed(self, active: bool) -> None:
        """A screen saver started (True) or stopped; sleep is starting (True) or over."""
        if active:
            self.screen_locked.emit()

    @Slot()
    def on_lock(self) -> None:
        """logind asked the session to lock."""
        self.screen_locked.emit()
