"""The journal locks when the desktop's screen locks or the laptop goes to sleep."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from pytestqt.qtbot import QtBot

from reflectjournal.ui.desktop.screen_lock import ScreenLockWatcher
from reflectjournal.ui.main_window import MainWindow
from tests.helpers.gui import unlock


def test_screen_saver_start_locks_and_its_end_does_not(qtbot: QtBot) -> None:
    watcher = ScreenLockWatcher()
    with qtbot.waitSignal(watcher.screen_locked, timeout=1000):
        watcher.on_active_changed(True)
    with qtbot.assertNotEmitted(watcher.screen_locked):
        watcher.on_active_changed(False)


def test_the_window_locks_on_a_screen_lock(qtbot: QtBot, window: MainWindow) -> None:
    unlock(qtbot, window)
    window.editing.new_entry()
    window.journal_page.editor.body.insertPlainText("written just before the screen locked")
    window.screen_lock.on_lock()
    assert not window.session.is_open
    assert window.journal_page.editor.body.toPlainText() == ""


# Runs on a private D-Bus session bus: the signal travels through a real dbus-daemon.
_BUS_CHECK = """
from PySide6.QtCore import QTimer
from PySide6.QtDBus import QDBusConnection, QDBusMessage
from PySide6.QtWidgets import QApplication
app = QApplication([])
from reflectjournal.ui.desktop.screen_lock import ScreenLockWatcher
watcher = ScreenLockWatcher()
print(len(watcher.listening), flush=True)
watcher.screen_locked.connect(lambda: (print("LOCKED", flush=True), app.quit()))
def send():
    message = QDBusMessage.createSignal("/org/freedesktop/ScreenSaver",
                                       "org.freedesktop.ScreenSaver", "ActiveChanged")
    message.setArguments([True])
    QDBusConnection.sessionBus().send(message)
QTimer.singleShot(100, send)
QTimer.singleShot(10000, app.quit)
app.exec()
"""


_RUN_SESSION = shutil.which("dbus-run-session")


@pytest.mark.skipif(_RUN_SESSION is None,
                    reason="needs dbus-run-session (the dbus-daemon package; CI installs it)")
def test_a_real_session_bus_signal_reaches_the_watcher() -> None:
    assert _RUN_SESSION is not None
    done = subprocess.run(
        [_RUN_SESSION, "--", sys.executable, "-c", _BUS_CHECK],
        capture_output=True, text=True, timeout=60, check=False,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin",
             "PYTHONPATH": ":".join(sys.path)},
    )
    lines = done.stdout.split()
    assert lines[:1] != ["0"], done.stderr
    assert "LOCKED" in lines, done.stderr
