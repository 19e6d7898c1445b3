"""The connection's own log of changed entries (store/changed_entries.py), on real SQLCipher."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from reflectjournal.domain import sort_key
from reflectjournal.domain.entry import EntryChanges
from reflectjournal.services.journal import Journal
from reflectjournal.store import changed_entries
from tests.helpers.journals import FAST, PASSPHRASE

LIMIT = 100


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    journal, _ = Journal.create(tmp_path / "j", PASSPHRASE, FAST)
    with journal:
        yield journal


def _key(journal: Journal, entry_id: str) -> int:
    return int(journal._db.scalar("SELECT id FROM entries WHERE uuid = ?", (entry_id,)))


def _watch(journal: Journal) -> int:
    with journal._db.transaction():
        return changed_entries.watch(journal._db)


def test_every_write_to_entries_and_their_tags_is_logged_with_old_and_new_keys(
        journal: Journal) -> None:
    db = journal._db
    kept = journal.add_entry(EntryChanges(kind="reflection", body="kept",
                                          date=dt.date(2025, 1, 1)))
    mark = _watch(journal)
    assert changed_entries.watching(db)
    assert changed_entries.changed_since(db, mark, LIMIT) == (mark, set())
    added = journal.add_entry(EntryChanges(kind="reflection", body="new",
                                           date=dt.date(2025, 2, 1)))
    mark, keys = changed_entries.changed_since(db, mark, LIMIT)
    assert keys == {_key(journal, added.id)}
    old = _key(journal, added.id)
    journal.update_entry(added.id, EntryChanges(date=dt.date(2025, 3, 1)))  # the key moves
    mark, keys = changed_entries.changed_since(db, mark, LIMIT)
    assert keys == {old, _key(journal, added.id)}
    assert sort_key.date_of_key(_key(journal, added.id)) == dt.date(2025, 3, 1)
    area = journal.catalog.competencies[0].id
    with db.transaction():  # a tag alone, as the tag picker writes it
        db.execute("INSERT INTO entry_tags(entry_id, tag_id) VALUES (?, ?)",
                   (_key(journal, kept.id), area))
    mark, keys = changed_entries.changed_since(db, mark, LIMIT)
    assert keys == {_key(journal, kept.id)}
    journal.add_user_tag("only a tag's row")  # not an entry: nothing logged
    journal.profile.update(category="imhs")
    assert changed_entries.changed_since(db, mark, LIMIT) == (mark, set())
    gone = _key(journal, kept.id)
    journal.delete_entry(kept.id)
    mark, keys = changed_entries.changed_since(db, mark, LIMIT)
    assert keys == {gone}


def test_reading_the_log_is_not_a_change(journal: Journal) -> None:
    db = journal._db
    mark = _watch(journal)
    journal.add_entry(EntryChanges(kind="reflection", body="one"))
    stamp = db.change_stamp()
    mark, keys = changed_entries.changed_since(db, mark, LIMIT)
    assert keys
    assert db.change_stamp() == stamp  # the entries' own caches stay valid


def test_rows_trimmed_before_a_reader_read_them_are_told(journal: Journal) -> None:
    db = journal._db
    first_reader = _watch(journal)
    journal.add_entry(EntryChanges(kind="reflection", body="one"))
    _watch(journal)  # another reader read everything and dropped the log
    journal.add_entry(EntryChanges(kind="reflection", body="two"))
    assert changed_entries.changed_since(db, first_reader, LIMIT)[1] is None


def test_more_than_the_limit_and_a_full_log_say_read_everything(
        journal: Journal, monkeypatch: pytest.MonkeyPatch) -> None:
    db = journal._db
    mark = _watch(journal)
    for n in range(3):
        journal.add_entry(EntryChanges(kind="reflection", body=f"entry {n}"))
    assert changed_entries.changed_since(db, mark, 2)[1] is None
    assert changed_entries.changed_since(db, mark, 3)[1] is not None
    monkeypatch.setattr(changed_entries, "CAPACITY", 4)
    db.execute("DROP TRIGGER temp.changed_entries_insert")
    mark = _watch(journal)  # the triggers written again with the small capacity
    for n in range(6):
        journal.add_entry(EntryChanges(kind="reflection", body=f"more {n}"))
    logged = int(db.scalar("SELECT count(*) FROM temp.changed_entries"))
    assert logged == 5  # it stopped growing
    assert changed_entries.changed_since(db, mark, LIMIT)[1] is None


def test_a_reopened_connection_does_not_watch(journal: Journal, tmp_path: Path) -> None:
    _watch(journal)
    backup = journal.backup(tmp_path / "b.rjbackup")
    journal.restore_from(backup)
    assert not changed_entries.watching(journal._db)
