"""Checks on a journal folder before anything in it is opened, each with a plain message.

They run before the lock is taken and before SQLite sees the database, so a folder that
cannot be used is told as what it is (no permission, a read-only drive, a link or a folder
where one of the journal's files belongs) and nothing in it changes.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from reflectjournal.domain.errors import FolderRefusedError
from reflectjournal.store.files import link_refused
from reflectjournal.store.layout import JournalFolder

_WHY_WRITE = ("SQLite writes its log files (journal.db-wal and journal.db-shm) beside the "
              "database whenever it opens it, even only to read")


def check_readable(root: Path) -> None:
    """Refuse a folder this user may not list or enter."""
    try:
        with os.scandir(root):
            pass
    except FileNotFoundError:
        return  # told by the caller as "no journal here"
    except NotADirectoryError:
        raise FolderRefusedError(f"{root} is a file, not a journal folder.",
                                 "Give the folder holding journal.db and journal.key.") from None
    except PermissionError:
        raise FolderRefusedError(
            f"You may not read the journal folder {root} (permission denied), so the "
            "journal cannot be opened; nothing was changed.",
            f"If the folder is yours, allow yourself to read and write it again: "
            f"chmod 700 {root}",
        ) from None


def check_own_files(place: JournalFolder) -> None:
    """Refuse a link, a folder or a device where the journal keeps one of its files."""
    roles = {place.database: "database", place.envelope: "key file", place.lock: "lock file"}
    roles.update({sidecar: "log file" for sidecar in place.sidecars()})
    for path, role in roles.items():
        try:
            info = path.lstat()
        except FileNotFoundError:
            continue
        if stat.S_ISLNK(info.st_mode):
            raise link_refused(path)
        if stat.S_ISDIR(info.st_mode):
            hint = (f"If it is empty, remove it (rmdir {path}) and try again: the lock file "
                    "is made again." if role == "lock file" else
                    "Move it elsewhere and restore the journal from a backup.")
            raise FolderRefusedError(f"{path} is a folder where the journal keeps its {role}; "
                                     "nothing was changed.", hint)
        if not stat.S_ISREG(info.st_mode):
            raise FolderRefusedError(
                f"{path} is not a regular file (a device, pipe or socket) where the journal "
                f"keeps its {role}; nothing was changed.",
                "Move it elsewhere and restore the journal from a backup.")


def check_writable(root: Path) -> None:
    """Refuse a folder on a read-only drive, or one this user may read but not write."""
    if os.access(root, os.W_OK | os.X_OK):
        return
    if _read_only_drive(root):
        raise FolderRefusedError(
            f"The journal folder {root} is on a read-only drive. The journal cannot be opened "
            f"there, not even to read it: {_WHY_WRITE}. Nothing was changed.",
            "Copy the folder to a writable place and open the copy (--journal DIR), or make "
            "the drive writable.",
        )
    raise FolderRefusedError(
        f"You may read the journal folder {root} but not write to it. The journal cannot be "
        f"opened there, not even to read it: {_WHY_WRITE}. Nothing was changed.",
        f"If the folder is yours, chmod 700 {root}; or copy it somewhere you may write and "
        "open the copy (--journal DIR).",
    )


def _read_only_drive(root: Path) -> bool:
    try:
        return bool(os.statvfs(root).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # no statvfs (Windows): told as no permission
        return False
