"""One background thread owns the journal's database connection.

The GUI submits functions; each runs on that thread, and its result (or error) comes back
on the GUI thread through a queued signal. A SQLCipher connection may only be used from the
thread that opened it, and the KDF takes about a second, so nothing of either may run on
the GUI thread. Tests may use `SyncTasks`, which runs everything inline.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal, Slot

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class Tasks(QObject):
    """A serial worker thread with results delivered on the GUI thread."""

    _delivered = Signal(object, object, object)  # callback, error callback, future

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: ThreadPoolExecutor | None = None
        self._pending = 0
        self._delivered.connect(self._on_delivered)

    @property
    def _executor(self) -> ThreadPoolExecutor:
        """Return the database thread, started on first use (after the first frame)."""
        if self._thread is None:
            from concurrent.futures import ThreadPoolExecutor

            self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="journal-db")
        return self._thread

    def submit(self, work: Callable[[], Any], done: Done, failed: Failed) -> None:
        """Run work on the database thread; call done(result) or failed(error) here later."""
        self._pending += 1
        future = self._executor.submit(work)
        # The callback runs on the worker thread; the signal queues delivery to ours.
        future.add_done_callback(lambda f: self._delivered.emit(done, failed, f))

    @property
    def busy(self) -> bool:
        """Return whether submitted work has not been delivered yet."""
        return self._pending > 0

    @Slot(object, object, object)
    def _on_delivered(self, done: Done, failed: Failed, future: Future[Any]) -> None:
        self._pending -= 1
        error = future.exception()
        if error is not None:
            failed(error)
        else:
            done(future.result())

    def run_now(self, work: Callable[[], Any]) -> Any:
        """Run work on the database thread and wait for it (only for shutdown)."""
        return self._executor.submit(work).result()

    def shutdown(self) -> None:
        """Finish queued work and stop the thread."""
        if self._thread is not None:
            self._thread.shutdown(wait=True)


class SyncTasks(QObject):
    """Runs work inline; for tests that do not exercise threading."""

    busy = False

    def submit(self, work: Callable[[], Any], done: Done, failed: Failed) -> None:
        """Run work now and report at once."""
        try:
            result = work()
        except Exception as exc:  # delivered to the caller's error handler, as Tasks does
            failed(exc)
            return
        done(result)

    def run_now(self, work: Callable[[], Any]) -> Any:
        """Run work now."""
        return work()

    def shutdown(self) -> None:
        """Nothing to stop."""
