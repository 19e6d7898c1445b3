"""Words of a text as the search index sees them, and their stems in each search language.

Search finds word forms ("cry" finds "cried" and "crying") by looking up, for each word
typed, the journal's words that share its Snowball stem, and asking the full-text index
for any of them (docs/architecture.md, "Word forms"). The index itself keeps the exact
words, so phrases, prefixes while typing and the highlighted snippet stay as they were.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

import snowballstemmer

LANGUAGES: tuple[str, ...] = ("en", "es")
"""Languages whose word forms search knows, as ISO 639-1 codes."""

_SNOWBALL_NAMES = {"en": "english", "es": "spanish"}

# The index's tokenizer (unicode61) splits on everything but letters, digits and private
# use characters; underscores separate too. Words with digits have no forms worth finding.
_WORD = re.compile(r"[^\W\d_]+")
SHORTEST_FORM = 3  # "is", "an": every form of them is a different word, not worth an OR
_ASCII_WORD = re.compile(f"[a-z]{{{SHORTEST_FORM},}}")  # words() on lower-case ASCII text


def fold(word: str) -> str:
    """Return a word as the index stores it: lower case, diacritics removed."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if unicodedata.category(c) != "Mn"))


def words(text: str) -> Iterator[str]:
    """Yield the words of a text worth finding in other forms, lower case, as written."""
    for match in _WORD.finditer(text):
        word = match.group().lower()
        if len(word) >= SHORTEST_FORM:
            yield word


@lru_cache(maxsize=65536)
def stem(word: str, language: str) -> str:
    """Return the folded Snowball stem of a lower-case word in a language of LANGUAGES.

    Stemmed before folding: the Spanish stemmer reads its accents ("canción").
    Cached because one stem costs about 75 microseconds and journals repeat their words.
    """
    return fold(_stemmer(language).stemWord(word))


_per_thread = threading.local()


def _stemmer(language: str) -> Any:
    # A Snowball stemmer keeps the word it works on in itself: one per thread and language.
    stemmers: dict[str, Any] = _per_thread.__dict__.setdefault("stemmers", {})
    if language not in stemmers:
        stemmers[language] = snowballstemmer.stemmer(_SNOWBALL_NAMES[language])
    return stemmers[language]


def form_rows(texts: Iterable[str], seen: set[str] | None = None
              ) -> list[tuple[str, str, str]]:
    """Return (language, stem, word) for each distinct word of the texts.

    Words in seen are skipped and the new ones added to it, so a bulk import stems each
    word once.
    """
    seen = set() if seen is None else seen
    rows: list[tuple[str, str, str]] = []
    for text in texts:
        # The same words as words(text), found in C (findall, sets) rather than a match at a
        # time in Python, which was most of an import's own work beside the inserts (1.8 s
        # of CPU per 10,000 entries; 0.9 s now). words() lowers each run after finding it,
        # since lowering first can split a word ("İ" lowers to "i" and a combining dot);
        # ASCII text lowers safely first, and its letter runs are [a-z].
        if text.isascii():
            new = set(_ASCII_WORD.findall(text.lower()))
        else:
            new = {w for w in map(str.lower, set(_WORD.findall(text))) if len(w) >= SHORTEST_FORM}
        new -= seen
        seen |= new
        for word in sorted(new):  # the same rows in the same order on every run
            folded = fold(word)
            rows.extend((language, stem(word, language), folded) for language in LANGUAGES)
    return rows
