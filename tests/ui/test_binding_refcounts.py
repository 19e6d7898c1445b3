"""The Qt binding must not leak or drop references to None and True (PySide6 6.12.0 did).

On Python 3.11 None and True are ordinary objects: a binding that decrements them on
every void call or emit makes the app abort (none_dealloc) after a few thousand calls.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

CALLS = 500

# From 3.12 None and True are immortal (PEP 683): nothing frees them, and the interpreter's
# own references skip the count while abi3 extensions built for older Pythons (PySide6) still
# move it, so the count drifts by design (Debian 13's 3.13 lost 499 in 500 emits, harmlessly).
pytestmark = pytest.mark.skipif(
    sys.version_info >= (3, 12), reason="None and True are immortal from Python 3.12 (PEP 683)")


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
