"""Consistent, verified, encrypted snapshots of a journal, packed with their key envelope.

A backup file is a zip archive (stored, not compressed: the content is ciphertext) of
`manifest.json`, `journal.key` and `journal.db`. The database inside is a SQLCipher
export made with the journal's own key and salt, never a copy of a live file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import secrets
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from reflectjournal import __version__
from reflectjournal.domain.backup_schedule import DEFAULT_RETENTION, Retention, to_keep
from reflectjournal.domain.errors import BackupError, JournalError, StorageFullError
from reflectjournal.store import entries as entry_sql
from reflectjournal.store import health, schema
from reflectjournal.store.database import Database
from reflectjournal.store.envelope import DataKey
from reflectjournal.store.files import (
    create_private_file,
    fsync_dir,
    make_private_file,
    open_private_new,
    storage_error,
)
from reflectjournal.store.layout import BACKUP_SUFFIX

SUFFIX = BACKUP_SUFFIX
FORMAT = "reflectjournal-backup"
VERSION = 1
# What a backup file's name starts with. Only AUTOMATIC ones are ever deleted (rotated): the
# others are rare, and each may be the only copy of a state the user chose to leave.
MANUAL = "backup"
AUTOMATIC = "auto"
BEFORE_RESTORE = "before-restore"
BEFORE_UPGRADE = "before-upgrade"
BEFORE_REKEY = "before-rekey"
STAMP = "%Y%m%d-%H%M%S"
_AUTOMATIC_NAME = re.compile(
    rf"{AUTOMATIC}-(\d{{8}}-\d{{6}})(?:_\d{{3}})?{re.escape(BACKUP_SUFFIX)}")
_MAX_MEMBER = {"manifest.json": 64 * 1024, "journal.key": 64 * 1024}
_FREE_MARGIN = 16 * 1024 * 1024  # SQLite's -wal and the journal's own work after a restore


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """What a backup's manifest says."""

    journal_id: str
    created_at: dt.datetime
    schema_version: int
    entries: int


def snapshot(db: Database, key: DataKey, dest: Path) -> None:
    """Export the open database, consistently, into a new encrypted file."""
    if dest.exists():
        raise BackupError(f"{dest} already exists.")
    create_private_file(dest)  # private before SQLite writes a page into it
    db.checkpoint()
    db.execute("ATTACH DATABASE ? AS snapshot KEY ?", (str(dest), key.sqlcipher_key()))
    try:
        db.execute("SELECT sqlcipher_export('snapshot')")
        # sqlcipher_export copies the schema and rows, not the schema version.
        db.execute(f"PRAGMA snapshot.user_version = {schema.schema_version(db)}")
    finally:
        db.execute("DETACH DATABASE snapshot")
    make_private_file(dest)


def verify(path: Path, key: DataKey, expected_entries: int | None, driver: ModuleType) -> int:
    """Open a snapshot with the key, check it page by page, and return its entry count."""
    try:
        snap = Database.open(path, key, driver=driver, cache_kib=2048)
    except JournalError as exc:
        raise BackupError(f"The backup could not be opened with this journal's key ({exc}).")\
            from None
    try:
        problems = health.integrity_problems(snap)
        entries = entry_sql.total(snap)
    except JournalError as exc:
        raise BackupError(f"The backup failed its check ({exc}).") from None
    finally:
        snap.close()
    if problems:
        raise BackupError("The backup failed its integrity check.")
    if expected_entries is not None and entries != expected_entries:
        raise BackupError(
            f"The backup holds {entries} entries where the journal holds {expected_entries}."
        )
    return entries


def pack(dest: Path, database: Path, envelope: bytes, info: BackupInfo) -> None:
    """Write the backup archive atomically."""
    manifest = {
        "format": FORMAT, "version": VERSION, "app_version": __version__,
        "journal_id": info.journal_id, "created_at": info.created_at.isoformat(),
        "schema_version": info.schema_version, "entries": info.entries,
    }
    tmp = dest.with_name(f".{dest.name}.{secrets.token_hex(4)}.tmp")
    try:
        with open_private_new(tmp) as handle:
            with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_STORED) as archive:
                archive.writestr("manifest.json", json.dumps(manifest, indent=2))
                archive.writestr("journal.key", envelope)
                archive.write(database, "journal.db")
            handle.flush()
            os.fsync(handle.fileno())
        tmp.replace(dest)
        fsync_dir(dest.parent)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise storage_error(exc, dest) from exc


def check_file(src: Path) -> None:
    """Refuse a file that is not a backup, or would unpack to more than it holds, at once.

    For a restore into a new folder, before the folder or its lock file is made.
    """
    try:
        with zipfile.ZipFile(src) as archive:
            _contents(src, archive)
    except FileNotFoundError:
        raise BackupError(f"There is no file {src}.") from None
    except OSError as exc:
        raise BackupError(f"Cannot read {src}: {exc.strerror or exc}.") from None
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, EOFError):
        raise BackupError(f"{src.name} is damaged or not a ReflectJournal backup.") from None


def unpack(src: Path, dest_db: Path) -> tuple[BackupInfo, bytes]:
    """Extract a backup's database to dest_db; return its manifest and envelope bytes.

    The work is budgeted before a byte is written (see _contents), and the disk must hold
    the database; the bytes copied are counted against its declared size too.
    """
    try:
        with zipfile.ZipFile(src) as archive:
            manifest, envelope, member = _contents(src, archive)
            free = shutil.disk_usage(dest_db.parent).free
            if member.file_size + _FREE_MARGIN > free:
                raise StorageFullError(
                    f"Restoring {src.name} needs {member.file_size:,} bytes and the disk "
                    f"holding {dest_db.parent} has {free:,} free; nothing was changed.",
                    "Free some space and try again.",
                )
            with archive.open(member) as source, open_private_new(dest_db) as target:
                copied = 0
                while chunk := source.read(1 << 20):
                    copied += len(chunk)
                    if copied > member.file_size:
                        raise _unpacks_to_more(src)
                    target.write(chunk)
            info = BackupInfo(
                journal_id=str(manifest["journal_id"]),
                created_at=dt.datetime.fromisoformat(manifest["created_at"]),
                schema_version=int(manifest["schema_version"]),
                entries=int(manifest["entries"]),
            )
    except FileNotFoundError:
        raise BackupError(f"There is no file {src}.") from None
    except OSError as exc:  # the copy being written, on a full disk
        raise storage_error(exc, dest_db) from exc
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, EOFError):
        raise BackupError(f"{src.name} is damaged or not a ReflectJournal backup.") from None
    return info, envelope


def _contents(src: Path, archive: zipfile.ZipFile) -> tuple[Any, bytes, zipfile.ZipInfo]:
    """Return the manifest, key file and database member, each checked against its budget.

    We write the database stored (its pages are ciphertext, which does not compress), so
    a member that is compressed or unpacks to more than it takes in the file (a 3 MiB
    file claiming 3 GiB) is not ours and is refused before anything is unpacked.
    """
    names = set(archive.namelist())
    if names != {"manifest.json", "journal.key", "journal.db"}:
        raise BackupError(f"{src.name} is not a ReflectJournal backup.")
    for name, limit in _MAX_MEMBER.items():
        if archive.getinfo(name).file_size > limit:
            raise _unpacks_to_more(src)
    member = archive.getinfo("journal.db")
    if (member.compress_type != zipfile.ZIP_STORED or member.file_size != member.compress_size
            or member.file_size > src.stat().st_size):
        raise _unpacks_to_more(src)
    manifest = json.loads(_read_bounded(archive, "manifest.json", src))
    envelope = _read_bounded(archive, "journal.key", src)
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT or manifest.get(
            "version") != VERSION:
        raise BackupError(f"{src.name} is not a backup this version can read.")
    return manifest, envelope, member


def _read_bounded(archive: zipfile.ZipFile, name: str, src: Path) -> bytes:
    """Read a small member, never more than its budget whatever its header says."""
    limit = _MAX_MEMBER[name]
    with archive.open(name) as member:
        data = member.read(limit + 1)
    if len(data) > limit:
        raise _unpacks_to_more(src)
    return data


def _unpacks_to_more(src: Path) -> BackupError:
    return BackupError(
        f"{src.name} claims to unpack to far more than its own size, which no ReflectJournal "
        "backup does (it is damaged, or was made to fill the disk); nothing was changed.",
        "Restore from another backup.",
    )


def new_name(folder: Path, reason: str, now: dt.datetime) -> Path:
    """Return a free file name for a backup made now, e.g. auto-20261203-091500.rjbackup."""
    stamp = now.strftime(STAMP)
    dest = folder / f"{reason}-{stamp}{SUFFIX}"
    n = 1
    while dest.exists():  # two backups within one second
        n += 1
        # "_002" sorts after the unnumbered name ("-2" sorts before it), so names still
        # sort in the order the backups were made.
        dest = folder / f"{reason}-{stamp}_{n:03d}{SUFFIX}"
    return dest


def automatic_made_at(path: Path) -> dt.datetime | None:
    """Return when an automatic backup was made, from its name (None: not one of ours)."""
    match = _AUTOMATIC_NAME.fullmatch(path.name)
    if match is None:
        return None
    try:
        return dt.datetime.strptime(match.group(1), STAMP).replace(tzinfo=dt.UTC)
    except ValueError:
        return None


def rotate(folder: Path, now: dt.datetime, retention: Retention = DEFAULT_RETENTION) -> list[Path]:
    """Delete the automatic backups the retention rule does not keep; return what went."""
    made = {path: automatic_made_at(path) for path in folder.glob(f"{AUTOMATIC}-*{SUFFIX}")}
    dated = {path: when for path, when in made.items() if when is not None}
    keep = to_keep(dated.values(), now, retention)
    deleted = []
    for path, when in sorted(dated.items()):
        if when not in keep:
            with contextlib.suppress(OSError):
                path.unlink()
                deleted.append(path)
    return deleted
