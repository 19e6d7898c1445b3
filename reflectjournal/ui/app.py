"""Start the desktop app."""

from __future__ import annotations

import contextlib
import signal
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from reflectjournal.ui.main_window import MainWindow
from reflectjournal.ui.session import JournalSession
from reflectjournal.ui.settings import FONT_POINTS, THEME, Settings
from reflectjournal.ui.tasks import Tasks
from reflectjournal.ui.theme import apply_theme, icon


def run_app(folder: Path, *, demo: bool = False) -> int:
    """Show the main window on the journal folder until the user quits.

    With demo, the folder is ignored: a journal of made-up entries is made in a private
    temporary folder, which is deleted when the app quits.
    """
    with contextlib.ExitStack() as cleanup:
        if demo:
            place = cleanup.enter_context(
                tempfile.TemporaryDirectory(prefix="reflectjournal-demo-"))
            folder = Path(place) / "journal"
        return _run(folder, demo)


def _run(folder: Path, demo: bool) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("ReflectJournal")
    settings = Settings()
    apply_theme(app, settings.get(THEME), settings.get(FONT_POINTS))
    app.setWindowIcon(icon("app"))
    tasks = Tasks()
    session = JournalSession(folder, None, tasks)  # services load on the database thread
    window = MainWindow(session, settings)
    window.show()
    if demo:
        from reflectjournal.ui.demo import start_demo  # its sample data only when asked

        start_demo(window, session)
    _quit_on_signals(window)
    status = app.exec()
    session.shutdown()
    return int(status)


def _quit_on_signals(window: MainWindow) -> QTimer:
    """Close the window (keeping the draft, locking) on SIGTERM or Ctrl+C in a terminal.

    Python runs signal handlers only when it has control, so a slow timer hands it control
    while Qt's loop waits; without this a logout or `kill` would skip the lock and the
    demo folder's removal.
    """
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_: window.close())
    wake = QTimer(window)
    wake.timeout.connect(lambda: None)
    wake.start(250)
    return wake
