"""Signed confirmations attach to hand-logged sessions instead of counting them twice.

Two real journals: the clinician logs sessions by hand and shares an entry; the supervisor
confirms sessions by signature in a reply; the clinician opens the reply.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from reflectjournal.domain.endorsement.records import Qualification
from reflectjournal.domain.entry import Entry, EntryChanges
from reflectjournal.domain.errors import InvalidInputError
from reflectjournal.services.journal import Journal
from tests.helpers.journals import paired_journals

D = dt.date


@dataclass
class Pair:
    clinician: Journal
    supervisor: Journal
    tmp: Path

    def confirm(self, *sessions: tuple[D, int]) -> Path:
        """Share one entry, have the supervisor confirm these sessions, return the reply."""
        note = self.clinician.add_entry(EntryChanges(kind="reflection", title="For RSC",
                                                     body="a note", date=D(2026, 11, 1)))
        draft = self.clinician.sharing.prepare([note.id])
        bundle = self.tmp / "share.rjb"
        self.clinician.sharing.write_share(draft, bundle, to="Dr. Ada Obi",
                                           redact=[f.id for f in draft.flags])
        got = self.supervisor.sharing.receive_file(bundle)
        for day, minutes in sessions:
            self.supervisor.sharing.confirm_session(got.bundle_id, day, minutes, "individual")
        reply = self.tmp / "reply.rjb"
        self.supervisor.sharing.write_reply(reply, to="Sam Rivera")
        return reply

    def sessions(self) -> list[Entry]:
        records = self.clinician.endorsement_records()
        return [e for e in records.entries if e.kind == "supervision"]


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[Pair]:
    p = Pair(*paired_journals(tmp_path), tmp_path)
    yield p
    p.clinician.close()
    p.supervisor.close()


def _log(journal: Journal, provider_id: str, day: D, minutes: int) -> str:
    return journal.add_entry(EntryChanges(
        kind="supervision", date=day, duration_minutes=minutes, title="RSC",
        fields={"provider_id": provider_id, "format": "individual",
                "supervision_type": "reflective"})).id


def test_confirmations_attach_to_logged_sessions_and_only_unlogged_ones_are_new(
    pair: Pair,
) -> None:
    ada = pair.clinician.providers.add("Ada", Qualification.IMHS, contact="Dr. Ada Obi")
    same = _log(pair.clinician, ada.id, D(2026, 11, 10), 60)
    longer = _log(pair.clinician, ada.id, D(2026, 11, 17), 60)
    reply = pair.confirm((D(2026, 11, 10), 60), (D(2026, 11, 17), 75), (D(2026, 11, 24), 60))
    result = pair.clinician.sharing.receive_file(reply)
    assert (result.sessions, result.attached) == (1, 2)
    [warning] = result.warnings
    assert "differ from those you logged (60 min)" in warning
    sessions = pair.sessions()
    assert [(e.date, e.duration_minutes) for e in sessions] == [
        (D(2026, 11, 10), 60), (D(2026, 11, 17), 75), (D(2026, 11, 24), 60)]  # no double
    assert all(e.fields["confirmation"] == "signed" for e in sessions)
    assert all(e.fields["provider_id"] == ada.id for e in sessions)
    assert pair.clinician.get_entry(same).fields["supervision_type"] == "reflective"  # kept
    confirmed = {s.date: s for s in pair.clinician.sharing.confirmed_sessions("received")}
    assert confirmed[D(2026, 11, 17)].entry_id == longer
    assert (confirmed[D(2026, 11, 17)].logged_minutes,
            confirmed[D(2026, 11, 17)].minutes_differ) == (60, True)
    assert confirmed[D(2026, 11, 10)].logged_minutes is None
    assert not confirmed[D(2026, 11, 24)].minutes_differ
    assert [p.name for p in pair.clinician.providers.all()] == ["Ada"]  # no second record


def test_an_unlinked_record_of_the_signers_name_is_taken_and_linked(pair: Pair) -> None:
    typed = pair.clinician.providers.add("dr. ada obi")
    logged = _log(pair.clinician, typed.id, D(2026, 11, 10), 50)
    pair.clinician.sharing.receive_file(pair.confirm((D(2026, 11, 10), 50)))
    [session] = pair.sessions()
    assert session.id == logged
    key = pair.supervisor.sharing.my_card().signing_key.hex()
    assert pair.clinician.providers.get(typed.id).contact_key == key


def test_a_confirmation_for_another_provider_does_not_attach(pair: Pair) -> None:
    lee = pair.clinician.providers.add("Dr. Lee", Qualification.IMHS)
    _log(pair.clinician, lee.id, D(2026, 11, 10), 60)
    pair.clinician.sharing.receive_file(pair.confirm((D(2026, 11, 10), 60)))
    sessions = pair.sessions()
    assert len(sessions) == 2
    assert [e.fields.get("confirmation") for e in sessions].count("signed") == 1
    assert sorted(p.name for p in pair.clinician.providers.all()) == ["Dr. Ada Obi", "Dr. Lee"]


def test_signed_hours_are_locked_amended_and_unlinked(pair: Pair) -> None:
    ada = pair.clinician.providers.add("Ada", contact="Dr. Ada Obi")
    entry_id = _log(pair.clinician, ada.id, D(2026, 11, 10), 60)
    pair.clinician.sharing.receive_file(pair.confirm((D(2026, 11, 10), 45)))
    journal = pair.clinician
    for change in (EntryChanges(duration_minutes=60), EntryChanges(date=D(2026, 11, 11)),
                   EntryChanges(kind="supervision-given"),
                   EntryChanges(fields={"provider_id": ada.id, "format": "group",
                                        "confirmation": "signed"})):
        with pytest.raises(InvalidInputError, match="confirmed by your provider's signature"):
            journal.update_entry(entry_id, change)
    assert journal.get_entry(entry_id).duration_minutes == 45
    journal.update_entry(entry_id, EntryChanges(title="Renamed", body="still allowed"))
    note = journal.confirmations.amend(entry_id[:8], "  We ran 15 minutes over. ")
    assert note.text == "We ran 15 minutes over."
    assert journal.confirmations.amendments(entry_id) == [note]
    with pytest.raises(InvalidInputError, match="needs some text"):
        journal.confirmations.amend(entry_id, " ")
    unlinked = journal.confirmations.unlink(entry_id)
    assert unlinked.fields["confirmation"] == "hand-logged"
    [statement] = journal.sharing.confirmed_sessions("received")
    assert statement.entry_id is None  # the signed statement itself is kept
    assert journal.update_entry(entry_id, EntryChanges(duration_minutes=60)).duration_minutes \
        == 60
    with pytest.raises(InvalidInputError, match="no signed confirmation"):
        journal.confirmations.unlink(entry_id)


def test_signed_cannot_be_set_by_hand_but_a_printed_signature_can(pair: Pair) -> None:
    ada = pair.clinician.providers.add("Ada")
    with pytest.raises(InvalidInputError, match="Only a confirmation your provider signs"):
        pair.clinician.add_entry(EntryChanges(kind="supervision", fields={
            "provider_id": ada.id, "confirmation": "signed"}))
    entry_id = _log(pair.clinician, ada.id, D(2026, 11, 10), 60)
    with pytest.raises(InvalidInputError, match="Only a confirmation your provider signs"):
        pair.clinician.update_entry(entry_id, EntryChanges(fields={
            "provider_id": ada.id, "confirmation": "signed"}))
    marked = pair.clinician.update_entry(entry_id, EntryChanges(fields={
        "provider_id": ada.id, "confirmation": "printed-signature"}))
    assert marked.fields["confirmation"] == "printed-signature"
    assert pair.clinician.update_entry(entry_id, EntryChanges(duration_minutes=55))
