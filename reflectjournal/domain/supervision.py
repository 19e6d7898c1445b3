"""The records of supervision: contacts, bundles received, comments and confirmed sessions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from reflectjournal.domain.bundle import SharedEntry
from reflectjournal.domain.contact_card import ContactCard
from reflectjournal.domain.ids import EntryId


class SessionSide(StrEnum):
    """Which side of a confirmed session this journal is on (stored as the value)."""

    GIVEN = "given"  # I confirmed it, as the supervisor
    RECEIVED = "received"  # my supervisor confirmed it to me


@dataclass(frozen=True, slots=True)
class Contact:
    """A person whose card this journal imported."""

    id: int
    card: ContactCard
    added_at: dt.datetime
    verified_at: dt.datetime | None

    @property
    def name(self) -> str:
        """Return the name as on the card."""
        return self.card.name

    @property
    def verified(self) -> bool:
        """Return whether the pairing code was confirmed."""
        return self.verified_at is not None


@dataclass(frozen=True, slots=True)
class ReceivedBundle:
    """A bundle filed in this journal: who sent it, when, and whether the sender is verified."""

    bundle_id: str
    kind: str
    sender: ContactCard
    verified: bool
    created_at: dt.datetime
    received_at: dt.datetime
    message: str
    entry_count: int = 0


@dataclass(frozen=True, slots=True)
class ReceivedEntry:
    """An entry someone shared with this journal's user: read-only."""

    bundle_id: str
    entry: SharedEntry


@dataclass(frozen=True, slots=True)
class ReviewComment:
    """A comment this journal's user wrote on a received entry (or on a whole bundle)."""

    id: int
    bundle_id: str
    entry_id: EntryId | None
    text: str
    written_at: dt.datetime
    sent_in: str | None
    question: bool = False  # asked as a question: the clinician's agenda keeps it open


@dataclass(frozen=True, slots=True)
class EntryComment:
    """A comment received on one of this journal's own entries."""

    entry_id: EntryId | None
    answers: str
    author: str
    author_role: str
    verified: bool
    text: str
    written_at: dt.datetime
    received_at: dt.datetime
    version: str | None = None  # the version it answers (domain/shared_version.py); None: unknown
    question: bool = False  # asked as a question: an agenda item until answered


@dataclass(frozen=True, slots=True)
class ConfirmedSession:
    """A supervision session confirmed with the supervisor's signature."""

    id: str
    side: SessionSide
    other_key: bytes  # the other person's signing key: names can repeat
    other_name: str
    date: dt.date
    minutes: int
    format: str
    entry_id: EntryId | None
    sent_in: str | None
    # Received and attached to a hand-logged entry whose minutes differed: those minutes
    # (the confirmed ones replaced them on the entry). None: no difference, or no entry.
    logged_minutes: int | None = None

    @property
    def minutes_differ(self) -> bool:
        """Return whether the confirmed minutes differ from those logged by hand."""
        return self.logged_minutes is not None and self.logged_minutes != self.minutes
