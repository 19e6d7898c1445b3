"""Deleted entries go to a trash kept 30 days: listed, restored with their versions, emptied."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reflectjournal.domain.entry import EntryChanges
from reflectjournal.domain.errors import EntryNotFoundError, InvalidInputError
from reflectjournal.domain.ids import TagId
from reflectjournal.domain.search import EntryFilter
from reflectjournal.services import entries as entries_service
from reflectjournal.services.journal import Journal
from tests.helpers.journals import add_entry, entry_ids, open_journal

NOW = dt.datetime(2026, 5, 1, 9, 0, tzinfo=dt.UTC)


def _at(monkeypatch: pytest.MonkeyPatch, when: dt.datetime) -> None:
    monkeypatch.setattr(entries_service, "utc_now", lambda: when)


def test_deleting_moves_an_entry_out_of_every_list_search_count_and_export(
    journal: Journal,
) -> None:
    kept = add_entry(journal, title="Kept", body="ordinary day")
    gone = add_entry(journal, kind="session", title="Gone", body="walrus moment",
                     themes=(TagId("G1"),), fields={"client_code": "ACD-EFG"}, starred=True)
    journal.delete_entry(gone.id)
    assert entry_ids(journal.list_entries()) == [kept.id]
    assert journal.search("walrus") == []
    assert journal.count_entries(query="walrus", prefix_last=True) == 0
    assert journal.count_entries(EntryFilter(starred=True)) == 0
    assert journal.count_entries() == 1
    assert journal.tag_counts().get(TagId("G1"), 0) == 0
    assert journal.kind_counts() == {"reflection": 1}
    assert journal.client_codes() == []
    assert b"walrus" not in journal.export_json()
    with pytest.raises(EntryNotFoundError):
        journal.get_entry(gone.id)
    with pytest.raises(EntryNotFoundError, match="is in the trash"):
        journal.entries.history(gone.id[:8])
    [trashed] = journal.entries.trash()
    assert trashed.entry == gone
    assert journal.check().ok


def test_restore_from_trash_brings_back_the_entry_and_its_versions(journal: Journal) -> None:
    added = add_entry(journal, title="Before", body="first words", competencies=(TagId("C4.01"),))
    current = journal.update_entry(added.id, EntryChanges(title="After"))
    journal.delete_entry(added.id)
    restored = journal.entries.restore_from_trash(added.id[:6])
    assert restored == current
    assert journal.get_entry(added.id) == current
    assert [v.entry.title for v in journal.entries.history(added.id)] == ["Before", "After"]
    assert journal.entries.trash() == []
    assert entry_ids(journal.search("first")) == [added.id]
    with pytest.raises(EntryNotFoundError, match="trash"):
        journal.entries.restore_from_trash(added.id)


def test_undo_of_a_delete_is_a_restore_from_the_trash(journal: Journal) -> None:
    added = add_entry(journal, title="Oops")
    deleted = journal.delete_entry(added.id)
    journal.restore_entry(deleted)
    assert journal.entries.trash() == []
    assert journal.get_entry(added.id) == added


def test_the_trash_lists_newest_deletion_first_with_times_and_versions(
    journal: Journal, monkeypatch: pytest.MonkeyPatch,
) -> None:
    a = add_entry(journal, title="A")
    b = add_entry(journal, title="B")
    journal.update_entry(b.id, EntryChanges(title="B2"))
    _at(monkeypatch, NOW)
    journal.delete_entry(b.id)
    _at(monkeypatch, NOW + dt.timedelta(hours=1))
    journal.delete_entry(a.id)
    first, second = journal.entries.trash()
    assert (first.entry.title, first.deleted_at, first.versions) == (
        "A", NOW + dt.timedelta(hours=1), 0)
    assert (second.entry.title, second.deleted_at, second.versions) == ("B2", NOW, 1)
    assert second.purged_after == NOW + dt.timedelta(days=30)


def test_emptying_the_trash_forgets_entries_and_their_versions(journal: Journal) -> None:
    gone = add_entry(journal, title="One")
    journal.update_entry(gone.id, EntryChanges(title="Two"))
    stays = add_entry(journal, title="Stays")
    journal.update_entry(stays.id, EntryChanges(title="Stays too"))
    journal.delete_entry(gone.id)
    assert journal.entries.empty_trash() == 1
    assert journal.entries.trash() == []
    assert journal._db.scalar(
        "SELECT count(*) FROM entry_versions WHERE entry_uuid = ?", (gone.id,)) == 0
    assert len(journal.entries.history(stays.id)) == 2
    assert journal.entries.empty_trash() == 0


def test_entries_trashed_more_than_30_days_ago_are_forgotten_at_open(
    journal: Journal, journal_dir: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    old = add_entry(journal, title="Old")
    journal.update_entry(old.id, EntryChanges(title="Old again"))
    recent = add_entry(journal, title="Recent")
    _at(monkeypatch, NOW - dt.timedelta(days=30, seconds=1))
    journal.delete_entry(old.id)
    _at(monkeypatch, NOW - dt.timedelta(days=29, hours=23))
    journal.delete_entry(recent.id)
    journal.close()
    _at(monkeypatch, NOW)
    with open_journal(journal_dir) as reopened:
        assert [t.entry.id for t in reopened.entries.trash()] == [recent.id]
        assert reopened._db.scalar("SELECT count(*) FROM entry_versions") == 0


def test_an_entry_imported_again_is_not_overwritten_by_its_trashed_copy(
    journal: Journal,
) -> None:
    added = add_entry(journal, title="Exported")
    data = journal.export_json()
    journal.delete_entry(added.id)
    journal.import_json(data)
    with pytest.raises(InvalidInputError, match="in the journal again"):
        journal.entries.restore_from_trash(added.id)
    assert len(journal.entries.trash()) == 1
    assert journal.get_entry(added.id).title == "Exported"


def test_saving_a_draft_of_a_trashed_entry_brings_it_back_with_the_trashed_state_kept(
    journal: Journal,
) -> None:
    added = add_entry(journal, title="Deleted while drafting", body="as saved")
    journal.save_draft(added.id, EntryChanges(body="typed after"))
    journal.delete_entry(added.id)
    saved = journal.save_entry(added.id, EntryChanges(body="typed after"))
    assert saved.title == "Deleted while drafting"
    assert saved.created_at == added.created_at
    assert journal.entries.trash() == []
    assert [v.entry.body for v in journal.entries.history(added.id)] == ["as saved", "typed after"]
    assert journal.count_entries() == 1
