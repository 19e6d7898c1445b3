"""A filtered search gives the same entries whichever way it checks each filter condition.

store/entry_search.py reads a rare condition's entries as a set and looks a common one up in
its index for each match (chosen by SET_LIMIT); both must find exactly what the plain
reading of the filter finds, for every combination of conditions and every order.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from typing import Any

import pytest

from reflectjournal.domain.entry import Entry
from reflectjournal.domain.ids import EntryId, TagId
from reflectjournal.domain.search import EntryFilter, SortOrder
from reflectjournal.services.journal import Journal
from reflectjournal.store import entry_search
from tests.helpers.journals import add_entry, entry_ids

WORDS = ("bottle", "cue", "repair", "sleep", "visit")
KINDS = ("session", "reflection", "training")
TAGS = (TagId("C4.03"), TagId("C6.01"), TagId("G1"), TagId("G2"))


@pytest.fixture
def seeded(journal: Journal) -> list[Entry]:
    """Add 48 entries with seeded kinds, dates, stars, tags and words."""
    rng = random.Random(11)
    entries = []
    for n in range(48):
        tags = [t for t in TAGS if rng.random() < 0.35]
        entries.append(add_entry(
            journal, kind=rng.choice(KINDS),
            date=dt.date(2026, 1, 1) + dt.timedelta(rng.randrange(60)),
            starred=rng.random() < 0.3, body=" ".join(rng.sample(WORDS, 2)) + f" entry {n}",
            competencies=tuple(t for t in tags if t.startswith("C")),
            themes=tuple(t for t in tags if t.startswith("G"))))
    return entries


FILTERS = [
    EntryFilter(kinds=kinds, starred=starred, tag_groups=groups, date_from=since)
    for kinds, starred, groups, since in itertools.product(
        [(), ("session",), ("session", "training"), ("supervision",)],  # the last: no entries
        [False, True],
        [(), ((TagId("C4.03"),),), ((TagId("C6.01"), TagId("G2")),),
         ((TagId("G1"),), (TagId("C4.03"), TagId("G2")))],
        [None, dt.date(2026, 2, 1)],
    )
]


def _passes(entry: Entry, where: EntryFilter) -> bool:
    return ((not where.kinds or entry.kind in where.kinds)
            and (not where.starred or entry.starred)
            and (where.date_from is None or entry.date >= where.date_from)
            and all(set(group) & set(entry.all_tags) for group in where.tag_groups))


def _newest_first(journal: Journal, ids: set[EntryId]) -> list[EntryId]:
    """Return ids in the journal's newest-first order (its date-ordered keys)."""
    keys = dict(journal._db.rows("SELECT uuid, id FROM entries"))
    return sorted(ids, key=keys.__getitem__, reverse=True)


@pytest.mark.parametrize("set_limit", [0, 1_000_000], ids=["look-ups", "sets"])
def test_every_filter_finds_what_the_plain_filter_finds(
    journal: Journal, seeded: list[Entry], set_limit: int, monkeypatch: Any
) -> None:
    monkeypatch.setattr(entry_search, "SET_LIMIT", set_limit)
    for where, word in itertools.product(FILTERS, ("cue", "entry")):
        found = {e.id for e in seeded if word in e.body.split() and _passes(e, where)}
        expected = _newest_first(journal, found)
        assert entry_ids(journal.search(word, where, SortOrder.NEWEST)) == expected, where
        assert entry_ids(journal.search(word, where, SortOrder.NEWEST, limit=3, offset=2)
                         ) == expected[2:5]
        assert entry_ids(journal.search(word, where, SortOrder.OLDEST, limit=4)
                         ) == expected[::-1][:4]
        assert journal.count_entries(where, word) == len(expected)
        assert set(entry_ids(journal.search(word, where, SortOrder.RELEVANCE))) == found
        by_rank = entry_ids(journal.search(word, where, SortOrder.RELEVANCE, limit=3))
        assert by_rank == entry_ids(journal.search(word, where, SortOrder.RELEVANCE))[:3]


def test_both_ways_rank_the_same(journal: Journal, seeded: list[Entry], monkeypatch: Any
                                 ) -> None:
    def ranked() -> list[list[EntryId]]:
        return [entry_ids(journal.search("cue", where, SortOrder.RELEVANCE, limit=5))
                for where in FILTERS]

    monkeypatch.setattr(entry_search, "SET_LIMIT", 0)
    looked_up = ranked()
    monkeypatch.setattr(entry_search, "SET_LIMIT", 1_000_000)
    assert ranked() == looked_up


def _plan(journal: Journal, where: EntryFilter) -> str:
    sql, params = entry_search.search_sql(journal._db, '"cue"', where, SortOrder.NEWEST, 50)
    return " | ".join(str(r[3]) for r in journal._db.rows("EXPLAIN QUERY PLAN " + sql, params))


def test_a_filter_is_checked_in_narrow_indexes_never_in_the_entries_rows(
    journal: Journal, seeded: list[Entry], monkeypatch: Any
) -> None:
    where = EntryFilter(kinds=("session", "training"), starred=True,
                        tag_groups=((TagId("C4.03"), TagId("G2")),))
    plan = _plan(journal, where)  # a small journal: every condition is read as a set first
    assert plan.count("LIST SUBQUERY") == 3
    assert "entries_by_kind" in plan
    assert "entries_starred" in plan
    assert "entry_tags_by_tag" in plan
    monkeypatch.setattr(entry_search, "SET_LIMIT", 0)  # every condition is looked up per match
    plan = _plan(journal, where)
    assert "SEARCH k USING COVERING INDEX entries_by_kind (kind=? AND id=?" in plan
    assert "SEARCH t USING PRIMARY KEY (entry_id=? AND tag_id=?)" in plan
    # The star is always a set: a look-up in its partial index would read the row.
    assert plan.count("LIST SUBQUERY") == 1
    assert "entries_starred" in plan
    # Only the page's own rows are read from the entries table, after the filter.
    assert plan.count("SEARCH e USING INTEGER PRIMARY KEY") == 1
