"""Period attestations (spec 2.7): the supervisor signs one, the reply carries it, the
supervisee keeps it as supporting evidence.

The sessions and hours attested are the ones the supervisor confirmed to that supervisee in
the period (their signed session statements), never typed in by hand, so an attestation and
the per-session confirmations cannot disagree.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from reflectjournal.domain import attestation as fmt
from reflectjournal.domain.clock import utc_now
from reflectjournal.domain.contact_card import ContactCard
from reflectjournal.domain.errors import BundleFormatError, BundleSenderError
from reflectjournal.domain.supervision import SessionSide
from reflectjournal.store import attestations as sql
from reflectjournal.store import sealed_bundle as sealed
from reflectjournal.store import sharing as sharing_sql
from reflectjournal.store.database import Database


@dataclass(frozen=True, slots=True)
class Attested:
    """One attestation as a journal shows it: what it says, who signed, whether verified."""

    side: sql.Side
    attestation: fmt.PeriodAttestation
    other_name: str
    other_fingerprint: str
    verified: bool
    bundle_id: str | None

    def words(self, me: str) -> str:
        """Return the signed sentence, naming both people (`me`: this journal's owner)."""
        if self.side == "received":
            return self.attestation.words(self.other_name, me or "me")
        return self.attestation.words(me or "me", self.other_name)


def attest(db: Database, ident: sealed.Identity, contact: ContactCard, name: str,
           date_from: dt.date, date_to: dt.date, declaration: str) -> Attested:
    """Sign an attestation for the sessions confirmed to this supervisee in the period."""
    rows = [(s.date, s.minutes, s.format) for s in sharing_sql.sessions(db, SessionSide.GIVEN)
            if s.other_key == contact.signing_key]
    sessions, minutes, shown = fmt.tally(rows, date_from, date_to)
    made = fmt.PeriodAttestation(
        id=str(uuid.uuid4()), supervisor_key=ident.signing_key,
        supervisee_key=contact.signing_key, date_from=date_from, date_to=date_to,
        sessions=sessions, minutes=minutes, format=shown,
        declaration=declaration.strip()[:fmt.MAX_DECLARATION_CHARS], made_on=utc_now().date())
    raw = fmt.attestation_bytes(made)
    stored = sql.StoredAttestation(raw, ident.sign(raw), name, contact.fingerprint, True, None)
    with db.transaction():
        sql.save_all(db, "given", [*sql.all_of(db, "given"), stored])
    return Attested("given", made, name, contact.fingerprint, True, None)


def unsent(db: Database, contact_key: bytes) -> list[tuple[bytes, bytes]]:
    """Return the (statement, signature) of attestations not yet sent to this supervisee."""
    return [(a.statement, a.signature) for a in sql.all_of(db, "given")
            if a.bundle_id is None and fmt.parse_attestation(a.statement).supervisee_key
            == contact_key]


def sent_in(db: Database, bundle_id: str) -> list[tuple[bytes, bytes]]:
    """Return the (statement, signature) of attestations one reply carried, in its order."""
    return [(a.statement, a.signature) for a in sql.all_of(db, "given")
            if a.bundle_id == bundle_id]


def mark_sent(db: Database, statements: list[bytes], bundle_id: str) -> None:
    """Record that these attestations went out in a reply (inside its transaction)."""
    sent = set(statements)
    sql.save_all(db, "given", [
        sql.StoredAttestation(a.statement, a.signature, a.other_name, a.other_fingerprint,
                              a.verified, bundle_id if a.statement in sent else a.bundle_id)
        for a in sql.all_of(db, "given")])


def check_received(signed: list[tuple[bytes, bytes]], sender_key: bytes,
                   my_key: bytes) -> list[tuple[fmt.PeriodAttestation, bytes, bytes]]:
    """Parse and verify a reply's attestations; any bad one refuses the whole reply."""
    found = []
    for statement, signature in signed:
        made = fmt.parse_attestation(statement)
        if (made.supervisor_key != sender_key or made.supervisee_key != my_key
                or not sealed.verify(sender_key, statement, signature)):
            raise BundleSenderError("A period attestation in the reply is not signed by its "
                                    "sender for you. Nothing was filed.")
        found.append((made, statement, signature))
    if len({m.id for m, _, _ in found}) != len(found):
        raise BundleFormatError("The reply carries one period attestation twice.")
    return found


def file_received(db: Database, found: list[tuple[fmt.PeriodAttestation, bytes, bytes]],
                  sender: ContactCard, name: str, verified: bool, bundle_id: str) -> int:
    """Keep verified attestations (inside the caller's transaction); return how many new."""
    kept = sql.all_of(db, "received")
    known = {fmt.parse_attestation(a.statement).id for a in kept}
    new = [sql.StoredAttestation(statement, signature, name, sender.fingerprint, verified,
                                 bundle_id)
           for made, statement, signature in found if made.id not in known]
    if new:
        sql.save_all(db, "received", [*kept, *new])
    return len(new)


def listed(db: Database, side: sql.Side) -> list[Attested]:
    """Return one side's attestations, oldest first."""
    return [Attested(side, fmt.parse_attestation(a.statement), a.other_name,
                     a.other_fingerprint, a.verified, a.bundle_id) for a in sql.all_of(db, side)]
