"""Rules for new passphrases, shared by the command line and the app."""

from __future__ import annotations

import secrets

MIN_CHARS = 12
MIN_WORDS = 4


def passphrase_problem(passphrase: str) -> str | None:
    """Return why a new passphrase is not acceptable, or None if it is."""
    if passphrase != passphrase.strip():
        return "A passphrase cannot start or end with a space."
    # A "word" must be a real one: four single letters are not a passphrase.
    words = [w for w in passphrase.split() if len(w) >= 3]
    if len(passphrase) >= MIN_CHARS or len(words) >= MIN_WORDS:
        if len(set(passphrase)) < 5:
            return "That passphrase repeats too few characters to be safe."
        return None
    return f"Use at least {MIN_CHARS} characters or {MIN_WORDS} words."


def generate_passphrase(words: list[str], count: int = 6) -> str:
    """Return `count` words drawn at random from a word list."""
    return " ".join(secrets.choice(words) for _ in range(count))
