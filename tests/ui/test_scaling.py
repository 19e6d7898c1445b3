"""At 200 % scaling the window still fits: the editor never needs sideways scrolling."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from reflectjournal.services.journal import Journal
from tests.helpers.cli import isolated_env
from tests.helpers.journals import FLOOR, PASSPHRASE

_CHECK = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([])
from reflectjournal.services.journal import JournalOptions
from reflectjournal.ui.main_window import MainWindow
from reflectjournal.ui.background.session import JournalSession
from reflectjournal.ui.settings.options import Settings
from reflectjournal.ui.background.tasks import SyncTasks
folder, settings_file, passphrase = sys.argv[1:4]
session = JournalSession(Path(folder), JournalOptions(), SyncTasks())
window = MainWindow(session, Settings(Path(settings_file)))
window.resize(1100, 720)
window.show()
session.unlock(passphrase, lambda _: window.show_journal(), print)
for kind in ("session", "training", "supervision"):
    window.editing.new_entry()
    window.journal_page.editor.kind.setCurrentIndex(window.journal_page.editor.kind.findData(kind))
    for _ in range(3):
        app.processEvents()
    area = [w for w in window.journal_page.editor.children()
            if w.metaObject().className() == "QScrollArea"][0]
    inner = area.widget()
    print(kind, window.devicePixelRatio(), inner.width() <= area.viewport().width(),
          inner.minimumSizeHint().width() <= area.viewport().width(), flush=True)
    window.journal_page.editor.clear()  # nothing to save: the next new entry asks no question
session.shutdown()
"""


def test_editor_fits_its_pane_at_200_percent(tmp_path: Path, journal_dir: Path) -> None:
    Journal.create(journal_dir, PASSPHRASE, FLOOR)[0].close()
    env = isolated_env(tmp_path / "home", QT_SCALE_FACTOR="2")
    done = subprocess.run(
        [sys.executable, "-c", _CHECK, str(journal_dir), str(tmp_path / "s.ini"), PASSPHRASE],
        env=env, capture_output=True, text=True, timeout=60, check=False)
    lines = [line.split() for line in done.stdout.splitlines()]
    assert [line[0] for line in lines] == ["session", "training", "supervision"], done.stderr
    for kind, ratio, fits, hint_fits in lines:
        assert ratio == "2.0"
        assert (fits, hint_fits) == ("True", "True"), kind
