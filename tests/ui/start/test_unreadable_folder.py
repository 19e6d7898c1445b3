"""The app over a journal folder the user may not read: the unlock page, then a plain message.

Run in a child process without root's bypass of file modes (see tests/cli/
test_hostile_folders.py), since the tests run as root here.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from reflectjournal.services.journal import Journal
from tests.helpers.cli import isolated_env
from tests.helpers.journals import FLOOR, PASSPHRASE
from tests.helpers.leaks import folder_bytes
from tests.helpers.privileges import unprivileged

CHILD = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from reflectjournal.ui.background.session import JournalSession
from reflectjournal.ui.background.tasks import SyncTasks
from reflectjournal.ui.start.start_view import StartView
from reflectjournal.ui.widgets.passphrase_field import MessageLabel
from tests.helpers.gui import find_by_name
from tests.helpers.journals import FLOOR

app = QApplication([])
session = JournalSession(Path(sys.argv[1]), FLOOR, SyncTasks())
view = StartView(session)
view.show()
find_by_name(view, "Passphrase").setText(sys.argv[2])
view._on_unlock_clicked()
print(find_by_name(view, "Unlock problem", MessageLabel).text())
print(find_by_name(view, "What to do next", MessageLabel).text())
session.shutdown()
"""


def test_an_unreadable_folder_offers_unlock_and_tells_why_it_cannot_open(
    journal_dir: Path, tmp_path: Path, runtime_dir: Path
) -> None:
    prefix = unprivileged()
    Journal.create(journal_dir, PASSPHRASE, FLOOR)[0].close()
    floor_journal = journal_dir
    before = folder_bytes(floor_journal)
    env = isolated_env(tmp_path / "home", PYTHONPATH=str(Path.cwd()),
                       XDG_RUNTIME_DIR=str(runtime_dir))
    floor_journal.chmod(0o000)
    try:
        done = subprocess.run([*prefix, sys.executable, "-c", CHILD, str(floor_journal),
                               PASSPHRASE], env=env, capture_output=True, text=True,
                              timeout=120, check=False)
    finally:
        floor_journal.chmod(0o700)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "You may not read the journal folder" in done.stdout
    assert "chmod 700" in done.stdout
    assert "Traceback" not in done.stderr
    assert folder_bytes(floor_journal) == before
