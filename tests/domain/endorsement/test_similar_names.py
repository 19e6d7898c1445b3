"""Which provider names are offered as one person (spec 2.9.3), written from the brief's cases."""

from __future__ import annotations

import pytest

from reflectjournal.domain.endorsement.similar_names import (
    edit_distance,
    name_tokens,
    similar_names,
)


@pytest.mark.parametrize(("a", "b"), [
    ("Dr. Lee", "Jordan Lee"),
    ("J. Lee", "Jordan Lee"),
    ("Dr. Lee", "J. Lee"),
    ("jordan lee", "Jordan Lee"),
    ("JORDAN LEE", "Dr. Jordan Lee"),
    ("Lee, Jordan", "Jordan Lee"),
    ("Dra. Núñez", "Ana Nunez"),  # a Spanish title, accents folded
    ("José Núñez", "Jose Nunez"),
    ("Ms. Ada Obi", "Ada Obi, LCSW"),
    ("Ada Obi, IMH-E®", "Ada Obi"),
    ("Ada Obi IMH-E (IV)", "A. Obi"),
    ("Jordan Lee", "Jordn Lee"),  # one letter left out of a longer word
    ("Jordan Lee", "Jodran Lee"),  # two letters swapped
    ("Margaret Okonkwo", "Margaret Okonkow"),
    ("Margaret Okonkwo", "Margret Okonkwu"),  # a typo in each long word
    ("Dr. García", "María García López"),  # two Spanish surnames
    ("María García", "María García López"),
    ("M. J. Lee", "Mary Jane Lee"),
    ("Mary-Jane Lee", "Mary Jane Lee"),
    ("J.Lee", "Jordan Lee"),
])
def test_these_are_offered_as_one_person(a: str, b: str) -> None:
    assert similar_names(a, b)
    assert similar_names(b, a)  # the same answer whichever record is linked


@pytest.mark.parametrize(("a", "b"), [
    ("K. Lee", "Jordan Lee"),  # another initial
    ("Dr. Lee", "Dr. Lim"),
    ("Jordan Lee", "Jordan Lea"),  # short surnames differ by one letter and are other names
    ("Ana Obi", "Ava Obi"),
    ("Jordan", "Jordan Lee"),  # a given name alone is not the surname
    ("Lee Ann Smith", "Lee"),
    ("Jordan Lee", "Jordan Smith"),
    ("Dr.", "Dr. Lee"),  # a title alone names nobody
    ("", "Jordan Lee"),
    ("Margaret Okonkwo", "Margaret Okafor"),
])
def test_these_are_not(a: str, b: str) -> None:
    assert not similar_names(a, b)
    assert not similar_names(b, a)


def test_words_are_folded_and_titles_dropped() -> None:
    assert name_tokens("Dra. María-José Núñez, PhD") == ("maria", "jose", "nunez")
    assert name_tokens("DR") == ()


@pytest.mark.parametrize(("a", "b", "distance"), [
    ("lee", "lee", 0), ("jordan", "jordn", 1), ("jordan", "jodran", 1),
    ("kitten", "sitting", 3), ("", "abc", 3),
])
def test_edit_distance(a: str, b: str, distance: int) -> None:
    assert edit_distance(a, b, 5) == distance


def test_edit_distance_stops_past_its_limit() -> None:
    assert edit_distance("abcdefgh", "zyxwvuts", 2) == 3
    assert edit_distance("a", "abcdef", 2) == 3
