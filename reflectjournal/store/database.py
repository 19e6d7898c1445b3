"""A thin typed wrapper over one SQLCipher connection.

It owns the connection recipe from security.md and sorts driver errors into the two
families style.md asks for: conditions the user can act on become `JournalError`s with a
plain message; anything else propagates as a bug.
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Iterator, Sequence
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

DEFAULT_CACHE_KIB = 64 * 1024
SQLCIPHER_COMPATIBILITY = 4
_TEMP_STORE_MEMORY = 2

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


def damaged_message(path: Path) -> JournalDamagedError:
    """Return the error for an unreadable database."""
    return JournalDamagedError(
        f"The journal database ({path.name}) is damaged and cannot be read.",
        "Restore it from a backup (reflectjournal restore FILE).",
    )


class Database:
    """One keyed SQLCipher connection; use from the thread that opened it."""

    def __init__(self, conn: Any, path: Path, driver: ModuleType) -> None:
        self._conn = conn
        self.path = path
        self.driver = driver

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
        if not create and not path.is_file():
            raise damaged_message(path)
        conn = driver.connect(str(path), isolation_level=None)
        db = cls(conn, path, driver)
        try:
            db._apply_recipe(key, cache_kib)
        except BaseException:
            conn.close()
            raise
        return db

    def _apply_recipe(self, key: DataKey, cache_kib: int) -> None:
        conn = self._conn
        # SQLCipher's own log would print page numbers to stderr on a bad read.
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute("PRAGMA cipher_memory_security = ON")
        conn.execute(f'PRAGMA key = "{key.sqlcipher_key()}"')  # hex validated by DataKey
        conn.execute(f"PRAGMA cipher_compatibility = {SQLCIPHER_COMPATIBILITY}")
        try:
            # A wrong key or a damaged first page only shows on the first read.
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except self.driver.DatabaseError:
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

    # --- queries -------------------------------------------------------------------

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement and return the cursor."""
        with self._errors():
            return self._conn.execute(sql, params)

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """Run a query and return all rows."""
        with self._errors():
            return list(self._conn.execute(sql, params).fetchall())

    def row(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        """Run a query and return its first row, if any."""
        with self._errors():
            row = self._conn.execute(sql, params).fetchone()
        return tuple(row) if row is not None else None

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

    def close(self) -> None:
        """Checkpoint and close; safe to call twice."""
        if self._conn is None:
            return
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
        text = str(exc).lower()
        if "not a database" in text or "malformed" in text or "corrupt" in text:
            return damaged_message(self.path)
        if "database or disk is full" in text or "disk i/o error" in text:
            return StorageFullError(
                "The disk is full or failing; the last change was not saved.",
                "Free some space and try again.",
            )
        if "readonly" in text or "read-only" in text:
            return StorageFullError("The journal folder is read-only; nothing can be saved.")
        if "database is locked" in text or "busy" in text:
            return JournalBusyError("The journal is busy in another process.", "Try again.")
        return exc
