"""A draft kept by autosave survives `kill -9` of the app, and never lands in plain text."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

from reflectjournal.services.journal import Journal
from tests.helpers.cli import isolated_env
from tests.helpers.journals import FLOOR, PASSPHRASE
from tests.helpers.leaks import folder_bytes

CANARY = "Quillfeathercanary the baby held my gaze"

# The real window, threads and timers (2 s autosave); only the unlock is scripted.
_APP = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from reflectjournal.services.journal import JournalOptions
from reflectjournal.ui.main_window import MainWindow
from reflectjournal.ui.background.session import JournalSession
from reflectjournal.ui.settings.options import Settings
from reflectjournal.ui.background.tasks import Tasks
folder, settings_file, passphrase, text = sys.argv[1:5]
session = JournalSession(Path(folder), JournalOptions(), Tasks())
window = MainWindow(session, Settings(Path(settings_file)))
window.show()

def type_text():
    window.journal_page.editor.body.insertPlainText(text)
    poll.start(50)

def report():
    if window.journal_page.editor.state.text().startswith("Draft kept"):
        poll.stop()
        print("DRAFTED", flush=True)

poll = QTimer()
poll.timeout.connect(report)
def opened(_):
    window.show_journal()
    window.editing.new_entry()
    QTimer.singleShot(300, type_text)
session.unlock(passphrase, opened, lambda error: print("FAILED", error, flush=True))
app.exec()
"""


def test_autosaved_draft_survives_kill_9(tmp_path: Path, journal_dir: Path) -> None:
    Journal.create(journal_dir, PASSPHRASE, FLOOR)[0].close()
    home = tmp_path / "home"
    env = isolated_env(home)
    with subprocess.Popen(
        [sys.executable, "-c", _APP, str(journal_dir), str(home / "settings.ini"), PASSPHRASE,
         CANARY], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    ) as process:
        watchdog = threading.Timer(90, process.kill)  # a hung app fails the test, not hangs it
        watchdog.start()
        try:
            assert process.stdout is not None
            line = process.stdout.readline()
            os.kill(process.pid, signal.SIGKILL)
        finally:
            watchdog.cancel()
            process.kill()
            _, errors = process.communicate(timeout=30)
    assert line.strip() == "DRAFTED", errors
    assert process.returncode == -signal.SIGKILL
    for root in (journal_dir, home):
        for name, data in folder_bytes(root).items():
            assert CANARY.encode() not in data, name
    with Journal.open(journal_dir, PASSPHRASE, FLOOR) as journal:
        [draft] = journal.drafts()
        assert draft.changes.body == CANARY
        assert journal.count_entries() == 0
