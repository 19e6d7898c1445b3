"""SQL for keys, contacts, the watch-list and everything bundles bring (schema version 4)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from reflectjournal.domain.bundle import (
    Comment,
    EntriesPayload,
    Manifest,
    SessionStatement,
    SharedEntry,
    entries_payload_bytes,
    parse_entries_payload,
)
from reflectjournal.domain.contact_card import ContactCard
from reflectjournal.domain.ids import EntryId
from reflectjournal.domain.supervision import ConfirmedSession as ConfirmedSession
from reflectjournal.domain.supervision import Contact as Contact
from reflectjournal.domain.supervision import EntryComment as EntryComment
from reflectjournal.domain.supervision import ReceivedBundle as ReceivedBundle
from reflectjournal.domain.supervision import ReceivedEntry as ReceivedEntry
from reflectjournal.domain.supervision import ReviewComment as ReviewComment
from reflectjournal.domain.supervision import SessionSide
from reflectjournal.store import meta, word_forms
from reflectjournal.store.database import Database
from reflectjournal.store.sealed_bundle import Identity, new_identity

# The records above are re-exported (the `as` imports) until the ui imports them from
# reflectjournal.domain.supervision.


def _stamp(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def identity(db: Database) -> tuple[Identity, str, str]:
    """Return this journal's keys, name and role, making the keys at first use."""
    row = db.row("SELECT age_secret, signing_seed, name, role FROM sharing_identity")
    if row is None:
        made = new_identity()
        db.execute(
            "INSERT INTO sharing_identity (id, age_secret, signing_seed, created_at) "
            "VALUES (1, ?, ?, ?)",
            (made.age_secret, made.signing_seed, dt.datetime.now(dt.UTC).isoformat()),
        )
        return made, "", ""
    return Identity(row[0], bytes(row[1])), row[2], row[3]


def set_name(db: Database, name: str, role: str) -> None:
    """Store the name and role this journal's card shows."""
    db.execute("UPDATE sharing_identity SET name = ?, role = ?", (name, role))


_CONTACT = "SELECT id, name, role, age_recipient, signing_key, added_at, verified_at FROM contacts"


def _contact(row: Sequence[Any]) -> Contact:
    card = ContactCard(str(row[1]), str(row[2]), str(row[3]), bytes(row[4]))
    return Contact(int(row[0]), card, _stamp(str(row[5])),
                   _stamp(str(row[6])) if row[6] else None)


def contacts(db: Database) -> list[Contact]:
    """Return every contact, by name."""
    return [_contact(r) for r in db.rows(_CONTACT + " ORDER BY name COLLATE NOCASE, id")]


def contact_by_key(db: Database, signing_key: bytes) -> Contact | None:
    """Return the contact with this signing key, if any."""
    row = db.row(_CONTACT + " WHERE signing_key = ?", (signing_key,))
    return _contact(row) if row else None


def add_contact(db: Database, card: ContactCard, now: dt.datetime) -> Contact:
    """Insert a contact, or update name and role of a known key (keeping its verification).

    A card with a known signing key but another age key is a new card: verification is
    dropped, since the pair of keys is what the code vouched for.
    """
    known = contact_by_key(db, card.signing_key)
    if known is None:
        db.execute(
            "INSERT INTO contacts (name, role, age_recipient, signing_key, added_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (card.name, card.role, card.age_recipient, card.signing_key, now.isoformat()),
        )
    elif known.card.age_recipient != card.age_recipient:
        db.execute(
            "UPDATE contacts SET name = ?, role = ?, age_recipient = ?, verified_at = NULL "
            "WHERE id = ?", (card.name, card.role, card.age_recipient, known.id),
        )
    else:
        db.execute("UPDATE contacts SET name = ?, role = ? WHERE id = ?",
                   (card.name, card.role, known.id))
    found = contact_by_key(db, card.signing_key)
    assert found is not None
    return found


def mark_verified(db: Database, contact_id: int, now: dt.datetime) -> None:
    """Record that the pairing code was confirmed."""
    db.execute("UPDATE contacts SET verified_at = ? WHERE id = ?", (now.isoformat(), contact_id))


def remove_contact(db: Database, contact_id: int) -> None:
    """Forget a contact; what they sent stays, attributed by name."""
    db.execute("DELETE FROM contacts WHERE id = ?", (contact_id,))


def watch_list(db: Database) -> list[str]:
    """Return the user's watch-list of names and places."""
    return [str(r[0]) for r in db.rows("SELECT term FROM watch_list ORDER BY term COLLATE NOCASE")]


def set_watch_list(db: Database, terms: Sequence[str]) -> None:
    """Replace the watch-list."""
    db.execute("DELETE FROM watch_list")
    db.executemany("INSERT OR IGNORE INTO watch_list VALUES (?)", [(t,) for t in terms])


# The allow-list is a JSON array under one meta key rather than a table of its own: the
# database is encrypted as a whole either way, and a key needs no schema step.
def allow_list(db: Database) -> list[str]:
    """Return the terms cleared as not an identifier in this journal."""
    raw = meta.get(db, "deid_allow_list")
    terms = json.loads(raw) if raw else []
    return [str(t) for t in terms] if isinstance(terms, list) else []


def set_allow_list(db: Database, terms: Sequence[str]) -> None:
    """Replace the allow-list."""
    meta.put(db, "deid_allow_list", json.dumps(list(terms), ensure_ascii=False))


def record_sent(
    db: Database, manifest: Manifest, contact_key: bytes | None, entry_ids: Sequence[str]
) -> None:
    """Remember a bundle this journal wrote, and which entries it carried."""
    db.execute(
        "INSERT INTO sent_bundles VALUES (?, ?, ?, ?, ?)",
        (manifest.bundle_id, manifest.kind, contact_key, manifest.created_at.isoformat(),
         json.dumps(list(entry_ids))),
    )


def sent_entries(db: Database, bundle_id: str) -> tuple[bytes | None, set[str]] | None:
    """Return (contact key, entry ids) of an entries bundle this journal sent, if any."""
    row = db.row(
        "SELECT contact_key, entry_ids FROM sent_bundles WHERE bundle_id = ? AND kind = 'entries'",
        (bundle_id,),
    )
    if row is None:
        return None
    return (bytes(row[0]) if row[0] is not None else None), set(json.loads(row[1]))


def was_received(db: Database, bundle_id: str) -> bool:
    """Return whether a bundle with this id was filed already."""
    return db.scalar("SELECT 1 FROM received_bundles WHERE bundle_id = ?", (bundle_id,)) is not None


def record_received(
    db: Database, manifest: Manifest, verified: bool, message: str, now: dt.datetime
) -> None:
    """File a bundle's manifest."""
    s = manifest.sender
    db.execute(
        "INSERT INTO received_bundles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (manifest.bundle_id, manifest.kind, s.name, s.role, s.signing_key, int(verified),
         manifest.created_at.isoformat(), now.isoformat(), message),
    )


def file_entries(db: Database, bundle_id: str, payload: EntriesPayload) -> None:
    """File the entries of a received bundle, each as its own JSON document.

    Their words join the journal's word forms, so a search of what was received finds
    "cried" for "cry" as the user's own search does.
    """
    word_forms.note(db, (text for e in payload.entries
                         for text in (e.title, e.body, *(t for _, t in e.answers))))
    db.executemany(
        "INSERT INTO received_entries (bundle_id, entry_uuid, content) VALUES (?, ?, ?)",
        [(bundle_id, e.id, entries_payload_bytes(EntriesPayload("", (e,))).decode("utf-8"))
         for e in payload.entries],
    )


_BUNDLE = (
    "SELECT b.bundle_id, b.kind, b.sender_name, b.sender_role, b.sender_key, b.verified, "
    "b.created_at, b.received_at, b.message, "
    "(SELECT count(*) FROM received_entries e WHERE e.bundle_id = b.bundle_id) "
    "FROM received_bundles b"
)


def received_bundles(db: Database, kind: str = "entries") -> list[ReceivedBundle]:
    """Return filed bundles of one kind, newest first."""
    # Within one second (the clock's step) the bundle filed last is the one whose entries
    # were inserted last: "newest" must not depend on random bundle ids.
    rows = db.rows(_BUNDLE + " WHERE b.kind = ? ORDER BY b.received_at DESC, (SELECT max(e.id)"
                   " FROM received_entries e WHERE e.bundle_id = b.bundle_id) DESC, b.bundle_id",
                   (kind,))
    return [_bundle(r) for r in rows]


def received_bundle(db: Database, bundle_id: str) -> ReceivedBundle | None:
    """Return one filed bundle."""
    row = db.row(_BUNDLE + " WHERE b.bundle_id = ?", (bundle_id,))
    return _bundle(row) if row else None


def _bundle(r: Sequence[Any]) -> ReceivedBundle:
    # Stored card fields: the sender's age key is not needed once filed.
    card = ContactCard(str(r[2]), str(r[3]), "", bytes(r[4]))
    return ReceivedBundle(str(r[0]), str(r[1]), card, bool(r[5]), _stamp(str(r[6])),
                          _stamp(str(r[7])), str(r[8]), int(r[9]))


def received_entries(db: Database, bundle_id: str) -> list[ReceivedEntry]:
    """Return a received bundle's entries in the order they were sent."""
    rows = db.rows("SELECT content FROM received_entries WHERE bundle_id = ? ORDER BY id",
                   (bundle_id,))
    return [ReceivedEntry(bundle_id, parse_entries_payload(str(r[0]).encode()).entries[0])
            for r in rows]


def received_entry(db: Database, bundle_id: str, entry_id: EntryId) -> SharedEntry | None:
    """Return one entry of a received bundle, if it carried it."""
    row = db.row("SELECT content FROM received_entries WHERE bundle_id = ? AND entry_uuid = ?",
                 (bundle_id, entry_id))
    return parse_entries_payload(str(row[0]).encode()).entries[0] if row else None


def earlier_received(db: Database, bundle_id: str,
                     entry_id: EntryId) -> tuple[str, dt.datetime, SharedEntry] | None:
    """Return (bundle id, received at, entry) of the same sender's previous copy of an entry."""
    row = db.row(
        "SELECT b.bundle_id, b.received_at, e.content FROM received_entries e "
        "JOIN received_bundles b USING (bundle_id) WHERE e.entry_uuid = ? AND b.sender_key = "
        "(SELECT sender_key FROM received_bundles WHERE bundle_id = ?) AND e.id < "
        "(SELECT id FROM received_entries WHERE bundle_id = ? AND entry_uuid = ?) "
        "ORDER BY e.id DESC LIMIT 1", (entry_id, bundle_id, bundle_id, entry_id))
    if row is None:
        return None
    return (str(row[0]), _stamp(str(row[1])),
            parse_entries_payload(str(row[2]).encode()).entries[0])


def received_entries_like(db: Database, prefix: str) -> list[tuple[str, str]]:
    """Return (entry id, bundle id) of received entries whose id starts so, latest first."""
    rows = db.rows(
        "SELECT e.entry_uuid, e.bundle_id FROM received_entries e JOIN received_bundles b "
        "USING (bundle_id) WHERE e.entry_uuid LIKE ? || '%' "
        "ORDER BY b.received_at DESC, e.id DESC", (prefix,))
    return [(str(r[0]), str(r[1])) for r in rows]


def received_entry_ids(db: Database, bundle_id: str) -> set[str]:
    """Return the ids of the entries a received bundle carried."""
    rows = db.rows("SELECT entry_uuid FROM received_entries WHERE bundle_id = ?", (bundle_id,))
    return {str(r[0]) for r in rows}


def add_review_comment(
    db: Database, bundle_id: str, entry_id: EntryId | None, text: str, now: dt.datetime,
    question: bool = False,
) -> int:
    """Store a comment on a received entry or bundle; return its id."""
    cur = db.execute(
        "INSERT INTO review_comments (bundle_id, entry_uuid, text, written_at, question) "
        "VALUES (?, ?, ?, ?, ?)", (bundle_id, entry_id, text, now.isoformat(), int(question)),
    )
    return int(cur.lastrowid)


def review_comments(db: Database, bundle_id: str | None = None, *,
                    unsent_from: bytes | None = None) -> list[ReviewComment]:
    """Return comments on one bundle, or the unsent ones on bundles from one sender."""
    sql = ("SELECT c.id, c.bundle_id, c.entry_uuid, c.text, c.written_at, c.sent_in, "
           "c.question FROM review_comments c JOIN received_bundles b USING (bundle_id) WHERE ")
    if unsent_from is not None:
        rows = db.rows(sql + "c.sent_in IS NULL AND b.sender_key = ? ORDER BY c.id",
                       (unsent_from,))
    else:
        rows = db.rows(sql + "c.bundle_id = ? ORDER BY c.id", (bundle_id,))
    return [ReviewComment(int(r[0]), str(r[1]), EntryId(r[2]) if r[2] else None, str(r[3]),
                          _stamp(str(r[4])), r[5], bool(r[6])) for r in rows]


def delete_review_comment(db: Database, comment_id: int) -> bool:
    """Delete an unsent comment; return whether one was deleted."""
    cur = db.execute("DELETE FROM review_comments WHERE id = ? AND sent_in IS NULL",
                     (comment_id,))
    return bool(cur.rowcount)


def mark_comments_sent(db: Database, ids: Sequence[int], bundle_id: str) -> None:
    """Record which reply carried these comments."""
    db.executemany("UPDATE review_comments SET sent_in = ? WHERE id = ?",
                   [(bundle_id, i) for i in ids])


def file_comments(db: Database, bundle_id: str, comments: Sequence[Comment]) -> None:
    """File comments received on this journal's own entries."""
    db.executemany(
        "INSERT INTO entry_comments (bundle_id, answers, entry_uuid, text, written_at, version,"
        " question) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(bundle_id, c.answers, c.entry_id, c.text, c.written_at.isoformat(), c.version,
          int(c.question)) for c in comments],
    )


def entry_comments(db: Database, entry_id: EntryId | None = None,
                   answers: str | None = None) -> list[EntryComment]:
    """Return received comments on one entry, or the overall ones on one sent bundle."""
    sql = ("SELECT c.entry_uuid, c.answers, b.sender_name, b.sender_role, b.verified, c.text, "
           "c.written_at, b.received_at, c.version, c.question FROM entry_comments c "
           "JOIN received_bundles b "
           "USING (bundle_id) WHERE ")
    if entry_id is not None:
        rows = db.rows(sql + "c.entry_uuid = ? ORDER BY c.written_at, c.id", (entry_id,))
    else:
        rows = db.rows(sql + "c.entry_uuid IS NULL AND (? IS NULL OR c.answers = ?) "
                       "ORDER BY c.written_at, c.id", (answers, answers))
    return [EntryComment(EntryId(r[0]) if r[0] else None, str(r[1]), str(r[2]), str(r[3]),
                         bool(r[4]), str(r[5]), _stamp(str(r[6])), _stamp(str(r[7])),
                         None if r[8] is None else str(r[8]), bool(r[9]))
            for r in rows]


def add_session(
    db: Database, side: SessionSide, s: SessionStatement, other: ContactCard, statement: bytes,
    signature: bytes, *, entry_id: EntryId | None = None, received_in: str | None = None,
    logged_minutes: int | None = None,
) -> None:
    """Store a signed session statement (logged_minutes: a differing hand-logged figure)."""
    db.execute(
        "INSERT INTO confirmed_sessions (id, side, other_key, other_name, date, minutes, format,"
        " statement, signature, entry_uuid, received_in, logged_minutes)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (s.id, side, other.signing_key, other.name, s.date.isoformat(), s.minutes, s.format,
         statement, signature, entry_id, received_in, logged_minutes),
    )


def session_entry_ids(db: Database) -> set[str]:
    """Return the entries that received confirmations are attached to."""
    return {str(r[0]) for r in db.rows(
        "SELECT entry_uuid FROM confirmed_sessions WHERE side = 'received'"
        " AND entry_uuid IS NOT NULL")}


def session_for_entry(db: Database, entry_id: EntryId) -> str | None:
    """Return the id of the received confirmation attached to an entry, if any."""
    value = db.scalar("SELECT id FROM confirmed_sessions WHERE side = 'received'"
                      " AND entry_uuid = ?", (entry_id,))
    return None if value is None else str(value)


def detach_session(db: Database, session_id: str) -> None:
    """Unlink a received confirmation from its entry (the statement itself is kept)."""
    db.execute("UPDATE confirmed_sessions SET entry_uuid = NULL, logged_minutes = NULL"
               " WHERE id = ?", (session_id,))


def session_exists(db: Database, session_id: str) -> bool:
    """Return whether a session with this id is stored."""
    return db.scalar("SELECT 1 FROM confirmed_sessions WHERE id = ?", (session_id,)) is not None


def sessions(db: Database, side: str | None = None) -> list[ConfirmedSession]:
    """Return confirmed sessions, newest first."""
    rows = db.rows(
        "SELECT id, side, other_key, other_name, date, minutes, format, entry_uuid, sent_in, "
        "logged_minutes FROM confirmed_sessions WHERE ? IS NULL OR side = ? ORDER BY date DESC, id",
        (side, side),
    )
    return [ConfirmedSession(str(r[0]), SessionSide(r[1]), bytes(r[2]), str(r[3]),
                             dt.date.fromisoformat(r[4]), int(r[5]), str(r[6]),
                             EntryId(r[7]) if r[7] else None, r[8],
                             None if r[9] is None else int(r[9]))
            for r in rows]


def unsent_sessions(db: Database, other_key: bytes) -> list[tuple[str, bytes, bytes]]:
    """Return (id, statement, signature) of sessions confirmed for someone, not yet sent."""
    rows = db.rows(
        "SELECT id, statement, signature FROM confirmed_sessions "
        "WHERE side = 'given' AND sent_in IS NULL AND other_key = ? ORDER BY date, id",
        (other_key,),
    )
    return [(str(r[0]), bytes(r[1]), bytes(r[2])) for r in rows]


def mark_sessions_sent(db: Database, ids: Sequence[str], bundle_id: str) -> None:
    """Record which reply carried these sessions."""
    db.executemany("UPDATE confirmed_sessions SET sent_in = ? WHERE id = ?",
                   [(bundle_id, i) for i in ids])


def last_reply_to(db: Database, key: bytes) -> tuple[str, dt.datetime] | None:
    """Return (bundle id, time written) of the newest reply that carried anything for key.

    A passphrase reply records no contact key, so what it carried says whom it was for.
    """
    row = db.row(
        "SELECT bundle_id, sent_at FROM sent_bundles WHERE kind = 'comments' AND ("
        "contact_key = ? OR bundle_id IN (SELECT c.sent_in FROM review_comments c "
        "JOIN received_bundles b USING (bundle_id) WHERE b.sender_key = ?) "
        "OR bundle_id IN (SELECT sent_in FROM confirmed_sessions WHERE side = 'given' "
        "AND other_key = ?)) ORDER BY sent_at DESC, bundle_id LIMIT 1", (key, key, key))
    return (str(row[0]), _stamp(str(row[1]))) if row else None


def sent_reply_contents(db: Database, bundle_id: str) -> tuple[list[ReviewComment],
                                                                list[tuple[str, bytes, bytes]]]:
    """Return the comments and (id, statement, signature) of sessions one reply carried."""
    rows = db.rows("SELECT id, bundle_id, entry_uuid, text, written_at, sent_in, question "
                   "FROM review_comments WHERE sent_in = ? ORDER BY id", (bundle_id,))
    comments = [ReviewComment(int(r[0]), str(r[1]), EntryId(r[2]) if r[2] else None,
                              str(r[3]), _stamp(str(r[4])), r[5], bool(r[6])) for r in rows]
    sessions = db.rows("SELECT id, statement, signature FROM confirmed_sessions WHERE "
                       "side = 'given' AND sent_in = ? ORDER BY date, id", (bundle_id,))
    return comments, [(str(r[0]), bytes(r[1]), bytes(r[2])) for r in sessions]
