"""Writing a finished copy into the file the user chose: owner-only, whole or not at all."""

from __future__ import annotations

from pathlib import Path

from reflectjournal.store.files import atomic_write


def write_copy(path: Path, data: bytes) -> None:
    """Write the copy atomically, readable by its owner only (0600 from the start)."""
    # The one line of copies that reaches the store: when a services function for
    # user-chosen files exists, it replaces this import and nothing else changes.
    atomic_write(path, data)
