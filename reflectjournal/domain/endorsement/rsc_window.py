"""Choosing the counted RSC: one or two providers inside a 12-24 month window (spec R5-R9).

A candidate is all eligible sessions of one provider, or of two, inside one window of the
rule's maximum span. Windows need only start at a session (a window starting in an empty
month holds a subset of the next one's), and they slide forward with running per-provider
totals, so a journal with years of weekly sessions costs one pass plus the pair checks.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from reflectjournal.domain.endorsement.rules import WindowUnit
from reflectjournal.domain.endorsement.sessions import Session, hours_words, month_index
from reflectjournal.domain.wording import count_words


def add_months(day: dt.date, months: int) -> dt.date:
    """Return `day` moved by whole months, clamped to the month's last day."""
    index = month_index(day) + months
    year, month = divmod(index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


@dataclass(frozen=True, slots=True)
class Window:
    """How spans and windows are measured: calendar months (spec R5) or days (its setting)."""

    unit: WindowUnit
    low: int  # months
    high: int

    def key(self, day: dt.date) -> int:
        """Return the position of a day in the unit windows start at."""
        if self.unit is WindowUnit.CALENDAR_MONTHS:
            return month_index(day)
        return day.toordinal()

    def end_key(self, start: int) -> int:
        """Return the last key inside the widest window starting at `start`."""
        if self.unit is WindowUnit.CALENDAR_MONTHS:
            return start + self.high - 1
        last = add_months(dt.date.fromordinal(start), self.high) - dt.timedelta(days=1)
        return last.toordinal()

    def span_ok(self, first: dt.date, last: dt.date) -> bool:
        """Return whether sessions from `first` to `last` pass the time-frame rule."""
        if self.unit is WindowUnit.CALENDAR_MONTHS:
            return self.low <= span_months(first, last) <= self.high
        one_day = dt.timedelta(days=1)
        return (add_months(first, self.low) - one_day <= last
                <= add_months(first, self.high) - one_day)

    def complete_month(self, first: dt.date) -> int:
        """Return the first month index whose sessions can complete the minimum span."""
        if self.unit is WindowUnit.CALENDAR_MONTHS:
            return month_index(first) + self.low - 1
        return month_index(add_months(first, self.low) - dt.timedelta(days=1))


def span_months(first: dt.date, last: dt.date) -> int:
    """Return months(S) of spec R5: calendar months from first to last, both counted."""
    return month_index(last) - month_index(first) + 1


class Candidate(NamedTuple):
    """One or two providers' eligible sessions inside one window, and how they fare.

    A NamedTuple, not a dataclass: thousands are built per computation and a tuple is the
    cheapest immutable value to build.
    """

    start: int  # window start key
    providers: tuple[str, ...]  # main first
    h1: int
    h2: int
    about_own: int
    first: dt.date
    last: dt.date
    majority: bool
    total_ok: bool
    span: bool
    about_own_ok: bool

    @property
    def total(self) -> int:
        """Return the minutes of both providers together."""
        return self.h1 + self.h2

    @property
    def passed(self) -> int:
        """Return how many checks pass."""
        return sum((self.majority, self.total_ok, self.span, self.about_own_ok))

    @property
    def met(self) -> bool:
        """Return whether every check passes."""
        return self.majority and self.total_ok and self.span and self.about_own_ok


class _ProviderRun:
    """One provider's sessions inside the sliding window."""

    __slots__ = ("about", "minutes", "sessions")

    def __init__(self) -> None:
        self.sessions: deque[Session] = deque()
        self.minutes = 0
        self.about = 0

    def add(self, s: Session) -> None:
        self.sessions.append(s)
        self.minutes += s.minutes
        self.about += s.minutes if s.about_own else 0

    def drop_first(self) -> None:
        s = self.sessions.popleft()
        self.minutes -= s.minutes
        self.about -= s.minutes if s.about_own else 0


def candidates(eligible: Sequence[Session], window: Window, required: int,
               about_required: int) -> Iterator[Candidate]:
    """Yield every one- and two-provider candidate of every window (eligible: date order).

    A generator, read once by `select`: thousands of candidates alive together would
    wake the garbage collector's full walks of a large journal (the p95 of the benchmark).
    """
    keys = [window.key(s.date) for s in eligible]
    runs: dict[str, _ProviderRun] = {}
    left = right = 0
    for start in sorted(set(keys)):
        while left < len(eligible) and keys[left] < start:
            runs[_pid(eligible[left])].drop_first()
            left += 1
        end = window.end_key(start)
        while right < len(eligible) and keys[right] <= end:
            runs.setdefault(_pid(eligible[right]), _ProviderRun()).add(eligible[right])
            right += 1
        active = [(pid, run) for pid, run in runs.items() if run.sessions]
        for pid, run in active:
            yield _candidate(start, pid, run, None, None, window, required, about_required)
        for (a_id, a), (b_id, b) in itertools.combinations(active, 2):
            yield _candidate(start, a_id, a, b_id, b, window, required, about_required)


def _pid(s: Session) -> str:
    assert s.person is not None  # eligible sessions have a provider
    return s.person


def _candidate(start: int, a_id: str, a: _ProviderRun, b_id: str | None,
               b: _ProviderRun | None, window: Window, required: int,
               about_required: int) -> Candidate:
    """Return the candidate of one provider, or two (the one with more minutes is main)."""
    ids: tuple[str, ...]
    if b is None or b_id is None:
        first, last = a.sessions[0].date, a.sessions[-1].date
        h1, h2, about, ids = a.minutes, 0, a.about, (a_id,)
    else:
        if (b.minutes, a_id) > (a.minutes, b_id):
            a_id, a, b_id, b = b_id, b, a_id, a
        first = min(a.sessions[0].date, b.sessions[0].date)
        last = max(a.sessions[-1].date, b.sessions[-1].date)
        h1, h2, about, ids = a.minutes, b.minutes, a.about + b.about, (a_id, b_id)
    return Candidate(start, ids, h1, h2, about, first, last, 2 * h1 > required,
                     h1 + h2 >= required, window.span_ok(first, last), about >= about_required)


@dataclass(frozen=True, slots=True)
class Selection:
    """What the candidates give: the chosen one, and the figures the report needs."""

    chosen: Candidate | None
    met: bool
    max_total: int  # the most minutes of any one or two providers in any one window
    best_live: Candidate | None  # the largest try still inside a window ending now


def select(found: Iterable[Candidate], live_from: int) -> Selection:
    """Return the chosen candidate and whether it meets the rule (spec R8, R9).

    Met: the passing candidate with the latest last session, then the larger total, then
    the larger main share. Not met: the best try, most checks passed, then most minutes.
    `live_from` is the first month (index) a window ending this month can hold.
    """
    best_met: Candidate | None = None
    best_try: Candidate | None = None
    best_live: Candidate | None = None
    max_total = 0
    for c in found:
        total = c.h1 + c.h2
        max_total = max(max_total, total)
        if c.met:
            if best_met is None or (c.last, total, c.h1) > (best_met.last, best_met.total,
                                                             best_met.h1):
                best_met = c
        elif best_try is None or (c.passed, total, c.last) > (best_try.passed,
                                                               best_try.total, best_try.last):
            best_try = c
        if month_index(c.first) >= live_from and (
                best_live is None or (total, c.h1) > (best_live.total, best_live.h1)):
            best_live = c
    if best_met is not None:
        return Selection(best_met, True, max_total, best_live)
    return Selection(best_try, False, max_total, best_live)


def missing_words(best: Candidate | None, names: dict[str, str], required: int,
                  about_required: int, window: Window) -> list[str]:
    """Return what is missing, in words, for the best try (spec R9)."""
    if best is None:
        return [f"{hours_words(required)} of qualifying RSC with one provider, or two with more "
                f"than half from one, over {window.low} to {window.high} months"]
    lines: list[str] = []
    a = names.get(best.providers[0], best.providers[0])
    b = names.get(best.providers[1], best.providers[1]) if len(best.providers) > 1 else None
    short = required - best.total
    majority_gap = required / 2 - best.h1  # the main provider needs MORE than this
    whom = f"{a} or {b}" if b else f"{a} or one other qualified provider"
    if short > 0 and not best.majority:
        if majority_gap >= short:
            lines.append(f"more than {hours_words(majority_gap)} more with {a}")
        else:
            lines.append(f"{hours_words(short)} more with {whom}, of which more than "
                         f"{hours_words(majority_gap)} with {a}")
    elif short > 0:
        lines.append(f"{hours_words(short)} more with {whom}")
    elif not best.majority:
        lines.append(f"more time with {a}: more than half of the {hours_words(required)} "
                     f"required ({hours_words(required / 2)}) must come from one provider, "
                     f"and {a} has {hours_words(best.h1)}")
    if not best.span:
        months = span_months(best.first, best.last)
        if months < window.low:
            complete = window.complete_month(best.first)
            lines.append(f"sessions span {count_words(months, 'month', 'months')}; the first "
                         "month that can complete "
                         f"the {window.low}-month span is "
                         f"{dt.date(complete // 12, complete % 12 + 1, 1):%b %Y}")
        else:
            lines.append(f"the sessions span {months} months, more than {window.high}")
    if not best.about_own_ok:
        lines.append(f"{hours_words(about_required - best.about_own)} more about the RSC you "
                     f"provide, with {a}{' or ' + b if b else ''}")
    return lines
