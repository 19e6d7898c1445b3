"""Start the desktop app."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from reflectjournal.services.journal import JournalOptions
from reflectjournal.ui.main_window import MainWindow
from reflectjournal.ui.session import JournalSession
from reflectjournal.ui.settings import Settings
from reflectjournal.ui.tasks import Tasks


def run_app(folder: Path, *, demo: bool = False) -> int:
    """Show the main window on the journal folder until the user quits."""
    if demo:
        print("reflectjournal: the demo journal is not available yet.", file=sys.stderr)
        return 1
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("ReflectJournal")
    tasks = Tasks()
    session = JournalSession(folder, JournalOptions(), tasks)
    window = MainWindow(session, Settings())
    window.show()
    status = app.exec()
    session.shutdown()
    return int(status)
