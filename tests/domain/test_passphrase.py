"""Rules for new passphrases, and generated passphrases."""

from __future__ import annotations

import pytest

from reflectjournal.domain.passphrase import (
    MIN_CHARS,
    MIN_WORDS,
    generate_passphrase,
    passphrase_problem,
)


@pytest.mark.parametrize(
    "passphrase",
    [
        "correct horse battery staple",
        "abcdefghijkl",                # exactly MIN_CHARS characters
        "oak elm ash fir",             # MIN_WORDS real words, under MIN_CHARS
        "çà et là, 𝄞 über alles",
    ],
)
def test_acceptable_passphrases(passphrase: str) -> None:
    assert passphrase_problem(passphrase) is None


@pytest.mark.parametrize(
    "passphrase", ["", "short", "abcdefghijk", "two words", "ox an it be", "a b c d"]
)
def test_too_short_names_both_ways_to_fix_it(passphrase: str) -> None:
    problem = passphrase_problem(passphrase)
    assert problem is not None
    assert str(MIN_CHARS) in problem
    assert str(MIN_WORDS) in problem


@pytest.mark.parametrize("passphrase", [" correct horse battery", "correct horse battery\t"])
def test_leading_or_trailing_space_is_refused(passphrase: str) -> None:
    assert passphrase_problem(passphrase) == "A passphrase cannot start or end with a space."


@pytest.mark.parametrize("passphrase", ["aaaaaaaaaaaaaaaa", "abababababab", "aba aba aba aba"])
def test_too_few_distinct_characters_is_refused(passphrase: str) -> None:
    problem = passphrase_problem(passphrase)
    assert problem is not None
    assert "too few" in problem


def test_generate_passphrase_draws_words_from_the_list() -> None:
    words = ["alpha", "bravo", "charlie", "delta"]
    generated = generate_passphrase(words)
    assert len(generated.split(" ")) == 6
    assert set(generated.split(" ")) <= set(words)
    assert len(generate_passphrase(words, count=3).split(" ")) == 3


def test_generate_passphrase_is_random() -> None:
    words = [f"w{i}" for i in range(2048)]
    assert len({generate_passphrase(words) for _ in range(50)}) == 50
