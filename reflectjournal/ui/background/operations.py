"""Named operations over the journal session: a query or a change, and what follows it.

Modelled on Anki's `CollectionOp` (qt/aqt/operations/): a GUI action builds an operation,
says what happens on success and on failure, and runs it; the work runs on the database
thread through `JournalSession.call`, so the lock epoch still drops late replies. A change
also names what it changes; once it succeeds the session announces that in
`journal_changed`, and every view refreshes what it shows from there, instead of each action
refreshing the views it knows about by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

from PySide6.QtWidgets import QLabel, QPushButton

from reflectjournal.ui.background.session import JournalSession, user_message

if TYPE_CHECKING:
    from reflectjournal.services.changes import Changes
    from reflectjournal.services.journal import Journal

T = TypeVar("T")


class Operation(Generic[T]):
    """One service call on the database thread, with its success, failure and busy state."""

    def __init__(self, session: JournalSession, work: Callable[[Journal], T],
                 changes: Changes | None) -> None:
        self._session = session
        self._work = work
        self._changes = changes
        self._success: Callable[[T], None] | None = None
        self._failure: Callable[[BaseException], None] | None = None
        self._afterwards: Callable[[], None] | None = None
        self._message: QLabel | None = None
        self._button: QPushButton | None = None
        self._busy_text = ""

    def success(self, done: Callable[[T], None]) -> Operation[T]:
        """Call done with the result on the GUI thread (before views hear of the change)."""
        self._success = done
        return self

    def afterwards(self, then: Callable[[], None]) -> Operation[T]:
        """Call then on success, once the views have heard of the change and refreshed."""
        self._afterwards = then
        return self

    def failure(self, failed: Callable[[BaseException], None]) -> Operation[T]:
        """Call failed with the error on the GUI thread."""
        self._failure = failed
        return self

    def telling(self, message: QLabel) -> Operation[T]:
        """Clear the message line now; a failure is told there in plain words."""
        self._message = message
        return self

    def busy(self, button: QPushButton, text: str) -> Operation[T]:
        """Disable the button and show text on it until the work is done."""
        self._button, self._busy_text = button, text
        return self

    def run(self) -> None:
        """Submit the work; exactly one of success or failure follows, unless it locked."""
        if self._failure is None and self._message is None:
            raise ValueError("An operation must say where a failure goes.")
        if self._message is not None:
            self._message.clear()
        button, idle_text = self._button, ""
        if button is not None:
            idle_text = button.text()
            button.setEnabled(False)
            button.setText(self._busy_text)

        def finish() -> None:
            if button is not None:
                button.setText(idle_text)
                button.setEnabled(True)

        def succeeded(result: T) -> None:
            finish()
            if self._success is not None:
                self._success(result)
            if self._changes is not None:
                self._session.journal_changed.emit(self._changes)
            if self._afterwards is not None:
                self._afterwards()

        def failed(error: BaseException) -> None:
            finish()
            if self._failure is not None:
                self._failure(error)
            elif self._message is not None:
                self._message.setText(user_message(error))

        self._session.call(self._work, succeeded, failed)


def query(session: JournalSession, work: Callable[[Journal], T]) -> Operation[T]:
    """Return an operation that reads the journal and changes nothing."""
    return Operation(session, work, None)


def change(session: JournalSession, work: Callable[[Journal], T],
           changes: Changes) -> Operation[T]:
    """Return an operation that changes the named parts of the journal."""
    return Operation(session, work, changes)
