"""Provider records, the profile and the ledger's records, through the services (real SQLCipher)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from reflectjournal.domain.endorsement.records import Degree, Qualification, Track
from reflectjournal.domain.entry import EntryChanges
from reflectjournal.domain.errors import InvalidInputError
from reflectjournal.services.journal import Journal
from reflectjournal.services.providers import HELD_THROUGHOUT, parse_qualification
from tests.helpers.journals import FAST, exchange_cards, open_journal
from tests.helpers.leaks import folder_bytes, found_in

D = dt.date


def _session(journal: Journal, provider_id: str, day: D, minutes: int = 60) -> str:
    return journal.add_entry(EntryChanges(
        kind="supervision", date=day, duration_minutes=minutes, title="RSC",
        body="what I brought", fields={"provider_id": provider_id, "format": "individual"})).id


def test_providers_are_added_qualified_renamed_and_found_by_name_or_id(journal: Journal) -> None:
    lee = journal.providers.add("  Dr.   Lee ", Qualification.IMHS, D(2019, 5, 1))
    kim = journal.providers.add("A. Kim")
    assert lee.name == "Dr. Lee"
    assert lee.qualification_on(D(2019, 4, 30)) == Qualification.UNKNOWN
    assert lee.qualification_on(D(2019, 5, 1)) == Qualification.IMHS
    assert kim.qualifications == ()
    journal.providers.qualify("dr. lee", Qualification.IMHM_C, D(2024, 2, 1))
    renamed = journal.providers.rename(lee.id[:6], "Jordan Lee")
    assert renamed.name == "Jordan Lee"
    assert [s.qualification for s in renamed.qualifications] == [Qualification.IMHS,
                                                                  Qualification.IMHM_C]
    assert renamed.qualification_on(D(2025, 1, 1)) == Qualification.IMHM_C
    assert [p.name for p in journal.providers.all()] == ["A. Kim", "Jordan Lee"]
    assert journal.providers.get(lee.id) == renamed
    held = journal.providers.add("B. Ray", Qualification.ECMHS)  # no date: held throughout
    assert held.qualifications[0].since == HELD_THROUGHOUT
    assert held.qualification_on(D(1990, 1, 1)) == Qualification.ECMHS


def test_bad_provider_input_gets_one_plain_message(journal: Journal) -> None:
    journal.providers.add("A. Kim")
    journal.providers.add("a. kim")  # two people may share a name
    with pytest.raises(InvalidInputError, match="More than one provider is called"):
        journal.providers.get("A. Kim")
    with pytest.raises(InvalidInputError, match="No provider is called 'Nobody'"):
        journal.providers.get("Nobody")
    with pytest.raises(InvalidInputError, match="needs a name"):
        journal.providers.add("   ")
    with pytest.raises(InvalidInputError, match="at most 200"):
        journal.providers.add("x" * 201)
    with pytest.raises(InvalidInputError, match="Unknown qualification 'IMHX'"):
        parse_qualification("IMHX")
    assert parse_qualification("imhm-c") == Qualification.IMHM_C
    with pytest.raises(InvalidInputError, match="since-date needs the qualification"):
        journal.providers.add("C. Day", since=D(2020, 1, 1))
    assert len(journal.providers.all()) == 2


def test_a_merge_moves_the_entries_joins_the_history_and_is_logged(journal: Journal) -> None:
    lee = journal.providers.add("Dr. Lee", Qualification.IMHS, D(2019, 5, 1))
    jordan = journal.providers.add("Jordan Lee", Qualification.IMHM_C, D(2024, 1, 1))
    kim = journal.providers.add("A. Kim")
    moved = [_session(journal, jordan.id, D(2026, 1, m)) for m in (5, 12)]
    kept = _session(journal, lee.id, D(2026, 1, 19))
    other = _session(journal, kim.id, D(2026, 1, 20))
    gone = _session(journal, jordan.id, D(2026, 1, 26))
    journal.delete_entry(gone)  # a trashed entry follows too
    merge = journal.providers.merge("Jordan Lee", "Dr. Lee")
    assert (merge.from_name, merge.into_name, merge.entries) == ("Jordan Lee", "Dr. Lee", 2)
    assert (merge.from_id, merge.into_id) == (jordan.id, lee.id)
    assert [p.name for p in journal.providers.all()] == ["A. Kim", "Dr. Lee"]
    survivor = journal.providers.get("Dr. Lee")
    assert survivor.qualification_on(D(2025, 1, 1)) == Qualification.IMHM_C
    for entry_id in [*moved, kept]:
        assert journal.get_entry(entry_id).fields["provider_id"] == lee.id
    assert journal.get_entry(other).fields["provider_id"] == kim.id
    assert journal.entries.restore_from_trash(gone).fields["provider_id"] == lee.id
    assert journal.providers.merges() == [merge]
    with pytest.raises(InvalidInputError, match="into itself"):
        journal.providers.merge("Dr. Lee", lee.id)


def test_a_provider_links_only_to_a_verified_contact(
    journal: Journal, other: Journal,
) -> None:
    journal.sharing.my_card("Sam Rivera")
    other.sharing.my_card("Dr. Ada Obi")
    exchange_cards(journal, other, verify=False)
    with pytest.raises(InvalidInputError, match="not verified yet"):
        journal.providers.add("Ada", Qualification.IMHS, contact="Dr. Ada Obi")
    assert journal.providers.all() == []
    code = other.sharing.pairing_code(other.sharing.contact("Sam Rivera"))
    journal.sharing.verify_contact("Dr. Ada Obi", code)
    ada = journal.providers.add("Ada", Qualification.IMHS, contact="Dr. Ada Obi")
    key = other.sharing.my_card().signing_key
    assert ada.contact_key == key.hex()
    assert journal.providers.by_contact_key(key) == ada
    twin = journal.providers.add("Ada again", contact="Dr. Ada Obi")
    journal.providers.link_contact(twin.id, None)
    assert journal.providers.get(twin.id).contact_key is None
    assert journal.providers.merge(twin.id, ada.id).entries == 0
    assert journal.providers.get(ada.id).contact_key == key.hex()


def test_the_merge_offer_names_similar_and_same_contact_records_only(
    journal: Journal, other: Journal, tmp_path: Path,
) -> None:
    journal.sharing.my_card("Sam Rivera")
    other.sharing.my_card("Ada Obi")
    exchange_cards(journal, other)
    third, _ = Journal.create(tmp_path / "third", "another passphrase here", FAST)
    with third:
        third.sharing.my_card("Ada Obi-Grant")
        exchange_cards(journal, third)
    linked = journal.providers.add("Supervisor A")
    by_contact_name = journal.providers.add("Dr. Obi")  # like the contact's name, not the record's
    same_key = journal.providers.add("Thursday group", contact="Ada Obi")
    elsewhere = journal.providers.add("A. Obi", contact="Ada Obi-Grant")  # someone else's key
    journal.providers.add("Dr. Lim")
    journal.providers.link_contact(linked.id, "Ada Obi")
    offered = journal.providers.merge_offer(linked.id, "Ada Obi")
    assert {r.id for r in offered} == {by_contact_name.id, same_key.id}
    assert elsewhere.id not in {r.id for r in offered}  # a merge of these would be refused
    assert journal.providers.merge_offer(by_contact_name.id) == []  # offered, never merged
    assert len(journal.providers.all()) == 5


def test_an_entry_cannot_name_a_provider_that_does_not_exist(journal: Journal) -> None:
    with pytest.raises(InvalidInputError, match="No provider record has the id 'nope'"):
        journal.add_entry(EntryChanges(kind="supervision", fields={"provider_id": "nope"}))
    assert journal.count_entries() == 0


def test_the_profile_is_kept_checked_and_read_back(journal_dir: Path, journal: Journal) -> None:
    assert journal.profile.get().category is None
    journal.profile.update(category="imhs", degree=Degree.MASTER, degree_date=D(2018, 6, 1),
                           provides_rsc=True, submission_date=D(2027, 3, 1))
    journal.profile.update(track=Track.IMH, endorsed="ifs", endorsed_since=D(2020, 2, 1))
    with pytest.raises(InvalidInputError, match="Unknown Endorsement category 'imhz'"):
        journal.profile.update(category="imhz")
    with pytest.raises(InvalidInputError, match="degree date needs the degree"):
        journal.profile.update(degree=Degree.NONE)
    journal.close()
    with open_journal(journal_dir) as again:
        profile = again.profile.get()
        assert (profile.category, profile.degree, profile.degree_date) == (
            "imhs", Degree.MASTER, D(2018, 6, 1))
        assert (profile.provides_rsc, profile.bachelors_prepared) == (True, False)
        assert (profile.endorsed, profile.endorsed_since) == ("ifs", D(2020, 2, 1))
        assert profile.submission_date == D(2027, 3, 1)


def test_the_ledger_records_hold_its_kinds_without_any_text(
    journal: Journal, make_journal: Callable[[Path], Journal],
) -> None:
    lee = journal.providers.add("Dr. Lee", Qualification.IMHS)
    _session(journal, lee.id, D(2026, 2, 2))
    journal.add_entry(EntryChanges(kind="training", date=D(2026, 1, 9), title="Course",
                                   body="Zyx-canary", competencies=(),
                                   fields={"hours_face_to_face": 6.0, "dei": True,
                                           "date_end": "2026-03-01",
                                           "counts_for_endorsement": False}))
    journal.add_entry(EntryChanges(kind="work", date=D(2025, 9, 1), title="Home visitor",
                                   fields={"role": "Home visitor", "families_served": 12,
                                           "ages_served": ["0-3"]}))
    journal.add_entry(EntryChanges(kind="reflection", title="Private", body="Zyx-canary"))
    journal.profile.update(category="imhs")
    records = journal.endorsement_records()
    assert [e.kind for e in records.entries] == ["work", "training", "supervision"]
    assert all(e.body == "" and not e.answers for e in records.entries)
    training = records.entries[1]
    assert training.fields["counts_for_endorsement"] is False
    assert training.fields["date_end"] == "2026-03-01"
    assert records.entries[0].fields["families_served"] == 12
    assert records.providers == [lee]
    assert records.profile.category == "imhs"


def test_new_field_values_are_checked(journal: Journal) -> None:
    with pytest.raises(InvalidInputError, match="a date, YYYY-MM-DD"):
        journal.add_entry(EntryChanges(kind="training", fields={"date_end": "March"}))
    with pytest.raises(InvalidInputError, match="Families served"):
        journal.add_entry(EntryChanges(kind="work", fields={"families_served": -1}))
    with pytest.raises(InvalidInputError, match="one of: reflective, consultation"):
        journal.add_entry(EntryChanges(kind="supervision",
                                       fields={"supervision_type": "chat"}))


def test_records_profile_and_amendments_never_reach_a_file_in_plaintext(
    journal_dir: Path, journal: Journal,
) -> None:
    canary = "Qxzv-canary-8812"
    lee = journal.providers.add(f"Dr. {canary}", Qualification.IMHS)
    journal.providers.rename(lee.id, f"Jordan {canary}")
    entry_id = _session(journal, lee.id, D(2026, 1, 5))
    journal.confirmations.amend(entry_id, f"ran over {canary}")
    journal.profile.update(category="imhs")
    journal.backup()
    journal.close()
    files = folder_bytes(journal_dir)  # the database, its WAL, the key file and the backup
    assert any(name.startswith("backups") for name in files)
    for name, data in files.items():
        assert found_in(data, canary) == [], name
