"""SQL for the personal dictionary: words the user taught the spell-checker.

They live inside the encrypted journal and nowhere else: names of clients, places and
colleagues are exactly what a user adds.
"""

from __future__ import annotations

from collections.abc import Sequence

from reflectjournal.store.database import Database

TABLES: Sequence[str] = (
    "CREATE TABLE personal_words (word TEXT PRIMARY KEY, added_at TEXT NOT NULL) WITHOUT ROWID",
)


def all_words(db: Database) -> list[str]:
    """Return the personal dictionary's words, sorted."""
    return [str(r[0]) for r in db.rows("SELECT word FROM personal_words ORDER BY word")]


def add(db: Database, word: str, added_at: str) -> None:
    """Add a word (kept once)."""
    db.execute("INSERT OR IGNORE INTO personal_words (word, added_at) VALUES (?, ?)",
               (word, added_at))


def remove(db: Database, word: str) -> None:
    """Take a word out."""
    db.execute("DELETE FROM personal_words WHERE word = ?", (word,))
