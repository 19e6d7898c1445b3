"""A supervisor's desk for tests: two clinicians who each shared made-up entries with her."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reflectjournal.domain.entry import EntryChanges
from reflectjournal.domain.ids import EntryId, TagId
from reflectjournal.services.journal import Journal
from tests.helpers.bundles import share
from tests.helpers.journals import FAST, PASSPHRASE, exchange_cards


@dataclass
class Desk:
    """Two clinicians (Sam Rivera, Jo Park) and their supervisor (Dr. Ada Obi), all open."""

    sam: Journal
    jo: Journal
    supervisor: Journal
    sam_ids: list[EntryId]
    jo_ids: list[EntryId]

    def close(self) -> None:
        for journal in (self.sam, self.jo, self.supervisor):
            journal.close()


def _add(
    journal: Journal, day: dt.date, kind: str, title: str, body: str, **values: Any
) -> EntryId:
    return journal.add_entry(EntryChanges(kind=kind, date=day, title=title, body=body, **values)).id


def desk_journals(folder: Path) -> Desk:
    """Make the three journals; Sam shares two entries, Jo two; the supervisor receives both.

    Dates leave as months (the sharing default): Sam's are 2026-03, Jo's 2026-05.
    """
    sam, _ = Journal.create(folder / "sam", PASSPHRASE, FAST)
    jo, _ = Journal.create(folder / "jo", PASSPHRASE, FAST)
    supervisor, _ = Journal.create(folder / "supervisor", PASSPHRASE, FAST)
    sam.sharing.my_card("Sam Rivera", "Home visitor")
    jo.sharing.my_card("Jo Park", "Early interventionist")
    supervisor.sharing.my_card("Dr. Ada Obi", "Reflective supervisor")
    exchange_cards(sam, supervisor)
    exchange_cards(jo, supervisor)
    sam_ids = [
        _add(
            sam,
            dt.date(2026, 3, 4),
            "session",
            "Grandmother's visit",
            "The mother spoke of her own grandmother while the baby slept.",
            answers={"baby": "He rooted toward the bottle."},
            competencies=(TagId("C4.01"),),
            themes=(TagId("G1"),),
            duration_minutes=60,
        ),
        _add(
            sam,
            dt.date(2026, 3, 9),
            "reflection",
            "After a hard week",
            "I noticed my own tiredness in the room.",
        ),
    ]
    jo_ids = [
        _add(
            jo,
            dt.date(2026, 5, 2),
            "session",
            "Bath time",
            "Serve and return at the bath: the grandmother watched from the door.",
        ),
        _add(
            jo,
            dt.date(2026, 5, 20),
            "reflection",
            "Bottles",
            "Bottle feeding went calmly this time.",
        ),
    ]
    share(sam, sam_ids, folder / "sam.rjb", to="Dr. Ada Obi")
    share(jo, jo_ids, folder / "jo.rjb", to="Dr. Ada Obi")
    supervisor.sharing.receive_file(folder / "sam.rjb")
    supervisor.sharing.receive_file(folder / "jo.rjb")
    return Desk(sam, jo, supervisor, sam_ids, jo_ids)
