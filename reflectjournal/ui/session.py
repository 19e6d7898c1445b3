"""The GUI's handle on one journal: open, lock and run services on the database thread."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from reflectjournal.domain.errors import JournalError
from reflectjournal.hardening import log_internal_error
from reflectjournal.services.journal import Journal, JournalOptions
from reflectjournal.store.layout import JournalFolder
from reflectjournal.ui.tasks import SyncTasks, Tasks

T = TypeVar("T")


def user_message(error: BaseException) -> str:
    """Return what to tell the user about an error; log bugs without content."""
    if isinstance(error, JournalError):
        return str(error)
    log = log_internal_error(error)
    return (f"Something went wrong inside ReflectJournal ({type(error).__name__}). Nothing "
            f"was lost. Details without any journal content are in {log}.")


class JournalSession(QObject):
    """Opens and locks a journal; every call on it runs on the database thread."""

    unlocked = Signal()
    locked = Signal()

    def __init__(self, folder: Path, options: JournalOptions, tasks: Tasks | SyncTasks) -> None:
        super().__init__()
        self.folder = folder
        self._options = options
        self._tasks = tasks
        self._journal: Journal | None = None

    @property
    def is_open(self) -> bool:
        """Return whether the journal is unlocked."""
        return self._journal is not None

    def exists(self) -> bool:
        """Return whether a journal exists in the folder."""
        return JournalFolder(self.folder).exists()

    def create(self, passphrase: str, done: Callable[[str], None],
               failed: Callable[[BaseException], None]) -> None:
        """Create the journal; done receives the recovery key."""
        def work() -> str:
            journal, recovery_key = Journal.create(self.folder, passphrase, self._options)
            self._journal = journal
            return recovery_key
        self._tasks.submit(work, lambda key: self._opened(done, key), failed)

    def unlock(self, passphrase: str, done: Callable[[None], None],
               failed: Callable[[BaseException], None]) -> None:
        """Unlock with the passphrase (KDF on the database thread)."""
        def work() -> None:
            self._journal = Journal.open(self.folder, passphrase, self._options)
        self._tasks.submit(work, lambda _: self._opened(done, None), failed)

    def recover(self, recovery_key: str, new_passphrase: str, done: Callable[[None], None],
                failed: Callable[[BaseException], None]) -> None:
        """Unlock with the recovery key and set a new passphrase."""
        def work() -> None:
            self._journal = Journal.recover(self.folder, recovery_key, new_passphrase,
                                            self._options)
        self._tasks.submit(work, lambda _: self._opened(done, None), failed)

    def _opened(self, done: Callable[[Any], None], value: Any) -> None:
        done(value)
        self.unlocked.emit()

    def call(self, work: Callable[[Journal], T], done: Callable[[T], None],
             failed: Callable[[BaseException], None]) -> None:
        """Run a service call on the database thread."""
        def run() -> T:
            if self._journal is None:
                raise JournalError("The journal is locked.")
            return work(self._journal)
        self._tasks.submit(run, done, failed)

    def lock(self, last: Callable[[Journal], object] | None = None) -> None:
        """Close the journal now, after queued work and `last` (keeping a draft), then announce.

        Locking is never blocked: if `last` fails, the journal closes all the same.
        """
        if self._journal is None:
            return
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
