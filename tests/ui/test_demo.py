"""The demo journal: made-up entries in a throwaway folder, its passphrase on screen."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from reflectjournal.ui.demo import start_demo
from reflectjournal.ui.main_window import MainWindow
from reflectjournal.ui.session import JournalSession
from reflectjournal.ui.settings import Settings
from reflectjournal.ui.tasks import SyncTasks
from tests.conftest import FAST
from tests.ui.test_main_window import _unlock


def test_demo_opens_filled_and_shows_its_passphrase(
    qtbot: QtBot, tmp_path: Path, runtime_dir: Path, tmp_settings: Path
) -> None:
    session = JournalSession(tmp_path / "demo", FAST, SyncTasks())
    window = MainWindow(session, Settings(tmp_settings))
    qtbot.addWidget(window)
    window.show()
    passphrase = start_demo(window, session)
    assert session.is_open
    qtbot.waitUntil(lambda: window.status.text().endswith("entries"))
    assert 35 <= window.model.rowCount() <= 45
    assert passphrase in window.note.text()
    assert "made up" in window.note.text()
    window.lock()
    assert passphrase in window.start.findChild(type(window.note), "hint").text()
    _unlock(qtbot, window, passphrase)
    assert session.is_open
    session.shutdown()
