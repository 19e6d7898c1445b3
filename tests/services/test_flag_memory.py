"""The allow-list and the watch-list offer through the services, on a real SQLCipher journal."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reflectjournal.domain.deidentify import FlagKind
from reflectjournal.domain.entry import EntryChanges
from reflectjournal.domain.errors import InvalidInputError
from reflectjournal.domain.flag_memory import watch_list_offer
from reflectjournal.domain.ids import EntryId
from reflectjournal.services import outbound_check
from reflectjournal.services.journal import Journal
from tests.helpers.journals import FAST, PASSPHRASE
from tests.helpers.leaks import found_in

# A made-up capitalised word in mid-sentence: the check flags it as a possible name.
CANARY = "Quorvendal"
WORDS = "maple orbit candle velvet harbor sprout"


def _entry(journal: Journal, body: str) -> EntryId:
    return journal.add_entry(EntryChanges(
        kind="session", date=dt.date(2026, 11, 3), title="Visit", body=body,
        fields={"setting": "home"}, duration_minutes=60,
    )).id


def _texts(journal: Journal, entry: EntryId) -> list[str]:
    return [f.flag.text for f in journal.sharing.prepare([entry]).flags]


def test_a_term_cleared_and_remembered_is_not_flagged_again(journal: Journal,
                                                             tmp_path: Path) -> None:
    journal.sharing.my_card("Sam Rivera")
    entry = _entry(journal, f"We met {CANARY} at the park and Maribel clapped.")
    draft = journal.sharing.prepare([entry])
    canary = [f for f in draft.flags if f.flag.text == CANARY]
    assert canary
    assert canary[0].flag.kind is FlagKind.NAME
    others = [f.id for f in draft.flags if f.flag.text != CANARY]
    journal.sharing.write_share(draft, tmp_path / "b.rjb", passphrase=WORDS,
                                allow=[canary[0].id], redact=others, remember=True)
    assert journal.sharing.allow_list() == [CANARY]
    later = _entry(journal, f"Later we met {CANARY} by the door; Maribel hummed.")
    assert CANARY not in _texts(journal, later)
    assert "Maribel" in _texts(journal, later)  # only the cleared term is dropped


def test_allowing_without_remember_or_without_writing_keeps_nothing(
    journal: Journal, tmp_path: Path
) -> None:
    journal.sharing.my_card("Sam Rivera")
    entry = _entry(journal, f"We met {CANARY} at the park.")
    draft = journal.sharing.prepare([entry])
    ids = [f.id for f in draft.flags]
    journal.sharing.write_share(draft, tmp_path / "b.rjb", passphrase=WORDS, allow=ids)
    assert journal.sharing.allow_list() == []
    # Remembered only with the bundle: a write that fails keeps nothing.
    with pytest.raises(InvalidInputError):
        journal.sharing.write_share(draft, tmp_path / "c.rjb", passphrase="too short",
                                    allow=ids, remember=True)
    assert journal.sharing.allow_list() == []
    assert CANARY in _texts(journal, entry)


def test_the_watch_list_wins_over_the_allow_list(journal: Journal) -> None:
    journal.sharing.allow_terms([CANARY])
    entry = _entry(journal, f"We met {CANARY} at the park.")
    assert CANARY not in _texts(journal, entry)
    journal.sharing.set_watch_list([CANARY])
    [flag] = [f for f in journal.sharing.prepare([entry]).flags if f.flag.text == CANARY]
    assert flag.flag.kind is FlagKind.WATCH_LIST


def test_the_allow_list_can_be_reviewed_pruned_and_cleared(journal: Journal) -> None:
    assert journal.sharing.allow_terms(["Kangaroo  Care", "kangaroo care", "Similac", " "]) == [
        "Kangaroo Care", "Similac"]
    assert journal.sharing.forget_allowed(["SIMILAC"]) == ["Kangaroo Care"]
    with pytest.raises(InvalidInputError, match="not on the allow-list"):
        journal.sharing.forget_allowed(["Tylenol"])
    assert journal.sharing.forget_allowed() == []
    with pytest.raises(InvalidInputError):
        journal.sharing.allow_terms(["x" * 201])


def test_the_allow_list_is_never_written_in_plaintext(journal_dir: Path) -> None:
    journal, _ = Journal.create(journal_dir, PASSPHRASE, FAST)
    with journal:
        journal.sharing.allow_terms([CANARY])
    data = b"".join(p.read_bytes() for p in journal_dir.rglob("*") if p.is_file())
    assert data  # the journal's files were read
    assert found_in(data, CANARY, CANARY.casefold()) == []
    with Journal.open(journal_dir, PASSPHRASE, FAST) as again:
        assert again.sharing.allow_list() == [CANARY]


def test_the_watch_list_offer_holds_redacted_names_not_yet_listed(journal: Journal) -> None:
    journal.sharing.set_watch_list(["Maribel"])
    entry = _entry(journal, f"Maribel and {CANARY}'s aunt called 312-555-0142 today.")
    draft = journal.sharing.prepare([entry])
    redacted = {f.id for f in draft.flags}
    offer = watch_list_offer(draft.flags, redacted, journal.sharing.watch_list())
    assert offer == [CANARY]  # the possessive dropped; the phone and the listed name not offered
    assert watch_list_offer(draft.flags, set(), journal.sharing.watch_list()) == []
    assert journal.sharing.add_to_watch_list(offer) == sorted(["Maribel", CANARY])


def test_printed_copies_and_exports_are_checked_with_the_allow_list(journal: Journal) -> None:
    entry = journal.add_entry(EntryChanges(
        kind="supervision-given", date=dt.date(2026, 11, 3), title="Supervision",
        body=f"Talked about {CANARY} and the move.", fields={"supervisee": "Odalys Brenner"},
        duration_minutes=60,
    )).id
    printed = {f.flag.text for f in outbound_check.check_printed(journal, [entry])}
    exported = {f.flag.text for f in outbound_check.check_export(journal)}
    assert CANARY in printed
    assert CANARY in exported
    # The supervisee's name is in an export, never in a printed copy.
    assert "Brenner" in exported
    assert "Brenner" not in printed
    journal.sharing.allow_terms([CANARY])
    assert CANARY not in {f.flag.text for f in outbound_check.check_export(journal)}
    assert CANARY not in {f.flag.text for f in outbound_check.check_printed(journal, [entry])}
