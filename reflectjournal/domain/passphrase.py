"""Rules for new passphrases, shared by the command line and the app."""

from __future__ import annotations

import math
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum

from reflectjournal.domain.wordlist import WORDS

MIN_CHARS = 12
MIN_WORDS = 4
SUGGESTED_WORDS = 6

# Rough guessing cost of each piece, in bits, erring low. A word scores as if drawn from
# the ~2,000 words people actually pick; random letters score by the alphabet.
_WORD_BITS = 11.0
_LETTER_BITS = math.log2(26)
_DIGIT_BITS = math.log2(10)
_SYMBOL_BITS = 5.0
_ANY_CHAR_BITS = math.log2(95)  # a printable ASCII character: the most one can add
_YEAR_BITS = 7.0  # 1900-2099: about a hundred plausible years
_SHORT_WORD_BITS = 5.0  # "a", "is", "my": a few dozen words people use
_WEAK_BELOW = 36.0
# Below this a passphrase is refused, long as it may be: "password1234", "iloveyou1234"
# or the app's own name with a digit estimate under 7 bits; four ordinary words reach 27.
_GUESSABLE_BELOW = 20.0
_STRONG_FROM = 55.0

# What a guessing program tries first, plus words anyone would guess for this app.
_COMMON = frozenset({
    "password", "passwort", "passphrase", "qwerty", "qwertz", "azerty", "asdf", "letmein",
    "welcome", "iloveyou", "admin", "login", "secret", "monkey", "dragon", "football",
    "princess", "sunshine", "shadow", "master", "superman", "trustno", "reflect",
    "reflectjournal", "journal", "diary", "infant", "baby", "mental", "health", "therapy",
})


class Strength(IntEnum):
    """How hard a passphrase would be to guess, from nothing typed to strong."""

    EMPTY = 0
    TOO_WEAK = 1  # breaks the rules, so it cannot be used
    WEAK = 2
    GOOD = 3
    STRONG = 4


@dataclass(frozen=True, slots=True)
class PassphraseStrength:
    """A strength level, what to tell the user about it, and the estimate behind it."""

    level: Strength
    message: str
    bits: int

    @property
    def acceptable(self) -> bool:
        """Return whether the passphrase meets the rules."""
        return self.level >= Strength.WEAK


def passphrase_problem(passphrase: str) -> str | None:
    """Return why a new passphrase is not acceptable, or None if it is."""
    if passphrase != passphrase.strip():
        return "A passphrase cannot start or end with a space."
    # A "word" must be a real one: four single letters are not a passphrase.
    words = [w for w in passphrase.split() if len(w) >= 3]
    if len(passphrase) >= MIN_CHARS or len(words) >= MIN_WORDS:
        if len(set(passphrase)) < 5:
            return "That passphrase repeats too few characters to be safe."
        if estimate_bits(passphrase) < _GUESSABLE_BELOW:
            return ("That passphrase is among the first a guesser would try (common words, "
                    "names, keyboard rows or repeats). Use four or more uncommon words.")
        return None
    return f"Use at least {MIN_CHARS} characters or {MIN_WORDS} words."


def passphrase_strength(passphrase: str) -> PassphraseStrength:
    """Rate a new passphrase for live feedback; the rules decide, the estimate grades."""
    if not passphrase:
        return PassphraseStrength(
            Strength.EMPTY, f"At least {MIN_CHARS} characters or {MIN_WORDS} words.", 0)
    problem = passphrase_problem(passphrase)
    bits = round(estimate_bits(passphrase))
    if problem:
        return PassphraseStrength(Strength.TOO_WEAK, problem, bits)
    if bits < _WEAK_BELOW:
        return PassphraseStrength(
            Strength.WEAK, "Easy to guess: add an uncommon word.", bits)
    if bits < _STRONG_FROM:
        return PassphraseStrength(
            Strength.GOOD, "Good. One more word would make it strong.", bits)
    return PassphraseStrength(Strength.STRONG, "Strong.", bits)


def estimate_bits(passphrase: str) -> float:
    """Estimate how many guesses (as bits) finding this passphrase would take."""
    bits = 0.0
    seen_words: set[str] = set()
    seen_symbols: set[str] = set()
    pieces = _pieces(passphrase)
    for i, (kind, piece) in enumerate(pieces):
        if kind == "letters":
            unit = _repeating_unit(piece)
            if unit.casefold() in seen_words:
                continue  # a repeated word adds nothing
            seen_words.add(unit.casefold())
            alone = all(not 0 <= j < len(pieces) or pieces[j][1].isspace() for j in (i - 1, i + 1))
            if len(unit) < 3 and alone:
                bits += _SHORT_WORD_BITS
            else:
                bits += _letters_bits(unit) + (1.0 if unit != unit.lower() else 0.0)
        elif kind == "digits":
            is_year = len(piece) == 4 and piece[:2] in ("19", "20")
            bits += _YEAR_BITS if is_year else _DIGIT_BITS * _effective_length(piece)
        elif not piece.isspace():
            # Reusing one separator between words adds next to nothing.
            bits += 1.0 if piece in seen_symbols else _SYMBOL_BITS
            seen_symbols.add(piece)
    # Spaces hide no pattern: "a b c d e f" is as guessable as "abcdef".
    compact = "".join(passphrase.split())
    return min(bits, _ANY_CHAR_BITS * _effective_length(compact))


def _pieces(text: str) -> list[tuple[str, str]]:
    """Split text into runs of letters, runs of digits and single other characters."""
    pieces: list[tuple[str, str]] = []
    for ch in text:
        kind = "letters" if ch.isalpha() else "digits" if ch.isdigit() else "other"
        if pieces and kind != "other" and pieces[-1][0] == kind:
            pieces[-1] = (kind, pieces[-1][1] + ch)
        else:
            pieces.append((kind, ch))
    return pieces


def _letters_bits(run: str) -> float:
    if run.casefold() in _COMMON:
        return 0.0
    effective = _effective_length(run)
    as_letters = _LETTER_BITS * effective
    if len(run) < 3 or effective < 3 or (run.isascii() and not _wordlike(run)):
        return as_letters
    # A long run is likely several words written together ("correcthorse").
    return min(as_letters, _WORD_BITS * math.ceil(len(run) / 8))


def _wordlike(run: str) -> bool:
    """Return whether ASCII letters look like words rather than random letters."""
    lower = run.lower()
    vowels = sum(ch in "aeiouy" for ch in lower)
    streak = longest = 0
    for ch in lower:
        streak = 0 if ch in "aeiouy" else streak + 1
        longest = max(longest, streak)
    return vowels >= 1 and vowels * 7 >= len(lower) and longest < 5


def _effective_length(run: str) -> int:
    """Count characters, not counting repeats ("aaa") or runs like "abc" and "321"."""
    count = 0
    for i, ch in enumerate(run):
        if i >= 1 and ch == run[i - 1]:
            continue
        if i >= 2:
            step = ord(ch) - ord(run[i - 1])
            if abs(step) == 1 and ord(run[i - 1]) - ord(run[i - 2]) == step:
                continue
        count += 1
    return count


def _repeating_unit(run: str) -> str:
    """Return the shortest piece that the run repeats ("abab" -> "ab")."""
    for size in range(1, len(run) // 2 + 1):
        if len(run) % size == 0 and run[:size] * (len(run) // size) == run:
            return run[:size]
    return run


def generate_passphrase(words: Sequence[str], count: int = 6) -> str:
    """Return `count` words drawn at random from a word list."""
    return " ".join(secrets.choice(words) for _ in range(count))


def suggest_passphrase(count: int = SUGGESTED_WORDS) -> str:
    """Return `count` different words drawn at random from the built-in word list."""
    # Distinct words: a repeated word would add nothing and weaken the suggestion.
    return " ".join(secrets.SystemRandom().sample(WORDS, count))
