"""The yearly renewal ledger (spec 2.5): one calendar year, no window and no majority rule."""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Mapping, Sequence

from reflectjournal.domain.endorsement.records import Profile, ProviderRecord, Qualification
from reflectjournal.domain.endorsement.results import (
    Check,
    Excluded,
    MonthTotal,
    Pace,
    ProviderTotal,
    Reason,
    Role,
    RscResult,
    Status,
)
from reflectjournal.domain.endorsement.rsc_initial import not_required
from reflectjournal.domain.endorsement.rsc_window import add_months
from reflectjournal.domain.endorsement.rules import CategoryRule, RenewalRule, TrainingPart
from reflectjournal.domain.endorsement.sessions import (
    Eligibility,
    Session,
    hours_words,
    month_index,
    month_text,
)

_SPECIALISTS = frozenset({"imhs", "ecmhs"})
_MENTOR_PROVIDERS = frozenset({Qualification.IMHM_C, Qualification.ECMHM_C})


def renewal_training_rule(renewal: RenewalRule,
                          profile: Profile) -> tuple[tuple[TrainingPart, ...], int]:
    """Return the year's training parts and total: DEI, and about RSC for RSC providers."""
    parts = [TrainingPart(("dei",), renewal.dei_minutes, "diversity, equity and inclusion")]
    if profile.provides_rsc and renewal.rsc_provider_about_rsc_minutes:
        parts.append(TrainingPart(("about_rsc",), renewal.rsc_provider_about_rsc_minutes,
                                  "training about providing RSC"))
    return tuple(p for p in parts if p.minutes), renewal.training_minutes


def renewal_rsc(sessions: Sequence[Session], category: str, rule: CategoryRule,
                renewal: RenewalRule, profile: Profile,
                records: Mapping[str, ProviderRecord], year: int,
                as_of: dt.date) -> RscResult:
    """Return the year's RSC requirement for an endorsee of `category`."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    years = renewal.mentor_rsc_ends_after_years
    if (category in renewal.mentor_categories and years and profile.endorsed_since
            and add_months(profile.endorsed_since, 12 * years) <= start):
        return not_required(recommended=True)  # "not required (recommended)" [C]
    if category not in renewal.rsc_categories:
        return not_required(category in renewal.rsc_recommended_categories)
    qualifying = None
    if (renewal.specialist_providing_rsc_needs_mentor and profile.provides_rsc
            and category in _SPECIALISTS):
        qualifying = _MENTOR_PROVIDERS
    eligibility = Eligibility(rule, profile, records, qualifying, check_degree=False)
    required = renewal.rsc_minutes
    excluded: list[Excluded] = []
    counted: list[Session] = []
    for s in sessions:
        if not start <= s.date <= min(end, as_of):
            detail = "after the as-of date" if start <= s.date <= end else \
                f"outside {year}"
            excluded.append(Excluded(s.id, s.date, s.minutes, Reason.OUTSIDE_YEAR, detail,
                                     s.provider_id))
            continue
        why = eligibility.reason(s)
        if why is None:
            counted.append(s)
        else:
            excluded.append(Excluded(s.id, s.date, s.minutes, why[0], why[1], s.provider_id))
    total = sum(s.minutes for s in counted)
    met = total >= required
    cur = month_index(as_of)
    open_year = as_of <= end
    # The months after this one that the year still holds (all twelve before it starts).
    months_left = (12 if as_of < start else month_index(end) - cur) if open_year else 0
    short = max(0, required - total)
    return RscResult(
        status=Status.MET if met else Status.NOT_MET, required_minutes=required,
        eligible_minutes=total, counted_minutes=total, months=None, window_first=start,
        window_last=end, providers=_providers(counted, records),
        excluded=tuple(excluded),
        checks=(Check("year", met, f"{hours_words(total)} of RSC in {year}; "
                                   f"{hours_words(required)} needed"),),
        max_two_provider_minutes_in_window=total,
        first_possible_month=None if met or not open_year else
        month_text(max(cur, month_index(start))),
        missing=() if met else (f"{hours_words(short)} more RSC in {year}",),
        pace=None if met or not open_year else
        Pace(math.ceil(short / max(1, months_left)), months_left, None, True),
        ageing=(), aged_out_minutes=0,
        timeline=_timeline(sessions, counted, start, min(end, as_of)),
        counted_entries=tuple(s.id for s in counted),
    )


def _providers(counted: Sequence[Session],
               records: Mapping[str, ProviderRecord]) -> tuple[ProviderTotal, ...]:
    """Every counted provider counts at renewal; the roles only rank them by minutes."""
    totals: dict[str, int] = defaultdict(int)
    for s in counted:
        totals[s.person or ""] += s.minutes
    order = sorted(totals, key=lambda p: (-totals[p], p))
    return tuple(ProviderTotal(id=p, name=records[p].name if p in records else p,
                               minutes=totals[p], eligible_minutes=totals[p],
                               about_own_minutes=0, role=Role.MAIN if i == 0 else Role.SECOND)
                 for i, p in enumerate(order))


def _timeline(sessions: Sequence[Session], counted: Sequence[Session], start: dt.date,
              end: dt.date) -> tuple[MonthTotal, ...]:
    ids = {s.id for s in counted}
    months: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for s in sessions:
        if start <= s.date <= end:
            months[month_index(s.date)][0 if s.id in ids else 1] += s.minutes
    return tuple(MonthTotal(month_text(m), c, e, 0) for m, (c, e) in sorted(months.items()))
