"""Relevance ranks a search's newest RANKED_MATCHES matches; older ones follow, newest first.

The pool is lowered to 4 here so a journal of a dozen entries shows the rule: every way of
reading the results (pages at any offset, the stream, whole entries, with a filter) gives
the same one order, and a search with fewer matches than the pool ranks them all.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from reflectjournal.domain import search as search_rules
from reflectjournal.domain.entry import Entry
from reflectjournal.domain.errors import SearchSyntaxError
from reflectjournal.domain.ids import EntryId
from reflectjournal.domain.search import EVERYTHING, EntryFilter, SortOrder
from reflectjournal.services.journal import Journal
from tests.helpers.journals import add_entry, entry_ids

POOL = 4


@pytest.fixture
def twelve(journal: Journal) -> list[Entry]:
    """Twelve entries saying "cue", one a day; the oldest say it most, so rank highest."""
    return [add_entry(journal, kind="session" if n % 2 else "reflection",
                      date=dt.date(2026, 3, 1) + dt.timedelta(days=n),
                      body=" ".join(["cue"] * (12 - n) + ["visit"] * 30) + f" entry {n}")
            for n in range(12)]


def _expected(journal: Journal, found: list[Entry], monkeypatch: Any,
              where: EntryFilter = EVERYTHING) -> list[EntryId]:
    """Return the rule's order: the newest POOL matches by rank, then the rest newest first."""
    monkeypatch.setattr(search_rules, "RANKED_MATCHES", 10**9)  # rank every match
    by_rank = entry_ids(journal.search("cue", where, SortOrder.RELEVANCE))
    monkeypatch.setattr(search_rules, "RANKED_MATCHES", POOL)
    newest = sorted(found, key=lambda e: e.date, reverse=True)
    pool = {e.id for e in newest[:POOL]}
    return [i for i in by_rank if i in pool] + [e.id for e in newest[POOL:]]


def test_pages_streams_and_whole_entries_follow_the_one_order(
    journal: Journal, twelve: list[Entry], monkeypatch: Any
) -> None:
    expected = _expected(journal, twelve, monkeypatch)
    # Ranked alone, the oldest entry comes first; in the pool it comes last of all.
    assert expected[-1] == twelve[0].id
    assert [journal.get_entry(i).date for i in expected[POOL:]] == sorted(
        (e.date for e in twelve[:-POOL]), reverse=True)
    assert entry_ids(journal.search("cue", order=SortOrder.RELEVANCE)) == expected
    for limit in (1, 3, 4, 5, 12, 20):
        for offset in range(0, 14):
            page = journal.search("cue", order=SortOrder.RELEVANCE, limit=limit, offset=offset)
            assert entry_ids(page) == expected[offset:offset + limit], (limit, offset)
    assert entry_ids(journal.entries.stream("cue")) == expected
    assert entry_ids(journal.entries.stream("cue", limit=6)) == expected[:6]
    whole = [json.loads(line) for line in journal.entries.stream_json("cue")]
    assert [doc["id"] for doc in whole] == expected
    assert all("[cue]" in doc["snippet"] for doc in whole)  # the older ones too
    assert journal.count_entries(query="cue") == 12


def test_a_filter_picks_the_pool_from_what_passes_it(
    journal: Journal, twelve: list[Entry], monkeypatch: Any
) -> None:
    sessions = EntryFilter(kinds=("session",))
    found = [e for e in twelve if e.kind == "session"]
    expected = _expected(journal, found, monkeypatch, sessions)
    assert entry_ids(journal.search("cue", sessions, SortOrder.RELEVANCE)) == expected
    assert entry_ids(journal.search("cue", sessions, SortOrder.RELEVANCE, limit=2, offset=3)
                     ) == expected[3:5]
    assert entry_ids(journal.entries.stream("cue", sessions)) == expected


def test_fewer_matches_than_the_pool_are_all_ranked(
    journal: Journal, twelve: list[Entry], monkeypatch: Any
) -> None:
    monkeypatch.setattr(search_rules, "RANKED_MATCHES", 12)
    ranked = entry_ids(journal.search("cue", order=SortOrder.RELEVANCE))
    assert ranked[0] == twelve[0].id  # the oldest says "cue" most
    assert entry_ids(journal.search("cue", order=SortOrder.RELEVANCE, limit=5, offset=10)
                     ) == ranked[10:]
    # A bad query is still reported when nothing is found.
    with pytest.raises(SearchSyntaxError, match="could not be understood"):
        journal.search('"cue', order=SortOrder.RELEVANCE, limit=5)


def test_a_short_page_of_an_unfilled_pool_is_one_query(
    journal: Journal, twelve: list[Entry], monkeypatch: Any
) -> None:
    monkeypatch.setattr(search_rules, "RANKED_MATCHES", 13)  # twelve matches: all ranked
    ranked = entry_ids(journal.search("cue", order=SortOrder.RELEVANCE))
    statements: list[str] = []
    journal.trace_sql(lambda sql: None if sql.startswith("-- ") else statements.append(sql))
    try:
        page = journal.search("cue", order=SortOrder.RELEVANCE, limit=5, offset=10)
    finally:
        journal.trace_sql(None)
    assert entry_ids(page) == ranked[10:]
    # Nothing is older than the pool, so where it ends is not asked (it was a second query).
    assert len(statements) == 1, statements
