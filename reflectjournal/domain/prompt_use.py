"""Which of a kind's prompts the user keeps answering: those show first, the rest fold away.

A clinician who always answers the same three of ten prompts should not Tab or scroll past
the other seven each time; the folded ones stay one key away ("More prompts").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from reflectjournal.domain.taxonomy import EntryKind, Prompt

# Fewer recent entries of a kind than this tell too little: every prompt shows.
MIN_ENTRIES = 3
RECENT_ENTRIES = 200  # how far back the editor looks, newest first


@dataclass(frozen=True, slots=True)
class PromptUse:
    """Per kind: how many recent entries there are, and how often each prompt was answered."""

    entries: Mapping[str, int]
    answered: Mapping[str, Mapping[str, int]]


@dataclass(frozen=True, slots=True)
class PromptLayout:
    """The prompts to show open, in order, and those folded under "More prompts"."""

    shown: tuple[Prompt, ...]
    folded: tuple[Prompt, ...]


NO_USE = PromptUse({}, {})


def count_use(entries: Iterable[tuple[str, Mapping[str, str]]]) -> PromptUse:
    """Count, per kind, the entries and the non-blank answers to each prompt."""
    totals: dict[str, int] = {}
    answered: dict[str, dict[str, int]] = {}
    for kind, answers in entries:
        totals[kind] = totals.get(kind, 0) + 1
        counts = answered.setdefault(kind, {})
        for prompt_id, text in answers.items():
            if text.strip():
                counts[prompt_id] = counts.get(prompt_id, 0) + 1
    return PromptUse(totals, answered)


def layout_prompts(kind: EntryKind, use: PromptUse,
                   answered_now: Iterable[str] = ()) -> PromptLayout:
    """Show the prompts used before (most used first) and any answered now; fold the rest.

    With too little history every prompt shows, in the kind's order: a new user sees the
    whole guide.
    """
    prompts = kind.prompt_set.prompts
    if use.entries.get(kind.id, 0) < MIN_ENTRIES:
        return PromptLayout(prompts, ())
    counts = use.answered.get(kind.id, {})
    now = set(answered_now)
    position = {p.id: i for i, p in enumerate(prompts)}
    shown = sorted((p for p in prompts if counts.get(p.id) or p.id in now),
                   key=lambda p: (-counts.get(p.id, 0), position[p.id]))
    if not shown:
        return PromptLayout(prompts, ())
    kept = {p.id for p in shown}
    return PromptLayout(tuple(shown), tuple(p for p in prompts if p.id not in kept))
