"""SQL for an entry's saved versions and the trash (schema version 5).

A snapshot is an entry as its row holds it, with its tags and date spelled out, so it
stands on its own after the entries row has changed or gone. Versions keep the states an
entry had before each save; the current state is the entries row itself, numbered after
them. The trash keeps the last state of a deleted entry; its versions stay where they are.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from reflectjournal.domain import sort_key
from reflectjournal.domain.entry import Entry
from reflectjournal.domain.errors import EntryNotFoundError
from reflectjournal.domain.ids import EntryId, TagId
from reflectjournal.domain.versions import EntryVersion, TrashedEntry
from reflectjournal.store import entries as entry_sql
from reflectjournal.store.database import Database

_SNAPSHOT = (
    "entry_date, kind, title, body, answers, fields, duration_minutes, starred, tags,"
    " created_at, modified_at"
)
# Tags in the order the entry shows them (family, position), as entry_sql.get does.
_SNAPSHOT_OF_ROW = (
    "kind, title, body, answers, fields, duration_minutes, starred,"
    " (SELECT json_group_array(tag_id) FROM (SELECT t.tag_id FROM entry_tags t"
    "  JOIN tags g ON g.id = t.tag_id WHERE t.entry_id = e.id"
    "  ORDER BY g.family, g.position, g.id)),"
    " created_at, modified_at"
)


def keep_version(db: Database, entry_id: EntryId) -> int:
    """Copy an entry's current row into its versions (before a save); return its number."""
    key = _key_of(db, entry_id)
    number = latest_number(db, entry_id) + 1
    db.execute(
        f"INSERT INTO entry_versions (entry_uuid, version, {_SNAPSHOT})"
        f" SELECT uuid, ?, ?, {_SNAPSHOT_OF_ROW} FROM entries e WHERE id = ?",
        (number, sort_key.date_of_key(key).isoformat(), key),
    )
    return number


def latest_number(db: Database, entry_id: EntryId) -> int:
    """Return the number of the newest kept version (0 when none)."""
    return int(db.scalar(
        "SELECT coalesce(max(version), 0) FROM entry_versions WHERE entry_uuid = ?",
        (entry_id,)))


def versions(db: Database, entry_id: EntryId) -> list[EntryVersion]:
    """Return an entry's kept versions, oldest first (the current state not included)."""
    families = entry_sql.tag_kinds(db)
    rows = db.rows(
        f"SELECT version, {_SNAPSHOT} FROM entry_versions WHERE entry_uuid = ?"
        " ORDER BY version", (entry_id,))
    return [_version(entry_id, row, families) for row in rows]


def version(db: Database, entry_id: EntryId, number: int) -> EntryVersion | None:
    """Return one kept version, or None."""
    row = db.row(
        f"SELECT version, {_SNAPSHOT} FROM entry_versions WHERE entry_uuid = ? AND version = ?",
        (entry_id, number))
    return None if row is None else _version(entry_id, row, entry_sql.tag_kinds(db))


def trash(db: Database, entry_id: EntryId, deleted_at: dt.datetime) -> None:
    """Move an entry from the journal into the trash; its tag links go with the row."""
    key = _key_of(db, entry_id)
    db.execute(
        f"INSERT INTO trashed_entries (entry_uuid, deleted_at, {_SNAPSHOT})"
        f" SELECT uuid, ?, ?, {_SNAPSHOT_OF_ROW} FROM entries e WHERE id = ?",
        (deleted_at.isoformat(), sort_key.date_of_key(key).isoformat(), key),
    )
    db.execute("DELETE FROM entries WHERE id = ?", (key,))


def trashed(db: Database) -> list[TrashedEntry]:
    """Return the entries in the trash, the most recently deleted first."""
    families = entry_sql.tag_kinds(db)
    rows = db.rows(
        f"SELECT entry_uuid, deleted_at, {_SNAPSHOT},"
        " (SELECT count(*) FROM entry_versions v WHERE v.entry_uuid = t.entry_uuid)"
        " FROM trashed_entries t ORDER BY deleted_at DESC, id DESC")
    return [_trashed(row, families) for row in rows]


def trashed_entry(db: Database, entry_id: EntryId) -> TrashedEntry | None:
    """Return one entry from the trash, or None."""
    row = db.row(
        f"SELECT entry_uuid, deleted_at, {_SNAPSHOT},"
        " (SELECT count(*) FROM entry_versions v WHERE v.entry_uuid = t.entry_uuid)"
        " FROM trashed_entries t WHERE entry_uuid = ?", (entry_id,))
    return None if row is None else _trashed(row, entry_sql.tag_kinds(db))


def untrash(db: Database, entry_id: EntryId) -> Entry:
    """Put an entry from the trash back into the journal, as it was; return it."""
    kept = trashed_entry(db, entry_id)
    if kept is None:
        raise EntryNotFoundError(f"No entry in the trash has the id '{entry_id}'.")
    entry_sql.insert(db, kept.entry)
    db.execute("DELETE FROM trashed_entries WHERE entry_uuid = ?", (entry_id,))
    return kept.entry


def forget(db: Database, entry_ids: Sequence[EntryId]) -> None:
    """Delete trashed entries for good, with every version of them."""
    for entry_id in entry_ids:
        db.execute("DELETE FROM trashed_entries WHERE entry_uuid = ?", (entry_id,))
        db.execute("DELETE FROM entry_versions WHERE entry_uuid = ?", (entry_id,))


def trashed_before(db: Database, cutoff: dt.datetime) -> list[EntryId]:
    """Return the ids of trashed entries deleted before cutoff."""
    rows = db.rows("SELECT entry_uuid FROM trashed_entries WHERE deleted_at < ?",
                   (cutoff.isoformat(),))
    return [EntryId(r[0]) for r in rows]


def all_trashed(db: Database) -> list[EntryId]:
    """Return the ids of every trashed entry."""
    return [EntryId(r[0]) for r in db.rows("SELECT entry_uuid FROM trashed_entries")]


def resolve_trashed(db: Database, text: str) -> EntryId:
    """Return the id of a trashed entry given in full or by a unique prefix."""
    prefix = text.strip().lower()
    if len(prefix) < 4 or any(c not in "0123456789abcdef-" for c in prefix):
        raise EntryNotFoundError(f"'{text}' is not an entry id.", "Ids are shown by trash.")
    rows = db.rows("SELECT entry_uuid FROM trashed_entries WHERE substr(entry_uuid, 1, ?) = ?"
                   " LIMIT 2", (len(prefix), prefix))
    if not rows:
        raise EntryNotFoundError(f"No entry in the trash has the id '{text}'.",
                                 "Ids are shown by trash.")
    if len(rows) > 1:
        raise EntryNotFoundError(f"More than one entry in the trash starts with '{text}'.",
                                 "Give more of it.")
    return EntryId(rows[0][0])


def in_trash(db: Database, text: str) -> bool:
    """Return whether text names exactly one trashed entry (in full or by prefix)."""
    try:
        resolve_trashed(db, text)
    except EntryNotFoundError:
        return False
    return True


def _key_of(db: Database, entry_id: EntryId) -> int:
    key = db.scalar("SELECT id FROM entries WHERE uuid = ?", (entry_id,))
    if key is None:
        raise EntryNotFoundError(f"No entry has the id '{entry_id}'.")
    return int(key)


def _version(entry_id: EntryId, row: Sequence[Any], families: dict[str, str]) -> EntryVersion:
    entry = _snapshot(entry_id, row[1:], families)
    return EntryVersion(int(row[0]), entry.modified_at, entry, current=False)


def _trashed(row: Sequence[Any], families: dict[str, str]) -> TrashedEntry:
    entry_id = EntryId(row[0])
    return TrashedEntry(_snapshot(entry_id, row[2:-1], families),
                        dt.datetime.fromisoformat(row[1]), int(row[-1]))


def _snapshot(entry_id: EntryId, row: Sequence[Any], families: dict[str, str]) -> Entry:
    # A kept state's columns: its date and tags (JSON) as well as the entry row's own.
    date, tags = row[0], row[8]
    columns = (*row[1:8], *row[9:11])
    return entry_sql.entry_from_columns(
        entry_id, dt.date.fromisoformat(date), columns,
        [TagId(t) for t in json.loads(tags)], families)
