"""A paired clinician and supervisor, with made-up entries and a bundle between them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reflectjournal.domain.entry import EntryChanges
from reflectjournal.domain.ids import EntryId
from reflectjournal.services.journal import Journal
from tests.helpers.journals import FAST, PASSPHRASE, exchange_cards

HTML_BODY = "She said <b>bold</b> things; the note read <img src=x> & more."


WORDS = "maple orbit candle velvet harbor sprout"


@dataclass
class Journals:
    """A clinician's and a supervisor's journal folders (closed), paired and verified."""

    clinician: Path
    supervisor: Path
    tmp: Path
    entry_ids: list[EntryId]


def add_entries(journal: Journal) -> list[EntryId]:
    """Write two made-up session reflections, one with text that looks like HTML."""
    first = journal.add_entry(
        EntryChanges(
            kind="session",
            date=dt.date(2026, 11, 3),
            title="Feeding at the kitchen table",
            body="The 7-month-old turned away from the spoon.",
            answers={"baby": "She watched her mother's face before eating."},
            fields={"setting": "home", "feelings": "tender"},
            duration_minutes=60,
        )
    ).id
    second = journal.add_entry(
        EntryChanges(
            kind="session",
            date=dt.date(2026, 11, 12),
            title="Bedtime <b>worries</b>",
            body=HTML_BODY,
            duration_minutes=45,
        )
    ).id
    return [first, second]


def share(journal: Journal, ids: list[EntryId], dest: Path, **kw: Any) -> Path:
    """Write an entries bundle, every flag of the check marked "not an identifier"."""
    draft = journal.sharing.prepare(ids, message="Two from this month. <i>Thank you</i>")
    journal.sharing.write_share(draft, dest, allow=[f.id for f in draft.flags], **kw)
    return dest


def make_journals(tmp_path: Path) -> Journals:
    """Create both journals, pair them, and write two entries in the clinician's."""
    clinician, _ = Journal.create(tmp_path / "clinician", PASSPHRASE, FAST)
    supervisor, _ = Journal.create(tmp_path / "supervisor", PASSPHRASE, FAST)
    with clinician, supervisor:
        clinician.sharing.my_card("Sam Rivera", "Home visitor")
        supervisor.sharing.my_card("Dr. Ada Obi", "Reflective supervisor")
        exchange_cards(clinician, supervisor)
        ids = add_entries(clinician)
    return Journals(tmp_path / "clinician", tmp_path / "supervisor", tmp_path, ids)


def make_bundle(journals: Journals) -> Path:
    """Return an entries bundle from the clinician to the supervisor."""
    with Journal.open(journals.clinician, PASSPHRASE, FAST) as clinician:
        return share(
            clinician,
            journals.entry_ids,
            journals.tmp / "supervision-2026-11.rjb",
            to="Dr. Ada Obi",
        )


def make_namesake_bundle(journals: Journals) -> Path:
    """Return a bundle to the supervisor from a second clinician also called Sam Rivera.

    Their card has its own keys and is paired and verified with the supervisor like the
    first one: only the signing key tells the two apart.
    """
    folder = journals.tmp / "namesake"
    namesake, _ = Journal.create(folder, PASSPHRASE, FAST)
    with namesake, Journal.open(journals.supervisor, PASSPHRASE, FAST) as supervisor:
        namesake.sharing.my_card("Sam Rivera", "Home visitor")
        exchange_cards(namesake, supervisor)
        entry = namesake.add_entry(
            EntryChanges(
                kind="session",
                date=dt.date(2026, 11, 20),
                title="Namesake at the clinic",
                body="A different Sam, a different family.",
                duration_minutes=30,
            )
        ).id
        return share(namesake, [entry], journals.tmp / "namesake-2026-11.rjb", to="Dr. Ada Obi")
