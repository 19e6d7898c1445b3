"""Settings keep layout and preferences only; nothing from the journal reaches the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reflectjournal.ui.main_window import MainWindow
from reflectjournal.ui.settings.options import LOCK_MINUTES, THEME, Option, Settings
from tests.helpers.gui import unlock
from tests.helpers.journals import PASSPHRASE
from tests.helpers.leaks import found_in


def test_out_of_range_and_unknown_values_fall_back(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    path.write_text("[security]\nlock_minutes=0\n[appearance]\ntheme=neon\n")
    settings = Settings(path)
    assert settings.get(LOCK_MINUTES) == 5
    assert settings.get(THEME) == "system"
    with pytest.raises(KeyError):
        settings.set(Option("recent/search", ""), "anything")


def test_settings_file_holds_no_journal_content(
    qtbot: QtBot, window: MainWindow, tmp_settings: Path
) -> None:
    canary = "Heliotropecanary"
    unlock(qtbot, window)
    window.editing.new_entry()
    qtbot.keyClicks(window.journal_page.editor.title, canary)
    qtbot.mouseClick(window.journal_page.editor.save, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(window.journal_page.search_box, canary)
    qtbot.waitUntil(lambda: window.journal_page.status.text() == "1 entry")
    window.close()
    data = tmp_settings.read_bytes()
    assert b"geometry" in data  # the file was written, so the check below means something
    assert found_in(data, canary, PASSPHRASE, str(window.session.folder)) == []
