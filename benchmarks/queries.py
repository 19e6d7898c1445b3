"""The query sets: what a user types or filters, as an app call and as raw SQL."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from benchmarks import raw, vocabulary
from benchmarks.common import SEED
from reflectjournal.domain.entry import EntrySummary
from reflectjournal.domain.ids import TagId
from reflectjournal.domain.search import EntryFilter, SortOrder
from reflectjournal.domain.taxonomy import Tag
from reflectjournal.services.journal import Journal

LIMIT = 50


@dataclass(frozen=True, slots=True)
class Query:
    """One query: the app call and the equivalent raw SQL."""

    text: str
    """What the user typed ('' for a listing)."""
    match: str
    """The FTS5 expression the app derives from `text` (written here from the word forms)."""
    kinds: tuple[str, ...] = ()
    tag_groups: tuple[tuple[TagId, ...], ...] = ()
    relevance: bool = False

    @property
    def where(self) -> EntryFilter:
        """Return the app's filter."""
        return EntryFilter(kinds=self.kinds, tag_groups=self.tag_groups)

    def run_app(self, journal: Journal) -> list[EntrySummary]:
        """Run the query through the journal API."""
        if not self.text:
            return journal.list_entries(self.where, limit=LIMIT)
        order = SortOrder.RELEVANCE if self.relevance else SortOrder.NEWEST
        return journal.search(self.text, self.where, order, limit=LIMIT)

    def raw_sql(self, conn: Any) -> raw.Sql:
        """Return the SQL the store issues for this query (a search's filter counted on conn)."""
        if not self.text:
            return raw.list_sql(self.kinds, self.tag_groups, LIMIT)
        return raw.search_sql(conn, self.match, self.kinds, self.tag_groups, LIMIT,
                              relevance=self.relevance)

    def run_raw(self, conn: Any) -> list[Any]:
        """Run the query's SQL on a raw connection: its filter counts, then its page."""
        return list(conn.execute(*self.raw_sql(conn)).fetchall())

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict (for the raw-only process, which has no Journal)."""
        return {"text": self.text, "match": self.match, "kinds": list(self.kinds),
                "tag_groups": [list(g) for g in self.tag_groups], "relevance": self.relevance}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Query:
        """Rebuild a query written by to_dict."""
        return cls(data["text"], data["match"], tuple(data["kinds"]),
                   tuple(tuple(TagId(t) for t in g) for g in data["tag_groups"]),
                   bool(data["relevance"]))

    def label(self) -> str:
        """Return a short description for logs."""
        parts = [self.text or "(list)"]
        if self.kinds:
            parts.append("kind=" + ",".join(self.kinds))
        for group in self.tag_groups:
            parts.append("tag=" + group[0] + (f"+{len(group) - 1}" if len(group) > 1 else ""))
        return " ".join(parts)


@dataclass(frozen=True, slots=True)
class QueryGroup:
    """A set of queries reported as one row."""

    key: str
    title: str
    queries: tuple[Query, ...]
    target_ms: float | None = None
    """The p95 target, where the issue sets one."""
    searches: bool = True


Forms = Callable[[str], Sequence[str]]
"""The journal's other forms of a word (Journal.entries.word_forms), asked before timing."""


def word(
    text: str, forms: Forms, *, kinds: tuple[str, ...] = (),
    tag_groups: tuple[tuple[TagId, ...], ...] = (), relevance: bool = False,
) -> Query:
    """Return a one-word search; its raw SQL asks for the word's forms too, as the app does."""
    return Query(text, _widened(f'"{text}"', forms(text)), kinds, tag_groups, relevance)


def prefix(stem: str, forms: Forms) -> Query:
    """Return a prefix search as typed with a trailing star."""
    return Query(f"{stem}*", _widened(f'"{stem}"*', forms(stem)))


def _widened(term: str, others: Sequence[str]) -> str:
    # Written out by hand as the store's query language has it (domain/search.py): a word
    # with other forms in the journal becomes ("cry" OR "cried" OR "crying"). Without them
    # the raw SQL found fewer entries than the app (3,095 against 3,774 for common words).
    return "(" + " OR ".join([term, *(f'"{o}"' for o in others)]) + ")" if others else term


def groups(journal: Journal) -> list[QueryGroup]:
    """Return every query group for this journal's tags and kinds."""
    rng = random.Random(SEED)
    kinds = tuple(k.id for k in journal.catalog.kinds)
    competencies = journal.tags("competency")
    areas = [t for t in competencies if t.parent is None]
    forms = journal.entries.word_forms
    words = [w for pair in zip(vocabulary.COMMON_WORDS, vocabulary.RARE_WORDS, strict=False)
             for w in pair]
    return [
        QueryGroup("word_common", "word, common, newest first",
                   tuple(word(w, forms) for w in vocabulary.COMMON_WORDS), 50),
        QueryGroup("word_rare", "word, rare, newest first",
                   tuple(word(w, forms) for w in vocabulary.RARE_WORDS), 50),
        QueryGroup("prefix", "prefix (`attach*`), newest first",
                   tuple(prefix(p, forms) for p in vocabulary.PREFIXES), 50),
        QueryGroup("filter_word", "filter + word, newest first",
                   _filtered_words(journal, forms, rng, words, kinds, competencies), 50),
        QueryGroup("relevance", "word, by relevance (bm25)",
                   tuple(word(w, forms, relevance=True) for w in words[:30]), 100),
        QueryGroup("latest", "latest 50 (list)", (Query("", ""),) * 30, 10, searches=False),
        QueryGroup("list_kind", "list, kind filter",
                   tuple(Query("", "", kinds=(k,)) for k in kinds) * 5, searches=False),
        QueryGroup("list_tag", "list, tag filter",
                   _tag_listings(journal, areas, competencies), searches=False),
    ]


def _filtered_words(
    journal: Journal, forms: Forms, rng: random.Random, words: Sequence[str], kinds: Sequence[str],
    competencies: Sequence[Tag],
) -> tuple[Query, ...]:
    """Return 36 word searches with a competency group, a kind, or both."""
    queries = []
    for i, text in enumerate(words[:36]):
        tag = rng.choice(competencies)
        group = (journal.tag_group(tag),)
        kind = (rng.choice(kinds),)
        mode = i % 3
        queries.append(word(text, forms, kinds=kind if mode != 0 else (),
                            tag_groups=group if mode != 1 else ()))
    return tuple(queries)


def _tag_listings(
    journal: Journal, areas: Sequence[Tag], competencies: Sequence[Tag]
) -> tuple[Query, ...]:
    """Return 30 listings by tag group: competency areas and knowledge areas, themes, user."""
    chosen = list(areas)
    chosen += [t for t in competencies if t.parent is not None][: 16 - len(chosen)]
    chosen += journal.tags("theme")[:8] + journal.tags("user")[:6]
    return tuple(Query("", "", tag_groups=(journal.tag_group(t),)) for t in chosen[:30])
