"""RSC provider records: add, rename, qualify, list, merge, and link to a verified contact.

A provider's identity is its record id, never its name (spec R3): two supervisors may share
a name, and one supervisor may have been typed two ways until the user merges the records.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable

from reflectjournal.domain.clock import utc_now
from reflectjournal.domain.endorsement.records import (
    ProviderMerge,
    ProviderRecord,
    Qualification,
    QualificationSpan,
)
from reflectjournal.domain.endorsement.similar_names import similar_names
from reflectjournal.domain.errors import InvalidInputError
from reflectjournal.domain.supervision import Contact
from reflectjournal.store import providers as sql
from reflectjournal.store.database import Database

MAX_NAME_CHARS = 200
HELD_THROUGHOUT = dt.date.min
"""The since-date of a qualification given without one: held for every session logged."""

ContactLookup = Callable[[str], Contact]
"""Return the contact with a name or key fingerprint, or raise a JournalError."""


def parse_qualification(text: str) -> Qualification:
    """Return the qualification named (any case), or raise naming the allowed ones."""
    wanted = text.strip().casefold()
    for qualification in Qualification:
        if qualification.value.casefold() == wanted:
            return qualification
    raise InvalidInputError(f"Unknown qualification '{text}'.",
                            f"One of: {', '.join(q.value for q in Qualification)}.")


def clean_name(name: str) -> str:
    """Return a provider name with its spaces collapsed, or raise if it is blank or long."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise InvalidInputError("A provider needs a name.")
    if len(cleaned) > MAX_NAME_CHARS:
        raise InvalidInputError(f"A provider name can have at most {MAX_NAME_CHARS} characters.")
    return cleaned


class Providers:
    """The provider records of one open journal; every method that writes is one transaction."""

    def __init__(self, db: Database, contact: ContactLookup) -> None:
        self._db = db
        self._contact = contact

    def all(self) -> list[ProviderRecord]:
        """Return every provider record, by name."""
        with self._db.transaction():
            return sql.all_providers(self._db)

    def names(self) -> dict[str, str]:
        """Return every provider record's name by its id."""
        return {r.id: r.name for r in self.all()}

    def get(self, name_or_id: str) -> ProviderRecord:
        """Return the provider with this id, unique id prefix or name (any case)."""
        wanted = " ".join(name_or_id.split())
        everyone = self.all()
        for record in everyone:
            if record.id == wanted.lower():
                return record
        found = [r for r in everyone if r.name.casefold() == wanted.casefold()]
        if not found and len(wanted) >= 4:
            found = [r for r in everyone if r.id.startswith(wanted.lower())]
        if len(found) == 1:
            return found[0]
        if found:
            ids = ", ".join(r.id[:8] for r in found)
            raise InvalidInputError(f"More than one provider is called '{wanted}' ({ids}).",
                                    "Name one by its id, as provider list shows it.")
        raise InvalidInputError(f"No provider is called '{wanted}'.",
                                "Add one with: reflectjournal provider add NAME "
                                "--qualification Q (provider list shows them).")

    def add(self, name: str, qualification: Qualification | None = None,
            since: dt.date | None = None, contact: str | None = None,
            notes: str = "") -> ProviderRecord:
        """Create a provider record; a qualification without a date is held throughout."""
        if since is not None and qualification is None:
            raise InvalidInputError("A since-date needs the qualification held from then.")
        spans = () if qualification is None else (
            QualificationSpan(qualification, since or HELD_THROUGHOUT),)
        key = self._verified_key(contact) if contact else None
        record = ProviderRecord(id=uuid.uuid4().hex, name=clean_name(name),
                                qualifications=spans, contact_key=key, notes=notes.strip())
        with self._db.transaction():
            sql.insert(self._db, record, utc_now())
        return record

    def rename(self, name_or_id: str, new_name: str) -> ProviderRecord:
        """Change a provider's display name; its entries stay with it."""
        record = self.get(name_or_id)
        with self._db.transaction():
            sql.rename(self._db, record.id, clean_name(new_name))
        return self._reread(record.id)

    def qualify(self, name_or_id: str, qualification: Qualification,
                since: dt.date) -> ProviderRecord:
        """Record that the provider held a qualification from a date (same date: a correction)."""
        record = self.get(name_or_id)
        with self._db.transaction():
            sql.set_qualification(self._db, record.id, QualificationSpan(qualification, since))
        return self._reread(record.id)

    def link_contact(self, name_or_id: str, contact: str | None) -> ProviderRecord:
        """Link the provider to a verified contact's signing key (None unlinks)."""
        record = self.get(name_or_id)
        key = self._verified_key(contact) if contact else None
        with self._db.transaction():
            sql.set_contact(self._db, record.id, key)
        return self._reread(record.id)

    def merge_offer(self, name_or_id: str, contact: str | None = None) -> list[ProviderRecord]:
        """Return the other records that may be the same person, to offer merging (2.9.3).

        Similar to the record's name or to the linked contact's name, or linked to the same
        contact; never a record linked to another contact, which the merge would refuse.
        """
        record = self.get(name_or_id)
        names = [record.name, *([self._contact(contact).name] if contact else [])]
        return [other for other in self.all() if other.id != record.id and (
            (record.contact_key is not None and other.contact_key == record.contact_key)
            or (other.contact_key in (None, record.contact_key)
                and any(similar_names(other.name, name) for name in names)))]

    def by_contact_key(self, signing_key: bytes) -> ProviderRecord | None:
        """Return the provider linked to a signing key, if any."""
        with self._db.transaction():
            return sql.by_contact(self._db, signing_key)

    def merge(self, source: str, survivor: str) -> ProviderMerge:
        """Fold one record into another: its entries follow the survivor, the merge is logged."""
        gone, kept = self.get(source), self.get(survivor)
        if gone.id == kept.id:
            raise InvalidInputError("A provider cannot be merged into itself.")
        if gone.contact_key and kept.contact_key and gone.contact_key != kept.contact_key:
            raise InvalidInputError(
                f"'{gone.name}' and '{kept.name}' are linked to two different contacts, so "
                "they are two people.", "Unlink one first if they really are the same person.")
        with self._db.transaction():
            sql.merge(self._db, gone, kept, utc_now())
            return sql.merges(self._db)[-1]

    def merges(self) -> list[ProviderMerge]:
        """Return the merge log, oldest first."""
        with self._db.transaction():
            return sql.merges(self._db)

    def entry_count(self, provider_id: str) -> int:
        """Return how many entries name the provider."""
        with self._db.transaction():
            return sql.entry_count(self._db, provider_id)

    def entry_counts(self) -> dict[str, int]:
        """Return how many entries name each provider (a provider named by none is absent)."""
        with self._db.transaction():
            return sql.entry_counts(self._db)

    def exists(self, provider_id: str) -> bool:
        """Return whether a provider record has this id."""
        with self._db.transaction():
            return sql.get(self._db, provider_id) is not None

    def _reread(self, provider_id: str) -> ProviderRecord:
        with self._db.transaction():
            record = sql.get(self._db, provider_id)
        assert record is not None  # just written in this journal
        return record

    def _verified_key(self, contact_name: str) -> str:
        contact = self._contact(contact_name)
        if not contact.verified:
            raise InvalidInputError(
                f"{contact.name} is not verified yet.",
                "Compare the pairing code with them first (reflectjournal contact verify).")
        return contact.card.signing_key.hex()
