"""The demo journal: made-up entries in a throwaway folder, its passphrase on screen."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from reflectjournal.ui.background.session import JournalSession
from reflectjournal.ui.background.tasks import SyncTasks
from reflectjournal.ui.demo import start_demo
from reflectjournal.ui.main_window import MainWindow
from reflectjournal.ui.settings.options import Settings
from tests.helpers.cli import isolated_env
from tests.helpers.gui import unlock
from tests.helpers.journals import FAST


def test_demo_opens_filled_and_shows_its_passphrase(
    qtbot: QtBot, tmp_path: Path, runtime_dir: Path, tmp_settings: Path
) -> None:
    session = JournalSession(tmp_path / "demo", FAST, SyncTasks())
    window = MainWindow(session, Settings(tmp_settings))
    qtbot.addWidget(window)
    window.show()
    passphrase = start_demo(window, session)
    assert session.is_open
    qtbot.waitUntil(lambda: window.journal_page.status.text().endswith("entries"))
    assert 35 <= window.journal_page.model.rowCount() <= 45
    assert passphrase in window.journal_page.note.text()
    assert "made up" in window.journal_page.note.text()
    window.lock()
    assert passphrase in window.start.findChild(QLabel, "hint").text()
    unlock(qtbot, window, passphrase)
    assert session.is_open
    session.shutdown()


def test_the_real_demo_command_deletes_its_folder_on_quit(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = isolated_env(home)
    temp = Path(env["TMPDIR"])
    with subprocess.Popen([sys.executable, "-m", "reflectjournal", "--demo"], env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        try:
            deadline = time.monotonic() + 90
            while not list(temp.glob("reflectjournal-demo-*/journal/journal.db")):
                assert process.poll() is None, process.stderr.read()  # type: ignore[union-attr]
                assert time.monotonic() < deadline, "the demo journal never appeared"
                time.sleep(0.2)
            process.send_signal(signal.SIGTERM)  # as a logout would
            _, errors = process.communicate(timeout=60)
        finally:
            process.kill()
    assert process.returncode == 0, errors
    assert list(temp.glob("reflectjournal-demo-*")) == []
