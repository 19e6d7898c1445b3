"""Finding what supervisees shared: the filter, one found item, and a caseload row."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

REMOVED_CONTACT = "removed contact"


@dataclass(frozen=True, slots=True)
class ReceivedFilter:
    """Conditions a received entry must all meet (AND); None and () let everything through.

    A supervisee is their signing key, never a name. Kinds and tag groups are labels, as
    entries travel with their labels; a tag group matches an entry carrying any of them.
    """

    supervisees: tuple[bytes, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    kinds: tuple[str, ...] = ()
    tag_groups: tuple[tuple[str, ...], ...] = ()
    read: bool | None = None
    answered: bool | None = None

    @property
    def is_empty(self) -> bool:
        """Return whether the filter lets every received entry through."""
        return (
            not (
                self.supervisees or self.date_from or self.date_to or self.kinds or self.tag_groups
            )
            and self.read is None
            and self.answered is None
        )


@dataclass(frozen=True, slots=True)
class ReceivedItem:
    """One received entry as a list shows it."""

    row: int  # the stored row: the same entry shared twice is two items
    bundle_id: str
    entry_id: str
    sender_key: bytes
    sender_name: str  # as in contacts, or REMOVED_CONTACT with the key's fingerprint
    removed: bool  # the sender is no longer among the contacts
    verified: bool  # the bundle was signed by a verified contact
    kind_label: str
    date: str  # "2026-11" (coarsened) or "2026-11-03", as shared
    title: str
    received_at: dt.datetime
    read: bool
    answered: bool
    snippet: str = ""  # with search words between HIGHLIGHT_START and HIGHLIGHT_END


@dataclass(frozen=True, slots=True)
class CaseloadRow:
    """One supervisee on the caseload: what waits, and the confirmed sessions."""

    signing_key: bytes
    name: str
    removed: bool
    entries: int
    unread: int  # new since last time: never shown
    unanswered: int  # received entries with no comment written on them yet
    last_received: dt.datetime | None
    last_session: dt.date | None  # the last session confirmed with them
    minutes_this_year: int  # confirmed in the calendar year asked for
    # Entries they brought to supervision with no comment from you yet: the same items the
    # supervisor's agenda lists (store/supervision_loop.py, one condition for both).
    questions: int = 0

    @property
    def hours_this_year(self) -> float:
        """Return the confirmed minutes as hours."""
        return self.minutes_this_year / 60


def removed_name(fingerprint: str) -> str:
    """Return how a sender who is no longer a contact is named: plainly, by key."""
    return f"{REMOVED_CONTACT} {fingerprint}"
