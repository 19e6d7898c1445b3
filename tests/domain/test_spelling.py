"""The spell-checker on the shipped English and Spanish word lists."""

from __future__ import annotations

import pytest

from reflectjournal.domain.spelling import Checker, languages_of
from reflectjournal.services.spelling import word_list


def _marked(checker: Checker, text: str) -> list[str]:
    return [text[m.start:m.start + m.length] for m in checker.misspellings(text)]


@pytest.fixture
def english() -> Checker:
    return Checker({"en": word_list("en")})


@pytest.fixture
def spanish() -> Checker:
    return Checker({"es": word_list("es")})


def test_english_misspellings_are_marked_and_the_rest_is_not(english: Checker) -> None:
    text = ("The toddlr cried when her mother's voice faded; don’t rush. A 7-month-old, "
            "RSC with IMH-E, an iPad, teh end.")
    assert _marked(english, text) == ["toddlr", "teh"]
    assert english.suggestions("toddlr")[0] == "toddler"
    assert english.suggestions("Teh")[0] == "The"  # the case as typed


def test_spanish_inflected_forms_are_known(spanish: Checker) -> None:
    text = ("El bebé lloró cuando su mamá salió; después jugó con sus juguetes. Ella estaba "
            "cansada y preocupada. La terapueta habló con la madre.")
    assert _marked(spanish, text) == ["terapueta"]
    assert spanish.suggestions("terapueta") == ["terapeuta"]


def test_addresses_and_paths_are_not_prose(english: Checker) -> None:
    assert _marked(english, "See www.exmple.org/qwxz or mail qwxz@exmple.org; qwxz") == ["qwxz"]


def test_both_languages_know_each_others_words() -> None:
    both = Checker({"en": word_list("en"), "es": word_list("es")})
    assert _marked(both, "The baby lloró; the mother sang canciones; xqzt") == ["xqzt"]


def test_the_personal_dictionary_is_known_in_any_case(english: Checker) -> None:
    checker = Checker({"en": word_list("en")}, personal=["quorvel"])
    assert _marked(checker, "Quorvel and Zorvath came") == ["Zorvath"]
    assert checker.add("Zorvath") == "zorvath"
    assert _marked(checker, "QUORVEL and zorvath came") == []
    assert checker.personal() == ["quorvel", "zorvath"]
    assert _marked(english, "Quorvel") == ["Quorvel"]  # another checker is not changed


def test_no_language_marks_nothing() -> None:
    assert Checker({}).misspellings("qwxz zzyq") == []


@pytest.mark.parametrize(("choice", "system", "expected"), [
    ("auto", "en", ("en",)), ("auto", "es", ("es",)), ("auto", "de", ("en",)),
    ("en", "es", ("en",)), ("es", "en", ("es",)), ("en+es", "en", ("en", "es")),
    ("off", "es", ()),
])
def test_a_choice_means_these_lists(choice: str, system: str, expected: tuple[str, ...]) -> None:
    assert languages_of(choice, system) == expected
