"""Every saved version of an entry is kept, browsed, compared and restored as a new save."""

from __future__ import annotations

import datetime as dt

import pytest

from reflectjournal.domain.entry import EntryChanges
from reflectjournal.domain.errors import EntryNotFoundError
from reflectjournal.domain.ids import TagId
from reflectjournal.domain.versions import changed_fields
from reflectjournal.services.journal import Journal
from tests.helpers.journals import add_entry, entry_ids

D1, D2 = dt.date(2026, 3, 2), dt.date(2026, 4, 9)


def test_a_new_entry_has_one_version_the_current(journal: Journal) -> None:
    added = add_entry(journal, title="First")
    [only] = journal.entries.history(added.id)
    assert only.number == 1
    assert only.current
    assert only.entry == added
    assert only.saved_at == added.modified_at


def test_each_save_keeps_the_state_it_replaces(journal: Journal) -> None:
    added = add_entry(journal, kind="session", date=D1, title="First", body="one",
                      competencies=(TagId("C4.01"),), fields={"setting": "home"})
    journal.update_entry(added.id, EntryChanges(body="two", date=D2))
    saved = journal.save_entry(added.id, EntryChanges(title="Third", starred=True),
                               tag_labels=["mine"])
    history = journal.entries.history(added.id[:8])
    assert [v.number for v in history] == [1, 2, 3]
    assert [v.current for v in history] == [False, False, True]
    assert history[0].entry == added  # exactly as it was, tags, fields and date included
    assert history[1].entry.body == "two"
    assert history[1].entry.date == D2
    assert history[2].entry == saved
    assert journal.entries.version(added.id, 1).entry.title == "First"


def test_a_save_that_changes_nothing_adds_no_version(journal: Journal) -> None:
    added = add_entry(journal, title="Same")
    journal.update_entry(added.id, EntryChanges(title="Same"))
    journal.save_entry(added.id, EntryChanges(), tag_labels=[])
    assert [v.number for v in journal.entries.history(added.id)] == [1]


def test_restoring_a_version_is_a_new_save_and_history_only_grows(journal: Journal) -> None:
    added = add_entry(journal, date=D1, title="Original", body="what I first wrote",
                      themes=(TagId("G1"),))
    journal.update_entry(added.id, EntryChanges(title="Rewritten", body="lost words?",
                                                themes=(), date=D2))
    journal.save_draft(added.id, EntryChanges(title="half typed"))
    restored = journal.entries.restore_version(added.id, 1)
    assert restored.title == "Original"
    assert restored.body == "what I first wrote"
    assert restored.themes == (TagId("G1"),)
    assert restored.date == D1
    assert restored.created_at == added.created_at
    assert journal.get_entry(added.id) == restored
    history = journal.entries.history(added.id)
    assert [v.entry.title for v in history] == ["Original", "Rewritten", "Original"]
    assert journal.draft(added.id) is None  # the restore is the save the editor would do
    assert entry_ids(journal.search("first wrote")) == [added.id]
    assert journal.search("lost") == []
    assert journal.entries.restore_version(added.id, 3) == restored  # current: nothing to do
    assert len(journal.entries.history(added.id)) == 3


def test_unknown_versions_and_entries_are_plain_errors(journal: Journal) -> None:
    added = add_entry(journal, title="One")
    with pytest.raises(EntryNotFoundError, match="no version 2"):
        journal.entries.version(added.id, 2)
    with pytest.raises(EntryNotFoundError, match="no version 0"):
        journal.entries.restore_version(added.id, 0)
    with pytest.raises(EntryNotFoundError):
        journal.entries.history("abcdef12")


def test_versions_are_not_searched_listed_or_counted(journal: Journal) -> None:
    added = add_entry(journal, title="Draft one", body="zebra crossing")
    journal.update_entry(added.id, EntryChanges(body="giraffe"))
    assert journal.search("zebra") == []
    assert journal.count_entries() == 1
    assert journal.count_entries(query="zebra") == 0
    assert b"zebra" not in journal.export_json()


def test_changed_fields_reads_as_a_list_of_differences(journal: Journal) -> None:
    added = add_entry(journal, kind="session", title="Visit", body="calm",
                      answers={"baby": "slept"}, duration_minutes=30)
    later = journal.update_entry(added.id, EntryChanges(body="unsettled", duration_minutes=45,
                                                        answers={"baby": "cried"}))
    assert [(c.label, c.before, c.after) for c in changed_fields(added, later)] == [
        ("baby", "slept", "cried"), ("Text", "calm", "unsettled"), ("Minutes", "30", "45")]
    named = changed_fields(added, later, journal.tag_labels(), journal.catalog)
    assert named[0].label != "baby"  # the prompt as the editor asks it
    assert [c.label for c in named[1:]] == ["Text", "Minutes"]
    assert changed_fields(later, later) == []
