"""Start the desktop app."""

from __future__ import annotations

import contextlib
import signal
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from reflectjournal.ui.background.session import JournalSession
from reflectjournal.ui.background.tasks import SyncTasks, Tasks
from reflectjournal.ui.look.theme import STYLE_NAME, apply_palette
from reflectjournal.ui.main_window import MainWindow
from reflectjournal.ui.settings.options import FONT_POINTS, THEME, Settings

if TYPE_CHECKING:
    from reflectjournal.services.journal import JournalOptions


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


def build_window(folder: Path, settings: Settings, *, options: JournalOptions | None = None,
                 tasks: Tasks | SyncTasks | None = None,
                 build_journal: bool = True) -> MainWindow:
    """Assemble the window over a journal folder: a session on the database thread, the window.

    The one way to put them together, for the app, the tests, the benchmarks and the
    screenshots. options None is the production KDF; tasks None a real database thread;
    with build_journal False only the start view is made (the rest by `build_journal()`).
    The session is the window's `session`; shut it down after the window closes.
    """
    session = JournalSession(folder, options, tasks if tasks is not None else Tasks())
    return MainWindow(session, settings, build_journal=build_journal)


def _run(folder: Path, demo: bool) -> int:
    # Fusion from the command line: asking for it from Python would wrap the style object
    # and build its Python types before the first frame.
    existing = QApplication.instance()
    if existing is None:
        from reflectjournal.ui.desktop.qt_libraries import platform_problem

        problem = platform_problem()
        if problem:  # Qt would abort, naming one library at best
            print(problem, file=sys.stderr)
            return 1
    app = (existing if isinstance(existing, QApplication)
           else QApplication([*sys.argv[:1], "-style", STYLE_NAME]))
    app.setApplicationName("ReflectJournal")
    # Wayland desktops match the window to the menu entry by this name (desktop_entry.py).
    app.setDesktopFileName("io.github.reflectjournal.ReflectJournal")
    settings = Settings()
    theme, font_points = settings.get(THEME), settings.get(FONT_POINTS)
    apply_palette(app, theme, font_points)
    # First the unlock form alone, painted as soon as the loop runs; the rest of the
    # window (the journal page, actions, icons, the app's style) just after that frame.
    # The services load on the database thread.
    window = build_window(folder, settings, build_journal=False)
    session = window.session

    def finish() -> None:
        from reflectjournal.ui.look.app_style import apply_theme
        from reflectjournal.ui.look.icons import icon

        apply_theme(app, theme, font_points)
        app.setWindowIcon(icon("app"))
        window.build_journal()

    after_first_paint(window, finish)
    window.show()
    if demo:
        from reflectjournal.ui.demo import start_demo  # its sample data only when asked

        start_demo(window, session)
    _quit_on_signals(window)
    status = app.exec()
    session.shutdown()
    return int(status)


class _FirstPaint(QObject):
    """Runs a function once, on the loop turn after a widget's first paint."""

    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self._then = then

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # The frame is flushed within this round of painting. Waiting two loop turns,
            # not one, also lets whatever was queued meanwhile (input, other timers) run
            # before the journal page is built.
            QTimer.singleShot(0, lambda: QTimer.singleShot(0, self._then))
        return False


def after_first_paint(widget: QWidget, then: Callable[[], None]) -> None:
    """Run then once, just after the widget is first painted."""
    widget.installEventFilter(_FirstPaint(widget, then))


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
