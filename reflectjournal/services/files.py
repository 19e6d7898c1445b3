"""Files the user asked for by name: exports, printable copies, cards, recovery keys."""

from __future__ import annotations

from pathlib import Path

from reflectjournal.store.files import atomic_write


def write_chosen_file(path: Path, data: bytes) -> None:
    """Write a whole file where the user chose, owner-only (0600) from the start.

    A crash leaves the old content or the new, never half; a full disk or a read-only
    folder is reported as a StorageFullError with a plain message.
    """
    atomic_write(path, data)
