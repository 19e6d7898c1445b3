"""Comments and confirmations name the version they answer; edits after sharing are told."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from reflectjournal.domain import bundle as fmt
from reflectjournal.domain.entry import EntryChanges
from reflectjournal.domain.errors import BundleFormatError
from reflectjournal.domain.ids import EntryId
from reflectjournal.domain.shared_version import bundle_version
from reflectjournal.services.journal import Journal
from reflectjournal.store import sealed_bundle as sealed
from tests.helpers.journals import paired_journals

Pair = tuple[Journal, Journal, Path]


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[Pair]:
    clinician, supervisor = paired_journals(tmp_path)
    yield clinician, supervisor, tmp_path
    clinician.close()
    supervisor.close()


def _entry(journal: Journal, body: str = "She turned away from the spoon.") -> EntryId:
    return journal.add_entry(EntryChanges(kind="reflection", title="Feeding", body=body)).id


def _share(clinician: Journal, ids: list[EntryId], dest: Path) -> str:
    draft = clinician.sharing.prepare(ids)
    return clinician.sharing.write_share(draft, dest, to="Dr. Ada Obi",
                                         redact=[f.id for f in draft.flags]).bundle_id


def _reply(supervisor: Journal, clinician: Journal, dest: Path) -> list[str]:
    supervisor.sharing.write_reply(dest, to="Sam Rivera")
    return list(clinician.sharing.receive_file(dest).warnings)


def test_a_comment_names_the_version_it_read_and_an_edit_is_marked(pair: Pair) -> None:
    clinician, supervisor, tmp = pair
    entry = _entry(clinician)
    bundle = _share(clinician, [entry], tmp / "b1.rjb")
    supervisor.sharing.receive_file(tmp / "b1.rjb")
    [received] = supervisor.sharing.received_entries(bundle)
    supervisor.sharing.add_comment(bundle, entry, "What did you feel?")
    assert _reply(supervisor, clinician, tmp / "r1.rjb") == []

    state = clinician.sharing.share_state(entry)
    [shared] = state.shared
    assert shared.version == received.entry.version is not None
    assert not state.changed
    assert state.marker == ""
    [answered] = clinician.sharing.answered_comments(entry)
    assert answered.comment.version == shared.version
    assert answered.current
    assert clinician.sharing.changed_since_shared() == {}

    clinician.update_entry(entry, EntryChanges(starred=True))  # not a change of content
    assert not clinician.sharing.share_state(entry).changed
    clinician.update_entry(entry, EntryChanges(body="She turned away, then came back."))
    state = clinician.sharing.share_state(entry)
    assert state.changed
    assert state.marker == "Changed since your supervisor read it"
    assert clinician.sharing.changed_since_shared() == {
        entry: "Changed since your supervisor read it"}
    [answered] = clinician.sharing.answered_comments(entry)
    assert not answered.current
    assert answered.answered == shared
    assert answered.answered is not None
    assert answered.answered.entry.body == "She turned away from the spoon."


def test_an_entry_shared_but_not_yet_read_says_so(pair: Pair) -> None:
    clinician, _, tmp = pair
    entry = _entry(clinician)
    _share(clinician, [entry], tmp / "b1.rjb")
    clinician.update_entry(entry, EntryChanges(title="Feeding, later"))
    assert clinician.sharing.share_state(entry).marker == "Changed since you shared it"


def test_a_comment_on_a_version_since_edited_is_kept_with_a_plain_note(pair: Pair) -> None:
    clinician, supervisor, tmp = pair
    entry = _entry(clinician)
    bundle = _share(clinician, [entry], tmp / "b1.rjb")
    supervisor.sharing.receive_file(tmp / "b1.rjb")
    clinician.update_entry(entry, EntryChanges(body="Rewritten after the visit."))
    supervisor.sharing.add_comment(bundle, entry, "About the first text")
    [note] = _reply(supervisor, clinician, tmp / "r1.rjb")
    assert "edited (or deleted) since you shared it" in note
    assert "kept" in note
    [answered] = clinician.sharing.answered_comments(entry)
    assert answered.comment.text == "About the first text"
    assert not answered.current
    assert answered.answered is not None
    assert clinician.get_entry(entry).body == "Rewritten after the visit."  # untouched

    clinician.delete_entry(entry)  # even with the entry in the trash, nothing is lost
    supervisor.sharing.add_comment(bundle, entry, "And once more")
    [note] = _reply(supervisor, clinician, tmp / "r2.rjb")
    assert len(clinician.sharing.comments_on(entry)) == 2


def test_a_comment_naming_a_version_the_bundle_did_not_carry_is_refused(pair: Pair) -> None:
    clinician, supervisor, tmp = pair
    entry = _entry(clinician)
    bundle = _share(clinician, [entry], tmp / "b1.rjb")
    supervisor.sharing.receive_file(tmp / "b1.rjb")
    ident, _, _ = supervisor.sharing._identity()
    forged = "0" * 64
    payload = fmt.comments_payload_bytes(fmt.CommentsPayload((fmt.Comment(
        bundle, entry, "On some other text", dt.datetime.now(dt.UTC), forged),), ()))
    me, clin = supervisor.sharing.my_card(), clinician.sharing.my_card()
    raw = fmt.manifest_bytes(fmt.Manifest(str(uuid.uuid4()), "comments",
                                          dt.datetime.now(dt.UTC), me, (clin.age_recipient,),
                                          fmt.payload_hash(payload)))
    data = sealed.seal(fmt.pack(raw, ident.sign(raw), payload), [clin.age_recipient])
    with pytest.raises(BundleFormatError, match="version of an entry"):
        clinician.sharing.receive(data)
    assert clinician.sharing.comments_on(entry) == []


def test_a_confirmation_names_the_version_of_the_bundle_it_answers(pair: Pair) -> None:
    clinician, supervisor, tmp = pair
    first, second = _entry(clinician), _entry(clinician, "Second visit.")
    bundle = _share(clinician, [first, second], tmp / "b1.rjb")
    supervisor.sharing.receive_file(tmp / "b1.rjb")
    supervisor.sharing.confirm_session(bundle, dt.date.today(), 60, "individual")
    supervisor.sharing.add_comment(bundle, None, "On the whole month")
    _reply(supervisor, clinician, tmp / "r1.rjb")
    carried = [e.entry.version for e in supervisor.sharing.received_entries(bundle)]
    expected = bundle_version([v for v in carried if v])
    [session] = clinician.sharing.confirmed_sessions("received")
    statement = _statement(clinician, session.id)
    assert statement.answers_version == expected
    [overall] = clinician.sharing.overall_comments()
    assert overall.version == expected


def _statement(journal: Journal, session_id: str) -> fmt.SessionStatement:
    raw = journal.sharing._db.scalar(  # type: ignore[attr-defined]
        "SELECT statement FROM confirmed_sessions WHERE id = ?", (session_id,))
    return fmt.parse_session_statement(bytes(raw))
