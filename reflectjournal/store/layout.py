"""Where a journal's files live inside its folder."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from reflectjournal import APP_NAME as APP_NAME  # re-exported until ui imports it from the root

BACKUP_SUFFIX = ".rjbackup"
"""The ending of a backup file's name."""

ENV_JOURNAL = "REFLECTJOURNAL_JOURNAL"


def default_folder() -> Path:
    """Return the journal folder chosen by the environment or platform conventions."""
    chosen = os.environ.get(ENV_JOURNAL)
    if chosen:
        return Path(chosen).expanduser()
    return platformdirs.user_data_path(APP_NAME, appauthor=False, roaming=False) / "journal"


@dataclass(frozen=True, slots=True)
class JournalFolder:
    """The files making up one journal."""

    root: Path

    @property
    def database(self) -> Path:
        """Return the SQLCipher database path."""
        return self.root / "journal.db"

    @property
    def envelope(self) -> Path:
        """Return the key envelope path."""
        return self.root / "journal.key"

    @property
    def lock(self) -> Path:
        """Return the lock file path."""
        return self.root / "journal.lock"

    @property
    def backups(self) -> Path:
        """Return the folder of automatic and manual backups."""
        return self.root / "backups"

    def sidecars(self) -> list[Path]:
        """Return SQLite's -wal, -shm and -journal files."""
        return [self.root / f"journal.db{suffix}" for suffix in ("-wal", "-shm", "-journal")]

    def exists(self) -> bool:
        """Return whether either main file is present (or may be: the folder is unreadable).

        A folder this user may not read is taken to hold a journal, so the app offers to
        unlock it, and opening tells why it cannot (store/folder_checks.py), rather than
        offering to create a journal there or failing on the question.
        """
        try:
            return self.database.exists() or self.envelope.exists()
        except PermissionError:
            return True
