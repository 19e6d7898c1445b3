"""The integrity check: page MACs, b-trees and the search index, each problem on its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from reflectjournal.domain.errors import JournalDamagedError
from reflectjournal.store import health, schema
from reflectjournal.store.database import Database
from reflectjournal.store.envelope import DataKey


@pytest.fixture
def db(empty_db: Database) -> Database:
    """Return a database at the latest schema holding a few entries' worth of text."""
    schema.migrate(empty_db)
    return empty_db


def _fill(db: Database) -> None:
    for i in range(30):
        db.execute(
            "INSERT INTO entries (id, uuid, kind, title, body, answers, fields, created_at, "
            "modified_at) VALUES (?, ?, 'reflection', ?, ?, '{}', '{}', '', '')",
            (i + 1, f"uuid-{i}", f"title {i}", "words to fill a page " * 40),
        )


def test_a_sound_database_has_no_problems(db: Database) -> None:
    _fill(db)
    assert health.integrity_problems(db) == []


def test_a_damaged_search_index_is_a_structure_and_a_search_index_problem(
    db: Database
) -> None:
    _fill(db)
    db.execute("UPDATE entries_fts_data SET block = zeroblob(length(block)) WHERE id > 10")
    problems = health.integrity_problems(db)
    assert problems[-1] == "search index: inconsistent (fix with a backup and restore)"
    assert [p for p in problems[:-1] if p.startswith("structure: ")] == problems[:-1] != []


def test_a_page_failing_its_mac_is_listed_then_refused_as_damage(
    db: Database, db_path: Path, key: DataKey
) -> None:
    _fill(db)
    db.close()
    data = bytearray(db_path.read_bytes())
    assert len(data) > 4096 * 4
    data[4096 * 3 + 100] ^= 0xFF
    db_path.write_bytes(bytes(data))
    db.reopen(key)
    assert db.rows("PRAGMA cipher_integrity_check") == [("HMAC verification failed for page 4",)]
    # SQLite's own check then cannot read the page: the check says "damaged", never "ok".
    with pytest.raises(JournalDamagedError):
        health.integrity_problems(db)


def test_cipher_version_names_sqlcipher(db: Database) -> None:
    assert health.cipher_version(db)[0].isdigit()
