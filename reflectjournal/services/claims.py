"""Session claims: received confirmations that count for nothing until the user decides.

Receiving files a confirmation as signed evidence only when a verified contact signed it and
nothing about it is implausible. Everything else lands here (issue 18). Accepting an
unverified claim makes a hand-logged session, never a confirmed one: the user vouches for it,
nobody else did. Accepting a held confirmation from a contact who is still verified files it
as signed, as it would have been had it looked ordinary.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from reflectjournal.domain.bundle import SessionStatement, parse_session_statement
from reflectjournal.domain.clock import utc_now
from reflectjournal.domain.contact_card import ContactCard
from reflectjournal.domain.endorsement.claims import ClaimState, SessionClaim
from reflectjournal.domain.endorsement.plausibility import ProposedSession, hold_reasons
from reflectjournal.domain.endorsement.records import (
    Confirmation,
    ProviderRecord,
    SupervisionField,
)
from reflectjournal.domain.entry import Entry, EntryChanges
from reflectjournal.domain.errors import EntryNotFoundError, InvalidInputError
from reflectjournal.domain.supervision import SessionSide
from reflectjournal.services.confirmations import Confirmations
from reflectjournal.services.entries import Entries
from reflectjournal.store import claims as sql
from reflectjournal.store import providers as provider_sql
from reflectjournal.store import sharing as sharing_sql
from reflectjournal.store.database import Database


class Claims:
    """Unverified claims and held confirmations of one open journal."""

    def __init__(self, db: Database, entries: Entries) -> None:
        self._db = db
        self._entries = entries
        self._confirmations = Confirmations(db, entries)

    def reasons_to_hold(self, statements: Sequence[SessionStatement], signer: bytes,
                        today: dt.date) -> dict[str, list[str]]:
        """Return why each implausible statement of one bundle is held (see plausibility)."""
        provider = provider_sql.by_contact(self._db, signer)
        days = [s.date for s in sharing_sql.sessions(self._db, SessionSide.RECEIVED.value)
                if s.other_key == signer and s.format != "group"]
        proposed = [ProposedSession(s.id, s.date, s.minutes, s.format) for s in statements]
        return hold_reasons(proposed, provider, days, today)

    def hold(self, statement: SessionStatement, signed: tuple[bytes, bytes],
             signer: ContactCard, signer_verified: bool, reasons: Sequence[str],
             bundle_id: str) -> SessionClaim:
        """Keep one statement as a pending claim (inside the caller's transaction)."""
        claim = SessionClaim(
            id=uuid.uuid4().hex, session_id=statement.id, signer=signer,
            signer_verified=signer_verified, date=statement.date, minutes=statement.minutes,
            format=statement.format, reasons=tuple(reasons), received_in=bundle_id,
            received_at=utc_now())
        sql.add(self._db, claim, signed[0], signed[1])
        return claim

    def is_held(self, session_id: str) -> bool:
        """Return whether a claim for this statement id is already kept."""
        return sql.has_session(self._db, session_id)

    def all(self, state: ClaimState | None = None) -> list[SessionClaim]:
        """Return the claims (of one state, or all), by session date."""
        with self._db.transaction():
            return sql.claims(self._db, state)

    def find(self, id_or_prefix: str) -> SessionClaim:
        """Return the one claim whose id starts with the given text."""
        prefix = id_or_prefix.strip().lower()
        if len(prefix) < 4:
            raise InvalidInputError("Give at least 4 characters of the claim's id.",
                                    "List the claims with: reflectjournal claims")
        with self._db.transaction():
            found = sql.claims_like(self._db, prefix)
        if not found:
            raise EntryNotFoundError(f"No claim has an id starting with {prefix}.",
                                     "List the claims with: reflectjournal claims")
        if len(found) > 1:
            raise InvalidInputError(f"{len(found)} claims have ids starting with {prefix}.",
                                    "Give more of the id.")
        return found[0]

    def _pending(self, id_or_prefix: str) -> SessionClaim:
        claim = self.find(id_or_prefix)
        if claim.state is not ClaimState.PENDING:
            raise InvalidInputError(f"This claim was {claim.state.value} already; nothing "
                                    "changed.")
        return claim

    def signed_statements(self) -> list[tuple[str, bytes, str, bytes, bytes]]:
        """Return each received confirmation's signer and exact signed bytes (for export)."""
        with self._db.transaction():
            return sql.received_statements(self._db)

    def reject(self, id_or_prefix: str) -> SessionClaim:
        """Reject a pending claim: it stays on record and never counts."""
        claim = self._pending(id_or_prefix)
        with self._db.transaction():
            sql.decide(self._db, claim.id, ClaimState.REJECTED, None, utc_now())
        return self.find(claim.id)

    def accept(self, id_or_prefix: str) -> Entry:
        """Accept a pending claim knowingly; return the supervision entry it files.

        An unverified claim becomes a hand-logged session. A held confirmation whose signer
        is still a verified contact is filed as signed, attaching to a hand-logged session of
        that day as any confirmation does.
        """
        claim = self._pending(id_or_prefix)
        with self._db.transaction():
            statement_bytes, signature = sql.signed_statement(self._db, claim.id)
            contact = sharing_sql.contact_by_key(self._db, claim.signer.signing_key)
            if (claim.signer_verified and contact is not None and contact.verified
                    and not sharing_sql.session_exists(self._db, claim.session_id)):
                filed = self._confirmations.file_received(
                    parse_session_statement(statement_bytes), contact.card, contact.name,
                    (statement_bytes, signature), claim.received_in)
                entry_id = filed.entry_id
            else:
                entry_id = self._hand_logged(claim).id
            sql.decide(self._db, claim.id, ClaimState.ACCEPTED, entry_id, utc_now())
            return self._entries.get(entry_id)

    def _hand_logged(self, claim: SessionClaim) -> Entry:
        provider = self._provider_named(claim.signer.name)
        return self._entries.add(EntryChanges(
            kind="supervision", date=claim.date,
            title=f"Supervision with {claim.signer.name}",
            duration_minutes=claim.minutes,
            fields={SupervisionField.PROVIDER_ID.value: provider.id,
                    SupervisionField.FORMAT.value: claim.format,
                    SupervisionField.PEER.value: False,
                    SupervisionField.CONFIRMATION.value: Confirmation.HAND_LOGGED.value},
            body=(f"Accepted by me from an unverified claim received "
                  f"{claim.received_at:%Y-%m-%d}; logged by hand, not confirmed."),
        ))

    def _provider_named(self, name: str) -> ProviderRecord:
        """Return the one unlinked provider record of this name, or a new unlinked one.

        Never a record linked to a contact's key: a name proves nothing, so an accepted
        claim must not make a verified provider's later confirmations attach to it.
        """
        named = [p for p in provider_sql.all_providers(self._db)
                 if p.contact_key is None and p.name.casefold() == name.casefold()]
        if len(named) == 1:
            return named[0]
        record = ProviderRecord(id=uuid.uuid4().hex, name=name)
        provider_sql.insert(self._db, record, utc_now())
        return record
