"""SQL for session claims: confirmations kept apart until the user decides (schema 7)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from reflectjournal.domain.contact_card import card_from_json, card_to_json
from reflectjournal.domain.endorsement.claims import ClaimState, SessionClaim
from reflectjournal.domain.exchange import JsonReader
from reflectjournal.domain.ids import EntryId
from reflectjournal.store.database import Database

# The signer's card, the statement and its signature are kept so that a held confirmation
# from a verified contact can still be filed as signed evidence once the user accepts it.
V7: Sequence[str] = (
    """CREATE TABLE session_claims (
        id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL,
        signer_card TEXT NOT NULL,
        signer_verified INTEGER NOT NULL,
        date TEXT NOT NULL,
        minutes INTEGER NOT NULL,
        format TEXT NOT NULL,
        statement BLOB NOT NULL,
        signature BLOB NOT NULL,
        reasons TEXT NOT NULL,
        received_in TEXT NOT NULL,
        received_at TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending'
            CHECK (state IN ('pending', 'accepted', 'rejected')),
        entry_uuid TEXT,
        decided_at TEXT
    ) WITHOUT ROWID""",
    "CREATE INDEX session_claims_by_state ON session_claims(state, date)",
)

_COLUMNS = ("id, session_id, signer_card, signer_verified, date, minutes, format, reasons, "
            "received_in, received_at, state, entry_uuid")


def add(db: Database, claim: SessionClaim, statement: bytes, signature: bytes) -> None:
    """Store a new pending claim."""
    db.execute(
        f"INSERT INTO session_claims ({_COLUMNS}, statement, signature) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (claim.id, claim.session_id, json.dumps(card_to_json(claim.signer)),
         int(claim.signer_verified), claim.date.isoformat(), claim.minutes, claim.format,
         json.dumps(list(claim.reasons)), claim.received_in, claim.received_at.isoformat(),
         claim.state.value, claim.entry_id, statement, signature))


def _claim(r: Sequence[Any]) -> SessionClaim:
    return SessionClaim(
        id=str(r[0]), session_id=str(r[1]),
        signer=card_from_json(JsonReader(json.loads(str(r[2])), "")),
        signer_verified=bool(r[3]), date=dt.date.fromisoformat(str(r[4])), minutes=int(r[5]),
        format=str(r[6]), reasons=tuple(str(x) for x in json.loads(str(r[7]))),
        received_in=str(r[8]), received_at=dt.datetime.fromisoformat(str(r[9])),
        state=ClaimState(str(r[10])), entry_id=EntryId(r[11]) if r[11] else None)


def claims(db: Database, state: ClaimState | None = None) -> list[SessionClaim]:
    """Return claims (of one state, or all), by session date then id."""
    where, params = ("WHERE state = ?", (state.value,)) if state else ("", ())
    rows = db.rows(f"SELECT {_COLUMNS} FROM session_claims {where} ORDER BY date, id", params)
    return [_claim(r) for r in rows]


def claims_like(db: Database, prefix: str) -> list[SessionClaim]:
    """Return the claims whose id starts with prefix."""
    rows = db.rows(f"SELECT {_COLUMNS} FROM session_claims WHERE id LIKE ? || '%' ORDER BY id",
                   (prefix,))
    return [_claim(r) for r in rows]


def signed_statement(db: Database, claim_id: str) -> tuple[bytes, bytes]:
    """Return a claim's statement bytes and signature."""
    row = db.row("SELECT statement, signature FROM session_claims WHERE id = ?", (claim_id,))
    assert row is not None  # the caller read the claim in this transaction
    return bytes(row[0]), bytes(row[1])


def has_session(db: Database, session_id: str) -> bool:
    """Return whether a claim for this statement id is already kept."""
    return db.row("SELECT 1 FROM session_claims WHERE session_id = ?", (session_id,)) is not None


def decide(db: Database, claim_id: str, state: ClaimState, entry_id: EntryId | None,
           now: dt.datetime) -> None:
    """Record the user's decision on a pending claim."""
    db.execute("UPDATE session_claims SET state = ?, entry_uuid = ?, decided_at = ? "
               "WHERE id = ? AND state = 'pending'",
               (state.value, entry_id, now.isoformat(), claim_id))



def received_statements(db: Database) -> list[tuple[str, bytes, str, bytes, bytes]]:
    """Return (session id, signer key, signer name, statement, signature) of every received
    confirmation, oldest first: the exact signed bytes, for checking them outside the app."""
    rows = db.rows("SELECT id, other_key, other_name, statement, signature FROM "
                   "confirmed_sessions WHERE side = 'received' ORDER BY date, id")
    return [(str(r[0]), bytes(r[1]), str(r[2]), bytes(r[3]), bytes(r[4])) for r in rows]
