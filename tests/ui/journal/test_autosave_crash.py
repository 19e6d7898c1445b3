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
    if not window.journal_page.editor.isVisible():  # the editor opens after a query
        QTimer.singleShot(50, type_text)
        return
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


# Types a word every 100 ms without a pause, saying how many words are in so far.
_TYPE_ONCE = '''def type_text():
    if not window.journal_page.editor.isVisible():  # the editor opens after a query
        QTimer.singleShot(50, type_text)
        return
    window.journal_page.editor.body.insertPlainText(text)
    poll.start(50)
'''
assert _TYPE_ONCE in _APP  # the typist below replaces it; a silent no-op would test nothing
_STEADY_TYPIST = _APP.replace(_TYPE_ONCE, '''words = 0
def type_word():
    global words
    words += 1
    window.journal_page.editor.body.insertPlainText(f"w{words} ")
    print("TYPED", words, flush=True)

def type_text():
    typing.start(100)

typing = QTimer()
typing.timeout.connect(type_word)
''')


def test_steady_typing_is_kept_every_two_seconds_so_a_kill_loses_little(
    tmp_path: Path, journal_dir: Path
) -> None:
    # Autosave used to wait for a 2-second pause with no maximum: someone typing steadily
    # lost everything since their last pause. Now a draft is kept at most ~2 s into typing.
    Journal.create(journal_dir, PASSPHRASE, FLOOR)[0].close()
    home = tmp_path / "home"
    with subprocess.Popen(
        [sys.executable, "-c", _STEADY_TYPIST, str(journal_dir), str(home / "settings.ini"),
         PASSPHRASE, ""], env=isolated_env(home), stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
    ) as process:
        watchdog = threading.Timer(90, process.kill)
        watchdog.start()
        try:
            assert process.stdout is not None
            typed = 0
            while typed < 60:  # six seconds of typing without a pause
                line = process.stdout.readline()
                if not line:
                    break
                if line.startswith("TYPED"):
                    typed = int(line.split()[1])
            os.kill(process.pid, signal.SIGKILL)
        finally:
            watchdog.cancel()
            process.kill()
            _, errors = process.communicate(timeout=30)
    assert typed == 60, errors
    with Journal.open(journal_dir, PASSPHRASE, FLOOR) as journal:
        drafts = journal.drafts()
    assert drafts, "nothing was kept during six seconds of steady typing"
    kept = len(drafts[0].changes.body.split())
    # At most ~2 s of typing (20 words) plus the time a draft takes to write may be lost.
    assert kept >= typed - 30, (kept, typed)
