"""Health checks, verified backups and restoring them."""

from __future__ import annotations

import contextlib
import datetime as dt
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from reflectjournal.domain.backup_schedule import DEFAULT_RETENTION, automatic_due, stale_warning
from reflectjournal.domain.clock import utc_now
from reflectjournal.domain.errors import (
    BackupError,
    InvalidInputError,
    JournalDamagedError,
    JournalError,
)
from reflectjournal.services.keys import Keys
from reflectjournal.services.opening import JournalOptions
from reflectjournal.store import backup as backup_files
from reflectjournal.store import entries as entry_sql
from reflectjournal.store import health, meta, schema
from reflectjournal.store.backup import SUFFIX as SUFFIX
from reflectjournal.store.backup import BackupInfo as BackupInfo
from reflectjournal.store.database import Database
from reflectjournal.store.envelope import (
    DataKey,
    Envelope,
    load_envelope,
    parse_envelope,
    recovery_slot_damaged,
)
from reflectjournal.store.files import make_private_dir
from reflectjournal.store.layout import JournalFolder
from reflectjournal.store.lock import JournalLock


@dataclass(frozen=True, slots=True)
class HealthReport:
    """The outcome of `check`."""

    ok: bool
    problems: tuple[str, ...]
    cipher_version: str
    schema_version: int
    entries: int
    database_bytes: int
    last_backup: dt.datetime | None
    details: dict[str, str] = field(default_factory=dict)
    checked_at: dt.datetime | None = None


_CARRIED: tuple[meta.MetaKey, ...] = (
    "last_backup", "last_backup_file", "last_automatic_backup", "backup_folder")


class Backups:
    """The health and backups of one open journal."""

    def __init__(self, place: JournalFolder, db: Database, keys: Keys) -> None:
        self._place = place
        self._db = db
        self._keys = keys

    def check(self) -> HealthReport:
        """Checkpoint, then verify every page's MAC, the b-trees and the search index."""
        db = self._db
        db.checkpoint()
        problems = health.integrity_problems(db)
        if "recovery" in self._keys.envelope.damaged:
            problems.append(f"key file: {recovery_slot_damaged()}")
        last = self.last_backup()
        checked_at = utc_now()
        if not problems:
            # A damaged journal is not written to (SQLite may even refuse the write after
            # a failed check, which would hide the report behind a "read-only" error).
            with db.transaction():
                meta.put_time(db, "last_check", checked_at)
        return HealthReport(
            ok=not problems, problems=tuple(problems),
            cipher_version=health.cipher_version(db),
            schema_version=schema.schema_version(db),
            entries=entry_sql.total(db),
            database_bytes=self._place.database.stat().st_size, last_backup=last,
            checked_at=checked_at,
        )

    def last_check(self) -> dt.datetime | None:
        """Return when `check` last ran on this journal."""
        return meta.get_time(self._db, "last_check")

    def last_backup(self) -> dt.datetime | None:
        """Return when the last verified backup was written."""
        return meta.get_time(self._db, "last_backup")

    def chosen_folder(self) -> Path | None:
        """Return the folder the user picked for backups (None: the journal's own folder)."""
        if schema.schema_version(self._db) < 1:  # version 0 has no meta table yet
            return None
        text = meta.get(self._db, "backup_folder")
        return Path(text) if text else None

    def choose_folder(self, folder: Path | None) -> Path:
        """Keep backups in folder from now on (None: the journal's own); return where they go.

        Backups go into a subfolder named after the journal, so two journals backed up to
        one drive never rotate each other's files. The folder must exist and take a file.
        """
        if folder is not None:
            if not folder.is_dir():
                raise InvalidInputError(f"There is no folder {folder}.")
            target = self._subfolder(folder.resolve())
            problem = _not_writable(target)
            if problem:
                raise InvalidInputError(f"Backups cannot be written in {folder}: {problem}.")
        with self._db.transaction():
            meta.put(self._db, "backup_folder", str(folder.resolve()) if folder else "")
        return self.folder().path

    def folder(self) -> BackupFolder:
        """Return where backups go now, and why not to the chosen folder if not there."""
        chosen = self.chosen_folder()
        if chosen is None:
            return BackupFolder(self._place.backups, None, "")
        target = self._subfolder(chosen)
        problem = _not_writable(target) if chosen.is_dir() else "it is not there"
        if not problem:
            return BackupFolder(target, chosen, "")
        return BackupFolder(self._place.backups, chosen, (
            f"The backups folder {chosen} cannot be used ({problem}; is the drive "
            f"connected?), so backups go to the journal's own folder until it can."))

    def _subfolder(self, chosen: Path) -> Path:
        return chosen / f"reflectjournal-{self._keys.journal_id[:8]}"

    def status(self) -> BackupStatus:
        """Return the last verified backup, where backups go and what to warn about."""
        last = self.last_backup()
        where = self.folder()
        warnings = [w for w in (stale_warning(last, utc_now()), where.problem) if w]
        return BackupStatus(last, meta.get(self._db, "last_backup_file") or None, where,
                            self.last_check(), tuple(warnings), DEFAULT_RETENTION.describe())

    def backup_if_due(self, now: dt.datetime | None = None) -> Path | None:
        """Make the day's automatic backup, verified and rotated, unless one was made today.

        now is the clock's reading (tests give their own, to name and rotate by it).
        """
        now = now or utc_now()
        if not automatic_due(meta.get_time(self._db, "last_automatic_backup"), now):
            return None
        made = self.backup(reason=backup_files.AUTOMATIC, now=now)
        with self._db.transaction():
            meta.put_time(self._db, "last_automatic_backup", now)
        return made

    def backup(self, dest: Path | None = None, *, reason: str = backup_files.MANUAL,
               now: dt.datetime | None = None) -> Path:
        """Write a verified, encrypted backup (with the key file) and return its path.

        Without dest it goes to the backups folder, named by reason and time; automatic
        ones are then rotated (7 daily, 4 weekly, 12 monthly, and all of the last day).
        """
        now = now or utc_now()
        if dest is None:
            folder = self.folder().path
            try:
                make_private_dir(folder)
            except OSError as exc:
                raise BackupError(f"The backups folder {folder} cannot be written to "
                                  f"({exc.strerror or type(exc).__name__}).") from None
            dest = backup_files.new_name(folder, reason, now)
        if dest.exists():
            raise JournalError(f"{dest} already exists; choose another name.")
        tmp = dest.parent / f".snapshot-{uuid.uuid4().hex}.db"
        key = self._keys.key
        try:
            backup_files.snapshot(self._db, key, tmp)
            count = entry_sql.total(self._db)
            backup_files.verify(tmp, key, count, self._db.driver)
            info = BackupInfo(self._keys.journal_id, utc_now(),
                              schema.schema_version(self._db), count)
            backup_files.pack(dest, tmp, self._keys.envelope.to_bytes(), info)
        finally:
            tmp.unlink(missing_ok=True)
        if reason == backup_files.AUTOMATIC:
            backup_files.rotate(dest.parent, now)
        if schema.schema_version(self._db) >= 1:  # version 0 has no meta table yet
            with self._db.transaction():
                meta.put_time(self._db, "last_backup", utc_now())
                meta.put(self._db, "last_backup_file", str(dest))
        return dest

    def restore_from(self, source: Path, reopen: Callable[[], None]) -> Restored:
        """Replace this journal's database with a backup of the same journal.

        The backup is verified before anything is replaced, and the current state is kept
        first: as a verified backup when it can be read, else (the journal is damaged,
        which is when a restore is most needed) as its files, moved into a `damaged-<time>`
        folder. The current key file (and so the current passphrase) is kept. reopen opens
        the replaced database again and prepares it, as opening does.
        """
        staged = self._place.root / f".restore-{uuid.uuid4().hex}.db"
        try:
            info, envelope_bytes = backup_files.unpack(source, staged)
            check_restorable(info, envelope_bytes, self._keys.envelope)
            backup_files.verify(staged, self._keys.key, info.entries, self._db.driver)
            try:
                # A damaged page the export never reads (an index: the copy rebuilds it)
                # would still make a sound backup; the journal is damaged all the same, and
                # its files are what to keep, as `check` reported.
                if health.integrity_problems(self._db):
                    raise JournalDamagedError("The journal is damaged.")
                kept, damaged = self.backup(reason=backup_files.BEFORE_RESTORE), False
            except (JournalDamagedError, BackupError):
                kept, damaged = self._place.root / f"damaged-{utc_now():%Y%m%d-%H%M%S}", True
            # The restored database remembers only backups made before it was taken, and
            # the backups folder of then; the journal's record of both is carried over.
            carried = {} if damaged else {key: meta.get(self._db, key) for key in _CARRIED}
            self._db.close()
            if damaged:
                set_aside(kept, [self._place.database, *self._place.sidecars()])
            else:
                for sidecar in self._place.sidecars():
                    sidecar.unlink(missing_ok=True)
            staged.replace(self._place.database)
        finally:
            staged.unlink(missing_ok=True)
        reopen()
        with self._db.transaction():
            for key, value in carried.items():
                if value is not None:
                    meta.put(self._db, key, value)
        return Restored(info, kept, damaged)


@dataclass(frozen=True, slots=True)
class BackupFolder:
    """Where backups go: the chosen folder's journal subfolder, or the journal's own."""

    path: Path
    chosen: Path | None  # what the user picked, if anything
    problem: str  # why the chosen folder is not used now ("" when it is, or none is chosen)


@dataclass(frozen=True, slots=True)
class BackupStatus:
    """What the Backups settings show."""

    last_backup: dt.datetime | None
    last_file: str | None
    folder: BackupFolder
    last_check: dt.datetime | None
    warnings: tuple[str, ...]
    keeps: str  # the rotation rule in words


def _not_writable(folder: Path) -> str:
    """Return why a backup could not be written in folder (creating it), or ""."""
    try:
        make_private_dir(folder)
        probe = folder / f".probe-{uuid.uuid4().hex}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        return exc.strerror or type(exc).__name__
    except JournalError as exc:  # a link where the subfolder belongs, never followed
        return "it is a symbolic link" if "symbolic link" in exc.message else exc.message
    return ""


@dataclass(frozen=True, slots=True)
class Restored:
    """What a restore brought back, and where the journal as it was is kept."""

    info: BackupInfo
    kept: Path  # a verified backup of it, or (damaged) the folder holding its files
    damaged: bool


def set_aside(folder: Path, paths: Iterable[Path]) -> None:
    """Move a damaged journal's files into folder, deleting nothing (a person may need them)."""
    make_private_dir(folder)
    for path in paths:
        if path.exists():
            path.replace(folder / path.name)


def schema_too_new(version: int) -> JournalError:
    """Return the error for a backup or journal from a newer app."""
    return JournalError(
        f"This backup was written by a newer version of ReflectJournal (schema {version}).",
        "Update ReflectJournal to restore it.",
    )


def check_restorable(info: BackupInfo, envelope_bytes: bytes, current: Envelope) -> None:
    """Refuse a backup of another journal, or one from a newer app, before any change."""
    theirs = parse_envelope(envelope_bytes)
    same_journal = (info.journal_id, theirs.journal_id) == (current.journal_id,) * 2
    if same_journal and theirs.salt != current.salt:
        raise JournalError(
            "This backup was made before the journal was re-encrypted under a new key "
            "(passwd --rotate-key), so it does not open with the current key file; nothing "
            "was changed.",
            "To open it, restore it into an empty folder with the passphrase of then: "
            "reflectjournal --journal NEW_DIR restore FILE.",
        )
    if not same_journal:
        raise JournalError(
            "This backup belongs to a different journal; nothing was changed.",
            "To open it, restore it into an empty folder: reflectjournal --journal NEW_DIR "
            "restore FILE.",
        )
    if info.schema_version > schema.LATEST:
        raise schema_too_new(info.schema_version)


@contextlib.contextmanager
def unpacked_backup(
    place: JournalFolder, source: Path
) -> Iterator[tuple[JournalLock, Path, BackupInfo, bytes]]:
    """Lock the folder and unpack a backup beside the database, for a restore to use.

    The lock stays held when the block returns (the restored journal keeps it) and is
    released if it raises; the staged copy is removed either way once it is not moved.
    """
    lock = JournalLock(place.lock)
    lock.acquire()
    staged = place.root / f".restore-{uuid.uuid4().hex}.db"
    try:
        info, envelope_bytes = backup_files.unpack(source, staged)
        if info.schema_version > schema.LATEST:
            raise schema_too_new(info.schema_version)
        yield lock, staged, info, envelope_bytes
    except BaseException:
        lock.release()
        raise
    finally:
        staged.unlink(missing_ok=True)


def usable_envelope(place: JournalFolder, backup_envelope: bytes, passphrase: str,
                    options: JournalOptions) -> tuple[Envelope, DataKey] | None:
    """Return the journal's own key file and key if sound, opened and the backup's match."""
    if not place.envelope.exists():
        return None
    try:
        current = load_envelope(place.envelope)
        key = current.unwrap_with_passphrase(passphrase, options.kdf)
        theirs = parse_envelope(backup_envelope)
    except JournalError:
        return None
    if (theirs.journal_id, theirs.salt) != (current.journal_id, current.salt):
        return None
    return current, key


def opened_backup_envelope(backup_envelope: bytes, passphrase: str,
                           options: JournalOptions) -> tuple[Envelope, DataKey]:
    """Return the backup's own key file and the key its passphrase unwraps."""
    envelope = parse_envelope(backup_envelope)
    return envelope, envelope.unwrap_with_passphrase(passphrase, options.kdf)


def check_backup_file(source: Path) -> None:
    """Refuse at once a file that is not a backup or would unpack to more than it holds."""
    backup_files.check_file(source)


def verify_backup(staged: Path, key: DataKey, info: BackupInfo, driver: ModuleType) -> None:
    """Check an unpacked backup page by page with the key, before anything is moved."""
    backup_files.verify(staged, key, info.entries, driver)
