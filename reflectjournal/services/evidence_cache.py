"""What the Endorsement progress reads from a journal, kept while it is unlocked.

Reading it all at 100,000 entries takes about half a second (docs/benchmarks.md), which the
Progress screen paid again after every save. This keeps it instead, and after a change
reads again only the entries that changed: the connection logs their keys itself
(store/changed_entries.py), so every way of writing an entry is seen. What is kept:

- the ledger's entries (store/evidence.py: no text but a training's name) and their
  readings for the ledger (domain LedgerBook); of session notes, per client code, the
  earliest with an infant band (what the families count needs) and every such note's key
  and code, so the earliest can be found again when it changes;
- the trainings' competency tags (the grid's training columns);
- for the grid's other evidence, per row the ascending keys of the entries reaching it: a
  key holds the entry's date, so the count and latest date up to any as-of date are two
  binary searches (the SQL count of evidence.other_evidence gives the same, in 200 ms).

After more than REREAD_AFTER logged changes (an import, a restore) everything is read
again, as it is after the connection was opened again. forget() drops it all: the journal
calls it when it locks, so nothing read from entries outlives the unlock.
"""

from __future__ import annotations

import datetime as dt
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Mapping

from reflectjournal.domain import sort_key
from reflectjournal.domain.endorsement.coverage import (
    OTHER_EVIDENCE_KINDS,
    TRAINING_KIND,
    OtherEvidence,
)
from reflectjournal.domain.endorsement.ledger_book import LedgerBook
from reflectjournal.domain.endorsement.records import LEDGER_KINDS
from reflectjournal.domain.entry import Entry
from reflectjournal.domain.ids import TagId
from reflectjournal.store import changed_entries, evidence
from reflectjournal.store.database import Database

REREAD_AFTER = 10_000  # rows logged since the last sync (a save of one entry logs about ten)
_HOURS_KINDS = tuple(k for k in LEDGER_KINDS if k != evidence.SESSION)
_SESSION = (evidence.SESSION,)


class EvidenceCache:
    """The ledger's entries, the trainings' tags and the other evidence, kept up to date."""

    def __init__(self, db: Database, reach: Mapping[TagId, tuple[TagId, ...]],
                 group_factor: float) -> None:
        self._db = db
        self._reach = reach  # per competency tag, the grid rows it counts for
        self._factor = group_factor
        self.forget()

    def forget(self) -> None:
        """Drop everything read (on lock); the next sync reads it all again."""
        self._stamp: tuple[int, int] | None = None
        self._mark = 0  # how far the change log has been read
        self.book = LedgerBook(self._factor)
        self._hours: dict[int, Entry] = {}  # by key: the ledger's entries but session notes
        self._codes: dict[int, str] = {}  # by key: every infant note's client code
        self._keys_of: dict[str, set[int]] = {}  # by client code: its infant notes' keys
        self._earliest: dict[int, Entry] = {}  # by key: each code's earliest infant note
        self._earliest_of: dict[str, int] = {}  # by client code: the key of that note
        self._trainings: dict[int, evidence.CompetencyRow] = {}  # the tagged trainings
        self._rows: dict[TagId, array[int]] = {}  # per grid row, other evidence's keys
        self._entries: list[Entry] | None = None  # the two entry maps above, by key
        self._tagged: list[evidence.CompetencyRow] | None = None

    def sync(self) -> None:
        """Bring what is kept up to date with the journal (nothing to do when unchanged)."""
        db = self._db
        stamp = db.change_stamp()
        if stamp == self._stamp:
            return
        kept = not db.in_transaction  # an outer transaction may still roll back
        try:
            with db.transaction():  # one snapshot
                keys: set[int] | None = None
                if self._stamp is not None and self._stamp[0] == stamp[0] and \
                        changed_entries.watching(db):
                    self._mark, keys = changed_entries.changed_since(db, self._mark,
                                                                     REREAD_AFTER)
                if keys is None:
                    self._read_all()
                elif keys:
                    self._update(keys)
        except BaseException:
            # A read that failed half way left some entries' old readings dropped and the
            # mark past them: kept, they would stay wrong until the lock. Read all next time.
            self.forget()
            raise
        self._stamp = db.change_stamp() if kept else None

    def entries(self) -> list[Entry]:
        """Return the ledger's entries, oldest first (the caller's own list)."""
        if self._entries is None:
            both = self._hours | self._earliest
            self._entries = [both[key] for key in sorted(both)]
        return list(self._entries)

    def trainings(self) -> list[evidence.CompetencyRow]:
        """Return the trainings that carry a competency tag, oldest first."""
        if self._tagged is None:
            self._tagged = [self._trainings[key] for key in sorted(self._trainings)]
        return list(self._tagged)

    def other_evidence(self, as_of: dt.date) -> dict[TagId, OtherEvidence]:
        """Return per grid row how many other entries up to `as_of` reach it, and the latest."""
        last, date_of = sort_key.last_key(as_of), sort_key.date_of_key
        found = {}
        for row, keys in self._rows.items():
            count = bisect_right(keys, last)
            if count:
                found[row] = OtherEvidence(count, date_of(keys[count - 1]))
        return found

    def _read_all(self) -> None:
        db = self._db
        self.forget()
        self._mark = changed_entries.watch(db)  # first: a change from here on is logged
        self._hours = dict(evidence.kind_entries(db, _HOURS_KINDS))
        for key, code in evidence.infant_notes(db):
            self._codes[key] = code
            self._keys_of.setdefault(code, set()).add(key)
        for entry in self._hours.values():
            self.book.put(entry)
        self._put_earliest(evidence.kind_entries(
            db, _SESSION, [min(keys) for keys in self._keys_of.values()]))
        self._trainings = evidence.competency_rows_by_key(db, (TRAINING_KIND,))
        rows: dict[TagId, set[int]] = {}
        for tag, keys in evidence.keys_by_tag(db, OTHER_EVIDENCE_KINDS).items():
            for row in self._reach.get(tag, ()):
                rows.setdefault(row, set()).update(keys)
        self._rows = {row: array("q", sorted(keys)) for row, keys in rows.items()}

    def _update(self, keys: set[int]) -> None:
        """Read again the entries with these keys (old keys of moved entries included)."""
        db, book = self._db, self.book
        hours = evidence.kind_entries(db, _HOURS_KINDS, keys)
        notes = evidence.infant_notes(db, keys)
        trainings = evidence.competency_rows_by_key(db, (TRAINING_KIND,), keys)
        tags = evidence.competency_tags(db, OTHER_EVIDENCE_KINDS, keys)
        # Every old reading goes before any new one is put: an entry may have moved to
        # another key or kind (a note that becomes a supervision session keeps its id).
        codes = {self._codes[key] for key in keys if key in self._codes}
        codes.update(code for _, code in notes)
        for code in codes:  # their earliest note is looked for again below
            held = self._earliest_of.pop(code, None)
            if held is not None:
                book.drop(self._earliest.pop(held).id)
        for key in keys & self._codes.keys():
            self._keys_of[self._codes.pop(key)].discard(key)
        for key in keys & self._hours.keys():
            book.drop(self._hours.pop(key).id)
        for key in keys & self._trainings.keys():
            del self._trainings[key]
        for keys_of_row in self._rows.values():
            for key in keys:
                at = bisect_left(keys_of_row, key)
                if at < len(keys_of_row) and keys_of_row[at] == key:
                    del keys_of_row[at]
        for key, entry in hours:
            self._hours[key] = entry
            book.put(entry)
        for key, code in notes:
            self._codes[key] = code
            self._keys_of.setdefault(code, set()).add(key)
        earliest = [min(self._keys_of[code]) for code in codes if self._keys_of.get(code)]
        self._put_earliest(evidence.kind_entries(db, _SESSION, earliest))
        self._trainings.update(trainings)
        self._add_rows(tags)
        self._entries = self._tagged = None

    def _put_earliest(self, notes: list[tuple[int, Entry]]) -> None:
        for key, entry in notes:
            self._earliest[key] = entry
            self._earliest_of[self._codes[key]] = key
            self.book.put(entry)

    def _add_rows(self, tags: list[tuple[int, TagId]]) -> None:
        """Add entries' keys to the grid rows their competency tags reach."""
        reached: dict[TagId, set[int]] = {}
        for key, tag in tags:
            for row in self._reach.get(tag, ()):
                reached.setdefault(row, set()).add(key)
        for row, added in reached.items():
            keys_of_row = self._rows.setdefault(row, array("q"))
            for key in added:
                at = bisect_left(keys_of_row, key)
                if at == len(keys_of_row) or keys_of_row[at] != key:
                    keys_of_row.insert(at, key)
