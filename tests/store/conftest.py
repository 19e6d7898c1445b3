"""Fixtures for the storage tests: a random key and fresh keyed databases."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reflectjournal.store.database import Database
from reflectjournal.store.envelope import DataKey


@pytest.fixture
def key() -> DataKey:
    """Return a random data key."""
    return DataKey.generate()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Return where a test database goes."""
    return tmp_path / "journal.db"


@pytest.fixture
def empty_db(db_path: Path, key: DataKey) -> Iterator[Database]:
    """Return a new keyed database with no schema (version 0)."""
    opened = Database.open(db_path, key, create=True)
    yield opened
    opened.close()


@pytest.fixture
def db(empty_db: Database) -> Database:
    """Return a new keyed database holding one table."""
    empty_db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)")
    return empty_db
