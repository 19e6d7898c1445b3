"""Schema version 6: the Endorsement records (profile, RSC providers, merges, amendments).

Kept apart from schema.py because it carries a data migration: free-text supervisors on
supervision entries become provider records, one per distinct name as typed (identity is the
record's id from here on, never the name: "Dr. Lee" and "Jordan Lee" stay two records until
the user merges them). Plain SQL statements, so the migration stays one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence

_SUPERVISOR = "json_extract(fields, '$.supervisor')"
_NAMED = f"kind = 'supervision' AND trim(coalesce({_SUPERVISOR}, '')) <> ''"
_PROVIDER_ID = "json_extract(fields, '$.provider_id')"


def _move_supervisors(table: str) -> str:
    """Return the UPDATE that points a table's supervision entries at their provider."""
    return f"""UPDATE {table}
        SET fields = json_remove(
            json_set(fields, '$.provider_id',
                     (SELECT p.id FROM providers p WHERE p.name = {_SUPERVISOR})),
            '$.supervisor')
        WHERE {_NAMED}"""


V6: Sequence[str] = (
    # One row per profile key: unknown keys a newer version wrote are kept as they are.
    """CREATE TABLE profile (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) WITHOUT ROWID""",
    """CREATE TABLE providers (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        contact_key BLOB,
        notes TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
    ) WITHOUT ROWID""",
    # One qualification per provider and day: qualifying again on the same day corrects it.
    """CREATE TABLE provider_qualifications (
        provider_id TEXT NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
        since TEXT NOT NULL,
        qualification TEXT NOT NULL,
        PRIMARY KEY (provider_id, since)
    ) WITHOUT ROWID""",
    # The merge log outlives the merged record, so it names both sides by id and by name.
    """CREATE TABLE provider_merges (
        id INTEGER PRIMARY KEY,
        from_id TEXT NOT NULL,
        from_name TEXT NOT NULL,
        into_id TEXT NOT NULL,
        into_name TEXT NOT NULL,
        entries INTEGER NOT NULL,
        merged_at TEXT NOT NULL
    )""",
    f"""CREATE INDEX entries_by_provider ON entries({_PROVIDER_ID}, id)
        WHERE {_PROVIDER_ID} IS NOT NULL""",
    # Dated notes on an entry whose hours are locked by a signature (never edits of it).
    """CREATE TABLE entry_amendments (
        id INTEGER PRIMARY KEY,
        entry_uuid TEXT NOT NULL,
        written_at TEXT NOT NULL,
        text TEXT NOT NULL
    )""",
    "CREATE INDEX entry_amendments_by_entry ON entry_amendments(entry_uuid, id)",
    # When a confirmation attaches to a hand-logged entry, the minutes as logged are kept
    # here (NULL: the confirmation made its own entry, or both said the same).
    "ALTER TABLE confirmed_sessions ADD COLUMN logged_minutes INTEGER",
    # The data migration: providers from the names typed on live and trashed entries.
    f"""INSERT INTO providers (id, name, created_at)
        SELECT lower(hex(randomblob(16))), name, strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')
        FROM (SELECT DISTINCT {_SUPERVISOR} AS name FROM entries WHERE {_NAMED}
              UNION SELECT {_SUPERVISOR} FROM trashed_entries WHERE {_NAMED})""",
    # A confirmed session's entry was named after the contact who signed it: link the key.
    """UPDATE providers SET contact_key = (
            SELECT s.other_key FROM confirmed_sessions s JOIN entries e ON e.uuid = s.entry_uuid
            WHERE s.side = 'received' AND json_extract(e.fields, '$.supervisor') = providers.name
            ORDER BY s.date LIMIT 1)""",
    """UPDATE entries SET fields = json_set(fields, '$.confirmation', 'signed')
        WHERE uuid IN (SELECT entry_uuid FROM confirmed_sessions
                       WHERE side = 'received' AND entry_uuid IS NOT NULL)""",
    _move_supervisors("entries"),
    _move_supervisors("trashed_entries"),
)
