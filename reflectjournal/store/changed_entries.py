"""A log of which entries changed, kept by the connection itself, for caches kept in memory.

The Endorsement progress keeps what it read while the journal is unlocked and updates only
the entries that changed since (services/evidence_cache.py). Which ones changed is asked of
SQLite rather than of every service that writes: TEMP triggers on `entries` and `entry_tags`
append the row keys (old and new) of every insert, update and delete made on this connection,
so a save, an import, a restored version, the trash, a provider merge or a confirmation
attached are all seen, and so is any write path added later. A rolled-back change takes its
log rows with it, like any other row.

The log lives in the connection's temp schema, which is in memory (temp_store = MEMORY is
asserted when the connection opens) and goes with the connection: nothing is written to the
journal file or to disk, and locking (closing the connection) forgets it. It holds row keys
only (a key is an entry's date and sequence, see domain/sort_key.py), never text.

A reader keeps a mark (the last row it read) and reads past it; rows are not deleted as they
are read. Trimming does delete them, and SQLite counts that as a change: a trim (when a
reader reads everything again, in watch, or when the log grows past TRIM rows) moves
Database.change_stamp, so the caches keyed on it read again once; nothing is wrong, only
slower. The log stops growing at CAPACITY rows when nobody reads. Rows are numbered by
AUTOINCREMENT, so a reader whose unread rows were trimmed sees the gap and is told to read
everything again. A rolled-back change takes its rows and their numbers with it (the temp
sqlite_sequence rolls back too), so numbers can be given again: a reader must not keep a
mark read inside a transaction that may still roll back (evidence_cache.sync does not).
"""

from __future__ import annotations

from reflectjournal.store.database import Database

_NAME = "changed_entries"
_LOG = f"temp.{_NAME}"
CAPACITY = 50_000  # rows (about 2 MB) when nobody reads: the next read starts afresh
TRIM = 10_000  # rows already read, kept until this many
_TRIGGERS = (
    ("changed_entries_insert", "AFTER INSERT ON main.entries", ("new.id",)),
    ("changed_entries_update", "AFTER UPDATE ON main.entries", ("old.id", "new.id")),
    ("changed_entries_delete", "AFTER DELETE ON main.entries", ("old.id",)),
    ("changed_entry_tags_insert", "AFTER INSERT ON main.entry_tags", ("new.entry_id",)),
    ("changed_entry_tags_update", "AFTER UPDATE ON main.entry_tags",
     ("old.entry_id", "new.entry_id")),
    ("changed_entry_tags_delete", "AFTER DELETE ON main.entry_tags", ("old.entry_id",)),
)


def watch(db: Database) -> int:
    """Log changed entries on this connection from now on; return the mark to read past.

    The caller has just read everything (or is about to, in the same transaction, so that
    no change falls in between), so the rows logged so far are dropped.
    """
    db.execute(f"CREATE TEMP TABLE IF NOT EXISTS {_NAME}"
               " (seq INTEGER PRIMARY KEY AUTOINCREMENT, entry_key INTEGER NOT NULL)")
    for name, when, keys in _TRIGGERS:
        # Two subqueries, not one with both: SQLite seeks the end of the key for a lone
        # min() or max() but scans the whole table for the pair (an import slowed 3x).
        inserts = " ".join(
            f"INSERT INTO {_LOG}(entry_key) SELECT {key} WHERE coalesce((SELECT max(seq)"
            f" FROM {_LOG}) - (SELECT min(seq) FROM {_LOG}), 0) < {CAPACITY};" for key in keys)
        db.execute(f"CREATE TEMP TRIGGER IF NOT EXISTS {name} {when} BEGIN {inserts} END")
    if db.scalar(f"SELECT 1 FROM {_LOG} LIMIT 1") is not None:
        db.execute(f"DELETE FROM {_LOG}")
    return _last(db)


def watching(db: Database) -> bool:
    """Return whether this connection logs changed entries (a reopened one does not)."""
    return int(db.scalar("SELECT count(*) FROM temp.sqlite_master WHERE type = 'trigger'"
                         " AND name = ?", (_TRIGGERS[0][0],))) == 1


def changed_since(db: Database, mark: int, limit: int) -> tuple[int, set[int] | None]:
    """Return the new mark and the keys of the entries changed after `mark`.

    None instead of the keys when more than `limit` rows were logged (an import, a restore
    of many versions), when rows not yet read were trimmed, or when the log is full and may
    have missed some: reading everything again is then the answer (and cheaper than one
    entry at a time).
    """
    last = _last(db)
    if last == mark:
        return mark, set()
    first = db.scalar(f"SELECT min(seq) FROM {_LOG}")  # alone, so a seek (see watch)
    if first is None or int(first) > mark + 1 or last - mark > limit or \
            last - int(first) >= CAPACITY:
        return last, None
    keys = {int(key) for (key,) in db.rows(
        f"SELECT entry_key FROM {_LOG} WHERE seq > ?", (mark,))}
    if last - int(first) > TRIM:
        db.execute(f"DELETE FROM {_LOG} WHERE seq <= ?", (last,))
    return last, keys


def _last(db: Database) -> int:
    """Return the number of the last row ever logged on this connection (0 before any)."""
    found = db.scalar("SELECT seq FROM temp.sqlite_sequence WHERE name = ?", (_NAME,))
    return int(found) if found is not None else 0
