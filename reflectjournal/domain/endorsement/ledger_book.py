"""What the ledger reads from each entry, kept between computations and changed per entry.

The ledger (ledger.py) first reads every supervision, training, work, infant session note
and supervision-given entry into its own small values (sessions.py), which at 100,000
entries is half of its time. A LedgerBook holds those readings by entry id, so a service
that keeps it while a journal is open (services/evidence_cache.py) puts or drops only the
entries that changed and the next computation starts from the book. A computation from a
plain list of entries fills a new book, so both ways read an entry the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from operator import attrgetter
from typing import TypeVar

from reflectjournal.domain.endorsement.records import WORK_KIND, WorkField
from reflectjournal.domain.endorsement.sessions import (
    INFANT_AGE_BANDS,
    SESSION_KIND,
    SUPERVISION_GIVEN_KIND,
    SUPERVISION_KIND,
    TRAINING_KIND,
    Session,
    Training,
)
from reflectjournal.domain.entry import Entry
from reflectjournal.domain.ids import EntryId

WORK_FAMILIES_0_36_MONTHS = WorkField.FAMILIES_0_36_MONTHS.value
_T = TypeVar("_T", Session, Training)


class LedgerRead:
    """The entries the ledger uses, as of one date (the lists are the caller's own)."""

    __slots__ = ("declared_families", "families", "given", "sessions", "trainings")

    def __init__(self, sessions: list[Session], trainings: list[Training],
                 given: list[tuple[dt.date, str, EntryId]], families: set[str],
                 declared_families: int) -> None:
        self.sessions = sessions
        self.trainings = trainings
        self.given = given
        self.families = families
        self.declared_families = declared_families

    @property
    def families_0_36_months(self) -> int:
        """Return at least how many families of infants and toddlers the entries show.

        Two lower bounds, so the larger: the counts declared on work entries (a count,
        never names), and the distinct client codes of session notes with an infant age
        band. Adding them would count twice the families of a job that is also logged.
        """
        return max(self.declared_families, len(self.families))


class LedgerBook:
    """Each entry's reading for the ledger, by entry id; put and drop one entry at a time.

    Session values are shared between computations, so nothing downstream may change them
    (ledger.py copies a session whose provider is grouped under another record).
    """

    __slots__ = ("_declared", "_families", "_given", "_in_order", "_sessions", "_trainings",
                 "group_factor")

    def __init__(self, group_factor: float, entries: Iterable[Entry] = ()) -> None:
        self.group_factor = group_factor  # the rule set's group-hour factor, read into minutes
        self._sessions: dict[EntryId, Session] = {}
        self._trainings: dict[EntryId, Training] = {}
        self._given: dict[EntryId, tuple[dt.date, str, EntryId]] = {}
        self._families: dict[EntryId, tuple[dt.date, str]] = {}  # infant notes' client codes
        self._declared: dict[EntryId, tuple[dt.date, int]] = {}  # work entries' family counts
        self._in_order: tuple[list[Session], list[Training]] | None = None
        for entry in entries:
            self.put(entry)

    def put(self, entry: Entry) -> None:
        """Read an entry into the book, in place of what it read for that id before."""
        self.drop(entry.id)
        # Most entries of a whole journal are none of these: a few string comparisons.
        kind, fields = entry.kind, entry.fields
        if kind == SESSION_KIND:
            code = fields.get("client_code")
            if fields.get("age_band") in INFANT_AGE_BANDS and type(code) is str:
                self._families[entry.id] = (entry.date, code)
        elif kind == SUPERVISION_KIND:
            self._sessions[entry.id] = Session.of(entry, self.group_factor)
            self._in_order = None
        elif kind == TRAINING_KIND:
            self._trainings[entry.id] = Training.of(entry)
            self._in_order = None
        elif kind == WORK_KIND:
            declared = fields.get(WORK_FAMILIES_0_36_MONTHS)
            if type(declared) is int and declared > 0:
                self._declared[entry.id] = (entry.date, declared)
        elif kind == SUPERVISION_GIVEN_KIND:
            provider = fields.get("provider_id")
            if isinstance(provider, str) and provider:
                self._given[entry.id] = (entry.date, provider, entry.id)

    def drop(self, entry_id: EntryId) -> None:
        """Forget what the book read from an entry (deleted, or about to be read again)."""
        if self._sessions.pop(entry_id, None) or self._trainings.pop(entry_id, None):
            self._in_order = None
        self._given.pop(entry_id, None)
        self._families.pop(entry_id, None)
        self._declared.pop(entry_id, None)

    def read(self, as_of: dt.date) -> LedgerRead:
        """Return what the ledger uses as of `as_of`: sessions and trainings by date, then id."""
        if self._in_order is None:
            self._in_order = (_by_date(self._sessions.values()),
                              _by_date(self._trainings.values()))
        sessions, trainings = self._in_order
        families = {code.strip().casefold() for day, code in self._families.values()
                    if day <= as_of} - {""}
        declared = sum(count for day, count in self._declared.values() if day <= as_of)
        given = sorted(self._given.values(), key=lambda g: (g[0], g[2]))
        return LedgerRead(list(sessions), list(trainings), given, families, declared)


def _by_date(values: Iterable[_T]) -> list[_T]:
    # Two stable sorts rather than one on (date, id) tuples: no key tuple per value.
    found = list(values)
    found.sort(key=attrgetter("id"))
    found.sort(key=attrgetter("date"))
    return found
