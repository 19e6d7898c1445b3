"""What the review screen shows, read from a real supervisor's journal and grouped by key."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reflectjournal.domain.contact_card import ContactCard
from reflectjournal.domain.supervision import ConfirmedSession, ReceivedBundle, SessionSide
from reflectjournal.services.journal import Journal
from reflectjournal.services.review import BundleReview, group_review, load_review
from tests.helpers.bundles import Journals, make_bundle, make_journals, make_namesake_bundle
from tests.helpers.journals import FAST, PASSPHRASE

DAY = dt.date.today() - dt.timedelta(days=2)
NOON = dt.datetime(2026, 11, 20, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def journals(tmp_path: Path) -> Journals:
    """Return a clinician's and a supervisor's journal folders, paired."""
    return make_journals(tmp_path)


def _supervisor(journals: Journals) -> Journal:
    return Journal.open(journals.supervisor, PASSPHRASE, FAST)


def test_two_supervisees_with_the_same_name_are_kept_apart_by_key(journals: Journals) -> None:
    first_file = make_bundle(journals)
    second_file = make_namesake_bundle(journals)
    with _supervisor(journals) as supervisor:
        first = supervisor.sharing.receive_file(first_file).bundle_id
        second = supervisor.sharing.receive_file(second_file).bundle_id
        supervisor.sharing.confirm_session(first, DAY, 90, "individual")
        supervisor.sharing.confirm_session(second, DAY, 30, "group")
        supervisor.sharing.add_comment(second, None, "Welcome, second Sam.")
        data = load_review(supervisor)

    assert [s.name for s in data.supervisees] == ["Sam Rivera", "Sam Rivera"]
    assert data.supervisees[0].signing_key < data.supervisees[1].signing_key
    by_bundle = {s.bundles[0].bundle.bundle_id: s for s in data.supervisees}
    assert [len(s.bundles) for s in data.supervisees] == [1, 1]
    sam, namesake = by_bundle[first], by_bundle[second]
    assert sam.signing_key != namesake.signing_key
    assert [(s.minutes, s.format) for s in sam.sessions] == [(90, "individual")]
    assert [(s.minutes, s.format) for s in namesake.sessions] == [(30, "group")]
    assert [s.other_key for s in namesake.sessions] == [namesake.signing_key]
    assert sam.bundles[0].comments == ()
    assert [c.text for c in namesake.bundles[0].comments_on(None)] == ["Welcome, second Sam."]
    assert sam.entry_count == 2
    assert [e.title for e in namesake.bundles[0].entries] == ["Namesake at the clinic"]
    for supervisee in data.supervisees:
        assert supervisee.contact is not None
        assert supervisee.contact.card.signing_key == supervisee.signing_key
        assert supervisee.verified


def test_comments_are_filed_under_their_entry_or_the_whole_bundle(journals: Journals) -> None:
    bundle_file = make_bundle(journals)
    with _supervisor(journals) as supervisor:
        bundle_id = supervisor.sharing.receive_file(bundle_file).bundle_id
        data = load_review(supervisor)
        [first, second] = data.supervisees[0].bundles[0].entries
        supervisor.sharing.add_comment(bundle_id, first.id, "On the first")
        supervisor.sharing.add_comment(bundle_id, None, "On the whole bundle")
        data = load_review(supervisor)

    [sam] = data.supervisees
    [bundle] = sam.bundles
    assert [c.text for c in bundle.comments_on(first.id)] == ["On the first"]
    assert bundle.comments_on(second.id) == ()
    assert [c.text for c in bundle.comments_on(None)] == ["On the whole bundle"]
    assert (sam.name, sam.role) == ("Sam Rivera", "Home visitor")


def test_a_removed_contact_stays_a_supervisee_under_the_name_the_bundle_gave(
    journals: Journals,
) -> None:
    bundle_file = make_bundle(journals)
    with _supervisor(journals) as supervisor:
        supervisor.sharing.receive_file(bundle_file)
        supervisor.sharing.remove_contact("Sam Rivera")
        [sam] = load_review(supervisor).supervisees
    assert sam.contact is None
    assert not sam.verified
    assert (sam.name, sam.role) == ("Sam Rivera", "Home visitor")
    assert len(sam.bundles[0].entries) == 2


def test_nothing_received_reads_as_empty(journals: Journals) -> None:
    with _supervisor(journals) as supervisor:
        data = load_review(supervisor)
    assert data.empty
    assert data.newest is None


def _bundle(bundle_id: str, card: ContactCard) -> BundleReview:
    return BundleReview(ReceivedBundle(bundle_id, "entries", card, True, NOON, NOON, ""))


def _session(key: bytes) -> ConfirmedSession:
    return ConfirmedSession("s-" + key.hex(), SessionSide.GIVEN, key, "Anyone", DAY, 60,
                            "individual", None, None)


def test_grouping_follows_the_key_when_a_card_changes_its_name() -> None:
    renamed = ContactCard("Sam Rivera-Lee", "Home visitor", "", b"k" * 32)
    before = ContactCard("Sam Rivera", "Home visitor", "", b"k" * 32)
    other = ContactCard("Alex Doe", "Nurse", "", b"a" * 32)
    data = group_review(
        [_bundle("new", renamed), _bundle("other", other), _bundle("old", before)],
        [_session(b"k" * 32), _session(b"z" * 32)],  # no bundle from z is on file
        [],
    )
    assert [s.name for s in data.supervisees] == ["Alex Doe", "Sam Rivera-Lee"]
    sam = data.supervisees[1]
    assert [b.bundle.bundle_id for b in sam.bundles] == ["new", "old"]
    assert [s.other_key for s in sam.sessions] == [b"k" * 32]
    assert data.supervisees[0].sessions == ()
    assert data.newest is not None
    assert data.newest.bundle.bundle_id == "new"
