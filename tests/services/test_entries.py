"""Writing and reading entries through the entries service (and the Journal front)."""

from __future__ import annotations

import datetime as dt

import pytest

from reflectjournal.domain.entry import EntryChanges
from reflectjournal.domain.errors import EntryNotFoundError, InvalidInputError
from reflectjournal.domain.ids import EntryId, TagId
from reflectjournal.domain.search import SortOrder
from reflectjournal.services.journal import Journal
from reflectjournal.store import entries as entry_sql
from tests.helpers.journals import add_entry, entry_ids

D1, D2, D3, D4 = (dt.date(2026, 3, day) for day in (2, 5, 8, 10))


def test_add_and_get_an_entry_with_every_value(journal: Journal) -> None:
    added = add_entry(
        journal, kind="session", date=D1, title="  First   home visit ", body="Body text",
        answers={"baby": "calm", "echoes": "  "},
        fields={"setting": "home", "present": ["infant", "parent", "infant"],
                "client_code": "K7M-RX3"},
        duration_minutes=50, competencies=(TagId("C4.03"),), themes=(TagId("G1"),),
        starred=True,
    )
    assert added.title == "First home visit"
    assert added.answers == {"baby": "calm"}  # blank answers are not kept
    assert added.fields["present"] == ["infant", "parent"]
    assert added.created_at == added.modified_at
    assert added.created_at.tzinfo is not None
    assert journal.get_entry(added.id) == added


def test_get_entry_by_unique_prefix(journal: Journal) -> None:
    added = add_entry(journal)
    assert journal.get_entry(added.id[:8]).id == added.id
    assert journal.get_entry(added.id.upper()).id == added.id
    with pytest.raises(EntryNotFoundError):
        journal.get_entry(added.id[:3])
    with pytest.raises(EntryNotFoundError):
        journal.get_entry("00000000-0000-4000-8000-000000000000")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (EntryChanges(), "needs a kind"),
        (EntryChanges(kind="diary"), "Unknown entry kind"),
        (EntryChanges(kind="reflection", answers={"no_such_prompt": "x"}), "Unknown prompt"),
        (EntryChanges(kind="reflection", fields={"setting": "home"}), "no field 'setting'"),
        (EntryChanges(kind="session", fields={"setting": "garden"}), "Setting"),
        (EntryChanges(kind="session", duration_minutes=24 * 60 + 1), "duration"),
        (EntryChanges(kind="reflection", title="x" * 301), "title"),
        (EntryChanges(kind="reflection", competencies=(TagId("G1"),)), "not a competency"),
        (EntryChanges(kind="reflection", themes=(TagId("G99"),)), "Unknown tag id 'G99'"),
    ],
)
def test_invalid_entries_are_refused_and_nothing_written(
    journal: Journal, changes: EntryChanges, message: str
) -> None:
    with pytest.raises(InvalidInputError, match=message):
        journal.add_entry(changes)
    assert journal.count_entries() == 0


def test_update_changes_only_what_is_given(journal: Journal) -> None:
    added = add_entry(journal, title="Before", body="Body", starred=True, themes=(TagId("G2"),))
    updated = journal.update_entry(added.id, EntryChanges(title="After"))
    assert (updated.title, updated.body, updated.starred, updated.themes) == (
        "After", "Body", True, ("G2",)
    )
    assert updated.created_at == added.created_at
    assert updated.modified_at >= added.modified_at
    assert journal.get_entry(added.id) == updated


def test_update_can_clear_duration_and_tags(journal: Journal) -> None:
    added = add_entry(journal, kind="session", duration_minutes=45, themes=(TagId("G1"),))
    updated = journal.update_entry(added.id, EntryChanges(duration_minutes=0, themes=()))
    assert updated.duration_minutes is None
    assert updated.themes == ()


def test_changing_kind_drops_fields_the_new_kind_lacks(journal: Journal) -> None:
    added = add_entry(journal, kind="session", fields={"setting": "home", "client_code": "K7M-RX3"})
    moved = journal.update_entry(added.id, EntryChanges(kind="reflection"))
    assert moved.kind == "reflection"
    assert moved.fields == {}


def test_update_of_a_missing_entry(journal: Journal) -> None:
    with pytest.raises(EntryNotFoundError):
        journal.update_entry(EntryId("00000000-0000-4000-8000-000000000000"),
                             EntryChanges(title="x"))


def test_delete_and_undo_restore_the_same_entry(journal: Journal) -> None:
    added = add_entry(journal, kind="session", title="Undo me", themes=(TagId("G1"),), starred=True)
    deleted = journal.delete_entry(added.id)
    assert deleted == added
    with pytest.raises(EntryNotFoundError):
        journal.get_entry(added.id)
    assert journal.search("undo") == []
    journal.restore_entry(deleted)
    journal.restore_entry(deleted)  # a second undo changes nothing
    assert journal.get_entry(added.id) == added
    assert journal.count_entries() == 1
    assert entry_ids(journal.search("undo")) == [added.id]


def test_date_change_keeps_the_id_and_moves_the_entry_in_order(journal: Journal) -> None:
    a = add_entry(journal, date=D1, title="alpha")
    b = add_entry(journal, date=D1, title="bravo")
    c = add_entry(journal, date=D2, title="charlie", themes=(TagId("G1"),))
    assert entry_ids(journal.list_entries()) == [c.id, b.id, a.id]
    moved = journal.update_entry(a.id, EntryChanges(date=D3))
    assert moved.id == a.id
    assert moved.date == D3
    assert entry_ids(journal.list_entries()) == [a.id, c.id, b.id]
    # Onto a day that has entries: after them.
    journal.update_entry(b.id, EntryChanges(date=D2))
    assert entry_ids(journal.list_entries()) == [a.id, b.id, c.id]
    # The search index and the tag links follow the move.
    [hit] = journal.search("alpha")
    assert (hit.id, hit.date) == (a.id, D3)
    assert journal.get_entry(c.id).themes == ("G1",)


def test_entries_on_one_day_keep_their_creation_order(journal: Journal) -> None:
    first = add_entry(journal, date=D1)
    second = add_entry(journal, date=D1)
    third = add_entry(journal, date=D1)
    assert entry_ids(journal.list_entries()) == [third.id, second.id, first.id]
    oldest_first = journal.list_entries(order=SortOrder.OLDEST)
    assert entry_ids(oldest_first) == [first.id, second.id, third.id]


def test_list_newest_and_oldest_with_paging(journal: Journal) -> None:
    entries = [add_entry(journal, date=day) for day in (D3, D1, D4, D2)]
    by_date = sorted(entries, key=lambda e: e.date)
    assert entry_ids(journal.list_entries()) == [e.id for e in reversed(by_date)]
    assert entry_ids(journal.list_entries(order=SortOrder.OLDEST)) == [e.id for e in by_date]
    assert entry_ids(journal.list_entries(limit=2, offset=1)) == [by_date[2].id, by_date[1].id]
    summary = journal.list_entries(limit=1)[0]
    assert (summary.date, summary.snippet) == (D4, "")


def test_client_codes_are_offered_most_recent_first(journal: Journal) -> None:
    add_entry(journal, kind="session", date=D1, fields={"client_code": "K7M-RX3"})
    add_entry(journal, kind="session", date=D2, fields={"client_code": "ACD-EFH"})
    add_entry(journal, kind="session", date=D3, fields={"client_code": "K7M-RX3"})
    add_entry(journal, kind="session", date=D4, fields={"client_code": ""})
    add_entry(journal, kind="reflection", date=D4)
    assert journal.client_codes() == ["K7M-RX3", "ACD-EFH"]


def test_client_codes_come_from_their_index_most_recent_first(journal: Journal) -> None:
    for day, code in ((D1, "ACD-EFG"), (D2, "HJK-MNP"), (D3, "ACD-EFG")):
        add_entry(journal, kind="session", date=day, fields={"client_code": code})
    add_entry(journal, kind="session", date=D4, fields={"client_code": ""})
    add_entry(journal, kind="session", date=D4)
    assert journal.client_codes() == ["ACD-EFG", "HJK-MNP"]
    plan = " ".join(str(row[3]) for row in journal._db.rows(
        "EXPLAIN QUERY PLAN " + entry_sql.CLIENT_CODES_SQL))
    assert "COVERING INDEX entries_by_client_code" in plan
