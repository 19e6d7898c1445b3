"""What changes between two progress results, in plain lines (spec 2.9 items 5 and 6).

Used before a change of target category is applied ("what changes"), and to show a result
"under the new rules" next to the old one when a newer rules file arrives. Both results
come from the same entries; nothing here changes them.
"""

from __future__ import annotations

from collections import Counter

from reflectjournal.domain.endorsement.results import REASON_WORDS, Progress, Reason
from reflectjournal.domain.endorsement.sessions import hours_words
from reflectjournal.domain.wording import count_words


def _arrow(label: str, old: object, new: object) -> list[str]:
    return [] if old == new else [f"{label}: {old} \N{RIGHTWARDS ARROW} {new}"]


def _hours(label: str, old: int, new: int) -> list[str]:
    return [] if old == new else [f"{label}: {hours_words(old)} \N{RIGHTWARDS ARROW} "
                                  f"{hours_words(new)}"]


def changes(before: Progress, after: Progress) -> list[str]:
    """Return one line per difference that matters to the user; empty if none."""
    lines: list[str] = []
    lines += _arrow("Category", f"{before.category_label} ({before.category})",
                    f"{after.category_label} ({after.category})")
    lines += _arrow("Rules", f"{before.rule_set_label} {before.rule_version} "
                    f"(from {before.rule_effective_from})",
                    f"{after.rule_set_label} {after.rule_version} "
                    f"(from {after.rule_effective_from})")
    lines += _arrow("As of", before.as_of, after.as_of)
    t0, t1 = before.training, after.training
    lines += _arrow("Training", t0.status.value, t1.status.value)
    lines += _hours("Training required", t0.required_minutes, t1.required_minutes)
    lines += _hours("Training counted", t0.counted_minutes, t1.counted_minutes)
    parts0 = {p.flag: p for p in t0.parts}
    parts1 = {p.flag: p for p in t1.parts}
    for flag in sorted(parts0.keys() - parts1.keys()):
        lines.append(f"No longer required: {hours_words(parts0[flag].required_minutes)} "
                     f"{parts0[flag].label}")
    for flag in sorted(parts1.keys() - parts0.keys()):
        lines.append(f"Newly required: {hours_words(parts1[flag].required_minutes)} "
                     f"{parts1[flag].label}")
    r0, r1 = before.rsc, after.rsc
    lines += _arrow("RSC", r0.status.value, r1.status.value)
    lines += _hours("RSC required", r0.required_minutes, r1.required_minutes)
    lines += _hours("RSC eligible", r0.eligible_minutes, r1.eligible_minutes)
    lines += _hours("RSC counted", r0.counted_minutes, r1.counted_minutes)
    lines += _arrow("First month RSC can be met", r0.first_possible_month or "-",
                    r1.first_possible_month or "-")
    lines += _session_lines(before, after)
    roles0 = {p.id: (p.name, p.role.value) for p in r0.providers}
    for p in r1.providers:
        if p.id in roles0 and roles0[p.id][1] != p.role.value:
            lines.append(f"{p.name}: {roles0[p.id][1]} \N{RIGHTWARDS ARROW} {p.role.value}")
    items0, items1 = dict(before.checklist), dict(after.checklist)
    lines += [f"Also needed now: {items1[i]}" for i in items1 if i not in items0]
    lines += [f"No longer needed: {items0[i]}" for i in items0 if i not in items1]
    lines += _arrow("Exam", "yes" if before.exam else "no", "yes" if after.exam else "no")
    return lines


def _session_lines(before: Progress, after: Progress) -> list[str]:
    """Say which sessions stop or start counting, grouped by the new reason."""
    excluded0 = {e.entry_id: e for e in before.rsc.excluded}
    excluded1 = {e.entry_id: e for e in after.rsc.excluded}
    counted0, counted1 = set(before.rsc.counted_entries), set(after.rsc.counted_entries)
    lost: Counter[Reason] = Counter()
    lost_minutes: Counter[Reason] = Counter()
    for entry_id in counted0 - counted1:
        if entry_id in excluded1:
            reason = excluded1[entry_id].reason
            lost[reason] += 1
            lost_minutes[reason] += excluded1[entry_id].minutes
    lines = [f"{count_words(count, 'session', 'sessions')}, {hours_words(lost_minutes[reason])}, "
             f"no longer {'counts' if count == 1 else 'count'}: "
             f"{REASON_WORDS[reason]}" for reason, count in lost.most_common()]
    gained = [e for e in counted1 - counted0 if e in excluded0]
    if gained:
        minutes = sum(excluded0[e].minutes for e in gained)
        lines.append(f"{count_words(len(gained), 'session', 'sessions')}, {hours_words(minutes)}, "
                     f"now {'counts' if len(gained) == 1 else 'count'}")
    return lines
