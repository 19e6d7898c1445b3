"""SQL for the versions this journal shared, and the version a received comment names (schema 11).

The clinician's journal keeps each shared entry exactly as it left (the text after
redaction, which the entry itself never holds) with its version and the state of the entry
then (domain/shared_version.entry_state: its content, not its save time, so starring it or
undoing an edit is no change): "changed since" compares that state with the entry's, and an
older comment is shown with the very text it answered, even once the entry was edited or
deleted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from reflectjournal.domain.bundle import (
    EntriesPayload,
    SharedEntry,
    entries_payload_bytes,
    parse_entries_payload,
)
from reflectjournal.domain.ids import EntryId
from reflectjournal.store.database import Database

V11: Sequence[str] = (
    # A rowid table: bundles written within one second (the clock's step) keep their order.
    """CREATE TABLE sent_versions (
        id INTEGER PRIMARY KEY,
        bundle_id TEXT NOT NULL,
        entry_uuid TEXT NOT NULL,
        position INTEGER NOT NULL,
        version TEXT NOT NULL,
        content TEXT NOT NULL,
        entry_state TEXT NOT NULL,
        sent_at TEXT NOT NULL,
        UNIQUE (bundle_id, entry_uuid)
    )""",
    "CREATE INDEX sent_versions_by_entry ON sent_versions(entry_uuid, id)",
    # NULL: a reply written before versions existed, or on an entry of an older bundle.
    "ALTER TABLE entry_comments ADD COLUMN version TEXT",
)


@dataclass(frozen=True, slots=True)
class SentVersion:
    """One entry as a bundle this journal wrote carried it."""

    bundle_id: str
    entry: SharedEntry
    version: str
    entry_state: str  # the entry's own content, hashed, when it was shared
    sent_at: dt.datetime


def record(db: Database, bundle_id: str, entries: Sequence[SharedEntry],
           states: Mapping[str, str], now: dt.datetime) -> None:
    """Keep each shared entry as it left, with its version and the entry's state then."""
    db.executemany(
        "INSERT INTO sent_versions (bundle_id, entry_uuid, position, version, content,"
        " entry_state, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(bundle_id, e.id, position, e.version,
          entries_payload_bytes(EntriesPayload("", (e,))).decode("utf-8"),
          states[e.id], now.isoformat()) for position, e in enumerate(entries)],
    )


def _sent(row: Sequence[object]) -> SentVersion:
    entry = parse_entries_payload(str(row[1]).encode("utf-8")).entries[0]
    return SentVersion(str(row[0]), entry, str(row[2]), str(row[3]),
                       dt.datetime.fromisoformat(str(row[4])))


_SELECT = "SELECT bundle_id, content, version, entry_state, sent_at FROM sent_versions "


def versions_of(db: Database, entry_id: EntryId) -> list[SentVersion]:
    """Return every version of an entry this journal shared, oldest first."""
    return [_sent(r) for r in db.rows(
        _SELECT + "WHERE entry_uuid = ? ORDER BY id", (entry_id,))]


def sent_version(db: Database, bundle_id: str, entry_id: EntryId) -> SentVersion | None:
    """Return the entry as one bundle carried it, if this journal recorded it."""
    row = db.row(_SELECT + "WHERE bundle_id = ? AND entry_uuid = ?", (bundle_id, entry_id))
    return _sent(row) if row else None


def latest_states(db: Database) -> dict[str, str]:
    """Return, per shared entry saved since it was last shared, its state when shared.

    Only entries saved at or after that moment can differ (every save stamps utc_now), so
    the others are never read in full and hashed: with 500 shared entries that took about
    200 ms on each refresh of the list.
    """
    rows = db.rows("SELECT s.entry_uuid, s.entry_state FROM sent_versions s JOIN entries e "
                   "ON e.uuid = s.entry_uuid WHERE s.id = (SELECT max(id) FROM sent_versions t "
                   "WHERE t.entry_uuid = s.entry_uuid) AND e.modified_at >= s.sent_at")
    return {str(r[0]): str(r[1]) for r in rows}


def commented_entries(db: Database) -> set[str]:
    """Return the entries a comment came back on."""
    return {str(r[0]) for r in db.rows(
        "SELECT DISTINCT entry_uuid FROM entry_comments WHERE entry_uuid IS NOT NULL")}


def in_bundle(db: Database, bundle_id: str) -> list[SentVersion]:
    """Return the entries one bundle carried, in the order it carried them."""
    return [_sent(r) for r in db.rows(
        _SELECT + "WHERE bundle_id = ? ORDER BY position", (bundle_id,))]
