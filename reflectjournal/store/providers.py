"""SQL for RSC provider records, their qualification history and the merge log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from reflectjournal.domain.endorsement.records import (
    ProviderMerge,
    ProviderRecord,
    Qualification,
    QualificationSpan,
)
from reflectjournal.store.database import Database

_PROVIDER_ID = "json_extract(fields, '$.provider_id')"
# Live and trashed entries both follow a merge, so an entry restored from the trash later
# does not point at a record that is gone.
_ENTRY_TABLES = ("entries", "trashed_entries")


def _qualification(text: str) -> Qualification:
    try:
        return Qualification(text)
    except ValueError:  # written by a newer version with more qualifications
        return Qualification.UNKNOWN


def _spans(db: Database) -> dict[str, list[QualificationSpan]]:
    spans: dict[str, list[QualificationSpan]] = {}
    for provider_id, since, qualification in db.rows(
            "SELECT provider_id, since, qualification FROM provider_qualifications"
            " ORDER BY provider_id, since"):
        spans.setdefault(provider_id, []).append(
            QualificationSpan(_qualification(qualification), dt.date.fromisoformat(since)))
    return spans


def _record(row: Sequence[Any], spans: dict[str, list[QualificationSpan]]) -> ProviderRecord:
    provider_id, name, key, notes = row
    return ProviderRecord(id=provider_id, name=name,
                          qualifications=tuple(spans.get(provider_id, ())),
                          contact_key=bytes(key).hex() if key is not None else None, notes=notes)


def all_providers(db: Database) -> list[ProviderRecord]:
    """Return every provider record, by name (then id, for two of the same name)."""
    spans = _spans(db)
    return [_record(r, spans) for r in db.rows(
        "SELECT id, name, contact_key, notes FROM providers ORDER BY name COLLATE NOCASE, id")]


def get(db: Database, provider_id: str) -> ProviderRecord | None:
    """Return one provider record, or None."""
    row = db.row("SELECT id, name, contact_key, notes FROM providers WHERE id = ?",
                 (provider_id,))
    if row is None:
        return None
    return _record(row, _spans(db))


def insert(db: Database, record: ProviderRecord, now: dt.datetime) -> None:
    """Store a new provider record with its qualifications."""
    db.execute("INSERT INTO providers (id, name, contact_key, notes, created_at)"
               " VALUES (?, ?, ?, ?, ?)",
               (record.id, record.name, _key(record.contact_key), record.notes,
                now.isoformat()))
    for span in record.qualifications:
        set_qualification(db, record.id, span)


def rename(db: Database, provider_id: str, name: str) -> None:
    """Change a provider's display name."""
    db.execute("UPDATE providers SET name = ? WHERE id = ?", (name, provider_id))


def set_notes(db: Database, provider_id: str, notes: str) -> None:
    """Replace a provider's notes."""
    db.execute("UPDATE providers SET notes = ? WHERE id = ?", (notes, provider_id))


def set_qualification(db: Database, provider_id: str, span: QualificationSpan) -> None:
    """Record what a provider held from a date (the same date again corrects it)."""
    db.execute("INSERT OR REPLACE INTO provider_qualifications (provider_id, since, qualification)"
               " VALUES (?, ?, ?)", (provider_id, span.since.isoformat(), span.qualification.value))


def set_contact(db: Database, provider_id: str, contact_key: str | None) -> None:
    """Link a provider to a contact's signing key (hex), or unlink with None."""
    db.execute("UPDATE providers SET contact_key = ? WHERE id = ?",
               (_key(contact_key), provider_id))


def by_contact(db: Database, contact_key: bytes) -> ProviderRecord | None:
    """Return the provider linked to this signing key (the oldest, if more than one)."""
    row = db.row("SELECT id FROM providers WHERE contact_key = ? ORDER BY created_at, id LIMIT 1",
                 (contact_key,))
    return get(db, row[0]) if row else None


def entry_count(db: Database, provider_id: str) -> int:
    """Return how many live entries name the provider."""
    return int(db.scalar(f"SELECT count(*) FROM entries WHERE {_PROVIDER_ID} = ?",
                         (provider_id,)))


def entry_counts(db: Database) -> dict[str, int]:
    """Return how many live entries name each provider, in one pass over the entries."""
    return {str(pid): int(n) for pid, n in db.rows(
        f"SELECT {_PROVIDER_ID}, count(*) FROM entries WHERE {_PROVIDER_ID} IS NOT NULL"
        " GROUP BY 1")}


def merge(db: Database, source: ProviderRecord, survivor: ProviderRecord,
          now: dt.datetime) -> int:
    """Fold source into survivor: entries follow, history is joined, the merge is logged.

    The survivor keeps its own qualification on a day both recorded, its own contact link
    if it has one, and its notes followed by the source's. Returns the live entries moved.
    """
    moved = entry_count(db, source.id)
    for table in _ENTRY_TABLES:
        db.execute(f"UPDATE {table} SET fields = json_set(fields, '$.provider_id', ?)"
                   f" WHERE {_PROVIDER_ID} = ?", (survivor.id, source.id))
    db.execute("INSERT OR IGNORE INTO provider_qualifications (provider_id, since, qualification)"
               " SELECT ?, since, qualification FROM provider_qualifications"
               " WHERE provider_id = ?", (survivor.id, source.id))
    if survivor.contact_key is None and source.contact_key is not None:
        set_contact(db, survivor.id, source.contact_key)
    if source.notes:
        set_notes(db, survivor.id, "\n".join(n for n in (survivor.notes, source.notes) if n))
    db.execute("DELETE FROM providers WHERE id = ?", (source.id,))
    db.execute("INSERT INTO provider_merges (from_id, from_name, into_id, into_name, entries,"
               " merged_at) VALUES (?, ?, ?, ?, ?, ?)",
               (source.id, source.name, survivor.id, survivor.name, moved, now.isoformat()))
    return moved


def merges(db: Database) -> list[ProviderMerge]:
    """Return the merge log, oldest first."""
    return [ProviderMerge(r[0], r[1], r[2], r[3], int(r[4]), dt.datetime.fromisoformat(r[5]))
            for r in db.rows("SELECT from_id, from_name, into_id, into_name, entries, merged_at"
                             " FROM provider_merges ORDER BY id")]


def _key(hex_key: str | None) -> bytes | None:
    return bytes.fromhex(hex_key) if hex_key is not None else None
