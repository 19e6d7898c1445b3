"""Files the user asked for by name: exports, printable copies, cards, recovery keys."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reflectjournal.store.files import atomic_write, open_regular_file, read_regular_file


def write_chosen_file(path: Path, data: bytes) -> None:
    """Write a whole file where the user chose, owner-only (0600) from the start.

    A crash leaves the old content or the new, never half; a full disk or a read-only
    folder is reported as a StorageFullError with a plain message.
    """
    atomic_write(path, data)


def read_chosen_file(path: Path, max_bytes: int, what: str) -> bytes:
    """Read a file the user named (a card, an import, a passphrase file), bounded.

    Only a regular file of at most `max_bytes` is read; a device, pipe or folder is refused at
    once with a plain message (FileRefusedError), never read until memory runs out or waited on.
    """
    return read_regular_file(path, max_bytes, what)


def open_chosen_file(path: Path, max_bytes: int, what: str) -> BinaryIO:
    """Open a file the user named to read as a stream (an import), checked as above."""
    return open_regular_file(path, max_bytes, what)
