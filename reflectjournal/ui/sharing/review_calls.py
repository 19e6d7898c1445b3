"""Journal calls from the review screen whose failures are told in its message line."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from reflectjournal.ui.background.session import JournalSession, user_message
from reflectjournal.ui.widgets.passphrase_field import MessageLabel

if TYPE_CHECKING:
    from reflectjournal.services.journal import Journal

T = TypeVar("T")


class ReviewCalls:
    """Run work on the database thread for one of the review screen's panes."""

    def __init__(self, session: JournalSession, message: MessageLabel) -> None:
        self.session = session
        self.message = message

    def call(self, work: Callable[[Journal], T], done: Callable[[T], None]) -> None:
        """Clear the last message, then run work; done gets its result on the GUI thread."""
        self.message.clear()
        self.session.call(work, done, self.failed)

    def failed(self, error: BaseException) -> None:
        """Tell what went wrong in the message line."""
        self.message.setText(user_message(error))
