"""Progress toward Endorsement for one open journal: the ledger and the coverage grid.

Reads only what the rules need (store/evidence.py: hours entries without text, competency
tags), computes with the pure ledger (domain/endorsement/ledger.py) and hands back one report
that the command line, the Progress screen and the printed summary all show, so every number
a user sees comes from one computation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reflectjournal.domain.endorsement.coverage import CoverageRow, coverage
from reflectjournal.domain.endorsement.ledger import compute_progress
from reflectjournal.domain.endorsement.records import Profile, ProviderRecord
from reflectjournal.domain.endorsement.report_json import progress_json
from reflectjournal.domain.endorsement.report_text import progress_lines
from reflectjournal.domain.endorsement.results import Progress
from reflectjournal.domain.endorsement.rules import RuleSet
from reflectjournal.domain.endorsement.sessions import (
    SESSION_KIND,
    SUPERVISION_GIVEN_KIND,
    SUPERVISION_KIND,
    TRAINING_KIND,
)
from reflectjournal.domain.taxonomy import Tag
from reflectjournal.store import evidence
from reflectjournal.store.database import Database

LEDGER_KINDS = (SUPERVISION_KIND, TRAINING_KIND, SESSION_KIND, SUPERVISION_GIVEN_KIND)
"""The kinds the ledger reads: hours, and sessions for the count of families served."""


@dataclass(frozen=True, slots=True)
class ProgressOptions:
    """What the user asked for: category (default the profile's), date, renewal year."""

    category: str | None = None
    as_of: dt.date | None = None  # default today
    renewal_year: int | None = None
    count_independent: bool = False


@dataclass(frozen=True, slots=True)
class ProgressReport:
    """The ledger's result and the coverage grid for the same category and entries."""

    progress: Progress
    coverage: tuple[CoverageRow, ...]

    def json(self) -> dict[str, Any]:
        """Return the report as documented in docs/progress-json.md."""
        return progress_json(self.progress, self.coverage)

    def text_lines(self) -> list[str]:
        """Return the plain-text report, one line each."""
        return progress_lines(self.progress, self.coverage)


def progress_report(db: Database, competencies: Sequence[Tag], rules: RuleSet,
                    providers: Sequence[ProviderRecord], profile: Profile,
                    options: ProgressOptions) -> ProgressReport:
    """Compute progress and coverage from the journal's entries, as of the chosen date."""
    as_of = options.as_of or dt.date.today()
    progress = compute_progress(
        evidence.hours_entries(db, LEDGER_KINDS), providers, profile, rules, as_of,
        category=options.category, renewal_year=options.renewal_year,
        count_independent=options.count_independent)
    rows = coverage(evidence.competency_rows(db), competencies, progress.competency_list,
                    progress.training.counted)
    return ProgressReport(progress, rows)
