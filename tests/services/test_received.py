"""The supervisor's desk: received entries searched and filtered apart from her own."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from reflectjournal.domain.entry import EntryChanges
from reflectjournal.domain.errors import ContactError, SearchSyntaxError
from reflectjournal.domain.received import ReceivedFilter
from reflectjournal.domain.search import snippet_parts
from reflectjournal.services.received import key_fingerprint
from tests.helpers.bundles import share
from tests.helpers.desk import Desk, desk_journals
from tests.helpers.journals import add_entry


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    made = desk_journals(tmp_path)
    yield made
    made.close()


def _titles(desk: Desk, query: str = "", **names: object) -> list[str]:
    received = desk.supervisor.received
    where = received.make_filter(**names)  # type: ignore[arg-type]
    return [i.title for i in received.find(query, where)]


def test_received_text_has_its_own_index_apart_from_the_users_entries(desk: Desk) -> None:
    sup = desk.supervisor
    add_entry(sup, title="My own note", body="My own grandmother story.")
    assert [s.title for s in sup.search("grandmother")] == ["My own note"]
    assert _titles(desk, "grandmother") == ["Bath time", "Grandmother's visit"]
    assert sup.check().ok  # both indexes pass their integrity check


def test_search_takes_phrases_prefixes_and_answers_and_marks_the_words(desk: Desk) -> None:
    assert _titles(desk, '"serve and return"') == ["Bath time"]
    assert _titles(desk, "bott*") == ["Bottles", "Grandmother's visit"]  # body and answer
    [item] = desk.supervisor.received.find("rooted")
    assert ("rooted", True) in snippet_parts(item.snippet)
    with pytest.raises(SearchSyntaxError):
        list(desk.supervisor.received.find('"unfinished'))


def test_search_of_what_was_received_finds_word_forms_and_keeps_them_apart(desk: Desk) -> None:
    sup = desk.supervisor
    assert _titles(desk, "rooting") == ["Grandmother's visit"]  # "He rooted toward the bottle."
    assert _titles(desk, '"rooting"') == []  # a quoted word is searched as written
    assert sup.search("rooting") == []  # the forms do not bring received text into her own
    # Emptying her trash prunes the forms no entry holds, but keeps the received ones.
    own = add_entry(sup, title="Rooting reflex", body="Rooting reflex notes.")
    sup.delete_entry(own.id)
    sup.entries.empty_trash()
    assert _titles(desk, "rooting") == ["Grandmother's visit"]


def test_filters_by_supervisee_month_kind_competency_and_theme(desk: Desk) -> None:
    assert _titles(desk, supervisees=["sam rivera"]) == ["After a hard week", "Grandmother's visit"]
    # Shared dates are months: a range that meets the month finds its entries.
    assert _titles(desk, date_from=dt.date(2026, 5, 25)) == ["Bottles", "Bath time"]
    assert _titles(desk, date_to=dt.date(2026, 3, 1)) == [
        "After a hard week",
        "Grandmother's visit",
    ]
    assert _titles(desk, kinds=["session"]) == ["Bath time", "Grandmother's visit"]
    # The level-1 area matches its knowledge area C4.01, by this journal's labels.
    assert _titles(desk, competencies=["C4"]) == ["Grandmother's visit"]
    assert _titles(desk, themes=["G1"], query="grandmother") == ["Grandmother's visit"]
    assert _titles(desk, themes=["G2"]) == []


def test_read_and_answered_follow_what_the_supervisor_did(desk: Desk) -> None:
    received = desk.supervisor.received
    [first] = received.find("rooted")
    assert not first.read
    assert not first.answered
    assert received.mark_read(first.bundle_id, first.entry_id)
    assert not received.mark_read(first.bundle_id, first.entry_id)  # read once
    desk.supervisor.sharing.add_comment(first.bundle_id, first.entry_id, "What did you feel?")  # type: ignore[arg-type]
    assert [i.title for i in received.find(where=ReceivedFilter(read=True))] == [first.title]
    assert len(received.page(where=ReceivedFilter(read=False))) == 3
    assert [i.title for i in received.find(where=ReceivedFilter(answered=True))] == [first.title]
    assert first.title not in _titles(desk, answered=False)


def test_two_contacts_with_one_name_are_asked_apart_by_fingerprint(
    desk: Desk, tmp_path: Path
) -> None:
    sup = desk.supervisor
    desk.jo.sharing.my_card("Sam Rivera", "Nurse")  # a second Sam
    sup.sharing.add_contact(desk.jo.sharing.card_bytes())
    with pytest.raises(ContactError) as raised:
        sup.received.make_filter(supervisees=["Sam Rivera"])
    prints = [c.card.fingerprint for c in sup.sharing.contacts()]
    assert "2 contacts are called 'Sam Rivera'" in raised.value.message
    assert all(p in (raised.value.hint or "") for p in prints)
    jo_key = desk.jo.sharing.my_card().signing_key
    assert _titles(desk, supervisees=[key_fingerprint(jo_key)]) == ["Bottles", "Bath time"]


def test_a_removed_contacts_entries_stay_listed_by_key(desk: Desk) -> None:
    sup = desk.supervisor
    sam_key = desk.sam.sharing.my_card().signing_key
    sup.sharing.remove_contact("Sam Rivera")
    items = {i.title: i for i in sup.received.find()}
    gone = items["Grandmother's visit"]
    assert gone.removed
    assert gone.sender_name == f"removed contact {key_fingerprint(sam_key)}"
    assert not items["Bath time"].removed
    with pytest.raises(ContactError):
        sup.received.make_filter(supervisees=["Sam Rivera"])
    for name in (key_fingerprint(sam_key), gone.sender_name):
        assert _titles(desk, supervisees=[name]) == ["After a hard week", "Grandmother's visit"]


def test_the_caseload_counts_what_waits_and_the_confirmed_hours(desk: Desk) -> None:
    sup = desk.supervisor
    [grandmother] = sup.received.find("rooted")
    sup.received.mark_read(grandmother.bundle_id, grandmother.entry_id)
    sup.sharing.add_comment(grandmother.bundle_id, None, "Thank you for these.")  # overall
    sup.sharing.confirm_session(grandmother.bundle_id, dt.date(2026, 3, 12), 60, "individual")
    sup.sharing.confirm_session(grandmother.bundle_id, dt.date(2026, 4, 2), 45, "individual")
    sup.sharing.confirm_session(grandmother.bundle_id, dt.date(2025, 12, 1), 90, "individual")
    rows = {r.name: r for r in sup.received.caseload(2026)}
    sam, jo = rows["Sam Rivera"], rows["Jo Park"]
    assert (sam.entries, sam.unread, sam.unanswered) == (2, 1, 2)  # a bundle comment answers none
    assert sam.last_session == dt.date(2026, 4, 2)
    assert sam.minutes_this_year == 105
    assert sam.hours_this_year == 1.75
    assert (jo.entries, jo.unread, jo.unanswered, jo.last_session, jo.minutes_this_year) == (
        2,
        2,
        2,
        None,
        0,
    )
    assert list(rows) == ["Jo Park", "Sam Rivera"]


def test_an_entry_shared_again_waits_once_in_the_caseload(desk: Desk, tmp_path: Path) -> None:
    sup = desk.supervisor
    week = desk.sam_ids[1]
    desk.sam.update_entry(week, EntryChanges(body="I noticed my own tiredness, and rested."))
    share(desk.sam, [week], tmp_path / "again.rjb", to="Dr. Ada Obi")
    sup.sharing.receive_file(tmp_path / "again.rjb")
    sam = {r.name: r for r in sup.received.caseload(2026)}["Sam Rivera"]
    assert (sam.entries, sam.unread, sam.unanswered) == (2, 2, 2)  # not 3: one entry, two copies
    # Reading and answering the latest copy is what the supervisor does; the old copy,
    # left unopened, does not keep the entry waiting.
    latest = next(i for i in sup.received.find("rested") if i.entry_id == week)
    sup.received.mark_read(latest.bundle_id, latest.entry_id)
    sup.sharing.add_comment(latest.bundle_id, latest.entry_id, "Rest is part of the work.")
    sam = {r.name: r for r in sup.received.caseload(2026)}["Sam Rivera"]
    assert (sam.entries, sam.unread, sam.unanswered) == (2, 1, 1)
