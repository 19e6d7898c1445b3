"""The supervision loop: questions and marks stay on the agenda until answered (issue 15)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reflectjournal.domain import bundle as fmt
from reflectjournal.domain.errors import InvalidInputError
from reflectjournal.domain.ids import EntryId
from reflectjournal.services.journal import Journal
from tests.helpers.bundles import share
from tests.helpers.desk import Desk, desk_journals


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    made = desk_journals(tmp_path)
    yield made
    made.close()


def _bundle_of(supervisor: Journal, sender: str) -> str:
    return next(b.bundle_id for b in supervisor.sharing.received_bundles()
                if b.sender.name == sender)


def _ask(desk: Desk, tmp: Path, entry_id: EntryId, text: str, *, name: str = "reply") -> Path:
    """The supervisor asks a question on one of Sam's entries and replies; Sam files it."""
    bundle = _bundle_of(desk.supervisor, "Sam Rivera")
    desk.supervisor.sharing.add_comment(bundle, entry_id, text, question=True)
    path = tmp / f"{name}.rjb"
    desk.supervisor.sharing.write_reply(path, to="Sam Rivera")
    desk.sam.sharing.receive_file(path)
    return path


def test_a_question_travels_and_stays_on_the_agenda_until_answered(
        desk: Desk, tmp_path: Path) -> None:
    _ask(desk, tmp_path, desk.sam_ids[0], "What did the grandmother's visit stir in you?")
    [item] = desk.sam.loop.agenda()
    assert item.source == "question"
    assert item.text == "What did the grandmother's visit stir in you?"
    assert item.origin == "Question from Dr. Ada Obi on “Grandmother's visit” of 2026-03"
    # Still open after the journal is closed and opened again: it is stored, not remembered.
    assert [c.question for c in desk.sam.sharing.comments_on(desk.sam_ids[0])] == [True]
    answered = desk.sam.loop.mark_answered(item.item_id)
    assert answered.text == item.text
    assert desk.sam.loop.agenda() == []
    with pytest.raises(InvalidInputError, match="No open agenda item"):
        desk.sam.loop.mark_answered(item.item_id)


def test_a_plain_comment_is_no_agenda_item(desk: Desk, tmp_path: Path) -> None:
    bundle = _bundle_of(desk.supervisor, "Sam Rivera")
    desk.supervisor.sharing.add_comment(bundle, desk.sam_ids[0], "Lovely noticing.")
    desk.supervisor.sharing.write_reply(tmp_path / "r.rjb", to="Sam Rivera")
    desk.sam.sharing.receive_file(tmp_path / "r.rjb")
    assert desk.sam.loop.agenda() == []


def test_sharing_the_entry_again_with_the_asker_answers_the_question(
        desk: Desk, tmp_path: Path) -> None:
    _ask(desk, tmp_path, desk.sam_ids[0], "And the baby?")
    _ask(desk, tmp_path, desk.sam_ids[1], "How are you resting?", name="reply2")
    assert len(desk.sam.loop.agenda()) == 2
    share(desk.sam, [desk.sam_ids[0]], tmp_path / "again.rjb", to="Dr. Ada Obi")
    [left] = desk.sam.loop.agenda()
    assert left.entry_id == desk.sam_ids[1]  # only the entry shared again is answered


def test_a_share_that_is_not_written_answers_nothing(desk: Desk, tmp_path: Path) -> None:
    _ask(desk, tmp_path, desk.sam_ids[0], "And the baby?")
    draft = desk.sam.sharing.prepare([desk.sam_ids[0]])
    with pytest.raises(Exception):  # noqa: B017, PT011 - a folder that does not exist
        desk.sam.sharing.write_share(draft, tmp_path / "missing" / "x.rjb", to="Dr. Ada Obi",
                                     allow=[f.id for f in draft.flags])
    assert len(desk.sam.loop.agenda()) == 1


def test_my_mark_is_an_agenda_item_until_done_and_travels_as_a_question(
        desk: Desk, tmp_path: Path) -> None:
    sam, supervisor = desk.sam, desk.supervisor
    assert sam.loop.bring(desk.sam_ids[1]) is True
    assert sam.loop.bring(desk.sam_ids[1]) is False  # marked once
    [item] = sam.loop.agenda()
    assert (item.source, item.origin) == ("mark", "My mark on “After a hard week” of 2026-03-09")
    assert [r.questions for r in supervisor.received.caseload()
            if r.name == "Sam Rivera"] == [0]
    share(sam, desk.sam_ids, tmp_path / "brought.rjb", to="Dr. Ada Obi")
    supervisor.sharing.receive_file(tmp_path / "brought.rjb")
    [waiting] = supervisor.received.waiting_questions()
    assert (waiting.sender_name, waiting.entry_id) == ("Sam Rivera", desk.sam_ids[1])
    assert waiting.origin == "Brought by Sam Rivera: “After a hard week” of 2026-03"
    counts = {r.name: r.questions for r in supervisor.received.caseload()}
    assert counts == {"Sam Rivera": 1, "Jo Park": 0}  # the caseload agrees with the agenda
    # The supervisor's comment answers it on her side; Sam's mark stays until Sam says so.
    supervisor.sharing.add_comment(_newest_from(supervisor, "Sam Rivera"), desk.sam_ids[1],
                                   "Let's start with this one.")
    assert supervisor.received.waiting_questions() == []
    assert {r.name: r.questions for r in supervisor.received.caseload()}["Sam Rivera"] == 0
    assert len(sam.loop.agenda()) == 1
    assert sam.loop.bring_done(desk.sam_ids[1]) is True
    assert sam.loop.agenda() == []
    assert sam.loop.bring(desk.sam_ids[1]) is True  # it can be marked again later


def _newest_from(supervisor: Journal, sender: str) -> str:
    return _bundle_of(supervisor, sender)  # received_bundles lists newest first


def test_an_unmarked_entry_leaves_byte_for_byte_as_before(desk: Desk) -> None:
    draft = desk.sam.sharing.prepare(desk.sam_ids)
    payload = fmt.entries_payload_bytes(fmt.EntriesPayload("", draft.entries))
    assert b'"bring"' not in payload
    desk.sam.loop.bring(desk.sam_ids[0])
    marked = desk.sam.sharing.prepare(desk.sam_ids).entries
    assert [e.brought for e in marked] == [True, False]
    # The mark is not part of the version: the entry's content did not change.
    assert [e.version for e in marked] == [e.version for e in draft.entries]


def test_an_older_reply_without_questions_is_read(desk: Desk) -> None:
    raw = fmt.comments_payload_bytes(fmt.CommentsPayload(
        (fmt.Comment("0" * 8 + "-0000-4000-8000-" + "0" * 12, None, "hi",
                     desk.sam.entries.get(desk.sam_ids[0]).created_at),), ()))
    assert b'"question"' not in raw
    [comment] = fmt.parse_comments_payload(raw).comments
    assert comment.question is False
    asked = fmt.comments_payload_bytes(fmt.CommentsPayload(
        (fmt.Comment(comment.answers, None, "why?", comment.written_at, question=True),), ()))
    assert fmt.parse_comments_payload(asked).comments[0].question is True


def test_items_are_oldest_first_and_a_trashed_entry_waits_with_it(
        desk: Desk, tmp_path: Path) -> None:
    sam = desk.sam
    sam.loop.bring(desk.sam_ids[1])
    _ask(desk, tmp_path, desk.sam_ids[0], "And the baby?")
    assert [i.source for i in sam.loop.agenda()] == ["mark", "question"]
    sam.delete_entry(desk.sam_ids[1])
    assert [i.source for i in sam.loop.agenda()] == ["question"]
    # The question names the entry as it was shared, even once the entry is gone.
    sam.delete_entry(desk.sam_ids[0])
    [question] = sam.loop.agenda()
    assert question.entry_title == "Grandmother's visit"


def test_an_item_id_that_is_not_one_is_a_plain_message(desk: Desk) -> None:
    for bad in ("12", "x3", "q", "qq", "m-1"):
        with pytest.raises(InvalidInputError, match="not an agenda item"):
            desk.sam.loop.mark_answered(bad)
