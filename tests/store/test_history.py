"""The SQL of versions and the trash: snapshots of a row, moving rows out and back, FTS."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from reflectjournal.domain.entry import Entry
from reflectjournal.domain.errors import EntryNotFoundError
from reflectjournal.domain.ids import EntryId, TagId, new_entry_id
from reflectjournal.store import entries as entry_sql
from reflectjournal.store import health, history, schema
from reflectjournal.store.database import Database
from reflectjournal.store.envelope import DataKey

NOW = dt.datetime(2026, 5, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def db(db_path: Path, key: DataKey) -> Iterator[Database]:
    """Return a migrated database with two tags."""
    opened = Database.open(db_path, key, create=True)
    schema.migrate(opened)
    opened.execute("INSERT INTO tags (id, family, label, position) VALUES"
                   " ('G1', 'theme', 'Ghost', 1), ('C4', 'competency', 'Reflect', 2)")
    yield opened
    opened.close()


def _entry(title: str, body: str = "words", entry_id: EntryId | None = None) -> Entry:
    return Entry(
        id=entry_id or new_entry_id(), kind="session", date=dt.date(2026, 3, 2), title=title,
        body=body, answers={"baby": "calm"}, fields={"setting": "home", "present": ["infant"]},
        duration_minutes=45, competencies=(TagId("C4"),), themes=(TagId("G1"),), tags=(),
        starred=True, created_at=NOW, modified_at=NOW,
    )


def _fts_ok(db: Database) -> None:
    assert health.integrity_problems(db) == []


def test_a_kept_version_is_the_row_as_it_was_with_tags_and_date(db: Database) -> None:
    entry = _entry("first")
    entry_sql.insert(db, entry)
    assert history.keep_version(db, entry.id) == 1
    assert history.keep_version(db, entry.id) == 2
    [one, two] = history.versions(db, entry.id)
    assert one.entry == entry
    assert (one.number, two.number, one.current) == (1, 2, False)
    assert history.version(db, entry.id, 2) == two
    assert history.version(db, entry.id, 3) is None
    assert history.latest_number(db, new_entry_id()) == 0


def test_trash_and_untrash_move_the_row_out_of_the_index_and_back(db: Database) -> None:
    entry = _entry("walrus", body="tusk")
    entry_sql.insert(db, entry)
    history.trash(db, entry.id, NOW)
    assert not entry_sql.exists(db, entry.id)
    assert db.scalar("SELECT count(*) FROM entries_fts WHERE entries_fts MATCH 'tusk'") == 0
    assert db.scalar("SELECT count(*) FROM entry_tags") == 0
    _fts_ok(db)
    [kept] = history.trashed(db)
    assert (kept.entry, kept.deleted_at, kept.versions) == (entry, NOW, 0)
    assert history.untrash(db, entry.id) == entry
    assert entry_sql.get(db, entry.id) == entry
    assert db.scalar("SELECT count(*) FROM entries_fts WHERE entries_fts MATCH 'tusk'") == 1
    _fts_ok(db)
    assert history.trashed(db) == []
    with pytest.raises(EntryNotFoundError):
        history.untrash(db, entry.id)


def test_trashed_entries_are_found_by_prefix_and_forgotten_with_their_versions(
    db: Database,
) -> None:
    a, b = _entry("a", entry_id=EntryId("aaaa1111-0000-4000-8000-000000000000")), \
        _entry("b", entry_id=EntryId("aaaa2222-0000-4000-8000-000000000000"))
    for entry in (a, b):
        entry_sql.insert(db, entry)
        history.keep_version(db, entry.id)
        history.trash(db, entry.id, NOW)
    assert history.resolve_trashed(db, "aaaa1") == a.id
    with pytest.raises(EntryNotFoundError, match="More than one"):
        history.resolve_trashed(db, "aaaa")
    with pytest.raises(EntryNotFoundError, match="not an entry id"):
        history.resolve_trashed(db, "xyz")
    assert [t.entry.title for t in history.trashed(db)] == ["b", "a"]  # same second: newest
    assert history.trashed_before(db, NOW) == []
    assert set(history.trashed_before(db, NOW + dt.timedelta(seconds=1))) == {a.id, b.id}
    history.forget(db, [a.id])
    assert history.all_trashed(db) == [b.id]
    assert history.versions(db, a.id) == []
    assert len(history.versions(db, b.id)) == 1
