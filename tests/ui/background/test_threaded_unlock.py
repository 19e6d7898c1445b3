"""With the real database thread, the event loop keeps running while the KDF works."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from reflectjournal.services.journal import Journal
from reflectjournal.ui.background.session import JournalSession
from reflectjournal.ui.background.tasks import Tasks
from tests.helpers.journals import FLOOR, PASSPHRASE


def test_unlock_runs_off_the_gui_thread(qtbot: QtBot, journal_dir: Path,
                                        runtime_dir: Path) -> None:
    Journal.create(journal_dir, PASSPHRASE, FLOOR)[0].close()
    tasks = Tasks()
    session = JournalSession(journal_dir, FLOOR, tasks)
    ticks = []
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    try:
        with qtbot.waitSignal(session.unlocked, timeout=30_000):
            session.unlock(PASSPHRASE, lambda _: None, lambda e: None)
            assert not session.is_open  # submit returned before the key was derived
        # Argon2id at 64 MiB takes ~0.1 s here: the timer must have fired meanwhile.
        assert len(ticks) >= 3
        assert session.is_open
    finally:
        timer.stop()
        session.shutdown()
