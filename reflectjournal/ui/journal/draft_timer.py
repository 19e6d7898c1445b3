"""When the editor's draft is due: once typing stops, and at most every two seconds of it."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

AUTOSAVE_MS = 2_000
# The longest continuous typing goes without a draft: a crash loses at most about this much.
AUTOSAVE_MAX_MS = 2_000


class DraftTimer(QObject):
    """Emits `due` about two seconds after the last change, or two seconds into typing."""

    due = Signal()

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.quiet = QTimer(self)
        self.quiet.setSingleShot(True)
        self.quiet.setInterval(AUTOSAVE_MS)
        self.quiet.timeout.connect(self.due)
        # Not restarted by typing, so a steady typist still gets a draft every ~2 s.
        self.longest = QTimer(self)
        self.longest.setSingleShot(True)
        self.longest.setInterval(AUTOSAVE_MAX_MS)
        self.longest.timeout.connect(self.due)

    def changed(self) -> None:
        """Count a change: the draft is kept once typing stops, or soon if it goes on."""
        self.quiet.start()  # restarts
        if not self.longest.isActive():
            self.longest.start()

    def stop(self) -> None:
        """Forget a pending draft (it was just kept, or the entry changed)."""
        self.quiet.stop()
        self.longest.stop()
