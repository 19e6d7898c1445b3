"""A new text size reaches the windows already open at once, their combo boxes too."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QComboBox
from pytestqt.qtbot import QtBot

from reflectjournal.ui.main_window import MainWindow
from reflectjournal.ui.settings.dialog import SettingsDialog
from reflectjournal.ui.settings.options import FONT_POINTS, MIN_FONT_POINTS, Settings
from tests.helpers.gui import unlock


def _boxes(dialog: SettingsDialog) -> dict[str, QComboBox]:
    return {box.accessibleName(): box for box in dialog.findChildren(QComboBox)}


@pytest.mark.usefixtures("largest")  # puts the app's font back afterwards
def test_combo_boxes_shrink_with_the_text_in_the_settings_left_open(
    qtbot: QtBot, window: MainWindow, tmp_settings: Path,
) -> None:
    unlock(qtbot, window)
    window.open_settings()
    dialog = window.findChild(SettingsDialog)
    assert dialog is not None
    dialog.font_points.setValue(FONT_POINTS.high or 32)
    QApplication.processEvents()
    tall = {name: box.height() for name, box in _boxes(dialog).items()}
    dialog.font_points.setValue(MIN_FONT_POINTS)  # Settings -> text size, the dialog open
    for _ in range(3):
        QApplication.processEvents()
    fresh = SettingsDialog(window.session, Settings(tmp_settings))
    qtbot.addWidget(fresh)
    fresh.show()
    QApplication.processEvents()
    assert set(_boxes(dialog)) == set(_boxes(fresh))
    assert len(tall) >= 2
    for name, box in _boxes(dialog).items():
        again = _boxes(fresh)[name]
        # Before, the theme box kept its 59-pixel height of 32 pt (24 at 12 pt) until the
        # dialog was opened again: Qt forgets a combo box's least size only on a new style.
        assert box.minimumSizeHint() == again.minimumSizeHint(), name
        assert box.height() == again.height() < tall[name], name
        assert box.width() == again.width(), name  # 498 pixels wide, as at 32 pt
    dialog.close()
