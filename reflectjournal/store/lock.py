"""One process per journal, enforced with an OS file lock.

The lock file stays empty: it is never written, so a failed open changes no byte of the
journal, and the OS releases the lock when the process dies (kill -9 included).
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path
from types import TracebackType
from typing import IO

from reflectjournal.domain.errors import FolderRefusedError, JournalBusyError
from reflectjournal.store.files import link_refused, storage_error

BUSY_MESSAGE = "This journal is open in another window or process."


class JournalLock:
    """An exclusive, non-blocking lock on a journal folder's lock file."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._handle: IO[bytes] | None = None

    def acquire(self) -> None:
        """Take the lock or raise JournalBusyError at once."""
        if self._handle is not None:
            return
        handle = os.fdopen(self._open(), "r+b")
        try:
            _lock(handle)
        except OSError:
            handle.close()
            raise JournalBusyError(BUSY_MESSAGE, "Close it there first.") from None
        self._handle = handle

    def _open(self) -> int:
        """Open (or make) the lock file itself: never through a link, never a folder or FIFO."""
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(
            os, "O_NONBLOCK", 0)
        try:
            fd = os.open(self._path, flags, 0o600)
        except OSError as exc:
            raise self._refused(exc.errno) from None
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise self._refused(None)
        return fd

    def _refused(self, code: int | None) -> Exception:
        path = self._path
        if code == errno.ELOOP:
            return link_refused(path)
        if code == errno.EISDIR:
            return FolderRefusedError(
                f"{path} is a folder where the journal keeps its lock file; nothing was changed.",
                f"If it is empty, remove it (rmdir {path}) and try again: the lock file is "
                "made again.")
        if code is None:
            return FolderRefusedError(
                f"{path} is not a regular file (a device, pipe or socket) where the journal "
                "keeps its lock file; nothing was changed.",
                f"Remove it (rm {path}) and try again: the lock file is made again.")
        return storage_error(OSError(code, os.strerror(code)), path)

    def release(self) -> None:
        """Give the lock back."""
        if self._handle is not None:
            self._handle.close()  # closing the descriptor drops the lock
            self._handle = None

    def __enter__(self) -> JournalLock:
        self.acquire()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(handle: IO[bytes]) -> None:
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

else:
    import fcntl

    def _lock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
