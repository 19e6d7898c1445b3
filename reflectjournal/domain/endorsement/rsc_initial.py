"""The RSC requirement of an initial application (spec R1-R9), built on rsc_window.py."""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Mapping, Sequence

from reflectjournal.domain.endorsement.records import Profile, ProviderRecord
from reflectjournal.domain.endorsement.results import (
    REASON_WORDS,
    Ageing,
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
from reflectjournal.domain.endorsement.rsc_window import (
    Candidate,
    Window,
    candidates,
    missing_words,
    select,
    span_months,
)
from reflectjournal.domain.endorsement.rules import CategoryRule, Conventions
from reflectjournal.domain.endorsement.sessions import (
    Eligibility,
    Session,
    hours_words,
    month_index,
    month_text,
)
from reflectjournal.domain.ids import EntryId
from reflectjournal.domain.wording import count_words

AGEING_MONTHS_AHEAD = 3  # say which hours leave the window within this many months


def not_required(recommended: bool) -> RscResult:
    """Return the result for a category that asks for no RSC."""
    return RscResult(
        status=Status.NOT_REQUIRED, required_minutes=0, eligible_minutes=0,
        counted_minutes=0, months=None, window_first=None, window_last=None, providers=(),
        excluded=(), checks=(), max_two_provider_minutes_in_window=0,
        first_possible_month=None, missing=(), pace=None, ageing=(), aged_out_minutes=0,
        timeline=(), recommended=recommended)


def initial_rsc(sessions: Sequence[Session], rule: CategoryRule, profile: Profile,
                records: Mapping[str, ProviderRecord], conventions: Conventions,
                as_of: dt.date) -> RscResult:
    """Return the RSC requirement's state; `sessions` in date order."""
    assert rule.window_months is not None  # the parser requires it when RSC is required
    required, about_required = rule.rsc_minutes, rule.rsc_about_own_provision_minutes
    window = Window(conventions.window_unit, *rule.window_months)
    eligibility = Eligibility(rule, profile, records)
    excluded: list[Excluded] = []
    eligible: list[Session] = []
    for s in sessions:
        if s.date > as_of:
            excluded.append(Excluded(s.id, s.date, s.minutes, Reason.OUTSIDE_WINDOW,
                                     "after the as-of date", s.provider_id))
            continue
        why = eligibility.reason(s)
        if why is None:
            eligible.append(s)
        else:
            excluded.append(Excluded(s.id, s.date, s.minutes, why[0], why[1], s.provider_id))
    cur = month_index(as_of)
    selection = select(candidates(eligible, window, required, about_required),
                       cur - window.high + 1)
    chosen, met = selection.chosen, selection.met
    names = {pid: r.name for pid, r in records.items()}
    counted: list[Session] = []
    aged: set[EntryId] = set()
    if chosen is not None:
        start, end = chosen.start, window.end_key(chosen.start)
        for s in eligible:
            key = window.key(s.date)
            inside = start <= key <= end
            if inside and s.person in chosen.providers:
                counted.append(s)
            elif inside:
                excluded.append(Excluded(s.id, s.date, s.minutes, Reason.THIRD_PROVIDER,
                                         REASON_WORDS[Reason.THIRD_PROVIDER], s.provider_id))
            else:
                excluded.append(Excluded(s.id, s.date, s.minutes, Reason.OUTSIDE_WINDOW,
                                         REASON_WORDS[Reason.OUTSIDE_WINDOW], s.provider_id))
                if key < start:
                    aged.add(s.id)
    excluded.sort(key=lambda e: (e.date, e.entry_id))
    return RscResult(
        status=Status.MET if met else Status.NOT_MET,
        required_minutes=required,
        eligible_minutes=sum(s.minutes for s in eligible),
        counted_minutes=sum(s.minutes for s in counted),
        months=span_months(chosen.first, chosen.last) if chosen else None,
        window_first=chosen.first if chosen else None,
        window_last=chosen.last if chosen else None,
        providers=_providers(eligible, counted, chosen, names, window),
        excluded=tuple(excluded),
        checks=_checks(chosen, names, required, about_required, window),
        max_two_provider_minutes_in_window=selection.max_total,
        first_possible_month=None if met else _first_possible(eligible, window, cur),
        missing=() if met else tuple(missing_words(chosen, names, required, about_required,
                                                   window)),
        pace=None if met else _pace(selection.best_live, window, cur, required,
                                    about_required),
        ageing=_ageing(eligible, window, cur),
        aged_out_minutes=sum(s.minutes for s in eligible if s.id in aged),
        timeline=_timeline(sessions, counted, aged, as_of),
        about_own_required_minutes=about_required,
        about_own_minutes=sum(s.minutes for s in counted if s.about_own),
        counted_entries=tuple(s.id for s in counted),
    )


def _providers(eligible: Sequence[Session], counted: Sequence[Session],
               chosen: Candidate | None, names: Mapping[str, str],
               window: Window) -> tuple[ProviderTotal, ...]:
    total: dict[str, int] = defaultdict(int)
    inside: dict[str, int] = defaultdict(int)
    about: dict[str, int] = defaultdict(int)
    start = chosen.start if chosen else 0
    end = window.end_key(start) if chosen else -1
    for s in eligible:
        pid = s.person or ""
        total[pid] += s.minutes
        if start <= window.key(s.date) <= end:
            inside[pid] += s.minutes
            about[pid] += s.minutes if s.about_own else 0
    roles = {}
    if chosen is not None:
        roles[chosen.providers[0]] = Role.MAIN
        if len(chosen.providers) > 1:
            roles[chosen.providers[1]] = Role.SECOND
    order = sorted(total, key=lambda p: (roles.get(p, Role.NOT_USED) is Role.NOT_USED,
                                         roles.get(p) is Role.SECOND, -inside[p], p))
    return tuple(ProviderTotal(id=p, name=names.get(p, p), minutes=inside[p],
                               eligible_minutes=total[p], about_own_minutes=about[p],
                               role=roles.get(p, Role.NOT_USED)) for p in order)


def _checks(chosen: Candidate | None, names: Mapping[str, str], required: int,
            about_required: int, window: Window) -> tuple[Check, ...]:
    if chosen is None:
        return (Check("total", False,
                      f"no qualifying session yet; {hours_words(required)} needed"),)
    a = names.get(chosen.providers[0], chosen.providers[0])
    both = " and ".join(names.get(p, p) for p in chosen.providers)
    months = span_months(chosen.first, chosen.last)
    checks = [
        Check("majority", chosen.majority,
              f"{a} gave {hours_words(chosen.h1)}: {'more' if chosen.majority else 'not more'}"
              f" than half of the {hours_words(required)} required"),
        Check("total", chosen.total_ok,
              f"{both} gave {hours_words(chosen.total)} of the {hours_words(required)} "
              "required"),
        Check("span", chosen.span,
              f"the sessions span {count_words(months, 'month', 'months')} "
              f"({chosen.first:%b %Y} to {chosen.last:%b %Y}); {window.low} to "
              f"{window.high} are needed"),
    ]
    if about_required:
        checks.append(Check("about-own", chosen.about_own_ok,
                            f"{hours_words(chosen.about_own)} about the RSC you provide; "
                            f"{hours_words(about_required)} needed"))
    return tuple(checks)


def _first_possible(eligible: Sequence[Session], window: Window, cur: int) -> str:
    """Return the first month the requirement can be met, sessions allowed from this month.

    A selection finishing in month M must start no earlier than M - max + 1 and span the
    minimum; the earliest eligible session still inside a window ending now is the best
    start. Without one, a new start this month completes the minimum span last.
    """
    live = [s for s in eligible if month_index(s.date) >= cur - window.high + 1]
    if not live:
        return month_text(cur + window.low - 1)
    return month_text(max(cur, window.complete_month(live[0].date)))


def _pace(best: Candidate | None, window: Window, cur: int, required: int,
          about_required: int) -> Pace:
    """Return the pace needed to meet the rule within the window of the best live try.

    "Live" tries start no earlier than the oldest month a window ending now can hold. The
    current pace is their minutes per month so far; it can "never" reach the requirement
    when a whole window at that pace falls short (spec R9: 2 h a month never makes 50 h).
    """
    if best is None:
        return Pace(math.ceil(required / window.high), window.high, None, False)
    first = month_index(best.first)
    months_left = first + window.high - 1 - cur  # the months after this one the window holds
    remaining = max(required - best.total, required // 2 + 1 - best.h1,
                    about_required - best.about_own, 0)
    current = round(best.total / (cur - first + 1))
    return Pace(math.ceil(remaining / max(1, months_left)), months_left, current,
                current * window.high >= required)


def _ageing(eligible: Sequence[Session], window: Window, cur: int) -> tuple[Ageing, ...]:
    by_month: dict[int, int] = defaultdict(int)
    for s in eligible:
        m = month_index(s.date)
        if cur <= m + window.high - 1 < cur + AGEING_MONTHS_AHEAD:
            by_month[m] += s.minutes
    return tuple(Ageing(month_text(m), minutes, month_text(m + window.high - 1))
                 for m, minutes in sorted(by_month.items()))


def _timeline(sessions: Sequence[Session], counted: Sequence[Session], aged: set[EntryId],
              as_of: dt.date) -> tuple[MonthTotal, ...]:
    counted_ids = {s.id for s in counted}
    months: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
    for s in sessions:
        if s.date > as_of:
            continue
        slot = 0 if s.id in counted_ids else 2 if s.id in aged else 1
        months[month_index(s.date)][slot] += s.minutes
    return tuple(MonthTotal(month_text(m), c, e, a) for m, (c, e, a) in sorted(months.items()))
