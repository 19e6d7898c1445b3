"""The identifier check's word lists (resources/deid/), read once, on first use.

The lists are plain data shipped with the app (see reflectjournal/devtools/build_deid_lexicon.py
for their public sources); nothing is fetched at run time. The domain may not import the app's
resource locator (reflectjournal/resources.py sits above it), so this finds the same folder the
same way: inside an installed wheel first, then in a source checkout.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources as importlib_resources
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Lower-case word sets the name heuristic consults."""

    given_names: frozenset[str]  # 1990 US Census first names
    surnames: frozenset[str]  # 1990 US Census surnames, the most frequent 30,000
    english: frozenset[str]  # SCOWL American English, lower-case entries
    proper_nouns: frozenset[str]  # SCOWL entries only ever capitalised
    safe_terms: tuple[str, ...]  # phrases that never name a family (brands, programmes...)

    def is_name(self, lower: str) -> bool:
        """Return whether a lower-case word is a known first name or surname."""
        return lower in self.given_names or lower in self.surnames


def _folder() -> Path:
    packaged = Path(str(importlib_resources.files("reflectjournal"))) / "_resources" / "deid"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[3] / "resources" / "deid"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError("the identifier check's word lists are missing; reinstall the app")


def _lines(name: str) -> list[str]:
    text = (_folder() / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


@functools.cache
def lexicon() -> Lexicon:
    """Return the word lists (read from disk the first time only)."""
    return Lexicon(
        given_names=frozenset(_lines("given_names.txt")),
        surnames=frozenset(_lines("surnames.txt")),
        english=frozenset(_lines("english_words.txt")),
        proper_nouns=frozenset(_lines("proper_nouns.txt")),
        safe_terms=tuple(_lines("safe_terms.txt")),
    )
