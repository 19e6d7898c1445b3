"""Filters, sort orders and the translation of what a user types into FTS5 syntax."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum

from reflectjournal.domain.ids import TagId

HIGHLIGHT_START = "\x02"
HIGHLIGHT_END = "\x03"


class SortOrder(Enum):
    """How results are ordered."""

    NEWEST = "newest"
    OLDEST = "oldest"
    RELEVANCE = "relevance"


RANKED_MATCHES = 20_000
"""Relevance ranks this many of a search's newest matches; older matches follow, newest first.

Ranking costs about 1 µs a match, so a word in nearly every entry of a large journal (97,559
matches of "baby" in 100,000) spent most of a second on the ranking under load, for an order
that barely differs: a word in more than half the entries has bm25's lowest weight. The
newest 20,000 rank in a fifth of that, and a search that finds fewer ranks them all.
"""


@dataclass(frozen=True, slots=True)
class EntryFilter:
    """Conditions an entry must all meet (AND).

    Each tag group is one condition: the entry must carry at least one of the group's ids.
    A level-1 competency is expanded to itself plus its knowledge areas before it gets here.
    """

    kinds: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    tag_groups: tuple[tuple[TagId, ...], ...] = ()
    starred: bool = False

    @property
    def is_empty(self) -> bool:
        """Return whether the filter lets every entry through."""
        return not (self.kinds or self.date_from or self.date_to or self.tag_groups
                    or self.starred)


EVERYTHING = EntryFilter()
"""The filter that lets every entry through."""

ADVANCED_SYNTAX = re.compile(r'["():^]|\b(AND|OR|NOT|NEAR)\b')
"""Text that uses FTS5's own syntax, which to_fts_query passes on as written."""


FormsOf = Callable[[str], Sequence[str]]
"""Return the journal's other forms of a word ("cried", "crying" for "cry")."""


def to_fts_query(text: str, *, prefix_last: bool = False, forms: FormsOf | None = None) -> str:
    """Turn a search box's text into an FTS5 MATCH expression.

    Plain words are quoted, so "7-month-old" or "don't" search as written rather than
    failing as syntax; a trailing `*` keeps its prefix meaning. With forms, a plain word
    also matches its other forms: `("cry" OR "cried" OR "crying")`. Text that uses FTS5's
    own syntax (quotes, parentheses, AND/OR/NOT, column filters) passes through unchanged,
    and the store reports any syntax error in it as SearchSyntaxError.
    """
    text = text.strip()
    if ADVANCED_SYNTAX.search(text):
        return text
    terms = []
    words = text.split()
    for i, word in enumerate(words):
        prefix = word.endswith("*") or (prefix_last and i == len(words) - 1)
        word = word.rstrip("*")
        if not word:
            continue
        term = f'"{word}"' + ("*" if prefix else "")
        # Only a word of letters has forms; a quote inside one could not be quoted anyway.
        others = forms(word) if forms is not None and word.isalpha() else ()
        if others:
            term = "(" + " OR ".join([term, *(f'"{o}"' for o in others)]) + ")"
        terms.append(term)
    # FTS5 reads two adjacent phrases as AND, but not a phrase beside a bracketed group.
    grouped = any(t.startswith("(") for t in terms)
    return (" AND " if grouped else " ").join(terms)


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """Split a snippet into (text, highlighted) runs."""
    parts: list[tuple[str, bool]] = []
    for i, chunk in enumerate(re.split(f"[{HIGHLIGHT_START}{HIGHLIGHT_END}]", snippet)):
        if chunk:
            parts.append((chunk, i % 2 == 1))
    return parts
