"""A thin typed wrapper over one SQLCipher connection.

It owns the connection recipe from security.md and sorts driver errors into the two
families style.md asks for: conditions the user can act on become `JournalError`s with a
plain message; anything else propagates as a bug.
"""

from __future__ import annotations

import contextlib
import importlib
import shutil
from collections.abc import Callable, Iterator, Sequence
from enum import Enum, IntEnum
from pathlib import Path
from types import ModuleType
from typing import Any

from reflectjournal.domain.errors import (
    JournalBusyError,
    JournalDamagedError,
    JournalError,
    StorageFullError,
    UnsupportedDriverError,
)
from reflectjournal.store.envelope import DataKey
from reflectjournal.store.wal_check import wal_problem

DEFAULT_CACHE_KIB = 64 * 1024
SQLCIPHER_COMPATIBILITY = 4
PAGE_BYTES = 4096  # SQLCipher 4's page size; the database is whole pages
_TEMP_STORE_MEMORY = 2
_NEARLY_FULL_BYTES = 1024 * 1024  # less than this free, and SQLite cannot work

Row = tuple[Any, ...]


def load_driver() -> ModuleType:
    """Return the SQLCipher DB-API module."""
    return importlib.import_module("sqlcipher3.dbapi2")


def require_sqlcipher(driver: ModuleType) -> str:
    """Return SQLCipher's version, or refuse a driver that cannot encrypt.

    Checked on an in-memory database before any file is touched: a plain sqlite3 module
    would accept `PRAGMA key` silently and write plaintext.
    """
    try:
        conn = driver.connect(":memory:")
        try:
            row = conn.execute("PRAGMA cipher_version").fetchone()
        finally:
            conn.close()
    except Exception:  # any failure here means the driver is not what we need
        row = None
    version = row[0] if row else ""
    if not version:
        raise UnsupportedDriverError(
            "The SQLite library in use has no encryption (SQLCipher is missing), so "
            "ReflectJournal refuses to run rather than write your journal unencrypted.",
            "Reinstall ReflectJournal with its sqlcipher3 dependency.",
        )
    return str(version)


class Condition(Enum):
    """A driver error the user can act on."""

    DAMAGED = "damaged"
    STORAGE = "storage"
    READ_ONLY = "read-only"
    BUSY = "busy"


class PrimaryCode(IntEnum):
    """SQLite's primary result codes (the low byte of an extended code) that we name."""

    ERROR = 1
    BUSY = 5
    LOCKED = 6
    READONLY = 8
    IOERR = 10
    CORRUPT = 11
    FULL = 13
    NOTADB = 26


_KNOWN_CODES: dict[int, Condition] = {
    PrimaryCode.NOTADB: Condition.DAMAGED,
    PrimaryCode.CORRUPT: Condition.DAMAGED,
    PrimaryCode.FULL: Condition.STORAGE,
    PrimaryCode.IOERR: Condition.STORAGE,
    PrimaryCode.READONLY: Condition.READ_ONLY,
    PrimaryCode.BUSY: Condition.BUSY,
    PrimaryCode.LOCKED: Condition.BUSY,
}


def condition_of(exc: BaseException) -> Condition | None:
    """Return what the user can do about a driver error, or None for a bug.

    The primary result code decides, so a reworded message cannot turn a full disk into
    a bug. Only an error without a code (a driver that reports none) is sorted by its
    message.
    """
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        if code & 0xFF == PrimaryCode.ERROR:
            return _inner_condition(str(exc))
        return _KNOWN_CODES.get(code & 0xFF)
    return _known_by_message(str(exc))


# SQL functions pass an inner failure on as a generic SQLITE_ERROR with the inner
# message: sqlcipher_export over a damaged page says "database disk image is malformed"
# with code 1. Only the wording of damage and a full disk is trusted here; anything else
# with code 1 (a misspelt column, a busy message) stays a bug.
_INNER_WORDING = {
    "database disk image is malformed": Condition.DAMAGED,
    "file is not a database": Condition.DAMAGED,
    "database or disk is full": Condition.STORAGE,
}


def _inner_condition(message: str) -> Condition | None:
    text = message.lower()
    return next((c for words, c in _INNER_WORDING.items() if words in text), None)


def _known_by_message(message: str) -> Condition | None:
    """Sort an error without a result code by SQLite's wording of it."""
    text = message.lower()
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return Condition.DAMAGED
    if "database or disk is full" in text or "disk i/o error" in text:
        return Condition.STORAGE
    if "readonly" in text or "read-only" in text:
        return Condition.READ_ONLY
    if "database is locked" in text or "busy" in text:
        return Condition.BUSY
    return None


def damaged_message(path: Path) -> JournalDamagedError:
    """Return the error for an unreadable database."""
    return JournalDamagedError(
        f"The journal database ({path.name}) is damaged and cannot be read.",
        "Restore it from a backup (reflectjournal restore FILE).",
    )


def refuse_damaged_files(path: Path) -> None:
    """Raise before SQLite opens a database file that would open with saved data missing.

    A database cut short, or a write-ahead log whose replay would drop saved transactions
    (SQLite drops them silently), must not open as if whole: writing to it would make the
    loss permanent, and `check` after SQLite's recovery finds nothing wrong.
    """
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise damaged_message(path) from None
    if size == 0 or size % PAGE_BYTES:
        raise JournalDamagedError(
            f"The journal database ({path.name}) is cut short ({size} bytes, not a whole "
            "number of pages), so part of it is missing.",
            "Restore it from a backup (reflectjournal restore FILE); the damaged files "
            "are kept aside.",
        )
    problem = wal_problem(path.with_name(f"{path.name}-wal"))
    if problem is not None:
        raise JournalDamagedError(
            f"The journal's write-ahead log ({path.name}-wal) is damaged ({problem}): "
            "changes saved before the app last stopped cannot all be read.",
            "Restore the journal from a backup (reflectjournal restore FILE); the damaged "
            "files are kept aside.",
        )


def storage_trouble(path: Path) -> StorageFullError:
    """Return the error for a failed read or write: a full disk said as such, never damage.

    SQLite reports a full disk as SQLITE_FULL on a write but as a disk I/O error when
    its shared-memory index cannot grow, so the free space decides the wording.
    """
    try:
        free = shutil.disk_usage(path.parent).free
    except OSError:
        free = None
    if free is not None and free < _NEARLY_FULL_BYTES:
        return StorageFullError(
            f"The disk holding the journal ({path.parent}) is full ({free // 1024} KiB "
            "free); the journal is not damaged, and nothing was changed.",
            "Free some space and try again.",
        )
    return StorageFullError(
        "The disk holding the journal could not be read or written (a disk I/O error); "
        "the last change was not saved.",
        "Check the drive and that it has space, then try again.",
    )


class Database:
    """One keyed SQLCipher connection; use from the thread that opened it."""

    def __init__(self, conn: Any, path: Path, driver: ModuleType) -> None:
        self._conn = conn
        self.path = path
        self.driver = driver
        self._connections = 1  # how many connections this object has made (see change_stamp)
        # The cursors of streams not yet finished, by id: close() finalizes them first.
        self._streams: dict[int, Any] = {}

    @classmethod
    def open(
        cls,
        path: Path,
        key: DataKey,
        *,
        driver: ModuleType | None = None,
        cache_kib: int = DEFAULT_CACHE_KIB,
        create: bool = False,
    ) -> Database:
        """Open (or with create=True, make) the database with the raw data key."""
        driver = driver or load_driver()
        require_sqlcipher(driver)
        if not create:
            refuse_damaged_files(path)
        db = cls(None, path, driver)
        db._connect(key, cache_kib)
        return db

    def reopen(self, key: DataKey, *, cache_kib: int = DEFAULT_CACHE_KIB) -> None:
        """Close, then open the same path again: after a restore replaced the file.

        Everything holding this object keeps working with the new file.
        """
        self.close()
        refuse_damaged_files(self.path)
        self._connect(key, cache_kib)

    def _connect(self, key: DataKey, cache_kib: int) -> None:
        conn = self.driver.connect(str(self.path), isolation_level=None)
        self._conn = conn
        self._connections += 1
        try:
            self._apply_recipe(key, cache_kib)
        except BaseException:
            conn.close()
            self._conn = None
            raise

    def _apply_recipe(self, key: DataKey, cache_kib: int) -> None:
        conn = self._conn
        # SQLCipher's own log would print page numbers to stderr on a bad read.
        conn.execute("PRAGMA cipher_log_level = NONE")
        # cipher_memory_security stays OFF, SQLCipher's default since 4.5 (security.md): it
        # wiped every freed allocation at 4-5x the cost of a search, while the same text
        # lives unwiped in Python strings and Qt documents. SQLCipher still wipes its keys.
        conn.execute(f'PRAGMA key = "{key.sqlcipher_key()}"')  # hex validated by DataKey
        conn.execute(f"PRAGMA cipher_compatibility = {SQLCIPHER_COMPATIBILITY}")
        try:
            # A wrong key or a damaged first page only shows on the first read; so does a
            # full disk, when the shared-memory index cannot grow: that is not damage.
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except self.driver.DatabaseError as exc:
            condition = condition_of(exc)
            if condition in (Condition.STORAGE, Condition.READ_ONLY, Condition.BUSY):
                raise self._known_error(condition) from None
            raise damaged_message(self.path) from None
        conn.execute("PRAGMA temp_store = MEMORY")
        temp_store = conn.execute("PRAGMA temp_store").fetchone()[0]
        if temp_store != _TEMP_STORE_MEMORY:
            # With file temp storage, sorting spills plaintext into the system temp folder.
            raise UnsupportedDriverError("SQLite refused in-memory temporary storage.")
        # WAL must be set before any write transaction, or it is silently ignored.
        mode = self.scalar("PRAGMA journal_mode = WAL")
        if str(mode).lower() != "wal":
            raise UnsupportedDriverError(f"SQLite refused write-ahead logging ({mode}).")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA cache_size = -{int(cache_kib)}")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement and return the cursor."""
        with self._errors():
            return self._conn.execute(sql, params)

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """Run a query and return all rows."""
        with self._errors():
            return list(self._conn.execute(sql, params).fetchall())

    def stream(self, sql: str, params: Sequence[Any] = (), batch: int = 256) -> Iterator[Row]:
        """Run a query and yield its rows while SQLite steps through them, in flat memory.

        Closing the iterator early (or leaving it) finalizes the statement.
        """
        with self._errors():
            cursor = self._conn.execute(sql, params)
        self._streams[id(cursor)] = cursor
        try:
            while True:
                with self._errors():
                    rows = cursor.fetchmany(batch)
                if not rows:
                    return
                yield from rows
        finally:
            # Gone when close() finalized it first (a reader that stopped early, then the
            # journal closed): the closed connection refuses even a cursor's close.
            if self._streams.pop(id(cursor), None) is not None:
                cursor.close()

    def row(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        """Run a query and return its first row, if any."""
        with self._errors():
            row = self._conn.execute(sql, params).fetchone()
        return tuple(row) if row is not None else None

    def change_stamp(self) -> tuple[int, int]:
        """Return a value that differs after any change made through this object.

        The journal's lock makes this the only connection that writes, so SQLite's count of
        rows this connection changed says whether anything changed; a reopened connection
        (after a restore) starts that count again, hence the connection's number beside it.
        """
        return self._connections, int(self._conn.total_changes)

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run a query and return the first column of the first row."""
        row = self.row(sql, params)
        return row[0] if row else None

    def executemany(self, sql: str, seq: Any) -> None:
        """Run one statement for each parameter tuple."""
        with self._errors():
            self._conn.executemany(sql, seq)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Database]:
        """Run a block as one write transaction: all of it or nothing.

        Inside another transaction the block becomes a savepoint, so a service can compose
        others (save an entry and drop its draft) and still commit once.
        """
        if self._conn.in_transaction:
            with self._savepoint():
                yield self
            return
        with self._errors():
            self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise
        with self._errors():
            self._conn.execute("COMMIT")

    @contextlib.contextmanager
    def _savepoint(self) -> Iterator[None]:
        with self._errors():
            self._conn.execute("SAVEPOINT nested")
        try:
            yield
        except BaseException:
            self._conn.execute("ROLLBACK TO nested")
            self._conn.execute("RELEASE nested")
            raise
        with self._errors():
            self._conn.execute("RELEASE nested")

    @property
    def in_transaction(self) -> bool:
        """Return whether a transaction is open."""
        return bool(self._conn.in_transaction)

    def checkpoint(self) -> None:
        """Move the WAL into the main file and truncate it.

        cipher_integrity_check does not read the WAL, and a damaged WAL tail is dropped
        silently, so checks and closes start from an empty WAL.
        """
        self.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def trace(self, callback: Callable[[str], None] | None) -> None:
        """Call callback with each statement the connection runs (None stops): to measure."""
        self._conn.set_trace_callback(callback)

    def close(self) -> None:
        """Checkpoint and close; safe to call twice."""
        if self._conn is None:
            return
        for cursor in self._streams.values():  # an unfinished read would hold the WAL open
            cursor.close()
        self._streams.clear()
        try:
            if not self._conn.in_transaction:
                with contextlib.suppress(JournalError):
                    self.checkpoint()
        finally:
            self._conn.close()
            self._conn = None

    @contextlib.contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except self.driver.DatabaseError as exc:
            known = self._classify(exc)
            if known is exc:
                raise
            raise known from exc

    def _classify(self, exc: Exception) -> Exception:
        """Return the error to show for a driver error, or exc itself when it is a bug."""
        known = condition_of(exc)
        return self._known_error(known) if known is not None else exc

    def _known_error(self, condition: Condition) -> JournalError:
        if condition is Condition.DAMAGED:
            return damaged_message(self.path)
        if condition is Condition.STORAGE:
            return storage_trouble(self.path)
        if condition is Condition.READ_ONLY:
            return StorageFullError("The journal folder is read-only; nothing can be saved.")
        return JournalBusyError("The journal is busy in another process.", "Try again.")
