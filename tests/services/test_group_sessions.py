"""One group supervision session, confirmed once, reaches each supervisee as their own statement."""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from reflectjournal.domain import bundle as fmt
from reflectjournal.domain.entry import EntryChanges
from reflectjournal.domain.errors import InvalidInputError
from reflectjournal.services.journal import Journal
from tests.helpers.journals import FAST, PASSPHRASE, exchange_cards, paired_journals

Three = tuple[Journal, Journal, Journal, Path]  # Sam, Lee (clinicians), Ada (supervisor)


@pytest.fixture
def three(tmp_path: Path) -> Iterator[Three]:
    sam, ada = paired_journals(tmp_path)
    lee, _ = Journal.create(tmp_path / "second-clinician", PASSPHRASE, FAST)
    lee.sharing.my_card("Lee Chen", "Early interventionist")
    exchange_cards(lee, ada)
    yield sam, lee, ada, tmp_path
    for journal in (sam, lee, ada):
        journal.close()


def _shared(clinician: Journal, to: Journal, dest: Path) -> str:
    entry = clinician.add_entry(EntryChanges(kind="reflection", title="Group prep",
                                             body="What I want to bring.")).id
    draft = clinician.sharing.prepare([entry])
    written = clinician.sharing.write_share(draft, dest, to="Dr. Ada Obi",
                                            redact=[f.id for f in draft.flags])
    to.sharing.receive_file(dest)
    return written.bundle_id


def _statement_bytes(journal: Journal, session_id: str) -> bytes:
    raw = journal.sharing._db.scalar(  # type: ignore[attr-defined]
        "SELECT statement FROM confirmed_sessions WHERE id = ?", (session_id,))
    return bytes(raw)


def test_each_supervisee_gets_a_statement_naming_only_them(three: Three) -> None:
    sam, lee, ada, tmp = three
    bundles = [_shared(sam, ada, tmp / "sam.rjb"), _shared(lee, ada, tmp / "lee.rjb")]
    day = dt.date.today() - dt.timedelta(days=1)
    made = ada.sharing.confirm_group_session(bundles, day, 90,
                                             fmt.SessionDetails(mode="virtual"))
    assert sorted(s.other_name for s in made) == ["Lee Chen", "Sam Rivera"]
    assert len({s.id for s in made}) == 2  # two statements, two signatures
    keys = {"Sam Rivera": sam.sharing.my_card().signing_key,
            "Lee Chen": lee.sharing.my_card().signing_key}
    for session in made:
        raw = _statement_bytes(ada, session.id)
        statement = fmt.parse_session_statement(raw)
        assert statement.supervisee_key == keys[session.other_name]
        assert (statement.format, statement.minutes, statement.date, statement.mode) == (
            "group", 90, day, "virtual")
        other = next(name for name in keys if name != session.other_name)
        for leak in (other.encode(), other.split()[0].encode(),
                     base64.b64encode(keys[other]), keys[other].hex().encode(), keys[other]):
            assert leak not in raw

    for clinician, name in ((sam, "Sam Rivera"), (lee, "Lee Chen")):
        ada.sharing.write_reply(tmp / f"reply-{name}.rjb", to=name)
        result = clinician.sharing.receive_file(tmp / f"reply-{name}.rjb")
        assert result.sessions == 1
        [received] = clinician.sharing.confirmed_sessions("received")
        assert (received.format, received.minutes, received.date) == ("group", 90, day)
        raw = _statement_bytes(clinician, received.id)
        assert fmt.parse_session_statement(raw).supervisee_key == keys[name]


def test_a_group_needs_two_different_supervisees(three: Three) -> None:
    sam, _, ada, tmp = three
    first = _shared(sam, ada, tmp / "one.rjb")
    second = _shared(sam, ada, tmp / "two.rjb")
    day = dt.date.today()
    with pytest.raises(InvalidInputError, match="at least two"):
        ada.sharing.confirm_group_session([first], day, 60)
    with pytest.raises(InvalidInputError, match="Sam Rivera twice"):
        ada.sharing.confirm_group_session([first, second], day, 60)
    assert ada.sharing.confirmed_sessions("given") == []  # nothing half-made
