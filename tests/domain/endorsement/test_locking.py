"""Which edits a signed session refuses (domain/endorsement/locking.py), without a journal."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from reflectjournal.domain.endorsement.locking import check_edit, is_signed, locked_changes
from reflectjournal.domain.entry import Entry
from reflectjournal.domain.errors import InvalidInputError
from reflectjournal.domain.ids import EntryId

NOW = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
SIGNED = Entry(
    id=EntryId("00000000-0000-4000-8000-000000000001"), kind="supervision",
    date=dt.date(2026, 11, 10), title="RSC", body="", answers={},
    fields={"provider_id": "a" * 32, "format": "individual", "confirmation": "signed"},
    duration_minutes=60, competencies=(), themes=(), tags=(), starred=False,
    created_at=NOW, modified_at=NOW)


def _with(**fields: object) -> Entry:
    return replace(SIGNED, fields={**SIGNED.fields, **fields})


@pytest.mark.parametrize(("after", "named"), [
    (replace(SIGNED, duration_minutes=45), ["duration"]),
    (replace(SIGNED, date=dt.date(2026, 11, 11)), ["date"]),
    (replace(SIGNED, kind="supervision-given"), ["kind"]),
    (_with(provider_id="b" * 32), ["provider"]),
    (_with(format="group", peer=True), ["format", "peer"]),
    (_with(supervision_type="consultation", focus="3-6"), ["kind of supervision", "age focus"]),
    (_with(about_own_rsc=True, mode="virtual"), ["mode", "about the RSC I provide"]),
    (_with(confirmation="hand-logged"), ["confirmation"]),
])
def test_a_signed_session_names_every_locked_change(after: Entry, named: list[str]) -> None:
    assert locked_changes(SIGNED, after) == named
    with pytest.raises(InvalidInputError, match="confirmed by your provider's signature"):
        check_edit(SIGNED, after)


def test_text_tags_and_the_star_stay_editable_and_unsigned_sessions_are_not_locked() -> None:
    check_edit(SIGNED, replace(SIGNED, title="Renamed", body="new words", starred=True,
                               fields={**SIGNED.fields, "group_size": 4}))
    unsigned = _with(confirmation="hand-logged")
    assert not is_signed(unsigned)
    assert locked_changes(unsigned, replace(unsigned, duration_minutes=10)) == []
    check_edit(unsigned, _with(confirmation="printed-signature"))


def test_only_a_received_confirmation_marks_a_session_signed() -> None:
    with pytest.raises(InvalidInputError, match="Only a confirmation your provider signs"):
        check_edit(None, SIGNED)
    with pytest.raises(InvalidInputError, match="Only a confirmation your provider signs"):
        check_edit(_with(confirmation="hand-logged"), SIGNED)
