"""Spell-checking a text against word lists and the user's own dictionary.

The word lists are pyspellchecker's (MIT; English and Spanish frequency lists shipped inside
its wheel, nothing downloads). Checking a word is a set lookup, so a paragraph is checked
as it is typed on the GUI thread; loading a list takes a second or two and happens on the
database thread (services/spelling.py). Suggestions are the known words one edit away,
most frequent first: two edits away cost seconds for a long word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

LANGUAGE_CHOICES: tuple[str, ...] = ("auto", "en", "es", "en+es", "off")
"""What the user picks per journal: the system's language, one, both, or no checking."""
DEFAULT_CHOICE = "auto"
LANGUAGE_LABELS: Mapping[str, str] = {
    "auto": "Same as the system",
    "en": "English",
    "es": "Spanish",
    "en+es": "English and Spanish",
    "off": "Off",
}

# Letters, with apostrophes inside a word ("don't", "mother's"); digits end a word, so
# "7-month-old" checks "month" and "old" and a client code's digits are never marked.
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# Addresses and paths are not prose: no word inside one is marked.
_NOT_PROSE = re.compile(r"\S*(?:://|@|www\.)\S*|\S*/\S+")
MOST_SUGGESTIONS = 6
LONGEST_WORD = 40  # a longer run of letters is not a word to check or to suggest for


def languages_of(choice: str, system_language: str) -> tuple[str, ...]:
    """Return the word lists a choice of LANGUAGE_CHOICES means on this system.

    system_language is an ISO 639-1 code ("es" from es_MX); anything but Spanish means
    English, the app's own language.
    """
    if choice == "off":
        return ()
    if choice == "en+es":
        return ("en", "es")
    if choice in ("en", "es"):
        return (choice,)
    return ("es",) if system_language == "es" else ("en",)


class WordList(Protocol):
    """A language's known words (pyspellchecker's SpellChecker has this shape)."""

    def __contains__(self, key: str, /) -> bool: ...

    def candidates(self, word: str) -> set[str] | None: ...

    def word_usage_frequency(self, word: str) -> float: ...


@dataclass(frozen=True, slots=True)
class Misspelling:
    """Where a word the lists do not know starts in a text, and its length."""

    start: int
    length: int


def normal(word: str) -> str:
    """Return a word as the lists and the personal dictionary compare it."""
    return word.replace("’", "'").lower()


class Checker:
    """Tells which words of a text no chosen list nor the personal dictionary knows.

    Read on the GUI thread once built; the personal dictionary grows there too (add), and
    the caller stores the word in the journal.
    """

    def __init__(self, lists: Mapping[str, WordList], personal: Iterable[str] = ()) -> None:
        self.languages: tuple[str, ...] = tuple(lists)
        self._lists = lists
        self._personal = {normal(w) for w in personal}

    def knows(self, word: str) -> bool:
        """Return whether a word is spelled right (or not a word to check)."""
        if len(word) < 2 or len(word) > LONGEST_WORD or not self._lists:
            return True
        # Acronyms (RSC, IMH-E) and mixed case (iPad, McDonald) are not marked.
        if word.isupper() or any(c.isupper() for c in word[1:]):
            return True
        key = normal(word)
        if key in self._personal:
            return True
        candidates = [key]
        if key.endswith("'s"):
            candidates.append(key[:-2])  # a possessive of a known word
        return any(c in words for c in candidates for words in self._lists.values())

    def misspellings(self, text: str) -> list[Misspelling]:
        """Return the words of a text (one paragraph) to mark, in order."""
        skipped = [m.span() for m in _NOT_PROSE.finditer(text)] if (
            "/" in text or "@" in text or "www." in text) else []
        found = []
        for match in _WORD.finditer(text):
            start, end = match.span()
            if any(a <= start < b for a, b in skipped):
                continue
            word = match.group().strip("'’")
            if not self.knows(word):
                found.append(Misspelling(start, end - start))
        return found

    def suggestions(self, word: str) -> list[str]:
        """Return up to MOST_SUGGESTIONS known words one edit away, most used first."""
        key = normal(word)
        if len(key) > LONGEST_WORD:
            return []
        scored: dict[str, float] = {}
        for words in self._lists.values():
            for candidate in words.candidates(key) or ():
                if candidate != key and candidate in words:
                    scored[candidate] = max(scored.get(candidate, 0.0),
                                            words.word_usage_frequency(candidate))
        ranked = sorted(scored, key=lambda w: (-scored[w], w))[:MOST_SUGGESTIONS]
        return [_same_case(word, w) for w in ranked]

    def add(self, word: str) -> str:
        """Know this word from now on; return it as the personal dictionary keeps it."""
        key = normal(word)
        self._personal.add(key)
        return key

    def personal(self) -> Sequence[str]:
        """Return the personal dictionary's words, sorted."""
        return sorted(self._personal)


def _same_case(typed: str, word: str) -> str:
    if typed[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
