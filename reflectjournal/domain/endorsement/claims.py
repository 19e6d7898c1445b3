"""Session confirmations that do not count: unverified claims and held confirmations.

A confirmation counts only when a contact the user verified with the pairing code signed it
and nothing about it is implausible (domain/endorsement/plausibility.py). Everything else
is kept apart as a claim until the user accepts or rejects it (issue 18).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from reflectjournal.domain.contact_card import ContactCard
from reflectjournal.domain.ids import EntryId


class ClaimState(StrEnum):
    """Where a claim stands (stored as the value)."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class SessionClaim:
    """One received session confirmation held for the user's decision."""

    id: str
    session_id: str  # the statement's own id
    signer: ContactCard  # as the bundle carried it: unverified unless signer_verified
    signer_verified: bool  # signed by a verified contact (then held only as implausible)
    date: dt.date
    minutes: int
    format: str
    reasons: tuple[str, ...]
    received_in: str
    received_at: dt.datetime
    state: ClaimState = ClaimState.PENDING
    entry_id: EntryId | None = None  # the entry an accepted claim made or confirmed

    @property
    def label(self) -> str:
        """Return how the claim is described: never 'confirmed'."""
        return ("held confirmation" if self.signer_verified else "unverified claim")
