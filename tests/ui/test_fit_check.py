"""The fit checker catches a clipped label, a child outside its parent, a window too big."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from tests.helpers.fit import misfits


def _shown(qtbot: QtBot, text: str) -> tuple[QWidget, QLabel]:
    root = QWidget()
    qtbot.addWidget(root)
    label = QLabel(text)
    QVBoxLayout(root).addWidget(label)
    root.show()
    return root, label


def test_a_window_that_fits_passes(qtbot: QtBot) -> None:
    root, _ = _shown(qtbot, "Short")
    root.resize(300, 200)
    assert misfits(root, QSize(1024, 700)) == []


def test_a_clipped_label_is_caught(qtbot: QtBot) -> None:
    root = QWidget()
    qtbot.addWidget(root)
    root.resize(200, 100)
    label = QLabel("A label far too long for the narrow room it was given", root)
    label.setGeometry(10, 10, 80, 30)  # inside its parent, but too narrow for its words
    root.show()
    found = misfits(root, QSize(1024, 700))
    assert any(line.startswith("label 'A label far") for line in found), found
    label.resize(label.sizeHint().width(), 30)
    root.resize(label.width() + 20, 100)
    assert misfits(root, QSize(1024, 700)) == []


def test_a_child_outside_its_parent_is_caught(qtbot: QtBot) -> None:
    root = QWidget()
    qtbot.addWidget(root)
    root.resize(200, 100)
    stray = QLabel("x", root)
    stray.setAccessibleName("stray")
    stray.setGeometry(150, 20, 120, 30)
    root.show()
    assert any(line.startswith("stray:") for line in misfits(root, QSize(1024, 700)))


def test_a_window_larger_than_the_room_is_caught(qtbot: QtBot) -> None:
    root, _ = _shown(qtbot, "Short")
    root.resize(1100, 200)
    assert any(line.startswith("window 1100x") for line in misfits(root, QSize(1024, 700)))
