"""The SQLCipher connection recipe, refusing plain SQLite, transactions, reopening and tracing."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from reflectjournal.domain.errors import (
    JournalDamagedError,
    UnsupportedDriverError,
)
from reflectjournal.services.journal import Journal, JournalOptions
from reflectjournal.store.database import Database, load_driver, require_sqlcipher
from reflectjournal.store.envelope import DataKey
from tests.helpers.journals import FAST_KDF, PASSPHRASE


def _raw_connection(path: Path, key: DataKey) -> Any:
    """Open the file with SQLCipher and the key, but none of the rest of the recipe."""
    conn = load_driver().connect(str(path), isolation_level=None)
    conn.execute(f'PRAGMA key = "{key.sqlcipher_key()}"')
    return conn


def test_temp_store_is_memory(db: Database) -> None:
    assert db.scalar("PRAGMA temp_store") == 2


def test_negative_control_plain_connection_reports_file_temp_store(
    db: Database, db_path: Path, key: DataKey
) -> None:
    # The assertion above can fail: without the pragma, the same file and driver report
    # the default (0), which lets sorting spill plaintext into the system temp folder.
    conn = _raw_connection(db_path, key)
    try:
        assert conn.execute("SELECT count(*) FROM notes").fetchone() == (0,)
        assert conn.execute("PRAGMA temp_store").fetchone()[0] != 2
    finally:
        conn.close()


class _DriverIgnoringTempStore:
    """The real SQLCipher driver, except that `PRAGMA temp_store = MEMORY` is dropped."""

    def __init__(self, real: ModuleType) -> None:
        self._real = real
        self.DatabaseError = real.DatabaseError
        self.OperationalError = real.OperationalError

    def connect(self, *args: Any, **kwargs: Any) -> Any:
        return _ConnectionIgnoringTempStore(self._real.connect(*args, **kwargs))


class _ConnectionIgnoringTempStore:
    def __init__(self, conn: Any) -> None:
        self._conn = conn

    def execute(self, sql: str, *params: Any) -> Any:
        if sql.replace(" ", "").upper() == "PRAGMATEMP_STORE=MEMORY":
            sql = "SELECT 1"
        return self._conn.execute(sql, *params)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)


def test_open_refuses_when_temp_store_does_not_read_back_as_memory(
    db_path: Path, key: DataKey
) -> None:
    driver: Any = _DriverIgnoringTempStore(load_driver())
    with pytest.raises(UnsupportedDriverError, match="temporary storage"):
        Database.open(db_path, key, driver=driver, create=True)


def test_recipe_reads_back(db: Database) -> None:
    assert str(db.scalar("PRAGMA journal_mode")).lower() == "wal"
    assert db.scalar("PRAGMA foreign_keys") == 1
    assert db.scalar("PRAGMA synchronous") == 2  # FULL
    assert db.scalar("PRAGMA cache_size") == -64 * 1024
    assert db.scalar("PRAGMA cipher_version")
    # Off, as security.md decides: it cost 4-5x on searches and 5.5x on imports here.
    assert db.scalar("PRAGMA cipher_memory_security") == "0"


def test_cipher_settings_are_the_version_4_defaults(db: Database) -> None:
    # cipher_compatibility cannot be read back; its effect can.
    assert db.scalar("PRAGMA cipher_page_size") == "4096"
    assert db.scalar("PRAGMA cipher_hmac_algorithm") == "HMAC_SHA512"
    assert db.scalar("PRAGMA cipher_kdf_algorithm") == "PBKDF2_HMAC_SHA512"
    assert db.scalar("PRAGMA cipher_use_hmac") == "1"
    assert db.scalar("PRAGMA cipher_plaintext_header_size") == "0"


def test_version_3_settings_cannot_read_the_file(db: Database, db_path: Path, key: DataKey) -> None:
    db.close()
    conn = _raw_connection(db_path, key)
    try:
        conn.execute("PRAGMA cipher_compatibility = 3")
        with pytest.raises(load_driver().DatabaseError, match="not a database"):
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        conn.close()


def test_cache_size_is_configurable(db_path: Path, key: DataKey) -> None:
    opened = Database.open(db_path, key, create=True, cache_kib=2048)
    try:
        assert opened.scalar("PRAGMA cache_size") == -2048
    finally:
        opened.close()


def test_file_starts_with_the_chosen_salt_and_holds_no_plaintext(
    db: Database, db_path: Path, key: DataKey
) -> None:
    db.execute("INSERT INTO notes (text) VALUES (?)", ("canary-7f3a plaintext",))
    db.close()
    raw = db_path.read_bytes()
    assert raw[:16] == key.salt
    assert not raw.startswith(b"SQLite format 3")
    assert b"canary-7f3a" not in raw
    assert b"notes" not in raw


def test_require_sqlcipher_returns_the_version() -> None:
    assert require_sqlcipher(load_driver()).startswith("4.")


def test_require_sqlcipher_refuses_the_stdlib_sqlite3() -> None:
    with pytest.raises(UnsupportedDriverError, match="SQLCipher is missing"):
        require_sqlcipher(sqlite3)


def test_database_open_with_sqlite3_creates_no_file(db_path: Path, key: DataKey) -> None:
    with pytest.raises(UnsupportedDriverError):
        Database.open(db_path, key, driver=sqlite3, create=True)
    assert not db_path.exists()


def test_journal_create_with_sqlite3_creates_nothing(journal_dir: Path) -> None:
    options = JournalOptions(driver=sqlite3, kdf=FAST_KDF)
    with pytest.raises(UnsupportedDriverError):
        Journal.create(journal_dir, PASSPHRASE, options)
    assert not journal_dir.exists()


def test_another_key_is_reported_as_damage(db: Database, db_path: Path) -> None:
    db.close()
    with pytest.raises(JournalDamagedError, match="damaged"):
        Database.open(db_path, DataKey.generate())


def test_a_plain_sqlite_file_is_reported_as_damage(db_path: Path, key: DataKey) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(JournalDamagedError):
        Database.open(db_path, key)


def test_missing_file_is_not_created_without_create(db_path: Path, key: DataKey) -> None:
    with pytest.raises(JournalDamagedError):
        Database.open(db_path, key)
    assert not db_path.exists()


def test_transaction_commits(db: Database) -> None:
    with db.transaction():
        db.execute("INSERT INTO notes (text) VALUES ('kept')")
    assert db.rows("SELECT text FROM notes") == [("kept",)]
    assert not db.in_transaction


def _insert_then_fail(db: Database) -> None:
    with db.transaction():
        db.execute("INSERT INTO notes (text) VALUES ('gone')")
        raise RuntimeError


def test_transaction_rolls_back_on_error(db: Database) -> None:
    with pytest.raises(RuntimeError):
        _insert_then_fail(db)
    assert db.rows("SELECT text FROM notes") == []
    assert not db.in_transaction


def test_checkpoint_empties_the_wal(db: Database, db_path: Path) -> None:
    db.execute("INSERT INTO notes (text) VALUES ('x')")
    wal = db_path.with_name(db_path.name + "-wal")
    assert wal.stat().st_size > 0
    db.checkpoint()
    assert wal.stat().st_size == 0


def test_close_is_idempotent_and_removes_the_wal(db: Database, db_path: Path) -> None:
    db.execute("INSERT INTO notes (text) VALUES ('x')")
    db.close()
    db.close()
    assert not db_path.with_name(db_path.name + "-wal").exists()


def test_query_helpers(db: Database) -> None:
    db.executemany("INSERT INTO notes (text) VALUES (?)", [("a",), ("b",)])
    assert db.rows("SELECT text FROM notes ORDER BY id") == [("a",), ("b",)]
    assert db.row("SELECT text FROM notes WHERE text = ?", ("b",)) == ("b",)
    assert db.row("SELECT text FROM notes WHERE text = 'z'") is None
    assert db.scalar("SELECT count(*) FROM notes") == 2
    assert db.scalar("SELECT text FROM notes WHERE 0") is None


def test_reopen_reads_the_file_that_replaced_the_old_one(
    db: Database, db_path: Path, key: DataKey, tmp_path: Path
) -> None:
    db.execute("INSERT INTO notes (text) VALUES ('before')")
    db.checkpoint()
    copy = tmp_path / "copy.db"
    copy.write_bytes(db_path.read_bytes())
    db.execute("INSERT INTO notes (text) VALUES ('after')")
    db.close()
    copy.replace(db_path)
    db.reopen(key)
    assert [r[0] for r in db.rows("SELECT text FROM notes")] == ["before"]
    assert db.scalar("PRAGMA journal_mode") == "wal"  # the whole recipe again


def test_reopen_of_a_missing_file_is_damage(db: Database, db_path: Path, key: DataKey) -> None:
    db.close()
    db_path.unlink()
    with pytest.raises(JournalDamagedError):
        db.reopen(key)
    assert not db_path.exists()


def test_trace_reports_each_statement_until_stopped(db: Database) -> None:
    seen: list[str] = []
    db.trace(seen.append)
    db.rows("SELECT text FROM notes")
    db.trace(None)
    db.rows("SELECT id FROM notes")
    assert seen == ["SELECT text FROM notes"]


def test_closing_with_a_stream_unfinished_finalizes_it_and_checkpoints(
    db: Database, db_path: Path, key: DataKey
) -> None:
    # A command line whose reader stops early (`list --format json | head`) leaves its stream
    # unfinished when the journal closes: the close must still empty the WAL, and the stream,
    # collected later, must not raise on the closed connection (a traceback on stderr).
    with db.transaction():
        for n in range(600):  # more than one batch of rows
            db.execute("INSERT INTO notes (text) VALUES (?)", (f"note {n}",))
    rows = db.stream("SELECT id, text FROM notes ORDER BY id")
    assert next(rows) == (1, "note 0")
    wal = db_path.with_name(db_path.name + "-wal")
    db.close()
    assert not wal.exists() or wal.stat().st_size == 0
    rows.close()  # as the collector does: no error
    reopened = Database.open(db_path, key)
    try:
        left = reopened.stream("SELECT count(*) FROM notes")
        assert next(left) == (600,)
        reopened.reopen(key)  # a restore: the unfinished stream belonged to the old connection
        left.close()
        assert reopened.scalar("SELECT count(*) FROM notes") == 600
    finally:
        reopened.close()
