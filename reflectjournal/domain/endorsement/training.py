"""The training requirement (spec T1-T3): counted minutes and disjoint flagged parts."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence

from reflectjournal.domain.endorsement.results import (
    TRAINING_REASONS,
    ExcludedTraining,
    Status,
    TrainingPartResult,
    TrainingResult,
)
from reflectjournal.domain.endorsement.rsc_window import add_months
from reflectjournal.domain.endorsement.rules import TrainingPart
from reflectjournal.domain.endorsement.sessions import Training, hours_words
from reflectjournal.domain.ids import EntryId


def training_result(trainings: Sequence[Training], parts: Sequence[TrainingPart],
                    required: int, typical: int | None, as_of: dt.date,
                    count_independent: bool, lookback_years: int,
                    year: int | None = None) -> TrainingResult:
    """Return the training requirement's state for these trainings.

    A training's counted minutes are its face-to-face minutes, plus its independent ones
    only with `count_independent` (T1). The parts are checked as disjoint buckets (T2):
    for every set of parts, the trainings carrying any of them must give at least the
    set's minutes together, so a training flagged twice counts for one part only.
    """
    counted: dict[EntryId, int] = {}
    flags: dict[EntryId, frozenset[str]] = {}
    excluded: list[ExcludedTraining] = []
    independent = 0
    oldest = add_months(as_of, -12 * lookback_years) if lookback_years else None
    for t in trainings:
        minutes = t.face_minutes + (t.independent_minutes if count_independent else 0)
        reason = _reason(t, as_of, oldest, year)
        if reason is not None:
            excluded.append(ExcludedTraining(t.id, t.date, minutes, reason,
                                             TRAINING_REASONS[reason]))
            continue
        counted[t.id] = minutes
        flags[t.id] = t.flags
        independent += t.independent_minutes
    total = sum(counted.values())

    def minutes_with_any(chosen: Sequence[TrainingPart]) -> int:
        return sum(m for tid, m in counted.items()
                   if any(set(p.flags) <= flags[tid] for p in chosen))

    results = tuple(
        TrainingPartResult(flag=p.key, label=p.label, required_minutes=p.minutes,
                           counted_minutes=minutes_with_any([p]),
                           met=minutes_with_any([p]) >= p.minutes)
        for p in parts)
    together = all(minutes_with_any(subset) >= sum(p.minutes for p in subset)
                   for size in range(2, len(parts) + 1)
                   for subset in itertools.combinations(parts, size))
    met = total >= required and all(r.met for r in results) and together
    return TrainingResult(
        status=Status.MET if met else Status.NOT_MET, required_minutes=required,
        counted_minutes=total, independent_minutes=independent, parts=results,
        parts_together_met=together, typical_minutes=typical, excluded=tuple(excluded),
        counted=counted, missing=tuple(_missing(total, required, results, together, parts)),
    )


def _reason(t: Training, as_of: dt.date, oldest: dt.date | None, year: int | None) -> str | None:
    if not t.counts:
        return "not-counted"
    if t.date > as_of:
        return "after-as-of"
    if year is not None and t.date.year != year:
        return "outside-year"
    if oldest is not None and t.date < oldest:
        return "older-than-look-back"
    return None


def _missing(total: int, required: int, results: Sequence[TrainingPartResult],
             together: bool, parts: Sequence[TrainingPart]) -> list[str]:
    lines = []
    if total < required:
        lines.append(f"{hours_words(required - total)} more training")
    for r in results:
        if not r.met:
            lines.append(f"{hours_words(r.required_minutes - r.counted_minutes)} more "
                         f"{r.label}")
    if all(r.met for r in results) and not together:
        need = sum(p.minutes for p in parts)
        lines.append(f"the flagged parts need {hours_words(need)} together, and a training "
                     "flagged for two parts counts for one only")
    return lines
