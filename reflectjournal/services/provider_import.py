"""Provider records for imported supervision entries, so an import loses no supervisor.

An export from before provider records names the supervisor as typed (`supervisor`); one
from today names a record id and carries the records (`providers`). Either way each imported
supervision entry ends up naming a provider record of this journal: the record the export
carried (same id), one already here with exactly the typed name, or a new one with it. A
record id the file does not describe is dropped and told, and a session marked signed reads
as hand-logged: the signed statement is not in the file.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from reflectjournal.domain.clock import utc_now
from reflectjournal.domain.endorsement.records import (
    SUPERVISION_KIND,
    Confirmation,
    ProviderRecord,
    SupervisionField,
)
from reflectjournal.domain.entry import Entry
from reflectjournal.domain.wording import count_words
from reflectjournal.store import providers as provider_sql
from reflectjournal.store.database import Database

TYPED_SUPERVISOR = "supervisor"  # the free-text field supervision entries had before schema 6
_PROVIDER = SupervisionField.PROVIDER_ID.value
_CONFIRMATION = SupervisionField.CONFIRMATION.value


@dataclass(slots=True)
class ProviderPlan:
    """Imported entries pointed at provider records, and the records still to be made."""

    entries: list[Entry]
    to_make: dict[str, ProviderRecord] = field(default_factory=dict)
    made: set[str] = field(default_factory=set)
    unknown_ids: int = 0
    unsigned: int = 0
    here: dict[str, ProviderRecord] = field(default_factory=dict)
    by_name: dict[str, str] = field(default_factory=dict)
    described: dict[str, ProviderRecord] = field(default_factory=dict)

    def link(self, entry: Entry) -> Entry:
        """Return the entry naming a provider record of this journal (to make, if need be)."""
        if entry.kind != SUPERVISION_KIND:
            return entry
        fields = dict(entry.fields)
        if fields.get(_CONFIRMATION) == Confirmation.SIGNED:
            # Only a statement received here marks a session signed (domain/endorsement/
            # locking.py); a file carries the mark but not the signature.
            fields[_CONFIRMATION] = Confirmation.HAND_LOGGED.value
            self.unsigned += 1
        typed = fields.pop(TYPED_SUPERVISOR, None)
        provider_id = fields.get(_PROVIDER)
        if isinstance(provider_id, str) and provider_id not in self.here:
            if provider_id in self.described:
                self.to_make.setdefault(provider_id, self.described[provider_id])
            else:
                del fields[_PROVIDER]
                self.unknown_ids += 1
        name = " ".join(typed.split()) if isinstance(typed, str) else ""
        if _PROVIDER not in fields and name:
            if name not in self.by_name:
                record = ProviderRecord(uuid.uuid4().hex, name[:200])
                self.to_make[record.id] = record
                self.by_name[name] = record.id
            fields[_PROVIDER] = self.by_name[name]
        return replace(entry, fields=fields)

    def make_for(self, db: Database, entry: Entry) -> None:
        """Store the record an entry about to be inserted names, once (in its transaction)."""
        provider_id = entry.fields.get(_PROVIDER)
        if isinstance(provider_id, str) and provider_id in self.to_make and \
                provider_id not in self.made:
            provider_sql.insert(db, self.to_make[provider_id], utc_now())
            self.made.add(provider_id)

    def notes(self) -> list[str]:
        """Plain sentences about what was made or dropped."""
        out = []
        if self.made:
            out.append(f"Made {count_words(len(self.made), 'provider record', 'provider records')} "
                       "for imported supervision "
                       "sessions (see: reflectjournal provider list).")
        if self.unsigned:
            out.append(count_words(self.unsigned, "session was", "sessions were")
                       + " confirmed by signature in the journal "
                       "they came from; the signed statements stay there, so here they read as "
                       "logged by you.")
        if self.unknown_ids:
            out.append(count_words(self.unknown_ids, "supervision entry", "supervision entries")
                       + " named a provider record the "
                       "file does not describe; they were imported without a provider.")
        return out


def plan_providers(db: Database, entries: Sequence[Entry],
                   carried: Sequence[ProviderRecord]) -> ProviderPlan:
    """Return the entries with provider ids of this journal, and the records to make."""
    plan = start_plan(db, carried)
    plan.entries.extend(plan.link(entry) for entry in entries)
    return plan


def start_plan(db: Database, carried: Sequence[ProviderRecord]) -> ProviderPlan:
    """Return an empty plan that link() fills an entry at a time (for a streamed import)."""
    here = {p.id: p for p in provider_sql.all_providers(db)}
    by_name: dict[str, str] = {}
    for record in here.values():
        by_name.setdefault(record.name, record.id)
    return ProviderPlan([], here=here, by_name=by_name,
                        described={p.id: p for p in carried})
