"""The Qt binding must not leak or drop references to None and True (PySide6 6.12.0 did).

On Python 3.11 None and True are ordinary objects: a binding that decrements them on
every void call or emit makes the app abort (none_dealloc) after a few thousand calls.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

CALLS = 500


class _Emitter(QObject):
    fired = Signal(bool)


def test_void_qt_calls_keep_none_alive(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        label.setText("x")
    assert sys.getrefcount(None) > before - CALLS // 2


def test_emits_keep_true_alive(qtbot: QtBot) -> None:
    emitter = _Emitter()
    seen: list[bool] = []
    emitter.fired.connect(seen.append)
    before = sys.getrefcount(True)
    for _ in range(CALLS):
        emitter.fired.emit(True)
    del seen[:]
    assert sys.getrefcount(True) > before - CALLS // 2
