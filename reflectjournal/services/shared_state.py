"""What became of an entry after it was shared: changed since, and which version a comment answers.

The clinician's side of version-bound comments (docs/sharing.md, "Versions"). The journal
keeps every shared entry as it left (store/shared_versions.py); an entry is *changed since*
when its content no longer matches the state it had when last shared, and a comment is shown
with the version it answered, which may be an earlier one than the entry now holds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from reflectjournal.domain import bundle as fmt
from reflectjournal.domain.errors import BundleFormatError
from reflectjournal.domain.ids import EntryId
from reflectjournal.domain.shared_version import (
    UNKNOWN_VERSION,
    bundle_version,
    entry_state,
    short_version,
)
from reflectjournal.domain.supervision import EntryComment
from reflectjournal.domain.wording import count_words
from reflectjournal.services.entries import Entries
from reflectjournal.store import shared_versions as versions
from reflectjournal.store.database import Database
from reflectjournal.store.shared_versions import SentVersion as SentVersion


@dataclass(frozen=True, slots=True)
class AnsweredComment:
    """A received comment with the version of the entry it answered, as far as it is known."""

    comment: EntryComment
    answered: SentVersion | None  # None: an older reply or bundle, version not known
    current: bool  # it answers the entry as it is now

    @property
    def note(self) -> str:
        """Return which version the comment answers, in words."""
        if self.comment.version is None:
            return UNKNOWN_VERSION
        if self.current:
            return "on this version"
        if self.answered is None:
            return f"on version {short_version(self.comment.version)}"
        return (f"on the version you shared on {self.answered.sent_at:%Y-%m-%d} "
                "(you have changed the entry since)")


@dataclass(frozen=True, slots=True)
class ShareState:
    """One of the user's entries as shared: its versions, whether it changed, its comments."""

    shared: tuple[SentVersion, ...]  # oldest first; empty: never shared
    changed: bool  # edited since it was last shared
    commented: bool  # a supervisor's comment came back on it

    @property
    def marker(self) -> str:
        """Return the words the list and the reading pane show, or "" for none."""
        if not self.changed:
            return ""
        return ("Changed since your supervisor read it" if self.commented
                else "Changed since you shared it")


def share_state(db: Database, entries: Entries, entry_id: EntryId,
                comments: Sequence[EntryComment] = ()) -> ShareState:
    """Return how an entry stands against the versions of it that were shared."""
    shared = tuple(versions.versions_of(db, entry_id))
    if not shared:
        return ShareState((), False, bool(comments))
    now = entries.get_many([entry_id])
    changed = not now or entry_state(now[0]) != shared[-1].entry_state
    return ShareState(shared, changed, bool(comments))


def answered(state: ShareState, comments: Sequence[EntryComment]) -> list[AnsweredComment]:
    """Pair each comment with the shared version it names."""
    by_version = {v.version: v for v in state.shared}
    newest = state.shared[-1].version if state.shared else None
    return [AnsweredComment(c, by_version.get(c.version) if c.version else None,
                            c.version is not None and c.version == newest and not state.changed)
            for c in comments]


def changed_entries(db: Database, entries: Entries) -> dict[EntryId, str]:
    """Return the marker of every shared entry edited since it was last shared."""
    states = versions.latest_states(db)
    if not states:
        return {}
    commented = versions.commented_entries(db)
    now: dict[str, str] = {e.id: entry_state(e)
                           for e in entries.get_many([EntryId(i) for i in states])}
    return {
        EntryId(i): ShareState((), True, i in commented).marker
        for i, state in states.items() if i in now and now[i] != state
    }


def check_comments(db: Database, entries: Entries,
                   comments: Sequence[fmt.Comment]) -> list[str]:
    """Check the versions a reply's comments name; return what to tell the user.

    A version the answered bundle did not carry is refused (the reply was altered, or made
    for another bundle). A version the entry no longer has (it was edited since) is fine:
    the comment stays with the version it answered, and the user is told so.
    """
    notes = []
    edited = 0
    for comment in comments:
        if comment.version is None:
            continue
        if comment.entry_id is None:
            carried = _bundle_versions(db, comment.answers)
            if carried is not None and comment.version != carried:
                raise _altered()
            continue
        sent = versions.sent_version(db, comment.answers, comment.entry_id)
        if sent is None:
            continue  # shared before versions existed: nothing to compare with
        if sent.version != comment.version:
            raise _altered()
        now = entries.get_many([comment.entry_id])
        edited += not now or entry_state(now[0]) != sent.entry_state
    if edited:
        notes.append(
            f"{count_words(edited, 'comment answers', 'comments answer')} a version of an entry "
            "you have edited (or deleted) "
            "since you shared it. Each is kept with the version it answered, shown under the "
            "entry; your entry is unchanged.")
    return notes


def _bundle_versions(db: Database, bundle_id: str) -> str | None:
    carried = versions.in_bundle(db, bundle_id)
    return bundle_version([v.version for v in carried]) if carried else None


def _altered() -> BundleFormatError:
    return BundleFormatError(
        "The reply comments on a version of an entry that the bundle it answers did not "
        "carry. Nothing was filed.", "Ask your supervisor for a fresh copy of the reply.")


def shared_at(state: ShareState, version: str | None) -> dt.datetime | None:
    """Return when a version of the entry was shared, if it is one this journal recorded."""
    return next((v.sent_at for v in state.shared if v.version == version), None)
