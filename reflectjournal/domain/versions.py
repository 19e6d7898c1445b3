"""Saved versions of an entry and the trash: what they hold, how long, what changed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from reflectjournal.domain.entry import Entry, FieldValue
from reflectjournal.domain.ids import TagId
from reflectjournal.domain.taxonomy import Catalog

TRASH_DAYS = 30
"""How long a deleted entry stays in the trash before the journal forgets it."""


@dataclass(frozen=True, slots=True)
class EntryVersion:
    """One saved state of an entry; the newest is the entry as it is now."""

    number: int
    saved_at: dt.datetime
    entry: Entry
    current: bool


@dataclass(frozen=True, slots=True)
class TrashedEntry:
    """A deleted entry, kept until TRASH_DAYS after deleted_at."""

    entry: Entry
    deleted_at: dt.datetime
    versions: int

    @property
    def purged_after(self) -> dt.datetime:
        """Return when the journal forgets this entry."""
        return self.deleted_at + dt.timedelta(days=TRASH_DAYS)


def trash_cutoff(now: dt.datetime) -> dt.datetime:
    """Return the deletion time before which trashed entries are forgotten."""
    return now - dt.timedelta(days=TRASH_DAYS)


def same_content(a: Entry, b: Entry) -> bool:
    """Return whether two states of an entry hold the same things (times aside)."""
    return _comparable(a) == _comparable(b)


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One part of an entry that differs between two versions, as readable text."""

    label: str
    before: str
    after: str


def changed_fields(
    before: Entry, after: Entry, labels: Mapping[str, str] | None = None,
    catalog: Catalog | None = None,
) -> list[FieldChange]:
    """Return what differs from before to after, in the order the editor shows it.

    labels names tags; catalog, when given, names kinds, prompts and fields as the app does.
    """
    names = labels or {}
    kinds = {k.id: k.label for k in catalog.kinds} if catalog else {}
    prompts = {p.id: p.label for s in catalog.prompt_sets for p in s.prompts} if catalog else {}
    # The entry's own kind names its fields first, as the editor would show them.
    specs = {f.id: f for k in sorted(catalog.kinds, key=lambda k: k.id == after.kind)
             for f in k.fields} if catalog else {}

    def tags(ids: tuple[TagId, ...]) -> str:
        return ", ".join(names.get(t, t) for t in ids)

    pairs: list[tuple[str, str, str]] = [
        ("Kind", kinds.get(before.kind, before.kind), kinds.get(after.kind, after.kind)),
        ("Date", before.date.isoformat(), after.date.isoformat()),
        ("Title", before.title, after.title),
    ]
    for prompt in _keys(before.answers, after.answers):
        pairs.append((prompts.get(prompt, prompt), before.answers.get(prompt, ""),
                      after.answers.get(prompt, "")))
    pairs.append(("Text", before.body, after.body))
    for name in _keys(before.fields, after.fields):
        spec = specs.get(name)
        choices = {c.id: c.label for c in spec.choices} if spec else {}
        pairs.append((spec.label if spec else name.replace("_", " ").capitalize(),
                      _field_text(before.fields.get(name), choices),
                      _field_text(after.fields.get(name), choices)))
    pairs += [
        ("Minutes", _minutes(before), _minutes(after)),
        ("Competencies", tags(before.competencies), tags(after.competencies)),
        ("Themes", tags(before.themes), tags(after.themes)),
        ("Tags", tags(before.tags), tags(after.tags)),
        ("Starred", "yes" if before.starred else "no", "yes" if after.starred else "no"),
    ]
    return [FieldChange(label, old, new) for label, old, new in pairs if old != new]


def _comparable(entry: Entry) -> tuple[object, ...]:
    return (entry.kind, entry.date, entry.title, entry.body, dict(entry.answers),
            dict(entry.fields), entry.duration_minutes,
            entry.competencies, entry.themes, entry.tags, entry.starred)


def _keys(a: Mapping[str, object], b: Mapping[str, object]) -> list[str]:
    return list(dict.fromkeys([*a, *b]))


def _field_text(value: FieldValue | None, choices: Mapping[str, str]) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(choices.get(v, v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return choices.get(value, value) if isinstance(value, str) else str(value)


def _minutes(entry: Entry) -> str:
    return "" if entry.duration_minutes is None else str(entry.duration_minutes)


def differences_text(changes: list[FieldChange], before: str, after: str) -> str:
    """Return the changes as plain text, each part with both of its values in full."""
    if not changes:
        return "Nothing differs."
    width = max(len(before), len(after)) + 1
    blocks = []
    for change in changes:
        lines = [change.label]
        for name, value in ((before, change.before), (after, change.after)):
            first, *rest = value.strip().splitlines() or ["(empty)"]
            lines.append(f"  {name + ':':<{width}} {first}")
            lines += [f"  {'':<{width}} {line}" for line in rest]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)
