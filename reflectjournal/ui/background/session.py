"""The GUI's handle on one journal: open, lock and run services on the database thread."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Signal

from reflectjournal.domain.errors import JournalError, WrongPassphraseError
from reflectjournal.domain.unlock_backoff import UnlockBackoff
from reflectjournal.hardening import log_internal_error
from reflectjournal.services.folders import journal_exists
from reflectjournal.ui.background.tasks import SyncTasks, Tasks

if TYPE_CHECKING:
    from reflectjournal.services.journal import Journal, JournalOptions

T = TypeVar("T")


def user_message(error: BaseException) -> str:
    """Return what to tell the user about an error; log bugs without content."""
    if isinstance(error, JournalError):
        return str(error)
    log = log_internal_error(error)
    return (f"Something went wrong inside ReflectJournal ({type(error).__name__}). Nothing "
            f"was lost. Details without any journal content are in {log}.")


class UnlockWaitError(JournalError):
    """A try came before the wait after wrong passphrases was over."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"Too many wrong passphrases in a row: wait {math.ceil(seconds)} s, "
                         "then try again.", "Check Caps Lock and the keyboard layout, or use "
                         "the recovery key.")
        self.seconds = seconds


class JournalSession(QObject):
    """Opens and locks a journal; every call on it runs on the database thread."""

    unlocked = Signal()
    locked = Signal()
    # A change succeeded (operations.change): its services.changes.Changes, for every view.
    journal_changed = Signal(object)

    def __init__(self, folder: Path, options: JournalOptions | None,
                 tasks: Tasks | SyncTasks, clock: Callable[[], float] = time.monotonic) -> None:
        """Prepare; options None means the production defaults, loaded on first use.

        The services (SQLCipher, the KDF, cryptography) are imported on the database thread
        when the journal is first opened, not before the unlock window can be shown.
        """
        super().__init__()
        self.folder = folder
        self._given_options = options
        self._tasks = tasks
        self._journal: Journal | None = None
        self._epoch = 0  # bumped on every lock; replies from an older epoch are dropped
        self._opening = False
        self._lock_requested = False
        self.clock = clock  # monotonic seconds; tests pass their own, never sleep
        self.backoff = UnlockBackoff(clock)

    def _options(self) -> JournalOptions:
        if self._given_options is None:
            from reflectjournal.services.journal import JournalOptions

            self._given_options = JournalOptions()
        return self._given_options

    @property
    def is_open(self) -> bool:
        """Return whether the journal is unlocked."""
        return self._journal is not None

    @property
    def opening(self) -> bool:
        """Return whether a create, unlock or recovery is running."""
        return self._opening

    def exists(self) -> bool:
        """Return whether a journal exists in the folder."""
        return journal_exists(self.folder)

    def create(self, passphrase: str, done: Callable[[str], None],
               failed: Callable[[BaseException], None]) -> None:
        """Create the journal; done receives the recovery key.

        A lock asked for meanwhile is not kept: the new journal is empty, and its
        recovery key, shown only once, must reach the screen.
        """
        def work() -> tuple[Journal, str]:
            from reflectjournal.services.journal import Journal

            return Journal.create(self.folder, passphrase, self._options())
        self._open(work, done, failed, lockable=False)

    def unlock(self, passphrase: str, done: Callable[[None], None],
               failed: Callable[[BaseException], None]) -> None:
        """Unlock with the passphrase (KDF on the database thread), unless it must wait.

        Wrong passphrases in a row make the next try wait longer (domain/unlock_backoff);
        a try during the wait is refused without deriving anything.
        """
        wait = self.backoff.remaining()
        if wait > 0:
            failed(UnlockWaitError(wait))
            return

        def work() -> tuple[Journal, None]:
            from reflectjournal.services.journal import Journal

            return Journal.open(self.folder, passphrase, self._options()), None

        def opened(value: None) -> None:
            self.backoff.succeeded()
            done(value)

        def not_opened(error: BaseException) -> None:
            if isinstance(error, WrongPassphraseError):
                self.backoff.failed()
            failed(error)
        self._open(work, opened, not_opened)

    def recover(self, recovery_key: str, new_passphrase: str, done: Callable[[None], None],
                failed: Callable[[BaseException], None]) -> None:
        """Unlock with the recovery key and set a new passphrase."""
        def work() -> tuple[Journal, None]:
            from reflectjournal.services.journal import Journal

            journal = Journal.recover(self.folder, recovery_key, new_passphrase,
                                      self._options())
            return journal, None
        self._open(work, done, failed)

    def _open(self, work: Callable[[], tuple[Journal, Any]], done: Callable[[Any], None],
              failed: Callable[[BaseException], None], *, lockable: bool = True) -> None:
        """Open on the database thread; the journal counts as open once the GUI hears of it."""
        self._opening = True
        self._lock_requested = False

        def opened(result: tuple[Journal, Any]) -> None:
            self._opening = False
            self._journal, value = result
            if self._lock_requested and lockable:
                self.lock()  # the screen locked while the key was being derived
                failed(JournalError("The journal locked again as it opened, because the "
                                    "screen locked meanwhile.", "Unlock it again."))
                return
            done(value)
            self.unlocked.emit()

        def not_opened(error: BaseException) -> None:
            self._opening = False
            failed(error)
        self._tasks.submit(work, opened, not_opened)

    def call(self, work: Callable[[Journal], T], done: Callable[[T], None],
             failed: Callable[[BaseException], None]) -> None:
        """Run a service call on the database thread.

        Its result is dropped if the journal locked in between: a reply that arrives after
        lock must not put entry text back into a cleared window.
        """
        epoch = self._epoch

        def run() -> T:
            journal = self._journal
            if journal is None:
                raise JournalError("The journal is locked.")
            return work(journal)

        def deliver(result: T) -> None:
            if epoch == self._epoch:
                done(result)

        def fail(error: BaseException) -> None:
            if epoch == self._epoch:
                failed(error)
            elif not isinstance(error, JournalError):
                log_internal_error(error)  # a bug still leaves its trace, without content
        self._tasks.submit(run, deliver, fail)

    def lock(self, last: Callable[[Journal], object] | None = None) -> None:
        """Close the journal now, after queued work and `last` (keeping a draft), then announce.

        Locking is never blocked: if `last` fails, the journal closes all the same.
        """
        if self._journal is None:
            if self._opening:
                self._lock_requested = True
            return
        self._epoch += 1
        journal, self._journal = self._journal, None

        def close() -> None:
            try:
                if last is not None:
                    last(journal)
            except Exception as error:  # locking must go on; logged without content
                log_internal_error(error)
            finally:
                journal.close()
        try:
            self._tasks.run_now(close)
        finally:
            self.locked.emit()

    def shutdown(self, last: Callable[[Journal], object] | None = None) -> None:
        """Lock and stop the database thread."""
        self.lock(last)
        self._tasks.shutdown()
