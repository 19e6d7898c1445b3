"""Storage of signed period attestations, given (supervisor) and received (supervisee).

A journal holds a handful: one per supervisor and period, written a few times a year. They are
kept as a JSON list under one meta key per side (encrypted with the rest of the database),
each with its exact signed bytes and signature, so they can be checked again at any time;
nothing ever queries inside them, so a table of their own would buy nothing.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import Literal

from reflectjournal.store import meta
from reflectjournal.store.database import Database

Side = Literal["given", "received"]
_KEYS: dict[Side, meta.MetaKey] = {"given": "attestations_given",
                                   "received": "attestations_received"}


@dataclass(frozen=True, slots=True)
class StoredAttestation:
    """One signed attestation and what the journal knows about it."""

    statement: bytes
    signature: bytes
    other_name: str  # the supervisee (given) or the supervisor (received)
    other_fingerprint: str
    verified: bool  # received from a contact verified with the pairing code
    bundle_id: str | None  # the reply it went out in, or came in with


def all_of(db: Database, side: Side) -> list[StoredAttestation]:
    """Return the attestations of one side, oldest first."""
    raw = meta.get(db, _KEYS[side])
    return [StoredAttestation(base64.b64decode(a["statement"]), base64.b64decode(a["signature"]),
                              a["other_name"], a["other_fingerprint"], a["verified"],
                              a["bundle_id"])
            for a in (json.loads(raw) if raw else [])]


def save_all(db: Database, side: Side, found: list[StoredAttestation]) -> None:
    """Replace one side's list (inside the caller's transaction)."""
    meta.put(db, _KEYS[side], json.dumps([
        {"statement": base64.b64encode(a.statement).decode("ascii"),
         "signature": base64.b64encode(a.signature).decode("ascii"),
         "other_name": a.other_name, "other_fingerprint": a.other_fingerprint,
         "verified": a.verified, "bundle_id": a.bundle_id} for a in found]))
