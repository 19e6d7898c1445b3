"""SQL for the `meta` table: one text value per key (journal id, catalog version, times)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from reflectjournal.store.database import Database

MetaKey = Literal["journal_id", "created_at", "catalog_version", "last_check", "last_backup",
                  "last_backup_file", "last_automatic_backup", "backup_folder",
                  "attestations_given", "attestations_received", "deid_allow_list",
                  "spelling_language", "last_templates"]


def get(db: Database, key: MetaKey) -> str | None:
    """Return the value stored under key, or None."""
    value = db.scalar("SELECT value FROM meta WHERE key = ?", (key,))
    return None if value is None else str(value)


def put(db: Database, key: MetaKey, value: str) -> None:
    """Store value under key, replacing what was there."""
    db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))


def get_time(db: Database, key: MetaKey) -> dt.datetime | None:
    """Return the time stored under key (ISO 8601), or None."""
    value = get(db, key)
    return dt.datetime.fromisoformat(value) if value else None


def put_time(db: Database, key: MetaKey, when: dt.datetime) -> None:
    """Store a time under key (ISO 8601)."""
    put(db, key, when.isoformat())
