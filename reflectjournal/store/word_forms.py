"""SQL for the journal's words by stem: what lets search find other forms of a word.

Kept inside the encrypted database like the indexes it serves: the words are the user's own
and those of the entries others shared with them (since schema 14), one table for both, since
a form only one index holds widens the other's query by a term that finds nothing there.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from reflectjournal.domain.word_forms import LANGUAGES, fold, form_rows, stem
from reflectjournal.store.database import Database

# Version 12 (schema.py): one row per word of the journal and language, keyed by its stem.
# A word is never taken out when the text holding it changes: a form no entry holds any
# more only widens a query by one term that finds nothing. Emptying the trash prunes them.
V12_TABLES: Sequence[str] = (
    """CREATE TABLE word_forms (
        language TEXT NOT NULL,
        stem TEXT NOT NULL,
        word TEXT NOT NULL,
        PRIMARY KEY (language, stem, word)
    ) WITHOUT ROWID""",
)

_INSERT = "INSERT OR IGNORE INTO word_forms (language, stem, word) VALUES (?, ?, ?)"
MOST_FORMS = 16
"""How many other forms one word of a query may add: a bound on the query's size."""


def note(db: Database, texts: Iterable[str], seen: set[str] | None = None) -> None:
    """Record the words of the texts (inside the caller's transaction).

    seen carries the words a bulk write already recorded (see form_rows).
    """
    rows = form_rows(texts, seen)
    if rows:
        db.executemany(_INSERT, rows)


def entry_texts(title: str, body: str, answers: str) -> tuple[str, ...]:
    """Return the texts of an entry row that the index holds (answers as stored JSON)."""
    parsed = json.loads(answers) if answers else {}
    values = parsed.values() if isinstance(parsed, dict) else parsed
    return (title, body, *(str(v) for v in values))


def fill(db: Database) -> None:
    """Record the words of every entry: the data step of migration 12."""
    seen: set[str] = set()
    for title, body, answers in db.stream("SELECT title, body, answers FROM entries"):
        note(db, entry_texts(title, body, answers), seen)


def forms(db: Database, word: str, languages: Sequence[str] = LANGUAGES) -> list[str]:
    """Return the journal's other words sharing a stem with word, in the languages."""
    lowered = word.lower()
    wanted = [(lang, stem(lowered, lang)) for lang in languages if lang in LANGUAGES]
    if not wanted:
        return []
    where = " OR ".join("(language = ? AND stem = ?)" for _ in wanted)
    rows = db.rows(
        f"SELECT DISTINCT word FROM word_forms WHERE {where} ORDER BY word LIMIT ?",
        [*(v for pair in wanted for v in pair), MOST_FORMS + 1],
    )
    folded = fold(lowered)
    return [r[0] for r in rows if r[0] != folded][:MOST_FORMS]


def fill_received(db: Database) -> None:
    """Record the words of every received entry: the data step of migration 14."""
    seen: set[str] = set()
    for title, answers, body in db.stream("SELECT title, answers, body FROM received_text"):
        note(db, (str(title or ""), str(answers or ""), str(body or "")), seen)


def prune(db: Database) -> int:
    """Forget the words no entry holds any more; return how many (after emptying the trash).

    A deleted entry's words, names among them, must not outlive it here; a word a received
    entry holds stays (received entries are kept).
    """
    gone = [
        word for (word,) in db.rows("SELECT DISTINCT word FROM word_forms")
        if all(db.scalar(f"SELECT 1 FROM {index} WHERE {index} MATCH ? LIMIT 1",
                         (f'"{word}"',)) is None
               for index in ("entries_fts", "received_fts"))
    ]
    db.executemany("DELETE FROM word_forms WHERE word = ?", [(w,) for w in gone])
    return len(gone)
