"""Re-encrypting an open database under a new data key (SQLCipher's PRAGMA rekey)."""

from __future__ import annotations

from reflectjournal.domain.errors import JournalDamagedError
from reflectjournal.store import health
from reflectjournal.store.database import Database
from reflectjournal.store.envelope import DataKey


def rekey(db: Database, new: DataKey) -> None:
    """Rewrite every page of the database under `new`, key and salt.

    The WAL is emptied first, so every page is in the main file when SQLCipher rewrites it
    (in one transaction: an interruption leaves the old key's pages), and again after.
    SQLCipher takes the salt from the raw key and writes it as the file's first 16 bytes,
    which is checked here, since the key file records it and opening compares the two.
    """
    db.checkpoint()
    db.execute(f'PRAGMA rekey = "{new.sqlcipher_key()}"')  # hex only: see DataKey
    db.checkpoint()
    if db_salt(db) != new.salt:
        raise JournalDamagedError(
            "The re-encrypted database does not carry its new salt.",
            "Restore the backup made just before (reflectjournal restore FILE).",
        )


def check_rekeyed(db: Database, new: DataKey) -> None:
    """Open a second connection with the new key; every page must pass the check."""
    check = Database.open(db.path, new, driver=db.driver, cache_kib=2048)
    try:
        problems = health.integrity_problems(check)
    finally:
        check.close()
    if problems:
        raise JournalDamagedError(
            "The re-encrypted database failed its check: " + "; ".join(problems),
            "Restore the backup made just before (reflectjournal restore FILE).",
        )


def db_salt(db: Database) -> bytes:
    """Return the salt in the database file's first 16 bytes."""
    with db.path.open("rb") as handle:
        return handle.read(16)
