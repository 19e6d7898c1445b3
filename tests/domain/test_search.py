"""Translating search-box text into FTS5 queries, and splitting highlighted snippets."""

from __future__ import annotations

import datetime as dt

import pytest

from reflectjournal.domain.ids import TagId
from reflectjournal.domain.search import (
    EVERYTHING,
    HIGHLIGHT_END,
    HIGHLIGHT_START,
    EntryFilter,
    snippet_parts,
    to_fts_query,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("attachment", '"attachment"'),
        ("  attachment   loss ", '"attachment" "loss"'),
        ("7-month-old", '"7-month-old"'),
        ("don't", '"don\'t"'),
        ("C4.03", '"C4.03"'),
        ("this or that", '"this" "or" "that"'),
        ("ORANGE ANDROID", '"ORANGE" "ANDROID"'),
        ("crèche", '"crèche"'),
    ],
)
def test_plain_words_are_quoted(text: str, expected: str) -> None:
    assert to_fts_query(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("attach*", '"attach"*'),
        ("mother attach*", '"mother" "attach"*'),
        ("attach** loss", '"attach"* "loss"'),
    ],
)
def test_trailing_star_keeps_its_prefix_meaning(text: str, expected: str) -> None:
    assert to_fts_query(text) == expected


def test_prefix_last_makes_only_the_last_word_a_prefix() -> None:
    assert to_fts_query("mother attach", prefix_last=True) == '"mother" "attach"*'
    assert to_fts_query("attach*", prefix_last=True) == '"attach"*'
    assert to_fts_query("mother attach") == '"mother" "attach"'


@pytest.mark.parametrize("text", ["", "   ", "*", " * ** "])
def test_nothing_searchable_gives_an_empty_query(text: str) -> None:
    assert to_fts_query(text) == ""
    assert to_fts_query(text, prefix_last=True) == ""


@pytest.mark.parametrize(
    "text",
    [
        '"exact phrase"',
        "grief OR loss",
        "grief AND loss",
        "grief NOT loss",
        "(grief loss)",
        "NEAR(grief loss, 5)",
        "title:grief",
        "^grief",
        '"unbalanced',
    ],
)
def test_advanced_syntax_passes_through_unchanged(text: str) -> None:
    assert to_fts_query(f"  {text} ") == text
    assert to_fts_query(text, prefix_last=True) == text


def test_snippet_parts_splits_highlighted_runs() -> None:
    snippet = f"the {HIGHLIGHT_START}baby{HIGHLIGHT_END} looked at {HIGHLIGHT_START}mum"
    snippet += HIGHLIGHT_END
    assert snippet_parts(snippet) == [
        ("the ", False), ("baby", True), (" looked at ", False), ("mum", True),
    ]


@pytest.mark.parametrize(
    ("snippet", "parts"),
    [
        ("", []),
        ("no match markers", [("no match markers", False)]),
        ("\x02whole\x03", [("whole", True)]),
        ("\x02a\x03\x02b\x03", [("a", True), ("b", True)]),
        ("…end \x02x\x03…", [("…end ", False), ("x", True), ("…", False)]),
    ],
)
def test_snippet_parts_edge_cases(snippet: str, parts: list[tuple[str, bool]]) -> None:
    assert snippet_parts(snippet) == parts


def test_entry_filter_is_empty_only_without_conditions() -> None:
    assert EVERYTHING.is_empty
    assert not EntryFilter(kinds=("session",)).is_empty
    assert not EntryFilter(date_from=dt.date(2026, 1, 1)).is_empty
    assert not EntryFilter(date_to=dt.date(2026, 1, 1)).is_empty
    assert not EntryFilter(tag_groups=((TagId("G1"),),)).is_empty
    assert not EntryFilter(starred=True).is_empty
