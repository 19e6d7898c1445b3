"""What the ledger returns (ledger.py): plain immutable values, integer minutes throughout.

Reports (report_json.py, report_text.py), the comparison (changes.py) and the Progress
screen read only these, so every number a user sees comes from one computation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from reflectjournal.domain.endorsement.rules import Caveat
from reflectjournal.domain.ids import EntryId


class Status(StrEnum):
    """A requirement's state; the values are what the JSON says."""

    MET = "met"
    NOT_MET = "not met"
    NOT_REQUIRED = "not required"


class Reason(StrEnum):
    """Why a supervision session's minutes do not count (the JSON's `reason`)."""

    PEER = "peer"
    PROVIDER_NOT_QUALIFIED = "provider-not-qualified"
    PROVIDER_UNKNOWN = "provider-unknown"
    BEFORE_DEGREE = "before-degree"
    NOT_REFLECTIVE = "not-reflective"
    AGE_FOCUS = "age-focus"
    OUTSIDE_WINDOW = "outside-window"
    THIRD_PROVIDER = "third-provider"
    OUTSIDE_YEAR = "outside-year"


REASON_WORDS: Mapping[Reason, str] = {
    Reason.PEER: "peer supervision never counts",
    Reason.PROVIDER_NOT_QUALIFIED: (
        "the provider did not hold a qualifying Endorsement on that date"),
    Reason.PROVIDER_UNKNOWN: "the provider or their qualification is not recorded",
    Reason.BEFORE_DEGREE: "before the qualifying degree",
    Reason.NOT_REFLECTIVE: "case consultation or administrative supervision, not reflective",
    Reason.AGE_FOCUS: "about another age group than the category's",
    Reason.OUTSIDE_WINDOW: "outside the counted 12-24 month period",
    Reason.THIRD_PROVIDER: "not used: hours from a third provider are never needed",
    Reason.OUTSIDE_YEAR: "outside the renewal year",
}


class Role(StrEnum):
    """A provider's part in the counted selection."""

    MAIN = "main"
    SECOND = "second"
    NOT_USED = "not used"


@dataclass(frozen=True, slots=True)
class Excluded:
    """One session (or training) whose minutes do not count, and why in words."""

    entry_id: EntryId
    date: dt.date
    minutes: int
    reason: Reason
    detail: str  # the plain-word reason, specific to this entry where possible
    provider_id: str | None = None


@dataclass(frozen=True, slots=True)
class ExcludedTraining:
    """One training whose minutes do not count; `reason` is one of TRAINING_REASONS."""

    entry_id: EntryId
    date: dt.date
    minutes: int
    reason: str
    detail: str


TRAINING_REASONS: Mapping[str, str] = {
    "not-counted": "marked as not counting for Endorsement",
    "after-as-of": "after the as-of date",
    "outside-year": "outside the renewal year",
    "older-than-look-back": "older than the rule set's look-back limit",
}


@dataclass(frozen=True, slots=True)
class ProviderTotal:
    """One provider's eligible minutes: in the counted window, and in all."""

    id: str
    name: str
    minutes: int  # inside the chosen (or best) window
    eligible_minutes: int  # every eligible session, any date
    about_own_minutes: int  # inside the window, sessions about the RSC the applicant provides
    role: Role


@dataclass(frozen=True, slots=True)
class Check:
    """One rule checked against the chosen (or best) selection."""

    id: str  # majority | total | span | about-own | year
    passed: bool
    words: str


@dataclass(frozen=True, slots=True)
class MonthTotal:
    """One calendar month's supervision minutes, by what happens to them (the timeline)."""

    month: str  # YYYY-MM
    counted: int
    excluded: int
    aged_out: int


@dataclass(frozen=True, slots=True)
class Ageing:
    """Eligible minutes of one month that leave the 24-month window soon."""

    month: str  # YYYY-MM of the sessions
    minutes: int
    last_month: str  # the last month whose window still holds them


@dataclass(frozen=True, slots=True)
class Pace:
    """The minutes per month needed to meet the requirement in time, and the current pace."""

    needed_minutes_per_month: int
    months_left: int
    current_minutes_per_month: int | None  # None: no recent sessions
    reachable_at_current_pace: bool


@dataclass(frozen=True, slots=True)
class RscResult:
    """The RSC requirement (initial application or one renewal year)."""

    status: Status
    required_minutes: int
    eligible_minutes: int
    counted_minutes: int
    months: int | None  # calendar months the counted selection spans
    window_first: dt.date | None
    window_last: dt.date | None
    providers: tuple[ProviderTotal, ...]
    excluded: tuple[Excluded, ...]
    checks: tuple[Check, ...]
    max_two_provider_minutes_in_window: int
    first_possible_month: str | None  # YYYY-MM
    missing: tuple[str, ...]  # what is missing, in words
    pace: Pace | None
    ageing: tuple[Ageing, ...]
    aged_out_minutes: int
    timeline: tuple[MonthTotal, ...]
    about_own_required_minutes: int = 0
    about_own_minutes: int = 0
    recommended: bool = False  # not required, but recommended (IFA, Mentor P/R-F ...)
    counted_entries: tuple[EntryId, ...] = ()


@dataclass(frozen=True, slots=True)
class TrainingPartResult:
    """One flagged part of the training requirement (spec T2)."""

    flag: str  # the part's flags joined by '+': about_rsc, dei, about_rsc+didactic
    label: str
    required_minutes: int
    counted_minutes: int  # minutes of trainings carrying the part's flags
    met: bool


@dataclass(frozen=True, slots=True)
class TrainingResult:
    """The training requirement."""

    status: Status
    required_minutes: int
    counted_minutes: int
    independent_minutes: int  # listed apart; counted only with count_independent
    parts: tuple[TrainingPartResult, ...]
    parts_together_met: bool  # a training carrying two flags counts for one part only
    typical_minutes: int | None
    excluded: tuple[ExcludedTraining, ...]
    counted: Mapping[EntryId, int]  # each counted training's minutes (for coverage)
    missing: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Duplicate:
    """Entries that may record one event twice; all are counted until the user resolves it."""

    kind: str  # supervision | training | co-facilitated
    entry_ids: tuple[EntryId, ...]
    words: str


@dataclass(frozen=True, slots=True)
class Progress:
    """Everything the ledger found for one category, rule version and as-of date."""

    rule_set: str
    rule_set_label: str
    rule_version: str
    provenance: str
    category: str
    category_label: str
    competency_list: str  # the category id whose competency rows coverage() should show
    rule_effective_from: dt.date
    rule_effective_to: dt.date | None
    as_of: dt.date
    renewal_year: int | None
    count_independent: bool
    training: TrainingResult
    rsc: RscResult
    duplicates: tuple[Duplicate, ...]
    long_sessions: tuple[EntryId, ...]  # sessions over the long-session limit: RSC or training?
    families_0_36_months: int
    checklist: tuple[tuple[str, str], ...]  # (id, label) of requirements that are not hours
    exam: bool
    caveats: tuple[tuple[Caveat, str], ...]  # each caveat with its mark's plain words
    notes: tuple[str, ...] = field(default=())
