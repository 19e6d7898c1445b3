"""SQL for checking a database: SQLCipher's page MACs, SQLite's b-trees, the search index."""

from __future__ import annotations

from reflectjournal.domain.errors import JournalError
from reflectjournal.store.database import Database


def integrity_problems(db: Database) -> list[str]:
    """Return what is wrong with the database, one line each; empty when it is sound.

    Checkpoint first: cipher_integrity_check does not read the WAL.
    """
    problems = [f"page check: {r[0]}" for r in db.rows("PRAGMA cipher_integrity_check")]
    quick = [r[0] for r in db.rows("PRAGMA quick_check")]
    if quick != ["ok"]:
        problems += [f"structure: {q}" for q in quick]
    for index, what in (("entries_fts", "search index"),
                        ("received_fts", "received entries' search index")):
        try:
            # A backup taken before an upgrade has no received index yet (schema 9).
            if db.scalar("SELECT 1 FROM sqlite_master WHERE name = ?", (index,)):
                db.execute(f"INSERT INTO {index}({index}) VALUES ('integrity-check')")
        except JournalError:
            problems.append(f"{what}: inconsistent (fix with a backup and restore)")
    return problems


def cipher_version(db: Database) -> str:
    """Return the version of SQLCipher the database is opened with."""
    return str(db.scalar("PRAGMA cipher_version"))
