"""Private folders and atomic file writes."""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from pathlib import Path
from typing import BinaryIO

from reflectjournal.domain.errors import FileRefusedError, FolderRefusedError, StorageFullError

_POSIX = os.name == "posix"


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def read_regular_file(path: Path, max_bytes: int, what: str = "file", *,
                      follow_links: bool = True) -> bytes:
    """Read a whole regular file of at most `max_bytes`, or refuse it with a plain message.

    Opened non-blocking and checked with fstat on the open descriptor, so a FIFO with no
    writer, /dev/zero, a terminal or a folder is refused at once instead of hanging or filling
    memory, and a file swapped after the check cannot be read in its place. The journal's
    own files are read with follow_links=False (O_NOFOLLOW where the OS has it).
    """
    fd = _open_regular(path, max_bytes, what, follow_links)
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
    return os.fdopen(_open_regular(path, max_bytes, what, True), "rb")


def _open_regular(path: Path, max_bytes: int, what: str, follow_links: bool) -> int:
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags | (0 if follow_links else _NOFOLLOW))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise link_refused(path) from None
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


def link_refused(path: Path) -> FolderRefusedError:
    """Return the error for a symbolic link where the journal keeps one of its own files."""
    return FolderRefusedError(
        f"{path} is a symbolic link; ReflectJournal does not follow links for the files and "
        "folders it keeps, so nothing was read or changed through it.",
        f"Remove the link (rm {path}) and try again; a real one is made in its place.",
    )


def make_private_dir(path: Path) -> None:
    """Create a folder (and parents) readable by the owner only, whatever the umask.

    The mode is set through a descriptor opened without following links, so a folder
    that is a link (say, to a world-writable folder) is refused, never chmod-ed through it.
    """
    if path.is_symlink():
        raise link_refused(path)
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _POSIX:
            return
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | _NOFOLLOW)
        try:
            if stat.S_IMODE(os.fstat(fd).st_mode) != 0o700:
                os.fchmod(fd, 0o700)
        finally:
            os.close(fd)
    except OSError as exc:
        if exc.errno == errno.ELOOP or path.is_symlink():  # made a link since the check
            raise link_refused(path) from None
        raise storage_error(exc, path) from exc


def create_private_file(path: Path) -> None:
    """Create an empty file readable by its owner only, before anyone writes to it.

    SQLite creates files 0644 less the umask, and its -wal and -shm take the database's
    mode when they are made: an empty file made here first (SQLite takes an empty file for
    a new database) is private from its first byte whatever the umask.
    """
    try:
        open_private_new(path).close()
    except OSError as exc:
        raise storage_error(exc, path) from exc


def open_private_new(path: Path) -> BinaryIO:
    """Open a new file for writing, 0600 whatever the umask; never through a link."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600)
    try:
        if _POSIX:
            os.fchmod(fd, 0o600)  # a umask such as 0277 takes bits from 0600 too
        return os.fdopen(fd, "r+b")
    except BaseException:
        os.close(fd)
        raise


def make_private_file(path: Path) -> None:
    """Restrict an existing file to its owner (never through a link)."""
    if _POSIX and path.exists() and not path.is_symlink():
        path.chmod(0o600)


def atomic_write(path: Path, data: bytes) -> None:
    """Write a whole file so that a crash leaves either the old or the new content.

    Temp file in the same folder, flush, fsync, rename, fsync of the folder.
    """
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        handle = open_private_new(tmp)
        try:
            with handle:
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
