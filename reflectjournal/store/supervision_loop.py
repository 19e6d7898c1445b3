"""SQL for the supervision loop: questions, "bring to supervision" marks, what is answered.

Schema version 15. A supervisor's comment can be asked as a question (review_comments on
the supervisor's side, entry_comments on the clinician's); the clinician's own marks live
in supervision_marks. Both stay agenda items until answered (docs/sharing.md, "The
supervision loop"). An answered item is kept with when (and, for a question answered by
sharing the entry again, by which bundle), never deleted: the agenda only stops carrying it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reflectjournal.store.database import Database
from reflectjournal.store.received_index import V15 as _RECEIVED_V15

V15: Sequence[str] = (
    "ALTER TABLE review_comments ADD COLUMN question INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE entry_comments ADD COLUMN question INTEGER NOT NULL DEFAULT 0",
    # NULL: still open. answered_in: the share that answered it (NULL: the user said so).
    "ALTER TABLE entry_comments ADD COLUMN answered_at TEXT",
    "ALTER TABLE entry_comments ADD COLUMN answered_in TEXT",
    # A rowid table: marks made within one second (the clock's step) keep their order. An
    # entry has at most one open mark; once answered it can be marked again.
    """CREATE TABLE supervision_marks (
        id INTEGER PRIMARY KEY,
        entry_uuid TEXT NOT NULL,
        marked_at TEXT NOT NULL,
        answered_at TEXT
    )""",
    "CREATE UNIQUE INDEX supervision_marks_open ON supervision_marks(entry_uuid)"
    " WHERE answered_at IS NULL",
    *_RECEIVED_V15,
)


def add_mark(db: Database, entry_id: str, now: dt.datetime) -> bool:
    """Mark an entry to bring to supervision; return False if it was marked already."""
    cur = db.execute("INSERT OR IGNORE INTO supervision_marks (entry_uuid, marked_at)"
                     " VALUES (?, ?)", (entry_id, now.isoformat()))
    return bool(cur.rowcount)


def answer_mark(db: Database, entry_id: str, now: dt.datetime) -> bool:
    """Close an entry's open mark; return whether it had one."""
    cur = db.execute("UPDATE supervision_marks SET answered_at = ? WHERE entry_uuid = ?"
                     " AND answered_at IS NULL", (now.isoformat(), entry_id))
    return bool(cur.rowcount)


def answer_mark_by_id(db: Database, mark_id: int, now: dt.datetime) -> bool:
    """Close one open mark by its id; return whether it was open."""
    cur = db.execute("UPDATE supervision_marks SET answered_at = ? WHERE id = ?"
                     " AND answered_at IS NULL", (now.isoformat(), mark_id))
    return bool(cur.rowcount)


def open_marks(db: Database) -> list[tuple[int, str, dt.datetime]]:
    """Return (id, entry id, marked at) of open marks on entries not in the trash, oldest first.

    A trashed entry's mark waits with it: restored, the entry is on the agenda again.
    """
    rows = db.rows("SELECT m.id, m.entry_uuid, m.marked_at FROM supervision_marks m"
                   " JOIN entries e ON e.uuid = m.entry_uuid WHERE m.answered_at IS NULL"
                   " ORDER BY m.marked_at, m.id")
    return [(int(r[0]), str(r[1]), dt.datetime.fromisoformat(str(r[2]))) for r in rows]


def marked_ids(db: Database) -> set[str]:
    """Return the entries with an open mark."""
    return {str(r[0]) for r in db.rows(
        "SELECT entry_uuid FROM supervision_marks WHERE answered_at IS NULL")}


def open_questions(db: Database) -> list[tuple[int, str, str | None, str, str, dt.datetime]]:
    """Return (id, answered bundle, entry id, text, asker's name, received at), oldest first."""
    rows = db.rows("SELECT c.id, c.answers, c.entry_uuid, c.text, b.sender_name, b.received_at"
                   " FROM entry_comments c JOIN received_bundles b USING (bundle_id)"
                   " WHERE c.question AND c.answered_at IS NULL ORDER BY b.received_at, c.id")
    return [(int(r[0]), str(r[1]), None if r[2] is None else str(r[2]), str(r[3]), str(r[4]),
             dt.datetime.fromisoformat(str(r[5]))) for r in rows]


def answer_question(db: Database, comment_id: int, now: dt.datetime) -> bool:
    """Close one open question by the user's word; return whether it was open."""
    cur = db.execute("UPDATE entry_comments SET answered_at = ? WHERE id = ? AND question"
                     " AND answered_at IS NULL", (now.isoformat(), comment_id))
    return bool(cur.rowcount)


def answer_by_share(db: Database, bundle_id: str, entry_ids: Sequence[str],
                    supervisor_key: bytes, now: dt.datetime) -> int:
    """Close the open questions that supervisor asked on these entries; return how many.

    Sharing an entry again with the supervisor who asked about it is the answer: the
    new version is what they will read next. An overall question names no entry, so no
    share answers it; the user does.
    """
    if not entry_ids:
        return 0
    marks = ",".join("?" * len(entry_ids))
    cur = db.execute(
        f"UPDATE entry_comments SET answered_at = ?, answered_in = ? WHERE question"
        f" AND answered_at IS NULL AND entry_uuid IN ({marks}) AND bundle_id IN"
        f" (SELECT bundle_id FROM received_bundles WHERE sender_key = ?)",
        (now.isoformat(), bundle_id, *entry_ids, supervisor_key))
    return int(cur.rowcount)


# On the supervisor's side: an entry its sender brought to supervision waits for an answer
# until a comment is written on it. Only the latest copy of an entry counts: sharing it
# again (still marked) asks once, not twice. The caseload's count and the agenda's list both
# read this one condition, so they cannot disagree.
_WAITING = (
    " FROM received_facts f JOIN received_bundles b ON b.bundle_id = f.bundle_id"
    " WHERE f.brought AND f.id = (SELECT max(g.id) FROM received_facts g"
    " WHERE g.sender_key = f.sender_key AND g.entry_uuid = f.entry_uuid)"
    " AND NOT EXISTS (SELECT 1 FROM review_comments c WHERE c.bundle_id = f.bundle_id"
    " AND c.entry_uuid = f.entry_uuid)"
)


def waiting_questions(db: Database) -> list[tuple[bytes, str, str, str, str, str,
                                                   dt.datetime]]:
    """Return (sender key, bundle, entry id, title, first day, last day, received at)."""
    rows = db.rows("SELECT f.sender_key, f.bundle_id, f.entry_uuid, f.title, f.day_first,"
                   " f.day_last, b.received_at" + _WAITING + " ORDER BY b.received_at, f.id")
    return [(bytes(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4]), str(r[5]),
             dt.datetime.fromisoformat(str(r[6]))) for r in rows]


def waiting_counts(db: Database) -> dict[bytes, int]:
    """Return per sender key how many entries they brought wait for an answer."""
    return {bytes(r[0]): int(r[1]) for r in db.rows(
        "SELECT f.sender_key, count(*)" + _WAITING + " GROUP BY f.sender_key")}
