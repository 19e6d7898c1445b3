"""A journal's spelling language and personal dictionary, kept inside the journal only."""

from __future__ import annotations

from pathlib import Path

import pytest

from reflectjournal.domain.errors import InvalidInputError
from reflectjournal.services.journal import Journal
from tests.helpers.journals import open_journal
from tests.helpers.leaks import folder_bytes, found_in


def test_the_language_choice_is_kept_per_journal(journal: Journal, other: Journal) -> None:
    assert journal.spelling.choice() == "auto"
    journal.spelling.set_choice("en+es")
    assert journal.spelling.choice() == "en+es"
    assert other.spelling.choice() == "auto"
    assert journal.spelling.checker("en").languages == ("en", "es")
    journal.spelling.set_choice("off")
    assert journal.spelling.checker("en").misspellings("qwxz") == []
    with pytest.raises(InvalidInputError):
        journal.spelling.set_choice("klingon")


def test_the_system_language_picks_the_list_when_automatic(journal: Journal) -> None:
    assert journal.spelling.checker("es").languages == ("es",)
    assert journal.spelling.checker("fr").languages == ("en",)


def test_added_words_are_kept_in_the_journal_and_known_after_reopening(
    journal: Journal, journal_dir: Path
) -> None:
    assert journal.spelling.add_word(" Zorvathine ") == "zorvathine"
    journal.spelling.add_word("zorvathine")  # kept once
    assert journal.spelling.personal_words() == ["zorvathine"]
    journal.close()
    with open_journal(journal_dir) as again:
        assert again.spelling.checker("en").misspellings("Zorvathine qwxz")[0].start == 11
        again.spelling.remove_word("Zorvathine")
        assert again.spelling.personal_words() == []
    with pytest.raises(InvalidInputError):
        journal.spelling.add_word("two words")


def test_an_added_word_is_nowhere_outside_the_encrypted_database(
    journal: Journal, journal_dir: Path
) -> None:
    canary = "Quorvelinacanary"
    journal.spelling.add_word(canary)
    journal.backups.backup()
    journal.close()
    files = folder_bytes(journal_dir)
    assert any(name.endswith(".rjbackup") for name in files)
    assert {name for name, data in files.items() if found_in(data, canary.lower())} == set()
