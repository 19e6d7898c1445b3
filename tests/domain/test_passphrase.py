"""Rules for new passphrases, and generated passphrases."""

from __future__ import annotations

import pytest

from reflectjournal.domain.passphrase import (
    MIN_CHARS,
    MIN_WORDS,
    SUGGESTED_WORDS,
    Strength,
    estimate_bits,
    generate_passphrase,
    passphrase_problem,
    passphrase_strength,
    suggest_passphrase,
)
from reflectjournal.domain.wordlist import WORDS


@pytest.mark.parametrize(
    "passphrase",
    [
        "correct horse battery staple",
        "kqzvwmrtpxgh",                # exactly MIN_CHARS characters
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


def test_empty_passphrase_states_the_rule() -> None:
    strength = passphrase_strength("")
    assert strength.level is Strength.EMPTY
    assert str(MIN_CHARS) in strength.message
    assert str(MIN_WORDS) in strength.message
    assert not strength.acceptable


@pytest.mark.parametrize("passphrase", ["short", "two words", " correct horse battery",
                                        "aaaaaaaaaaaaaaaa"])
def test_strength_of_a_passphrase_the_rules_refuse_is_too_weak(passphrase: str) -> None:
    strength = passphrase_strength(passphrase)
    assert strength.level is Strength.TOO_WEAK
    assert strength.message == passphrase_problem(passphrase)
    assert not strength.acceptable


@pytest.mark.parametrize(
    ("passphrase", "level"),
    [
        ("abcdefghijkl", Strength.TOO_WEAK),         # a run of the alphabet
        ("password1234", Strength.TOO_WEAK),         # a common word and a counting run
        ("Summer2024!!", Strength.WEAK),             # a word, a year, a symbol
        ("passwordpassword", Strength.TOO_WEAK),     # one word, twice
        ("a b c d e f g h i j k l", Strength.TOO_WEAK),  # spaces hide no pattern
        ("a long enough passphrase", Strength.WEAK),
        ("ilovemydaughter", Strength.WEAK),
        ("correct horse battery staple", Strength.GOOD),
        ("oak elm ash fir", Strength.GOOD),
        ("correcthorsebatterystaple", Strength.GOOD),  # words run together still count
        ("qzxvbnmlkjhg", Strength.GOOD),             # random letters score by the alphabet
        ("maple otter quartz velvet", Strength.GOOD),
        ("maple otter quartz velvet canyon", Strength.STRONG),
        ("Xk9$mPq2#vLn8&wRt5!z", Strength.STRONG),
    ],
)
def test_strength_levels(passphrase: str, level: Strength) -> None:
    strength = passphrase_strength(passphrase)
    assert strength.level is level, strength
    assert strength.acceptable == (level is not Strength.TOO_WEAK)


def test_more_words_never_lower_the_estimate() -> None:
    words = ["maple", "otter", "quartz", "velvet", "canyon", "lantern"]
    estimates = [estimate_bits(" ".join(words[:n])) for n in range(1, len(words) + 1)]
    assert estimates == sorted(estimates)
    assert estimates[-1] > estimates[0]


def test_a_repeated_word_adds_nothing() -> None:
    assert estimate_bits("maple otter maple") == estimate_bits("maple otter")


def test_each_level_has_its_own_message() -> None:
    samples = ["", "short", "a long enough passphrase", "oak elm ash fir",
               "maple otter quartz velvet canyon lantern"]
    messages = {passphrase_strength(s).level: passphrase_strength(s).message for s in samples}
    assert set(messages) == set(Strength)
    assert len(set(messages.values())) == len(Strength)


def test_the_word_list_is_clean() -> None:
    assert len(WORDS) == len(set(WORDS)) >= 1024  # at least 10 bits a word
    assert all(w.isascii() and w.isalpha() and w.islower() and 3 <= len(w) <= 8 for w in WORDS)
    # Every listed word is scored as a whole word, so a suggestion rates as intended.
    assert all(estimate_bits(w) == estimate_bits("maple") for w in WORDS)


def test_a_suggested_passphrase_meets_the_rules_and_is_strong() -> None:
    for _ in range(200):
        suggestion = suggest_passphrase()
        words = suggestion.split(" ")
        assert len(words) == len(set(words)) == SUGGESTED_WORDS
        assert set(words) <= set(WORDS)
        assert passphrase_problem(suggestion) is None
        assert passphrase_strength(suggestion).level is Strength.STRONG


def test_suggestions_differ() -> None:
    assert len({suggest_passphrase() for _ in range(50)}) == 50


@pytest.mark.parametrize("guessable", ["password1234", "iloveyou1234", "ReflectJournal1",
                                       "letmein letmein"])
def test_long_but_guessable_passphrases_are_refused(guessable: str) -> None:
    problem = passphrase_problem(guessable)
    assert problem is not None
    assert "first a guesser would try" in problem
    assert not passphrase_strength(guessable).acceptable


@pytest.mark.parametrize("fine", ["a long enough passphrase", "Tr0ub4dor&3x",
                                  "correct horse battery staple"])
def test_ordinary_passphrases_stay_acceptable(fine: str) -> None:
    assert passphrase_problem(fine) is None
