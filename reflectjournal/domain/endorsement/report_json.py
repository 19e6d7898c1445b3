"""The ledger's result as JSON values (`progress --format json`; documented in
docs/progress-json.md). Only ids, dates, minutes, provider names and rule words: never an
entry's title, text, answers or client codes, so the JSON is safe to hand to a script.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from reflectjournal.domain.endorsement.coverage import CoverageRow, coverage_json
from reflectjournal.domain.endorsement.results import (
    Excluded,
    ExcludedTraining,
    Pace,
    Progress,
    RscResult,
    TrainingResult,
)

JSON_VERSION = 1


def _day(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def progress_json(progress: Progress, coverage: Iterable[CoverageRow]) -> dict[str, Any]:
    """Return the whole progress report as JSON-ready values."""
    return {
        "version": JSON_VERSION,
        "rule_set": {
            "id": progress.rule_set, "label": progress.rule_set_label,
            "version": progress.rule_version, "provenance": progress.provenance,
            "category_effective_from": _day(progress.rule_effective_from),
            "category_effective_to": _day(progress.rule_effective_to),
        },
        "category": {"id": progress.category, "label": progress.category_label},
        "as_of": progress.as_of.isoformat(),
        "renewal_year": progress.renewal_year,
        "count_independent": progress.count_independent,
        "rsc": _rsc(progress.rsc),
        "training": _training(progress.training),
        "coverage": coverage_json(coverage),
        "families_0_36_months": progress.families_0_36_months,
        "duplicates": [{"kind": d.kind, "entry_ids": list(d.entry_ids), "words": d.words}
                       for d in progress.duplicates],
        "long_sessions": list(progress.long_sessions),
        "checklist": [{"id": item, "label": label} for item, label in progress.checklist],
        "exam": progress.exam,
        "caveats": [{"about": c.about, "mark": c.mark.value, "text": c.text,
                     "mark_words": words} for c, words in progress.caveats],
        "notes": list(progress.notes),
    }


def _rsc(rsc: RscResult) -> dict[str, Any]:
    return {
        "status": rsc.status.value,
        "recommended": rsc.recommended,
        "required_minutes": rsc.required_minutes,
        "eligible_minutes": rsc.eligible_minutes,
        "counted_minutes": rsc.counted_minutes,
        "months": rsc.months,
        "window_first": _day(rsc.window_first),
        "window_last": _day(rsc.window_last),
        "providers": [{"id": p.id, "name": p.name, "minutes": p.minutes,
                       "eligible_minutes": p.eligible_minutes,
                       "about_own_minutes": p.about_own_minutes, "role": p.role.value}
                      for p in rsc.providers],
        "excluded": [_excluded(e) for e in rsc.excluded],
        "checks": [{"id": c.id, "passed": c.passed, "words": c.words} for c in rsc.checks],
        "max_two_provider_minutes_in_window": rsc.max_two_provider_minutes_in_window,
        "first_possible_month": rsc.first_possible_month,
        "missing": list(rsc.missing),
        "pace": _pace(rsc.pace),
        "ageing": [{"month": a.month, "minutes": a.minutes, "last_month": a.last_month}
                   for a in rsc.ageing],
        "aged_out_minutes": rsc.aged_out_minutes,
        "about_own_required_minutes": rsc.about_own_required_minutes,
        "about_own_minutes": rsc.about_own_minutes,
        "timeline": [{"month": m.month, "counted": m.counted, "excluded": m.excluded,
                      "aged_out": m.aged_out} for m in rsc.timeline],
    }


def _excluded(e: Excluded | ExcludedTraining) -> dict[str, Any]:
    found: dict[str, Any] = {"entry_id": e.entry_id, "date": e.date.isoformat(),
                             "minutes": e.minutes, "reason": str(e.reason),
                             "words": e.detail}
    if isinstance(e, Excluded):
        found["provider_id"] = e.provider_id
    return found


def _pace(pace: Pace | None) -> dict[str, Any] | None:
    if pace is None:
        return None
    return {"needed_minutes_per_month": pace.needed_minutes_per_month,
            "months_left": pace.months_left,
            "current_minutes_per_month": pace.current_minutes_per_month,
            "reachable_at_current_pace": pace.reachable_at_current_pace}


def _training(training: TrainingResult) -> dict[str, Any]:
    return {
        "status": training.status.value,
        "required_minutes": training.required_minutes,
        "counted_minutes": training.counted_minutes,
        "independent_minutes": training.independent_minutes,
        "typical_minutes": training.typical_minutes,
        "parts": [{"flag": p.flag, "label": p.label, "required_minutes": p.required_minutes,
                   "counted_minutes": p.counted_minutes, "met": p.met}
                  for p in training.parts],
        "parts_together_met": training.parts_together_met,
        "excluded": [_excluded(e) for e in training.excluded],
        "missing": list(training.missing),
    }
