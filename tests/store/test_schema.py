"""Numbered migrations: fresh schema, refusing newer files, one transaction per step."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from reflectjournal.domain.errors import NewerSchemaError
from reflectjournal.store import schema
from reflectjournal.store.database import Database, load_driver
from reflectjournal.store.envelope import DataKey


@pytest.fixture
def db(empty_db: Database) -> Database:
    """Return an empty keyed database (schema version 0)."""
    return empty_db


def _objects(db: Database) -> list[tuple[str, str]]:
    return [(r[0], r[1]) for r in db.rows(
        "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
    )]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_fresh_database_migrates_to_latest(db: Database) -> None:
    assert schema.schema_version(db) == 0
    assert schema.needs_migration(db)
    assert schema.migrate(db) == schema.LATEST
    assert schema.schema_version(db) == schema.LATEST
    assert not schema.needs_migration(db)
    names = {name for _, name in _objects(db)}
    assert {"meta", "tags", "entries", "entry_tags", "entries_fts", "entry_text"} <= names


def test_migrate_twice_changes_nothing(db: Database) -> None:
    schema.migrate(db)
    before = _objects(db)
    assert schema.migrate(db) == schema.LATEST
    assert _objects(db) == before


def test_schema_enforces_tag_families_and_links(db: Database) -> None:
    schema.migrate(db)
    driver = load_driver()
    with pytest.raises(driver.IntegrityError):
        db.execute("INSERT INTO tags (id, family, label) VALUES ('x', 'colour', 'X')")
    with pytest.raises(driver.IntegrityError):
        db.execute("INSERT INTO entry_tags (entry_id, tag_id) VALUES (1, 'nope')")


def test_newer_schema_is_refused_and_the_file_left_untouched(
    db: Database, db_path: Path, key: DataKey
) -> None:
    schema.migrate(db)
    db.execute(f"PRAGMA user_version = {schema.LATEST + 1}")
    db.close()
    before = _digest(db_path)
    reopened = Database.open(db_path, key)
    try:
        with pytest.raises(NewerSchemaError, match="newer version") as info:
            schema.migrate(reopened)
        assert "Nothing was changed" in str(info.value)
        with pytest.raises(NewerSchemaError):
            schema.needs_migration(reopened)
        assert schema.schema_version(reopened) == schema.LATEST + 1
    finally:
        reopened.close()
    assert _digest(db_path) == before


def test_a_failing_migration_leaves_nothing_behind(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = (*schema.MIGRATIONS[0], "CREATE TABLE half_done (")
    monkeypatch.setattr(schema, "MIGRATIONS", (broken,))
    with pytest.raises(load_driver().OperationalError):
        schema.migrate(db)
    assert schema.schema_version(db) == 0
    assert _objects(db) == []
    assert not db.in_transaction


def test_each_migration_is_its_own_transaction(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    second = ("CREATE TABLE extra (x)", "INSERT INTO no_such_table VALUES (1)")
    monkeypatch.setattr(schema, "MIGRATIONS", (schema.MIGRATIONS[0], second))
    with pytest.raises(load_driver().OperationalError):
        schema.migrate(db, target=2)
    assert schema.schema_version(db) == 1
    names = {name for _, name in _objects(db)}
    assert "entries" in names
    assert "extra" not in names


def test_migrating_to_an_intermediate_target_stops_there(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    second = ("CREATE TABLE extra (x)",)
    monkeypatch.setattr(schema, "MIGRATIONS", (schema.MIGRATIONS[0], second))
    assert schema.migrate(db, target=1) == 1
    assert "extra" not in {name for _, name in _objects(db)}
    assert schema.migrate(db, target=2) == 2
    assert "extra" in {name for _, name in _objects(db)}
