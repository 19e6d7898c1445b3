"""One start-up in a fresh process: ``python -m benchmarks.gui_start bare|app [FOLDER]``.

Prints ``shown PAINTED MARKED EVENTS RSS`` (CLOCK_MONOTONIC seconds, events seen before the
first paint, peak RSS in MiB) once the first window has been painted and the event loop has
turned once more, then quits. ``bare`` shows an empty QMainWindow of the app's size;
``app`` runs the real entry point, ``reflectjournal.cli.main.run(["--journal", FOLDER])``,
which shows the unlock form when FOLDER holds a journal.

Nothing is imported at module level beyond the standard library, so the bare baseline
pays only for PySide6.
"""

from __future__ import annotations

import importlib
import resource
import sys
import time
from typing import Any

APP_SIZE = (1100, 720)
"""MainWindow's own size (main_window.py resizes to it), so both windows paint as much."""


def _timed_application() -> type[Any]:
    """Return a QApplication subclass that reports its first painted window, then quits."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    class FirstPaint(QObject):
        """Sees a native window's events until its first Paint; reports on the next loop turn."""

        def __init__(self) -> None:
            super().__init__()
            self.events = 0
            self.painted = 0.0

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            self.events += 1
            if event.type() == QEvent.Type.Paint and not self.painted:
                self.painted = time.monotonic()
                watched.removeEventFilter(self)
                # The whole window is painted and flushed within this one sync, so a
                # zero timer fires after the first frame is complete.
                QTimer.singleShot(0, self._report)
            return False

        def _report(self) -> None:
            marked = time.monotonic()
            peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"shown {self.painted:.6f} {marked:.6f} {self.events} {peak_mib:.1f}",
                  flush=True)
            QApplication.quit()

    class TimedApplication(QApplication):
        """The app's QApplication, plus the first-paint probe."""

        def __init__(self, argv: list[str]) -> None:
            super().__init__(argv)
            self._probe = FirstPaint()

        # QApplication.exec is static in the stubs; on the instance it runs this loop.
        def exec(self) -> int:  # type: ignore[override]
            # A window shown before the loop starts is painted inside it (on offscreen,
            # show() only queues the expose): watch the native windows alone, so no
            # Python runs for the thousands of other events of a start.
            for widget in self.topLevelWidgets():
                if widget.isVisible() and widget.windowHandle() is not None:
                    widget.windowHandle().installEventFilter(self._probe)
            return int(super().exec())

    return TimedApplication


def _bare() -> int:
    from PySide6.QtWidgets import QMainWindow

    app = _timed_application()(sys.argv[:1])
    window = QMainWindow()
    window.resize(*APP_SIZE)
    window.show()
    return int(app.exec())


def _app(folder: str) -> int:
    # The same modules, in the same order, as `python -m reflectjournal`: the CLI first,
    # then the GUI module that launch_app imports.
    from reflectjournal.cli.main import run

    gui = importlib.import_module("reflectjournal.ui.app")
    # run_app builds `QApplication.instance() or QApplication(...)`: give it the probing
    # subclass under the same name; nothing else in the start path changes.
    gui.__dict__["QApplication"] = _timed_application()
    return run(["--journal", folder])


def main(argv: list[str]) -> int:
    """Start the bare window or the app and report when its first frame is shown."""
    if argv[:1] == ["bare"]:
        return _bare()
    if argv[:1] == ["app"] and len(argv) == 2:
        return _app(argv[1])
    print("usage: python -m benchmarks.gui_start bare | app FOLDER", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
