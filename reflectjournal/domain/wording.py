"""How counts read in sentences, wherever the words are made (command line, previews, app)."""

from __future__ import annotations


def count_words(n: int, one: str, many: str) -> str:
    """Return "1 entry" or "3 entries" (thousands grouped: "1,200 entries")."""
    return f"{n:,} {one if n == 1 else many}"
