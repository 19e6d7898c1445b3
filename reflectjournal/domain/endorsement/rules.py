"""The Endorsement rule set as typed values (built by rules_parse.py from endorsement.toml).

Every number is data, in integer minutes: an association's own file replaces the shipped
one, and a category may hold several versions so an older application stays computable.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from reflectjournal.domain.endorsement.records import Degree, Qualification


class Mark(StrEnum):
    """How sure a rule is (endorsement.md tags); the rule set words each for the user."""

    CONVENTION = "I"  # ReflectJournal's own choice
    UNCONFIRMED = "?"
    PARTLY = "P"
    EARLIER = "E"


class WindowUnit(StrEnum):
    """How the 12-24 month span of RSC sessions is measured (spec R5)."""

    CALENDAR_MONTHS = "calendar-months"
    DAYS = "days"


class RuleTrack(StrEnum):
    """The age group a category serves; `both` for the Reflective Supervisor."""

    IMH = "imh"
    ECMH = "ecmh"
    BOTH = "both"


@dataclass(frozen=True, slots=True)
class Caveat:
    """A rule the app must qualify in words: `about` names the part (rsc, training ...)."""

    about: str
    mark: Mark
    text: str


@dataclass(frozen=True, slots=True)
class TrainingPart:
    """Minutes of training that must carry every one of `flags` (e.g. about_rsc + didactic)."""

    flags: tuple[str, ...]
    minutes: int
    label: str

    @property
    def key(self) -> str:
        """Return the part's id in reports: its flags joined by '+'."""
        return "+".join(self.flags)


@dataclass(frozen=True, slots=True)
class CategoryRule:
    """One version of one category's requirements."""

    id: str
    label: str
    track: RuleTrack
    effective_from: dt.date
    effective_to: dt.date | None
    training_minutes: int
    training_parts: tuple[TrainingPart, ...]
    training_typical_minutes: int | None
    rsc_minutes: int  # 0: not required
    rsc_recommended: bool
    rsc_about_own_provision_minutes: int
    window_months: tuple[int, int] | None
    rsc_post_degree: Degree  # NONE: sessions count whatever the degree
    rsc_providers: frozenset[Qualification]
    rsc_providers_if_bachelor: frozenset[Qualification]
    rsc_focus: frozenset[str]
    competency_list: str
    exam: bool
    references: int
    checklist: tuple[str, ...]
    caveats: tuple[Caveat, ...]
    sources: tuple[str, ...]

    def applies_on(self, day: dt.date) -> bool:
        """Return whether this version is in effect on `day`."""
        return self.effective_from <= day and (self.effective_to is None
                                               or day <= self.effective_to)

    def providers_for(self, bachelors_prepared: bool) -> frozenset[Qualification]:
        """Return the qualifications that may provide this applicant's RSC."""
        if bachelors_prepared:
            return self.rsc_providers | self.rsc_providers_if_bachelor
        return self.rsc_providers


@dataclass(frozen=True, slots=True)
class RenewalRule:
    """One version of the yearly renewal requirements (spec 2.5)."""

    effective_from: dt.date
    effective_to: dt.date | None
    training_minutes: int
    dei_minutes: int
    rsc_provider_about_rsc_minutes: int
    rsc_minutes: int
    rsc_categories: frozenset[str]
    rsc_recommended_categories: frozenset[str]
    mentor_rsc_ends_after_years: int
    mentor_categories: frozenset[str]
    specialist_providing_rsc_needs_mentor: bool
    caveats: tuple[Caveat, ...]
    sources: tuple[str, ...]

    def applies_on(self, day: dt.date) -> bool:
        """Return whether this version is in effect on `day`."""
        return self.effective_from <= day and (self.effective_to is None
                                               or day <= self.effective_to)


@dataclass(frozen=True, slots=True)
class Conventions:
    """ReflectJournal's own choices where the sources give no precision [I]."""

    window_unit: WindowUnit = WindowUnit.CALENDAR_MONTHS
    group_hour_factor: float = 1.0
    count_independent_training: bool = False
    training_lookback_years: int = 0  # 0: no limit
    long_session_minutes: int = 180


@dataclass(frozen=True, slots=True)
class RuleSet:
    """A whole rules file: its provenance, categories (all versions) and renewal rules."""

    rule_set: str
    label: str
    version: str
    note: str
    conventions: Conventions
    marks: dict[Mark, str]
    caveats: tuple[Caveat, ...]
    checklist: dict[str, str]
    categories: tuple[CategoryRule, ...]
    renewals: tuple[RenewalRule, ...]

    @property
    def provenance(self) -> str:
        """Return the line every result carries (spec 2.10)."""
        return (f"Rules: {self.label}, version {self.version} \N{EM DASH} "
                "your association may differ.")

    def category_ids(self) -> tuple[str, ...]:
        """Return the category ids in file order, each once."""
        return tuple(dict.fromkeys(c.id for c in self.categories))

    def versions(self, category: str) -> tuple[CategoryRule, ...]:
        """Return every version of `category`, oldest first (empty if unknown)."""
        found = [c for c in self.categories if c.id == category]
        return tuple(sorted(found, key=lambda c: c.effective_from))

    def category(self, category: str, on: dt.date) -> CategoryRule:
        """Return the version of `category` in effect on `on` (the submission date).

        Before the oldest version the oldest applies, and in a gap between versions the
        one before the gap: a date is never left without rules. Raises KeyError for an
        unknown category (callers word it; see ledger.py).
        """
        versions = self.versions(category)
        if not versions:
            raise KeyError(category)
        chosen = versions[0]
        for version in versions:
            if version.effective_from <= on:
                chosen = version
        return chosen

    def renewal(self, on: dt.date) -> RenewalRule | None:
        """Return the renewal rules in effect on `on`, or None if the file has none."""
        ordered = sorted(self.renewals, key=lambda r: r.effective_from)
        chosen = ordered[0] if ordered else None
        for version in ordered:
            if version.effective_from <= on:
                chosen = version
        return chosen

    def mark_words(self, mark: Mark) -> str:
        """Return the plain words for a mark."""
        return self.marks[mark]
