"""Spell-checking for one journal: its language choice, its personal dictionary, a checker.

The choice and the dictionary are kept inside the encrypted journal (never in the settings
file: the dictionary holds names). Word lists are pyspellchecker's, shipped in its wheel;
each loads once per process, on the database thread, in a second or two.
"""

from __future__ import annotations

import gzip
import locale
import os
import threading
from functools import lru_cache

from spellchecker import SpellChecker

from reflectjournal.domain.clock import utc_now
from reflectjournal.domain.errors import InvalidInputError
from reflectjournal.domain.spelling import (
    DEFAULT_CHOICE,
    LANGUAGE_CHOICES,
    LONGEST_WORD,
    Checker,
    WordList,
    languages_of,
    normal,
)
from reflectjournal.resources import resource_path
from reflectjournal.store import meta
from reflectjournal.store import personal_words as words_sql
from reflectjournal.store.database import Database

_loading = threading.Lock()  # two threads asking at once load a list once


def system_language() -> str:
    """Return the ISO 639-1 code of the system's language ("en" when it cannot be told)."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(name, "")
        if value and value not in ("C", "POSIX"):
            return value[:2].lower()
    code = locale.getlocale()[0] or ""
    return code[:2].lower() or "en"


# Words a shipped list lacks (devtools/build_spelling_lists.py says where they come from).
_MORE = {"es": "es-more.txt.gz"}


@lru_cache(maxsize=4)
def _word_list(language: str) -> SpellChecker:
    # distance=1: suggestions two edits away took 3 to 23 s for one long word.
    checker = SpellChecker(language=language, distance=1)
    if language in _MORE:
        with gzip.open(resource_path("spelling", _MORE[language]), "rt", encoding="utf-8") as f:
            checker.word_frequency.load_words(line.strip() for line in f if line.strip())
    return checker


def word_list(language: str) -> WordList:
    """Return a language's shipped word list, loaded once per process."""
    with _loading:
        return _word_list(language)


class Spelling:
    """The spelling language and personal dictionary of one open journal."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def choice(self) -> str:
        """Return the language choice (one of LANGUAGE_CHOICES)."""
        stored = meta.get(self._db, "spelling_language")
        return stored if stored in LANGUAGE_CHOICES else DEFAULT_CHOICE

    def set_choice(self, choice: str) -> None:
        """Store the language choice."""
        if choice not in LANGUAGE_CHOICES:
            raise InvalidInputError(f"'{choice}' is not a spelling language.",
                                    "Choose one of: " + ", ".join(LANGUAGE_CHOICES) + ".")
        with self._db.transaction():
            meta.put(self._db, "spelling_language", choice)

    def personal_words(self) -> list[str]:
        """Return the personal dictionary, sorted."""
        return words_sql.all_words(self._db)

    def add_word(self, word: str) -> str:
        """Add a word to the personal dictionary; return it as kept (lower case)."""
        key = normal(word.strip())
        if not key or len(key) > LONGEST_WORD or any(c.isspace() for c in key):
            raise InvalidInputError("Only a single word can be added to your dictionary.")
        with self._db.transaction():
            words_sql.add(self._db, key, utc_now().isoformat())
        return key

    def remove_word(self, word: str) -> None:
        """Take a word out of the personal dictionary."""
        with self._db.transaction():
            words_sql.remove(self._db, normal(word.strip()))

    def checker(self, system: str | None = None) -> Checker:
        """Return a checker for the journal's languages and dictionary (loads word lists)."""
        languages = languages_of(self.choice(), system or system_language())
        return Checker({lang: word_list(lang) for lang in languages}, self.personal_words())
