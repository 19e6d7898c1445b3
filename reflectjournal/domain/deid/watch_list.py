"""The user's watch-list, matched case- and accent-insensitively on word boundaries."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from typing import TypeAlias

from reflectjournal.domain.deid.kinds import FlagKind, Span

_COMBINING = "[\u0300-\u036f]*"  # marks left in decomposed text ("Jose" + U+0301)
_SEPARATOR = "[\\s\\-\u2010\u2011\u2013]+"  # "Mary Jane" also finds "Mary-Jane"
_APOSTROPHES = "'\u2018\u2019\u02bc"
_REASON = "on your watch-list"


def _fold_char(char: str) -> str:
    """Return one character without its accents, so offsets stay the same."""
    if char in _APOSTROPHES:
        return "'"
    if char.isascii():
        return char
    base = unicodedata.normalize("NFD", char)
    if len(base) > 1 and all(unicodedata.combining(c) for c in base[1:]):
        return base[0]
    return char


def _fold_text(text: str) -> str:
    table = {ord(c): _fold_char(c) for c in set(text) if not c.isascii()}
    return text.translate(table)


def _entry_units(entry: str) -> list[str]:
    """Return an entry as regex pieces, one per character (separators collapsed)."""
    decomposed = unicodedata.normalize("NFD", entry)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    units: list[str] = []
    for char in plain.strip():
        if char.isspace() or char in "-\u2010\u2011\u2013":
            if units and units[-1] != _SEPARATOR:
                units.append(_SEPARATOR)
        else:
            lower = char.lower()
            folded = _fold_char(lower if len(lower) == 1 else char)
            units.append(re.escape(folded) + _COMBINING)
    while units and units[-1] == _SEPARATOR:
        units.pop()
    return units


_Trie: TypeAlias = dict[str, "_Trie"]


def _trie_pattern(entries: list[list[str]]) -> str:
    """Return one regex matching any entry, preferring the longest at each position."""
    trie: _Trie = {}
    end_mark = ""  # no unit is empty
    for units in entries:
        node = trie
        for unit in units:
            node = node.setdefault(unit, {})
        node[end_mark] = {}

    def emit(node: _Trie) -> str:
        branches = []
        for unit, child in node.items():
            if unit != end_mark:
                branches.append(unit + emit(child))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end_mark in node:
            # Greedy optional: the longer entry is tried first, the shorter one is the fallback.
            return "(?:" + body + ")?"
        return body

    return emit(trie)


@lru_cache(maxsize=8)
def _watch_list_pattern(watch_list: tuple[str, ...]) -> re.Pattern[str] | None:
    """Compile the watch-list once; the app checks many texts against the same list."""
    # An item with no letter or digit ("-", "  ") is not a name and would flag punctuation.
    entries = [
        units
        for item in watch_list
        if any(c.isalnum() for c in item) and (units := _entry_units(item))
    ]
    if not entries:
        return None
    return re.compile(r"(?<!\w)(?=(" + _trie_pattern(entries) + r")(?!\w))", re.IGNORECASE)


def watch_list_spans(text: str, watch_list: Sequence[str]) -> list[Span]:
    pattern = _watch_list_pattern(tuple(watch_list))
    if pattern is None:
        return []
    found: list[Span] = []
    for match in pattern.finditer(_fold_text(text)):
        start, end = match.span(1)
        if end <= start:
            continue
        if found and start < found[-1][1]:
            # Overlapping entries ("Maria Lopez", "Lopez Garcia") join into one span.
            found[-1] = (found[-1][0], max(end, found[-1][1]), FlagKind.WATCH_LIST, _REASON)
        else:
            found.append((start, end, FlagKind.WATCH_LIST, _REASON))
    return found

