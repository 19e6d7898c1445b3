"""The capitalised-word heuristic: possible names and places that are not common words."""

from __future__ import annotations

import re

from reflectjournal.domain.deid.kinds import FlagKind, Span
from reflectjournal.domain.deid.words import COMMON_WORDS, NOT_NAMES, TITLES

_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_SENTENCE_END = frozenset('.!?:;\n"“(')
_ABBREVIATIONS = frozenset({"st", "mt", "jr", "sr", "no", "vs", "ft", "ave", "apt"}) | TITLES
# Lower-case particles inside a name ("Maria de la Cruz", "Ludwig van Beethoven").
_CONNECTOR_WORDS = "de del della la las los van von der da dos du di bin ibn al el"
_CONNECTORS = frozenset(_CONNECTOR_WORDS.split())
_WORDY_ENDINGS = ("ing", "tion", "sion", "ment", "ness")


def name_spans(text: str) -> list[Span]:
    spans: list[Span] = []
    run: list[tuple[int, int, bool, bool]] = []  # start, end, candidate, initial
    prev_word = ""
    prev_end = 0
    for m in _WORD.finditer(text):
        start, end = m.span()
        word = m.group()
        possessive = word[-2:] in ("'s", "’s")
        if possessive:
            word, end = word[:-2], end - 2  # "Maria's": the name is "Maria"
        gap = text[prev_end:start]
        prev_lower = prev_word.lower()
        initial = len(prev_word) == 1 and prev_word.isupper()
        after_title = prev_word[:1].isupper() and prev_lower in TITLES and gap in (" ", ". ")
        ends_sentence = not prev_word or (
            any(c in _SENTENCE_END for c in gap)
            and not (gap.strip() == "." and (initial or prev_lower in _ABBREVIATIONS))
        )
        joins = run and (gap == " " or (gap == ". " and (initial or after_title)))
        if not joins or (word[0].islower() and word.lower() not in _CONNECTORS):
            _close_run(run, spans)
            run = []
        # Letters glued to digits ("IPv6", "Bayley4") are part of a code, not a name.
        glued = (start > 0 and text[start - 1].isdigit()) or (
            m.end() < len(text) and text[m.end()].isdigit()
        )
        if word[0].isupper():
            is_initial = len(word) == 1 and word != "I"
            candidate = not glued and _is_candidate(
                word, start_of_sentence=ends_sentence, after_title=after_title
            )
            run.append((start, end, candidate, is_initial))
        elif run and word.lower() in _CONNECTORS:
            run.append((start, end, False, False))
        if possessive:
            _close_run(run, spans)  # "Maria's Mom": the name ends at the apostrophe
            run = []
        prev_word, prev_end = m.group(), m.end()
    _close_run(run, spans)
    return spans


def _is_candidate(word: str, *, start_of_sentence: bool, after_title: bool) -> bool:
    lower = word.lower()
    if len(word) < 2 or (word.isupper() and len(word) > 1):
        return False  # initials and acronyms (WIC, NICU) are not names on their own
    if after_title:
        return lower not in TITLES
    if lower in NOT_NAMES or lower in TITLES:
        return False
    if start_of_sentence and (
        lower in COMMON_WORDS or (len(lower) >= 6 and lower.endswith(_WORDY_ENDINGS))
    ):
        return False
    if "-" in word:
        parts = word.split("-")
        if len(parts[0]) == 1 and all(p.islower() for p in parts[1:]):
            return False  # "C-section", "X-ray", "T-shirt"
        first_known = parts[0].lower() in NOT_NAMES or (
            start_of_sentence and parts[0].lower() in COMMON_WORDS
        )
        rest_known = all(p[:1].islower() or p.lower() in NOT_NAMES for p in parts[1:])
        return not (first_known and rest_known)
    return True


def _close_run(run: list[tuple[int, int, bool, bool]], spans: list[Span]) -> None:
    """Flag a run of capitalised words from its first candidate on, names and initials included."""
    first = next((i for i, item in enumerate(run) if item[2]), None)
    if first is None:
        return
    last = first
    for i in range(first + 1, len(run)):
        if run[i][2] or run[i][3]:
            last = i
    spans.append((run[first][0], run[last][1], FlagKind.NAME))
