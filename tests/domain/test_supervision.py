"""The supervision records: stored values stay as they were written."""

from __future__ import annotations

import datetime as dt

from reflectjournal.domain.contact_card import ContactCard
from reflectjournal.domain.ids import EntryId
from reflectjournal.domain.supervision import ConfirmedSession, Contact, SessionSide


def test_session_sides_keep_the_stored_words() -> None:
    assert [side.value for side in SessionSide] == ["given", "received"]
    assert SessionSide("given") is SessionSide.GIVEN
    assert SessionSide.RECEIVED == "received"  # compares equal to what the database holds


def test_a_confirmed_session_names_the_other_person_by_key() -> None:
    session = ConfirmedSession("s1", SessionSide.GIVEN, b"k" * 32, "Sam", dt.date(2026, 3, 5),
                               50, "individual", EntryId("e1"), None)
    assert session.side is SessionSide.GIVEN
    assert session.other_key == b"k" * 32


def test_a_contact_is_verified_once_its_code_was_compared() -> None:
    card = ContactCard("Sam", "", "age1xyz", b"k" * 32)
    added = dt.datetime(2026, 3, 5, tzinfo=dt.UTC)
    assert not Contact(1, card, added, None).verified
    assert Contact(1, card, added, added).verified
    assert Contact(1, card, added, None).name == "Sam"
