"""Private folders and atomic file writes."""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from pathlib import Path
from typing import BinaryIO

from reflectjournal.domain.errors import FileRefusedError, StorageFullError

_POSIX = os.name == "posix"


def read_regular_file(path: Path, max_bytes: int, what: str = "file") -> bytes:
    """Read a whole regular file of at most `max_bytes`, or refuse it with a plain message.

    Opened non-blocking and checked with fstat on the open descriptor, so a FIFO with no
    writer, /dev/zero, a terminal or a folder is refused at once instead of hanging or filling
    memory, and a file swapped after the check cannot be read in its place.
    """
    fd = _open_regular(path, max_bytes, what)
    try:
        chunks, size = [], 0
        while size <= max_bytes:  # the file may grow while it is read
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > max_bytes:
            raise FileRefusedError(f"{path.name} grew past {max_bytes:,} bytes while it was "
                                   "read. It was not opened.")
        return b"".join(chunks)
    except OSError as exc:
        raise FileRefusedError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    finally:
        os.close(fd)


def open_regular_file(path: Path, max_bytes: int, what: str = "file") -> BinaryIO:
    """Open a regular file of at most `max_bytes` to read as a stream, checked as above.

    For files read a chunk at a time (an import), which must bound what they read
    themselves: the file may grow after the check.
    """
    return os.fdopen(_open_regular(path, max_bytes, what), "rb")


def _open_regular(path: Path, max_bytes: int, what: str) -> int:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise FileRefusedError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise FileRefusedError(f"{path} is a folder; give the {what} itself.")
        if not stat.S_ISREG(info.st_mode):
            raise FileRefusedError(f"{path} is not a regular file (a device, pipe or socket); "
                                   f"give a saved {what}.")
        if info.st_size > max_bytes:
            raise FileRefusedError(f"{path.name} is {info.st_size:,} bytes; a {what} is at most "
                                   f"{max_bytes:,} bytes. It was not opened.")
    except BaseException:
        os.close(fd)
        raise
    return fd


def make_private_dir(path: Path) -> None:
    """Create a folder (and parents) readable by the owner only."""
    path.mkdir(parents=True, exist_ok=True)
    if _POSIX:
        path.chmod(0o700)


def make_private_file(path: Path) -> None:
    """Restrict an existing file to its owner."""
    if _POSIX and path.exists():
        path.chmod(0o600)


def atomic_write(path: Path, data: bytes) -> None:
    """Write a whole file so that a crash leaves either the old or the new content.

    Temp file in the same folder, flush, fsync, rename, fsync of the folder.
    """
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise
        tmp.replace(path)
        fsync_dir(path.parent)
    except OSError as exc:
        raise storage_error(exc, path) from exc


def fsync_dir(path: Path) -> None:
    """Make a rename in this folder durable (POSIX only)."""
    if not _POSIX:
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def storage_error(exc: OSError, path: Path) -> Exception:
    """Turn an OSError on a write into a plain message where the user can act on it."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return StorageFullError(
            f"The disk holding {path.parent} is full; nothing was changed.",
            "Free some space and try again.",
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return StorageFullError(f"Cannot write to {path.parent}: permission denied or read-only.")
    return exc
