"""The sharing tables: identity, contacts, the watch-list, filed bundles, comments, sessions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from reflectjournal.domain.bundle import Comment, Manifest, SessionStatement
from reflectjournal.domain.contact_card import ContactCard
from reflectjournal.domain.ids import EntryId
from reflectjournal.domain.supervision import SessionSide
from reflectjournal.store import schema
from reflectjournal.store import sharing as sql
from reflectjournal.store.database import Database
from reflectjournal.store.envelope import DataKey

NOW = dt.datetime(2026, 11, 20, 10, 30, tzinfo=dt.UTC)
ADA = ContactCard("Dr. Ada Obi", "Reflective supervisor", "age1ada", b"A" * 32)
SAM = ContactCard("Sam Rivera", "Home visitor", "age1sam", b"S" * 32)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    opened = Database.open(tmp_path / "journal.db", DataKey.generate(), create=True)
    schema.migrate(opened)
    yield opened
    opened.close()


def _manifest(bundle_id: str, sender: ContactCard, kind: str = "entries",
              created: dt.datetime = NOW) -> Manifest:
    return Manifest(bundle_id, kind, created, sender, ("age1me",), "0" * 64)  # type: ignore[arg-type]


def test_the_identity_is_made_once_and_keeps_its_keys(db: Database) -> None:
    first, name, role = sql.identity(db)
    assert (name, role) == ("", "")
    sql.set_name(db, "Sam Rivera", "Home visitor")
    again, name, role = sql.identity(db)
    assert again == first
    assert (name, role) == ("Sam Rivera", "Home visitor")


def test_contacts_are_kept_by_signing_key_and_listed_by_name(db: Database) -> None:
    sql.add_contact(db, SAM, NOW)
    ada = sql.add_contact(db, ADA, NOW)
    sql.add_contact(db, ContactCard("ada twin", "", "age1twin", b"T" * 32), NOW)
    assert [c.name for c in sql.contacts(db)] == ["ada twin", "Dr. Ada Obi", "Sam Rivera"]
    sql.mark_verified(db, ada.id, NOW)
    renamed = sql.add_contact(db, ContactCard("Ada Obi", "Supervisor", "age1ada", ADA.signing_key),
                              NOW)
    assert (renamed.id, renamed.name, renamed.verified) == (ada.id, "Ada Obi", True)


def test_a_known_signing_key_with_a_new_age_key_is_verified_again(db: Database) -> None:
    ada = sql.add_contact(db, ADA, NOW)
    sql.mark_verified(db, ada.id, NOW)
    swapped = sql.add_contact(db, ContactCard(ADA.name, ADA.role, "age1other", ADA.signing_key),
                              NOW)
    assert swapped.id == ada.id
    assert not swapped.verified  # the code vouched for the pair of keys, not this one
    sql.remove_contact(db, ada.id)
    assert sql.contact_by_key(db, ADA.signing_key) is None


def test_the_watch_list_is_replaced_whole_and_read_in_order(db: Database) -> None:
    sql.set_watch_list(db, ["Maribel", "abuela Rosa", "Maribel"])
    assert sql.watch_list(db) == ["abuela Rosa", "Maribel"]
    sql.set_watch_list(db, [])
    assert sql.watch_list(db) == []


def test_sent_bundles_remember_their_entries(db: Database) -> None:
    sql.record_sent(db, _manifest("b-sent", SAM), ADA.signing_key, ["e1", "e2"])
    assert sql.sent_entries(db, "b-sent") == (ADA.signing_key, {"e1", "e2"})
    assert sql.sent_entries(db, "b-unknown") is None


def test_received_bundles_are_filed_once_and_listed_newest_first(db: Database) -> None:
    older = NOW - dt.timedelta(days=2)
    sql.record_received(db, _manifest("b-old", SAM), True, "", older)
    sql.record_received(db, _manifest("b-new", SAM), False, "Two from this month", NOW)
    sql.record_received(db, _manifest("b-reply", ADA, kind="comments"), True, "", NOW)
    assert sql.was_received(db, "b-old")
    assert not sql.was_received(db, "b-missing")
    assert [b.bundle_id for b in sql.received_bundles(db)] == ["b-new", "b-old"]
    newest = sql.received_bundles(db)[0]
    assert (newest.sender.signing_key, newest.verified, newest.message) == (
        SAM.signing_key, False, "Two from this month")
    assert [b.bundle_id for b in sql.received_bundles(db, "comments")] == ["b-reply"]


def test_review_comments_are_deleted_only_until_sent(db: Database) -> None:
    sql.record_received(db, _manifest("b1", SAM), True, "", NOW)
    first = sql.add_review_comment(db, "b1", EntryId("e1"), "What did you feel?", NOW)
    second = sql.add_review_comment(db, "b1", None, "Thank you", NOW)
    assert [c.text for c in sql.review_comments(db, unsent_from=SAM.signing_key)] == [
        "What did you feel?", "Thank you"]
    sql.mark_comments_sent(db, [first], "reply-1")
    assert not sql.delete_review_comment(db, first)  # sent: it stays as it left
    assert sql.delete_review_comment(db, second)
    [kept] = sql.review_comments(db, "b1")
    assert (kept.id, kept.sent_in) == (first, "reply-1")
    assert sql.review_comments(db, unsent_from=SAM.signing_key) == []


def test_comments_received_are_found_by_entry_or_by_bundle(db: Database) -> None:
    sql.record_received(db, _manifest("reply", ADA, kind="comments"), True, "", NOW)
    sql.file_comments(db, "reply", [
        Comment("mine-1", EntryId("e1"), "On the spoon", NOW),
        Comment("mine-1", None, "On the whole bundle", NOW),
        Comment("mine-2", None, "On another bundle", NOW),
    ])
    assert [c.text for c in sql.entry_comments(db, EntryId("e1"))] == ["On the spoon"]
    assert [c.text for c in sql.entry_comments(db, answers="mine-1")] == ["On the whole bundle"]
    overall = sql.entry_comments(db)  # every comment on a whole bundle, oldest first
    assert [(c.text, c.author, c.verified) for c in overall] == [
        ("On the whole bundle", ADA.name, True), ("On another bundle", ADA.name, True)]


def test_sessions_are_kept_by_side_and_sent_once(db: Database) -> None:
    def statement(session_id: str, day: int) -> SessionStatement:
        return SessionStatement(session_id, ADA.signing_key, SAM.signing_key,
                                dt.date(2026, 11, day), 60, "individual")  # type: ignore[arg-type]

    sql.add_session(db, SessionSide.GIVEN, statement("s1", 3), SAM, b"stmt1", b"sig1")
    sql.add_session(db, SessionSide.GIVEN, statement("s2", 10), SAM, b"stmt2", b"sig2")
    sql.add_session(db, SessionSide.RECEIVED, statement("s3", 5), ADA, b"stmt3", b"sig3",
                    entry_id=EntryId("e9"), received_in="reply")
    assert [s.id for s in sql.sessions(db)] == ["s2", "s3", "s1"]
    assert [s.id for s in sql.sessions(db, SessionSide.RECEIVED)] == ["s3"]
    assert sql.session_exists(db, "s3")
    assert sql.unsent_sessions(db, SAM.signing_key) == [
        ("s1", b"stmt1", b"sig1"), ("s2", b"stmt2", b"sig2")]
    sql.mark_sessions_sent(db, ["s1"], "reply-2")
    assert [s[0] for s in sql.unsent_sessions(db, SAM.signing_key)] == ["s2"]
    assert sql.unsent_sessions(db, ADA.signing_key) == []  # received ones are never resent
