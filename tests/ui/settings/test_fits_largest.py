"""Settings at the largest text size fits a 1024x700 screen: its pages scroll, nothing is cut."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QScrollArea
from pytestqt.qtbot import QtBot

from reflectjournal.services.journal import Journal
from reflectjournal.ui.settings.dialog import SettingsDialog
from reflectjournal.ui.settings.options import Settings
from tests.helpers.fit import misfits
from tests.helpers.gui import open_session
from tests.helpers.journals import FAST, PASSPHRASE

ROOM = QSize(1024, 700)


@pytest.mark.usefixtures("largest")
def test_settings_fits_1024x700_at_the_largest_text(
    qtbot: QtBot, tmp_path: Path, runtime_dir: Path,
) -> None:
    Journal.create(tmp_path / "journal", PASSPHRASE, FAST)[0].close()
    session = open_session(tmp_path / "journal")
    dialog = SettingsDialog(session, Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(dialog)
    dialog.resize(dialog.size().boundedTo(ROOM))  # offscreen, the screen may be larger
    dialog.show()
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        # 1427x878 before the pages scrolled.
        assert misfits(dialog, ROOM) == [], dialog.tabs.tabText(index)
    # The General page's fields go under their labels instead of scrolling sideways (every
    # page is checked for that in tests/ui/test_every_dialog_fits.py).
    dialog.tabs.setCurrentIndex(0)
    QApplication.processEvents()
    page = dialog.tabs.currentWidget()
    assert isinstance(page, QScrollArea)
    assert page.widget().width() <= page.viewport().width()
    dialog.close()
    session.shutdown()
