"""The supervisor's desk: received entries, comments on them, confirmed sessions, attestations.

A base of `Sharing` (services/sharing.py), which adds contacts, sending and replies; apart
so that neither file grows past what a reader holds at once. Each method that writes is one
transaction.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from reflectjournal.domain import bundle as fmt
from reflectjournal.domain.clock import utc_now
from reflectjournal.domain.errors import EntryNotFoundError, InvalidInputError
from reflectjournal.domain.ids import EntryId
from reflectjournal.domain.shared_version import bundle_version
from reflectjournal.domain.supervision import (
    ConfirmedSession,
    ReceivedBundle,
    ReceivedEntry,
    ReviewComment,
    SessionSide,
)
from reflectjournal.services import attestations
from reflectjournal.store import drafts
from reflectjournal.store import sealed_bundle as sealed
from reflectjournal.store import sharing as sql
from reflectjournal.store.database import Database

MAX_GROUP = 30  # supervisees in one group session: a large reflective group, with room


class SupervisorDesk:
    """What a supervisor does with what supervisees shared (see `Sharing`)."""

    _db: Database

    def _identity(self) -> tuple[sealed.Identity, str, str]:
        with self._db.transaction():
            return sql.identity(self._db)

    def received_bundles(self) -> list[ReceivedBundle]:
        """Return the entries bundles received, newest first."""
        return sql.received_bundles(self._db, "entries")

    def received_entries(self, bundle_id: str) -> list[ReceivedEntry]:
        """Return a received bundle's entries."""
        return sql.received_entries(self._db, bundle_id)

    def find_received(self, id_or_prefix: str) -> ReceivedEntry:
        """Return the received entry with this id (or unique prefix), from its latest bundle."""
        prefix = id_or_prefix.strip().lower()
        if len(prefix) < 4 or any(c not in "0123456789abcdef-" for c in prefix):
            raise InvalidInputError(f"'{id_or_prefix}' is not an entry id (or 4+ characters "
                                    "of one).")
        rows = sql.received_entries_like(self._db, prefix)
        ids = {r[0] for r in rows}
        if not ids:
            raise EntryNotFoundError(f"No received entry has an id starting '{id_or_prefix}'.")
        if len(ids) > 1:
            raise InvalidInputError(f"'{id_or_prefix}' matches {len(ids)} received entries; "
                                    "give more of the id.")
        entry_id, bundle_id = rows[0]
        return next(e for e in self.received_entries(bundle_id) if e.entry.id == entry_id)

    def add_comment(self, bundle_id: str, entry_id: EntryId | None, text: str,
                    question: bool = False) -> ReviewComment:
        """Write a comment on a received entry (or, with no entry, on the whole bundle).

        A question stays on the supervisee's agenda until they answer it.
        """
        text = text.strip()
        if not text or len(text) > fmt.MAX_COMMENT_CHARS:
            raise InvalidInputError(f"A comment is 1 to {fmt.MAX_COMMENT_CHARS} characters.")
        if sql.received_bundle(self._db, bundle_id) is None or (
            entry_id is not None and entry_id not in sql.received_entry_ids(self._db, bundle_id)
        ):
            raise EntryNotFoundError("That entry was not received in that bundle.")
        with self._db.transaction():
            comment_id = sql.add_review_comment(self._db, bundle_id, entry_id, text, utc_now(),
                                                question)
            drafts.delete_comment(self._db, bundle_id, entry_id)  # written: no draft left
        return next(c for c in self.review_comments(bundle_id) if c.id == comment_id)

    def earlier_received(self, bundle_id: str, entry_id: EntryId,
                         ) -> tuple[str, dt.datetime, fmt.SharedEntry] | None:
        """Return the version of a received entry its sender shared before this one, if any."""
        return sql.earlier_received(self._db, bundle_id, entry_id)

    def answered_version(self, bundle_id: str, entry_id: EntryId | None) -> str | None:
        """Return the version a comment on this received entry (None: the bundle) answers.

        None for a bundle written before versions existed: its content cannot be matched
        with what the clinician's journal kept, so no version is claimed for it.
        """
        if entry_id is not None:
            entry = sql.received_entry(self._db, bundle_id, entry_id)
            return entry.version if entry else None
        carried = [e.entry.version for e in sql.received_entries(self._db, bundle_id)]
        if not carried or None in carried:
            return None
        return bundle_version([v for v in carried if v is not None])

    def save_comment_draft(self, bundle_id: str, entry_id: EntryId | None, text: str) -> None:
        """Keep a comment being written, encrypted like entry drafts; empty text forgets it."""
        with self._db.transaction():
            if text.strip():
                drafts.save_comment(self._db, bundle_id, entry_id,
                                    text[:fmt.MAX_COMMENT_CHARS], utc_now())
            else:
                drafts.delete_comment(self._db, bundle_id, entry_id)

    def comment_draft(self, bundle_id: str, entry_id: EntryId | None) -> str:
        """Return the comment being written on a received entry or bundle, or ""."""
        return drafts.load_comment(self._db, bundle_id, entry_id)

    def review_comments(self, bundle_id: str) -> list[ReviewComment]:
        """Return the comments written on a received bundle."""
        return sql.review_comments(self._db, bundle_id)

    def delete_comment(self, comment_id: int) -> None:
        """Delete a comment that has not been sent yet."""
        with self._db.transaction():
            if not sql.delete_review_comment(self._db, comment_id):
                raise InvalidInputError("Only comments not sent yet can be deleted.")

    def confirm_session(self, bundle_id: str, date: dt.date, minutes: int,
                        session_format: str, details: fmt.SessionDetails | None = None,
                        ) -> ConfirmedSession:
        """Confirm a supervision session with the sender of a received bundle (signed).

        `details` (mode, about the supervisee's own RSC, age focus, the supervisor's own
        qualification) are signed with it when given (spec 2.7).
        """
        [made] = self._confirm([bundle_id], date, minutes, session_format, details)
        return made

    def confirm_group_session(self, bundle_ids: Sequence[str], date: dt.date, minutes: int,
                              details: fmt.SessionDetails | None = None,
                              ) -> list[ConfirmedSession]:
        """Confirm one group session for the senders of several bundles, in one step.

        Each supervisee gets a statement of their own, separately signed, naming only
        their key and yours: a statement never tells one supervisee who else took part.
        """
        ids = list(dict.fromkeys(bundle_ids))
        if len(ids) < 2:
            raise InvalidInputError("A group session is confirmed for at least two "
                                    "supervisees; for one, confirm a session with them.")
        if len(ids) > MAX_GROUP:
            raise InvalidInputError(f"A group session is confirmed for at most {MAX_GROUP} "
                                    "supervisees at once.")
        return self._confirm(ids, date, minutes, "group", details)

    def _confirm(self, bundle_ids: Sequence[str], date: dt.date, minutes: int,
                 session_format: str, details: fmt.SessionDetails | None,
                 ) -> list[ConfirmedSession]:
        """Sign one statement per bundle's sender and keep them all, in one transaction."""
        received: list[ReceivedBundle] = []
        for bundle_id in bundle_ids:
            found = sql.received_bundle(self._db, bundle_id)
            if found is None:
                raise EntryNotFoundError("No such received bundle.")
            if any(r.sender.signing_key == found.sender.signing_key for r in received):
                raise InvalidInputError(f"The session names {found.sender.name} twice; each "
                                        "supervisee is named once.")
            received.append(found)
        if not 1 <= minutes <= 24 * 60:
            raise InvalidInputError("A session lasts 1 to 1440 minutes.")
        if session_format not in fmt.SESSION_FORMATS:
            raise InvalidInputError("A session is 'individual' or 'group'.")
        if date > utc_now().date() + dt.timedelta(days=1):
            raise InvalidInputError("A session cannot be confirmed before it took place.")
        checked = (details or fmt.SessionDetails()).checked()
        ident, _, _ = self._identity()
        made = []
        with self._db.transaction():
            for bundle in received:
                statement = fmt.SessionStatement(
                    id=str(uuid.uuid4()), supervisor_key=ident.signing_key,
                    supervisee_key=bundle.sender.signing_key, date=date, minutes=minutes,
                    format=session_format,  # checked against SESSION_FORMATS above
                    **checked, answers_version=self.answered_version(bundle.bundle_id, None),
                )
                raw = fmt.session_statement_bytes(statement)
                sql.add_session(self._db, SessionSide.GIVEN, statement, bundle.sender, raw,
                                ident.sign(raw))
                made.append(statement.id)
        given = {s.id: s for s in sql.sessions(self._db, SessionSide.GIVEN)}
        return [given[i] for i in made]

    def attest_period(self, bundle_id: str, date_from: dt.date, date_to: dt.date,
                      declaration: str) -> attestations.Attested:
        """Sign a period attestation for the sender of a received bundle (spec 2.7)."""
        received = sql.received_bundle(self._db, bundle_id)
        if received is None:
            raise EntryNotFoundError("No such received bundle.")
        ident, _, _ = self._identity()
        return attestations.attest(self._db, ident, received.sender, received.sender.name,
                                   date_from, date_to, declaration)

    def attestations(self, side: str) -> list[attestations.Attested]:
        """Return period attestations given (as supervisor) or received (as supervisee)."""
        return attestations.listed(self._db, "given" if side == "given" else "received")

    def confirmed_sessions(self, side: str | None = None) -> list[ConfirmedSession]:
        """Return sessions confirmed by signature ('given' by me or 'received' from)."""
        return sql.sessions(self._db, side)
