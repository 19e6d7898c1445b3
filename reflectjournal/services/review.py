"""What the supervisor's review screen shows, read in one go and grouped by supervisee.

A supervisee is their signing key, never their name: two people can share a name, and a
card's name can change between bundles. Bundles, their comments, confirmed sessions and
the contact record are all tied to that key here, so no screen has to match names.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from reflectjournal.domain.bundle import SharedEntry
from reflectjournal.domain.contact_card import ContactCard
from reflectjournal.domain.ids import EntryId
from reflectjournal.domain.shared_diff import PartDiff, shared_changes
from reflectjournal.domain.supervision import (
    ConfirmedSession,
    Contact,
    ReceivedBundle,
    ReviewComment,
)
from reflectjournal.services.journal import Journal


@dataclass(frozen=True, slots=True)
class BundleReview:
    """One received entries bundle with its entries and the comments written on it."""

    bundle: ReceivedBundle
    entries: tuple[SharedEntry, ...] = ()
    comments: tuple[ReviewComment, ...] = ()

    def comments_on(self, entry_id: EntryId | None) -> tuple[ReviewComment, ...]:
        """Return the comments on one entry, or with None the overall ones on the bundle."""
        return tuple(c for c in self.comments if c.entry_id == entry_id)


@dataclass(frozen=True, slots=True)
class SuperviseeReview:
    """Everything received from one signing key, and the sessions confirmed with it."""

    card: ContactCard  # as the newest bundle gave it
    contact: Contact | None  # None once the contact was removed
    bundles: tuple[BundleReview, ...]  # newest first
    sessions: tuple[ConfirmedSession, ...] = ()  # confirmed by this journal's user

    @property
    def signing_key(self) -> bytes:
        """Return the key that identifies this supervisee."""
        return self.card.signing_key

    @property
    def name(self) -> str:
        """Return the name as in contacts, else as the newest bundle said."""
        return self.contact.name if self.contact else self.card.name

    @property
    def role(self) -> str:
        """Return the role as in contacts, else as the newest bundle said."""
        return self.contact.card.role if self.contact else self.card.role

    @property
    def verified(self) -> bool:
        """Return whether this key is a contact whose pairing code was compared."""
        return self.contact is not None and self.contact.verified

    @property
    def entry_count(self) -> int:
        """Return how many entries came in all of this supervisee's bundles."""
        return sum(len(b.entries) for b in self.bundles)

    def earlier_version(self, bundle_id: str, entry_id: EntryId) -> EarlierVersion | None:
        """Return the entry as the bundle received before this one carried it, if any.

        An entry shared again keeps its id: the nearest older bundle holding that id is
        the version the supervisor read before this one.
        """
        seen_this = False
        for reviewed in self.bundles:  # newest first
            if seen_this:
                for entry in reviewed.entries:
                    if entry.id == entry_id:
                        return EarlierVersion(reviewed, entry)
            elif reviewed.bundle.bundle_id == bundle_id:
                seen_this = True
        return None


@dataclass(frozen=True, slots=True)
class EarlierVersion:
    """An entry as an older bundle carried it, with the comments written on that version."""

    reviewed: BundleReview
    entry: SharedEntry

    @property
    def comments(self) -> tuple[ReviewComment, ...]:
        """Return the comments written on this version (they stay with it)."""
        return self.reviewed.comments_on(self.entry.id)

    def changes_to(self, entry: SharedEntry) -> list[PartDiff]:
        """Return what differs from this version to a later one, word by word."""
        return shared_changes(self.entry, entry)


@dataclass(frozen=True, slots=True)
class ReviewData:
    """Everything the review screen shows: supervisees by name, then by key."""

    supervisees: tuple[SuperviseeReview, ...] = ()
    newest: BundleReview | None = None  # the bundle received last, shown first

    @property
    def empty(self) -> bool:
        """Return whether nothing was received yet."""
        return not self.supervisees


def group_review(
    bundles: Iterable[BundleReview],
    sessions: Iterable[ConfirmedSession],
    contacts: Iterable[Contact],
) -> ReviewData:
    """Group bundles (newest first) and sessions by the supervisee's signing key.

    Sessions confirmed with a key that sent no bundle still on file are left out: the screen
    shows a supervisee only through what they shared.
    """
    by_key_contact = {c.card.signing_key: c for c in contacts}
    by_key_bundles: dict[bytes, list[BundleReview]] = {}
    ordered = list(bundles)
    for bundle in ordered:
        by_key_bundles.setdefault(bundle.bundle.sender.signing_key, []).append(bundle)
    by_key_sessions: dict[bytes, list[ConfirmedSession]] = {}
    for session in sessions:
        by_key_sessions.setdefault(session.other_key, []).append(session)
    supervisees = [
        SuperviseeReview(
            group[0].bundle.sender,
            by_key_contact.get(key),
            tuple(group),
            tuple(by_key_sessions.get(key, ())),
        )
        for key, group in by_key_bundles.items()
    ]
    supervisees.sort(key=lambda s: (s.name.casefold(), s.signing_key))
    return ReviewData(tuple(supervisees), ordered[0] if ordered else None)


def load_review(journal: Journal) -> ReviewData:
    """Read every received entries bundle with its entries, comments and sessions."""
    sharing = journal.sharing
    bundles = [
        BundleReview(
            b,
            tuple(e.entry for e in sharing.received_entries(b.bundle_id)),
            tuple(sharing.review_comments(b.bundle_id)),
        )
        for b in sharing.received_bundles()  # newest first
    ]
    return group_review(bundles, sharing.confirmed_sessions("given"), sharing.contacts())
