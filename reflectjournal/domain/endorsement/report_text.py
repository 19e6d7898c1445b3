"""The plain-text progress report (`progress --format text`): statuses, reasons in words.

Worded per spec 2.10: the app "helps you track hours toward Endorsement", never says
"eligible" or "approved", and every report carries the rule set's provenance. Like the
JSON it names providers but never an entry's title, text or client codes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from reflectjournal.domain.endorsement.coverage import (
    UNCONFIRMED_MARK,
    UNCONFIRMED_NOTE,
    CoverageRow,
)
from reflectjournal.domain.endorsement.results import (
    Pace,
    Progress,
    RscResult,
    Status,
    TrainingResult,
)
from reflectjournal.domain.endorsement.sessions import hours_words
from reflectjournal.domain.wording import count_words

NOTICE = ("ReflectJournal helps you track hours toward Endorsement\N{REGISTERED SIGN}; it is "
          "not affiliated with the Alliance, MI-AIMH or any association.")
MAX_LISTED = 50  # excluded sessions listed one by one; beyond this, by reason only


def status_words(status: Status, recommended: bool = False) -> str:
    """Return a status as the report says it."""
    if status is Status.NOT_REQUIRED and recommended:
        return "not required (recommended)"
    return status.value


def _month(text: str | None) -> str:
    """Return YYYY-MM as 'Feb 2026'."""
    if not text:
        return "-"
    names = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
             "Dec")
    return f"{names[int(text[5:7]) - 1]} {text[:4]}"


def progress_lines(progress: Progress,
                   coverage: Iterable[CoverageRow] | None = None) -> list[str]:
    """Return the report's lines, ready to print one per line."""
    kind = f"renewal {progress.renewal_year}" if progress.renewal_year else "application"
    lines = [
        f"Progress toward Endorsement: {progress.category_label} ({progress.category}), {kind}",
        NOTICE,
        progress.provenance,
        _version_line(progress),
        f"As of {progress.as_of.isoformat()}.",
        "",
    ]
    lines += _training_lines(progress.training)
    lines.append("")
    lines += _rsc_lines(progress.rsc)
    lines += _other_lines(progress)
    if coverage is not None:
        lines += _coverage_lines(coverage)
    if progress.caveats:
        lines += ["", "About these rules:"]
        lines += [f"  [{c.mark.value}] {c.text} ({words})" for c, words in progress.caveats]
    if progress.notes:
        lines += ["", "Notes:"] + [f"  {note}" for note in progress.notes]
    return lines


def _version_line(progress: Progress) -> str:
    start = progress.rule_effective_from.isoformat()
    if progress.rule_effective_to:
        return (f"This category's rules as in effect from {start} to "
                f"{progress.rule_effective_to.isoformat()}.")
    return f"This category's rules as in effect from {start}."


def _training_lines(t: TrainingResult) -> list[str]:
    lines = [f"Training: {status_words(t.status)} \N{EM DASH} {hours_words(t.counted_minutes)} "
             f"counted of {hours_words(t.required_minutes)} required"]
    for part in t.parts:
        lines.append(f"  {part.label}: {hours_words(part.counted_minutes)} of "
                     f"{hours_words(part.required_minutes)} ({'met' if part.met else 'not met'})")
    if t.independent_minutes:
        lines.append(f"  Independent learning: {hours_words(t.independent_minutes)} listed; "
                     "may not count \N{EM DASH} check with your association.")
    if t.typical_minutes:
        lines.append(f"  Successful applications typically list about "
                     f"{hours_words(t.typical_minutes)} (context, not a requirement).")
    lines += [f"  Missing: {line}" for line in t.missing]
    for e in t.excluded:
        lines.append(f"  Not counted: {e.date.isoformat()}  {hours_words(e.minutes)}  "
                     f"{e.detail}")
    return lines


def _rsc_lines(r: RscResult) -> list[str]:
    head = "Reflective supervision/consultation (RSC)"
    if r.status is Status.NOT_REQUIRED:
        return [f"{head}: {status_words(r.status, r.recommended)}"]
    lines = [f"{head}: {status_words(r.status)} \N{EM DASH} {hours_words(r.counted_minutes)} "
             f"counted of {hours_words(r.required_minutes)} required "
             f"({hours_words(r.eligible_minutes)} from qualifying sessions in all)"]
    if r.providers:
        lines.append("  Providers: " + ", ".join(
            f"{p.name} {hours_words(p.minutes)} ({p.role.value})" for p in r.providers))
    for check in r.checks:
        lines.append(f"  [{'x' if check.passed else ' '}] {check.words}")
    if r.status is Status.NOT_MET:
        if r.months is not None:
            lines.append("  Most from any two providers in any one window: "
                         f"{hours_words(r.max_two_provider_minutes_in_window)}")
        lines += [f"  Missing: {line}" for line in r.missing]
        if r.pace is not None:
            lines.append(_pace_line(r))
        if r.first_possible_month:
            lines.append(f"  First month it can be met: {_month(r.first_possible_month)}")
    for a in r.ageing:
        lines.append(f"  Ageing out: {hours_words(a.minutes)} from {_month(a.month)} leave the "
                     f"window after {_month(a.last_month)}.")
    if r.aged_out_minutes:
        lines.append(f"  Older than the counted window: {hours_words(r.aged_out_minutes)}.")
    lines += _excluded_lines(r)
    return lines


def pace_needed(pace: Pace) -> str:
    """Return what the pace asks for, in words ("2.5 h a month needed over the next 14
    months"); when the window of the counted sessions closes this month, what this month
    still needs, since no month after it counts with them."""
    needed = hours_words(pace.needed_minutes_per_month)
    if pace.months_left < 1:
        return (f"{needed} more needed by the end of this month, when the window your "
                "counted sessions start closes")
    return (f"{needed} a month needed over the next {pace.months_left} "
            f"month{'s' if pace.months_left != 1 else ''}")


def _pace_line(r: RscResult) -> str:
    pace = r.pace
    assert pace is not None
    line = f"  Pace: {pace_needed(pace)}"
    if pace.current_minutes_per_month is not None:
        line += f"; your pace so far is {hours_words(pace.current_minutes_per_month)} a month"
        if not pace.reachable_at_current_pace:
            line += (f", which can never reach {hours_words(r.required_minutes)} within one "
                     "window")
    return line + "."


def _excluded_lines(r: RscResult) -> list[str]:
    if not r.excluded:
        return []
    total = sum(e.minutes for e in r.excluded)
    lines = [f"  Not counted: {len(r.excluded)} session{'s' if len(r.excluded) != 1 else ''}, "
             f"{hours_words(total)}"]
    if len(r.excluded) <= MAX_LISTED:
        lines += [f"    {e.date.isoformat()}  {hours_words(e.minutes)}  {e.detail}"
                  for e in r.excluded]
    else:
        by_reason = Counter(e.reason for e in r.excluded)
        lines += [f"    {count} x {reason.value}" for reason, count in by_reason.most_common()]
    return lines


def _other_lines(p: Progress) -> list[str]:
    lines: list[str] = []
    if p.duplicates:
        lines += ["", "Possible double logs (all still counted until you resolve them):"]
        lines += [f"  {d.kind}: {count_words(len(d.entry_ids), 'entry', 'entries')} "
                  f"\N{EM DASH} {d.words}"
                  for d in p.duplicates]
    if p.long_sessions:
        lines += ["", count_words(len(p.long_sessions), "very long supervision session",
                               "very long supervision sessions") + ": is each RSC or training?"]
    lines += ["", f"Families of infants and toddlers (0-36 months), from distinct client "
              f"codes: {p.families_0_36_months}"]
    if p.checklist:
        lines += ["", "Also needed (not hours):"] + [f"  [ ] {label}" for _, label in p.checklist]
    return lines


def _coverage_lines(given: Iterable[CoverageRow]) -> list[str]:
    rows = tuple(given)
    lines = ["", "Competency coverage (trainings tagged; no score):"]
    for row in rows:
        indent = "  " if row.level == 1 else "    "
        latest = row.latest.isoformat() if row.latest else "-"
        marker = UNCONFIRMED_MARK if not row.confirmed else ""
        note = f" \N{EM DASH} {row.note}" if row.note else ""
        lines.append(f"{indent}{row.label}{marker}: "
                     f"{count_words(row.training_entries, 'training', 'trainings')}, "
                     f"{hours_words(row.training_minutes)}, latest {latest}{note}")
    if any(not row.confirmed for row in rows):
        lines.append(f"  {UNCONFIRMED_NOTE}")
    return lines
