"""The main window opens within its screen, and the wheel never changes an unchosen control.

A new user under Xvfb at 1024x700 found the first-run window at 1100x720, its editor's Save
and Close buttons off the screen, and the wheel changing numbers and tabs it passed over in
windows that had no guard of their own.
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QComboBox, QSpinBox, QTabBar, QWidget
from pytestqt.qtbot import QtBot

from reflectjournal.ui.main_window import MainWindow
from tests.helpers.gui import unlock, wheel


def test_the_first_window_opens_within_its_screen(window: MainWindow) -> None:
    room = QGuiApplication.primaryScreen().availableSize()  # 800x800 offscreen
    assert window.frameGeometry().width() <= room.width()
    assert window.frameGeometry().height() <= room.height()


def test_the_wheel_passes_over_controls_in_every_window(qtbot: QtBot, window: MainWindow) -> None:
    unlock(qtbot, window)  # the window's own filter, over the whole application
    # Controls as any dialog has them, none guarded by its own window.
    holder = QWidget()
    qtbot.addWidget(holder)
    combo, spin, tabs = QComboBox(holder), QSpinBox(holder), QTabBar(holder)
    combo.addItems(["one", "two", "three"])
    spin.setValue(50)
    for label in ("A", "B", "C"):
        tabs.addTab(label)
    holder.show()
    for _ in range(2):
        for control in (combo, spin, tabs):
            wheel(control)
    assert (combo.currentIndex(), spin.value(), tabs.currentIndex()) == (0, 50, 0)
    spin.setFocus()  # chosen: now the wheel is the user's to use
    qtbot.waitUntil(spin.hasFocus)
    wheel(spin)
    assert spin.value() == 49
