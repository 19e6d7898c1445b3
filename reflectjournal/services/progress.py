"""Progress toward Endorsement for one open journal: the ledger and the coverage grid.

Reads only what the rules need (Journal.endorsement_records: entries of the ledger's kinds
without their text; store/evidence.py: the trainings' competency tags, and which entries
reach each row of the grid), keeps it while the journal is unlocked and up to date entry by
entry (evidence_cache.py), computes with the pure ledger
(domain/endorsement/ledger.py) and hands back one report that the command line, the Progress
screen and the printed summary all show, so every number a user sees comes from one
computation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from reflectjournal.domain.endorsement.claims import ClaimState, SessionClaim
from reflectjournal.domain.endorsement.coverage import (
    OTHER_EVIDENCE_KINDS,
    TRAINING_KIND,
    CoverageColumn,
    CoverageRow,
    OtherEvidence,
    cell_entries,
    coverage,
    reaching_tags,
    row_reach,
)
from reflectjournal.domain.endorsement.ledger import LedgerBook, progress_of
from reflectjournal.domain.endorsement.log_sheet import log_sheet
from reflectjournal.domain.endorsement.records import (
    EndorsementRecords,
    ProviderRecord,
)
from reflectjournal.domain.endorsement.report_json import progress_json
from reflectjournal.domain.endorsement.report_text import progress_lines
from reflectjournal.domain.endorsement.results import Progress
from reflectjournal.domain.endorsement.rules import RuleSet
from reflectjournal.domain.endorsement.summary import summary_document, summary_table
from reflectjournal.domain.entry import Entry
from reflectjournal.domain.ids import TagId
from reflectjournal.domain.printable import Document, Table
from reflectjournal.domain.taxonomy import Catalog, Tag
from reflectjournal.resources import load_rule_set
from reflectjournal.services import attestations
from reflectjournal.services.attestations import Attested
from reflectjournal.services.evidence_cache import EvidenceCache
from reflectjournal.services.profile import ProfileService
from reflectjournal.services.providers import Providers
from reflectjournal.store import claims as claim_sql
from reflectjournal.store import entries as entry_sql
from reflectjournal.store import evidence
from reflectjournal.store.database import Database

COVERAGE_KINDS = (TRAINING_KIND, *sorted(OTHER_EVIDENCE_KINDS))
"""The kinds the coverage grid counts (the others never reach a cell)."""
CELL_ENTRIES_SHOWN = 200  # a cell lists the most recent ones; the count says how many in all

@dataclass(frozen=True, slots=True)
class ProgressOptions:
    """What the user asked for: category (default the profile's), date, renewal year."""

    category: str | None = None
    as_of: dt.date | None = None  # default today
    renewal_year: int | None = None
    count_independent: bool = False


@dataclass(frozen=True, slots=True)
class ProgressReport:
    """The ledger's result and the coverage grid, with the inputs the summary lists.

    `entries` are the ledger's own inputs: dates, kinds, fields and minutes, a training's
    name, never a reflection's text (store/evidence.py).
    """

    progress: Progress
    coverage: tuple[CoverageRow, ...]
    entries: tuple[Entry, ...] = ()
    providers: tuple[ProviderRecord, ...] = ()
    attestations: tuple[Attested, ...] = ()  # received period attestations (spec 2.7)
    claims: tuple[SessionClaim, ...] = ()  # pending claims and held sessions (issue 18)

    def json(self) -> dict[str, Any]:
        """Return the report as documented in docs/progress-json.md."""
        return {**progress_json(self.progress, self.coverage), "attestations": [{
            "supervisor": a.other_name, "supervisor_key": a.other_fingerprint,
            "verified": a.verified, "from": a.attestation.date_from.isoformat(),
            "to": a.attestation.date_to.isoformat(), "sessions": a.attestation.sessions,
            "minutes": a.attestation.minutes, "format": a.attestation.format,
            "declaration": a.attestation.declaration} for a in self.attestations]}

    def text_lines(self) -> list[str]:
        """Return the plain-text report, one line each."""
        return progress_lines(self.progress, self.coverage)

    def document(self, applicant: str, today: dt.date) -> Document:
        """Return the printable summary (PDF and Markdown)."""
        checks = tuple(
            (a.words(applicant), f"verified signature, key {a.other_fingerprint}" if a.verified
             else f"signature not verified, key {a.other_fingerprint}")
            for a in self.attestations)
        return summary_document(self.progress, self.coverage, self.entries, self.providers,
                                applicant, today, checks, self.claims)

    def table(self) -> Table:
        """Return the summary as one flat table (the CSV)."""
        return summary_table(self.progress, self.coverage, self.entries, self.providers,
                             self.claims)


def progress_report(trainings: Sequence[evidence.CompetencyRow],
                    other: Mapping[TagId, OtherEvidence], competencies: Sequence[Tag],
                    rules: RuleSet, records: EndorsementRecords,
                    options: ProgressOptions, book: LedgerBook | None = None) -> ProgressReport:
    """Compute progress and coverage from the journal's records, as of the chosen date.

    `trainings` are the tagged trainings (any date), `other` the other evidence per row
    already counted up to the same as-of date; `book`, when given, holds the records'
    entries already read for the ledger (the service keeps one).
    """
    as_of = _as_of(options)
    progress = progress_of(
        book or LedgerBook(rules.conventions.group_hour_factor, records.entries),
        records.providers, records.profile, rules, as_of,
        category=options.category, renewal_year=options.renewal_year,
        count_independent=options.count_independent)
    tagged = [r for r in trainings if r.date <= as_of]
    rows = coverage(tagged, competencies, progress.competency_list, progress.training.counted,
                    other)
    return ProgressReport(progress, rows, tuple(records.entries), tuple(records.providers))


def _as_of(options: ProgressOptions) -> dt.date:
    return options.as_of or dt.date.today()


def coverage_cell(db: Database, competencies: Sequence[Tag], tag_id: str,
                  column: str) -> tuple[int, list[Entry]]:
    """Return how many entries a coverage cell counts and the most recent of them."""
    row = TagId(tag_id)
    rows = evidence.tagged_with(db, COVERAGE_KINDS, reaching_tags(competencies, row))
    ids = cell_entries(rows, competencies, row, CoverageColumn(column))
    return len(ids), entry_sql.get_many(db, list(ids[:CELL_ENTRIES_SHOWN]))


class Endorsement:
    """One open journal's Endorsement records, progress and coverage (Journal.endorsement)."""

    def __init__(self, db: Database, catalog: Catalog, providers: Providers,
                 profile: ProfileService) -> None:
        self._db = db
        self._catalog = catalog
        self._providers = providers
        self._profile = profile
        self._rules: RuleSet | None = None
        # What progress reads, kept while the journal is unlocked and brought up to date
        # entry by entry after a change (evidence_cache.py): the screen asks again after
        # every save, and for every category, date or option the user tries.
        self._cache: EvidenceCache | None = None

    @property
    def rules(self) -> RuleSet:
        """Return the shipped rule set, read on first use."""
        if self._rules is None:
            self._rules = load_rule_set()
        return self._rules

    def _evidence(self) -> EvidenceCache:
        """Return what progress reads, up to date with the journal."""
        if self._cache is None:
            self._cache = EvidenceCache(self._db, row_reach(self._catalog.competencies),
                                        self.rules.conventions.group_hour_factor)
        self._cache.sync()
        return self._cache

    def forget(self) -> None:
        """Drop what was read from the journal's entries (the journal is locking)."""
        if self._cache is not None:
            self._cache.forget()
        self._cache = None

    def records(self) -> EndorsementRecords:
        """Return what the ledger reads: its entries (no text), providers, profile."""
        return EndorsementRecords(self._evidence().entries(), self._providers.all(),
                                  self._profile.get())

    def progress(self, options: ProgressOptions) -> ProgressReport:
        """Return progress and coverage for these options."""
        cache = self._evidence()
        records = EndorsementRecords(cache.entries(), self._providers.all(),
                                     self._profile.get())
        report = progress_report(cache.trainings(), cache.other_evidence(_as_of(options)),
                                 self._catalog.competencies, self.rules, records, options,
                                 cache.book)
        with self._db.transaction():
            attested = tuple(attestations.listed(self._db, "received"))
            pending = tuple(claim_sql.claims(self._db, ClaimState.PENDING))
        return replace(report, attestations=attested, claims=pending)

    def log_sheet(self, provider: str, applicant: str, today: dt.date) -> Document:
        """Return the paper RSC log of the user's sessions with one provider (spec 2.7)."""
        return log_sheet(self._providers.get(provider), self._evidence().entries(), applicant,
                         today)

    def coverage_cell(self, tag_id: str, column: str) -> tuple[int, list[Entry]]:
        """Return how many entries a coverage cell counts and the most recent of them."""
        return coverage_cell(self._db, self._catalog.competencies, tag_id, column)
