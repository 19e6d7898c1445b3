"""Render a copy on a Qt thread of its own, so that a long PDF never freezes the window."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QThread

from reflectjournal.domain import printable

# Why a thread of its own. Measured once on the development machine (2 cores): laying out
# and painting the PDF of 200 entries (151 pages) takes 1.0 to 1.6 s, 8 entries 0.07 s, an
# agenda 0.03 s; on the GUI thread the long one is a frozen window. The database thread is
# no place for it either: it is a plain Python thread without a Qt event dispatcher, where
# Qt's text layout logs QBasicTimer warnings, and it would hold every other journal call
# back meanwhile. A QThread has a dispatcher, Qt supports QPainter on a QPdfWriter and
# QTextDocument layout off the GUI thread, and the window stayed responsive (longest pause
# about 0.1 s, the GIL) while it ran.
Rendered = tuple[bytes, int]  # the file's bytes and its number of pages (0: not paged)
Render = Callable[[printable.Document], Rendered]


class RenderThread(QThread):
    """Runs render(document) once; after `finished`, read `result` or `error`."""

    def __init__(self, render: Render, document: printable.Document,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._render = render
        self._document: printable.Document | None = document
        self.result: Rendered | None = None
        self.error: Exception | None = None

    def run(self) -> None:
        """Render on this thread; an error is kept for the GUI thread to tell or log."""
        document, self._document = self._document, None  # entry text lives no longer than needed
        if document is None:
            return
        try:
            self.result = self._render(document)
        except Exception as error:  # handed over: the GUI thread tells it or logs a bug
            self.error = error
