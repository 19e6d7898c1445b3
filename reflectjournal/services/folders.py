"""What a journal folder holds, answered without opening it.

Light on purpose (no database, no cryptography): the start window asks these before the
journal's heavier parts are loaded.
"""

from __future__ import annotations

from pathlib import Path

from reflectjournal.store import layout
from reflectjournal.store.layout import BACKUP_SUFFIX as BACKUP_SUFFIX


def default_folder() -> Path:
    """Return the journal folder the environment or the platform's conventions choose."""
    return layout.default_folder()


def journal_exists(folder: Path) -> bool:
    """Return whether the folder holds a journal (or half of one: either main file)."""
    return layout.JournalFolder(folder).exists()


def backups_folder(folder: Path) -> Path:
    """Return where the journal in folder keeps its backups."""
    return layout.JournalFolder(folder).backups


def newest_backups(folder: Path) -> list[Path]:
    """Return the backup files of the journal in folder, the most recently written first."""
    found = layout.JournalFolder(folder).backups.glob(f"*{BACKUP_SUFFIX}")
    return sorted(found, key=_modified)[::-1]


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
