"""`reflectjournal --demo`: a throwaway journal of made-up entries to explore at once."""

from __future__ import annotations

import datetime as dt

from reflectjournal.domain.passphrase import suggest_passphrase
from reflectjournal.services.demo import fill_demo
from reflectjournal.ui.background.session import JournalSession, user_message
from reflectjournal.ui.main_window import MainWindow


def demo_note(passphrase: str) -> str:
    """Return what the window says about the demo journal (its passphrase is no secret)."""
    return (f"Demo journal: every entry is made up, and the journal is deleted when you quit. "
            f"Its passphrase is: {passphrase}")


def start_demo(window: MainWindow, session: JournalSession) -> str:
    """Create and fill the demo journal on the database thread; return its passphrase."""
    passphrase = suggest_passphrase()
    note = demo_note(passphrase)
    window.show_preparing("Preparing the demo journal…")

    def created(_recovery_key: str) -> None:
        session.call(lambda journal: fill_demo(journal, dt.date.today()),
                     lambda _count: window.show_journal(note), failed)

    def failed(error: BaseException) -> None:
        window.show_preparing("The demo journal could not be made: " + user_message(error))
    session.create(passphrase, created, failed)
    return passphrase
