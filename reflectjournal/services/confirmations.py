"""Signed session confirmations: attach to the hand-logged session, or become its entry.

A supervisor's signed confirmation of a session the user already logged by hand must not
count the hours twice (audit K2). So a confirmation from a provider for a day on which the
user logged a session with that provider attaches to that entry: the confirmed minutes win,
and the logged minutes, when they differ, are kept on the confirmation and flagged. Only a
session nobody logged becomes a new entry. Either way the entry reads `confirmation =
signed`, which locks its hours (domain/endorsement/locking.py); the user adds a dated
amendment instead, or unlinks the confirmation.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from reflectjournal.domain.bundle import SessionStatement
from reflectjournal.domain.clock import utc_now
from reflectjournal.domain.contact_card import ContactCard
from reflectjournal.domain.endorsement.locking import is_signed
from reflectjournal.domain.endorsement.records import (
    SUPERVISION_KIND,
    Amendment,
    Confirmation,
    ProviderRecord,
    SupervisionField,
)
from reflectjournal.domain.entry import MAX_TEXT_CHARS, Entry, EntryChanges, FieldValue
from reflectjournal.domain.errors import InvalidInputError
from reflectjournal.domain.ids import EntryId
from reflectjournal.domain.supervision import SessionSide
from reflectjournal.services.entries import Entries
from reflectjournal.store import amendments as amendment_sql
from reflectjournal.store import providers as provider_sql
from reflectjournal.store import sharing as sharing_sql
from reflectjournal.store.database import Database
from reflectjournal.store.ledger_entries import sessions_on


@dataclass(frozen=True, slots=True)
class FiledSession:
    """What one received confirmation did: attached to an entry, or made one."""

    entry_id: EntryId
    attached: bool
    logged_minutes: int | None  # the hand-logged minutes, when they differed

    @property
    def minutes_differ(self) -> bool:
        """Return whether the confirmation changed the entry's minutes."""
        return self.logged_minutes is not None


class Confirmations:
    """Received confirmations, amendments and unlinking, for one open journal."""

    def __init__(self, db: Database, entries: Entries) -> None:
        self._db = db
        self._entries = entries

    def file_received(self, statement: SessionStatement, sender: ContactCard, name: str,
                      signed: tuple[bytes, bytes], bundle_id: str) -> FiledSession:
        """File one verified statement (inside the caller's transaction); see the module."""
        provider = self._provider_for(sender, name)
        taken = sharing_sql.session_entry_ids(self._db)
        logged = [(entry_id, minutes) for entry_id, minutes
                  in sessions_on(self._db, statement.date, provider.id) if entry_id not in taken]
        # Two sessions with one provider on one day: the one logged with the same minutes.
        logged.sort(key=lambda row: row[1] != statement.minutes)
        fields: dict[str, FieldValue] = {
            SupervisionField.CONFIRMATION.value: Confirmation.SIGNED.value,
            SupervisionField.FORMAT.value: statement.format}
        # What the supervisor signed besides the format wins over what was logged by hand.
        for key, value in ((SupervisionField.MODE, statement.mode),
                           (SupervisionField.ABOUT_OWN_RSC, statement.about_own_rsc),
                           (SupervisionField.FOCUS, statement.focus)):
            if value is not None:
                fields[key.value] = value
        if logged:
            entry_id, minutes = logged[0]
            before = self._entries.get(entry_id)
            self._entries.update(entry_id, EntryChanges(
                fields={**before.fields, **fields}, duration_minutes=statement.minutes),
                confirmed=True)
            differ = minutes if minutes != statement.minutes else None
            filed = FiledSession(entry_id, True, differ)
        else:
            entry = self._entries.add(EntryChanges(
                kind="supervision", date=statement.date,
                title=f"Supervision with {name} (confirmed)",
                duration_minutes=statement.minutes,
                fields={**fields, SupervisionField.PROVIDER_ID.value: provider.id,
                        SupervisionField.PEER.value: False},
                body=f"Confirmed and signed by {name} in a reply received {utc_now():%Y-%m-%d}.",
            ), confirmed=True)
            filed = FiledSession(entry.id, False, None)
        sharing_sql.add_session(self._db, SessionSide.RECEIVED, statement, sender, signed[0],
                                signed[1], entry_id=filed.entry_id, received_in=bundle_id,
                                logged_minutes=filed.logged_minutes)
        return filed

    def _provider_for(self, sender: ContactCard, name: str) -> ProviderRecord:
        """Return the signer's provider record, linking or making one if there is none."""
        linked = provider_sql.by_contact(self._db, sender.signing_key)
        if linked is not None:
            return linked
        # Not linked yet: one unlinked record of the contact's name is taken to be them, and
        # linked from now on (two of that name: a new record; the user merges if need be).
        named = [p for p in provider_sql.all_providers(self._db)
                 if p.contact_key is None and p.name.casefold() == name.casefold()]
        if len(named) == 1:
            provider_sql.set_contact(self._db, named[0].id, sender.signing_key.hex())
            return named[0]
        # Qualification left unknown: the user records what the provider held.
        record = ProviderRecord(id=uuid.uuid4().hex, name=name,
                                contact_key=sender.signing_key.hex())
        provider_sql.insert(self._db, record, utc_now())
        return record

    def amend(self, id_or_prefix: str, text: str) -> Amendment:
        """Add a dated note to an entry, e.g. a correction to signed hours."""
        cleaned = text.strip()
        if not cleaned:
            raise InvalidInputError("An amendment needs some text.")
        if len(cleaned) > MAX_TEXT_CHARS:
            raise InvalidInputError(f"A text can have at most {MAX_TEXT_CHARS} characters.")
        entry = self._entries.get(id_or_prefix)
        amendment = Amendment(entry.id, utc_now(), cleaned)
        with self._db.transaction():
            amendment_sql.add(self._db, amendment)
        return amendment

    def amendments(self, id_or_prefix: str) -> list[Amendment]:
        """Return an entry's amendments, oldest first."""
        entry = self._entries.get(id_or_prefix)
        with self._db.transaction():
            return amendment_sql.of_entry(self._db, entry.id)

    def mark_printed_signature(self, id_or_prefix: str) -> Entry:
        """Mark a supervision session as confirmed on a printed log the provider signed."""
        entry = self._entries.get(id_or_prefix)
        if entry.kind != SUPERVISION_KIND:
            raise InvalidInputError("Only a supervision session can carry a provider's "
                                    "printed signature.")
        if is_signed(entry):
            raise InvalidInputError("This session is already confirmed by a signature your "
                                    "provider sent in the app; nothing changed.")
        fields = {**entry.fields,
                  SupervisionField.CONFIRMATION.value: Confirmation.PRINTED_SIGNATURE.value}
        return self._entries.update(entry.id, EntryChanges(fields=fields))

    def unlink(self, id_or_prefix: str) -> Entry:
        """Detach the signed confirmation from an entry; it becomes hand-logged and editable.

        The signed statement stays in the journal's records (confirmed_sessions).
        """
        entry = self._entries.get(id_or_prefix)
        if not is_signed(entry):
            raise InvalidInputError("This entry has no signed confirmation to unlink.")
        fields = dict(entry.fields)
        fields[SupervisionField.CONFIRMATION.value] = Confirmation.HAND_LOGGED.value
        with self._db.transaction():
            session = sharing_sql.session_for_entry(self._db, entry.id)
            if session is not None:
                sharing_sql.detach_session(self._db, session)
            return self._entries.update(entry.id, EntryChanges(fields=fields), confirmed=True)
