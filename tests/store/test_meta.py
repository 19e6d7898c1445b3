"""The meta table: one text value per key, and times stored as ISO 8601."""

from __future__ import annotations

import datetime as dt

import pytest

from reflectjournal.store import meta, schema
from reflectjournal.store.database import Database
from reflectjournal.store.envelope import DataKey


@pytest.fixture
def db(empty_db: Database) -> Database:
    """Return a database at the latest schema, with an empty meta table."""
    schema.migrate(empty_db)
    return empty_db


def test_a_key_never_stored_reads_as_none(db: Database) -> None:
    assert meta.get(db, "journal_id") is None
    assert meta.get_time(db, "last_backup") is None


def test_a_stored_value_reads_back_and_a_second_put_replaces_it(db: Database) -> None:
    meta.put(db, "catalog_version", "2026.1")
    assert meta.get(db, "catalog_version") == "2026.1"
    meta.put(db, "catalog_version", "2026.2")
    assert meta.get(db, "catalog_version") == "2026.2"
    assert db.scalar("SELECT count(*) FROM meta WHERE key = 'catalog_version'") == 1


def test_keys_are_kept_apart(db: Database) -> None:
    meta.put(db, "last_check", "one")
    meta.put(db, "last_backup", "two")
    assert (meta.get(db, "last_check"), meta.get(db, "last_backup")) == ("one", "two")


def test_times_round_trip_with_their_zone(db: Database) -> None:
    when = dt.datetime(2026, 3, 5, 14, 30, 7, tzinfo=dt.UTC)
    meta.put_time(db, "last_check", when)
    assert meta.get(db, "last_check") == "2026-03-05T14:30:07+00:00"
    assert meta.get_time(db, "last_check") == when


def test_a_value_put_in_a_transaction_is_there_after_reopening(
    db: Database, key: DataKey
) -> None:
    with db.transaction():
        meta.put(db, "journal_id", "abc")
    db.reopen(key)
    assert meta.get(db, "journal_id") == "abc"
