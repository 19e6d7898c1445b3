"""SQL for the applicant's profile: one text value per key, kept inside the encrypted journal."""

from __future__ import annotations

from collections.abc import Mapping

from reflectjournal.store.database import Database


def read(db: Database) -> dict[str, str]:
    """Return every stored profile key with its value."""
    return {str(k): str(v) for k, v in db.rows("SELECT key, value FROM profile")}


def write(db: Database, values: Mapping[str, str]) -> None:
    """Replace the whole profile with these keys (inside the caller's transaction)."""
    db.execute("DELETE FROM profile")
    db.executemany("INSERT INTO profile (key, value) VALUES (?, ?)", list(values.items()))
