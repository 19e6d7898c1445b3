"""Driver errors sorted into what the user can act on and bugs: by result code, then message."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from reflectjournal.domain.errors import JournalBusyError, JournalDamagedError, StorageFullError
from reflectjournal.store.database import (
    Condition,
    Database,
    PrimaryCode,
    condition_of,
    load_driver,
)
from reflectjournal.store.envelope import DataKey


def test_sql_mistakes_stay_bugs(db: Database) -> None:
    driver = load_driver()
    with pytest.raises(driver.OperationalError):
        db.execute("SELECT * FROM no_such_table")


def test_constraint_violations_stay_bugs(db: Database) -> None:
    with pytest.raises(load_driver().IntegrityError):
        db.execute("INSERT INTO notes (text) VALUES (NULL)")


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("file is not a database", JournalDamagedError),
        ("database disk image is malformed", JournalDamagedError),
        ("database or disk is full", StorageFullError),
        ("disk I/O error", StorageFullError),
        ("attempt to write a readonly database", StorageFullError),
        ("database is locked", JournalBusyError),
    ],
)
def test_driver_errors_without_a_code_are_sorted_by_their_message(
    db: Database, message: str, expected: type[Exception]
) -> None:
    driver = load_driver()
    with pytest.raises(expected) as info, db._errors():
        raise driver.OperationalError(message)
    assert isinstance(info.value.__cause__, driver.OperationalError)


def test_unknown_driver_errors_pass_through(db: Database) -> None:
    driver = load_driver()
    original = driver.OperationalError("near \"SELEC\": syntax error")
    with pytest.raises(driver.OperationalError) as info, db._errors():
        raise original
    assert info.value is original


def test_damaged_page_is_reported_as_damage(db: Database, db_path: Path, key: DataKey) -> None:
    db.executemany("INSERT INTO notes (text) VALUES (?)", [("x" * 500,)] * 40)
    db.close()
    data = bytearray(db_path.read_bytes())
    assert len(data) > 4096 * 3
    data[4096 * 2 + 100] ^= 0xFF
    db_path.write_bytes(bytes(data))
    reopened = Database.open(db_path, key)
    try:
        with pytest.raises(JournalDamagedError):
            reopened.rows("SELECT text FROM notes")
    finally:
        reopened.close()


def _coded(code: int, message: str = "worded some new way") -> Exception:
    """Return a driver error as SQLite raises it: with its (extended) result code."""
    error = load_driver().OperationalError(message)
    error.sqlite_errorcode = code  # type: ignore[attr-defined]
    return error


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (PrimaryCode.NOTADB, Condition.DAMAGED),
        (PrimaryCode.CORRUPT, Condition.DAMAGED),
        (PrimaryCode.CORRUPT | (1 << 8), Condition.DAMAGED),  # SQLITE_CORRUPT_VTAB
        (PrimaryCode.FULL, Condition.STORAGE),
        (PrimaryCode.IOERR, Condition.STORAGE),
        (PrimaryCode.IOERR | (10 << 8), Condition.STORAGE),  # SQLITE_IOERR_DELETE
        (PrimaryCode.READONLY, Condition.READ_ONLY),
        (PrimaryCode.READONLY | (3 << 8), Condition.READ_ONLY),  # SQLITE_READONLY_ROLLBACK
        (PrimaryCode.BUSY, Condition.BUSY),
        (PrimaryCode.BUSY | (2 << 8), Condition.BUSY),  # SQLITE_BUSY_SNAPSHOT
        (PrimaryCode.LOCKED, Condition.BUSY),
    ],
)
def test_the_primary_result_code_decides_whatever_the_message_says(
    code: int, expected: Condition
) -> None:
    assert condition_of(_coded(code)) is expected


@pytest.mark.parametrize("code", [1, 19, 21])  # SQLITE_ERROR, CONSTRAINT, MISUSE
def test_a_code_we_do_not_name_is_a_bug_even_if_the_message_sounds_known(code: int) -> None:
    assert condition_of(_coded(code, "database is locked (busy)")) is None


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (PrimaryCode.NOTADB, JournalDamagedError),
        (PrimaryCode.FULL, StorageFullError),
        (PrimaryCode.READONLY, StorageFullError),
        (PrimaryCode.LOCKED, JournalBusyError),
    ],
)
def test_coded_driver_errors_become_plain_messages(
    db: Database, code: int, expected: type[Exception]
) -> None:
    with pytest.raises(expected) as info, db._errors():
        raise _coded(code)
    assert info.value.__cause__ is not None


def test_a_real_full_database_is_a_storage_error(db: Database) -> None:
    db.execute(f"PRAGMA max_page_count = {db.scalar('PRAGMA page_count')}")
    with pytest.raises(StorageFullError) as info:
        db.executemany("INSERT INTO notes (text) VALUES (?)", [("x" * 3000,)] * 50)
    assert _primary(info.value.__cause__) == PrimaryCode.FULL


def test_a_real_write_to_a_read_only_database_is_a_storage_error(db: Database) -> None:
    db.execute("PRAGMA query_only = 1")
    with pytest.raises(StorageFullError, match="read-only") as info:
        db.execute("INSERT INTO notes (text) VALUES ('x')")
    assert _primary(info.value.__cause__) == PrimaryCode.READONLY


def test_a_real_lock_held_by_another_connection_is_busy(
    db: Database, db_path: Path, key: DataKey
) -> None:
    other = load_driver().connect(str(db_path), isolation_level=None)
    try:
        other.execute(f'PRAGMA key = "{key.sqlcipher_key()}"')
        other.execute("BEGIN IMMEDIATE")
        db.execute("PRAGMA busy_timeout = 0")  # fail at once rather than wait for it
        with pytest.raises(JournalBusyError) as info, db.transaction():
            pass
        assert _primary(info.value.__cause__) == PrimaryCode.BUSY
    finally:
        other.close()


def test_a_real_damaged_page_is_damage_by_its_code(
    db: Database, db_path: Path, key: DataKey
) -> None:
    db.executemany("INSERT INTO notes (text) VALUES (?)", [("x" * 500,)] * 40)
    db.close()
    data = bytearray(db_path.read_bytes())
    data[4096 * 2 + 100] ^= 0xFF
    db_path.write_bytes(bytes(data))
    reopened = Database.open(db_path, key)
    try:
        with pytest.raises(JournalDamagedError) as info:
            reopened.rows("SELECT text FROM notes")
        assert _primary(info.value.__cause__) in (PrimaryCode.CORRUPT, PrimaryCode.NOTADB)
    finally:
        reopened.close()


def _primary(error: Any) -> int:
    code = error.sqlite_errorcode
    assert isinstance(code, int)
    return code & 0xFF


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("database disk image is malformed", Condition.DAMAGED),
        ("file is not a database", Condition.DAMAGED),
        ("database or disk is full", Condition.STORAGE),
    ],
)
def test_a_generic_error_passing_on_damage_or_a_full_disk_is_named(
    message: str, expected: Condition
) -> None:
    # sqlcipher_export over a damaged page raises code 1 with the inner message; a restore
    # used to crash on it with "internal error (OperationalError)".
    assert condition_of(_coded(1, message)) is expected
