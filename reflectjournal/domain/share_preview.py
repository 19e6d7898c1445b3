"""The share preview's text, and where each flag (or its placeholder) is in it.

The preview is built from the same segments the supervisor's app shows and from the same
redaction the bundle gets (`OutgoingDraft.resolved`), so what is read is what leaves. Where
a flag lands decides what the user is shown to decide on: a highlight that drifted off its
text after a redaction would ask them to judge the wrong words.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Protocol

from reflectjournal.domain import share_selection as selection
from reflectjournal.domain.bundle import SharedEntry
from reflectjournal.domain.deidentify import Flag, redact

# Between entries in the preview; the bundle keeps entries apart, the preview shows where.
ENTRY_SEPARATOR = "\n\n" + "─" * 28 + "\n\n"
MESSAGE_HEADING = "Message to the recipient:\n"


class OutgoingDraft(Protocol):
    """What would leave before redaction (the services' ShareDraft is one)."""

    @property
    def entries(self) -> Sequence[SharedEntry]:
        """The entries as chosen, before any redaction."""
        ...

    @property
    def message(self) -> str:
        """The covering message, before any redaction."""
        ...

    @property
    def flags(self) -> Sequence[selection.LocatedFlag]:
        """Every flag the check raised in the entries and the message."""
        ...

    def resolved(self, redact: Collection[str]) -> tuple[Sequence[SharedEntry], str]:
        """Return the entries and message as they leave, these flags redacted."""
        ...


@dataclass(frozen=True, slots=True)
class Span:
    """Where one flag's text (or, once redacted, its placeholder) is in the preview."""

    start: int
    end: int
    redacted: bool


def flag_end(flag: Flag) -> int:
    """Return the offset just after a flag's text, from its start and its text."""
    return flag.start + len(flag.text)


def place(
    original: str, shown: str, flags: Sequence[selection.LocatedFlag], redact_ids: Collection[str]
) -> dict[str, Span]:
    """Return where each flag of one piece of text ends up once the redactions are applied.

    A flag's new start is the length of the redacted text before it; a flag whose text is
    no longer where expected (it overlapped a redacted one) is left unmarked.
    """
    redacted = [f.flag for f in flags if f.id in redact_ids]
    out: dict[str, Span] = {}
    for located in flags:
        flag = located.flag
        before = [g for g in redacted if flag_end(g) <= flag.start]
        start = len(redact(original[: flag.start], before))
        if located.id in redact_ids:
            end = len(redact(original[: flag_end(flag)], [*before, flag]))
            if end > start:
                out[located.id] = Span(start, end, True)
        elif shown[start : start + len(flag.text)] == flag.text:
            out[located.id] = Span(start, start + len(flag.text), False)
    return out


def preview_text(draft: OutgoingDraft, redact_ids: Collection[str]) -> tuple[str, dict[str, Span]]:
    """Return the preview (as it leaves, redactions applied) and each flag's span in it."""
    entries, message = draft.resolved(redact_ids)
    by_place: dict[tuple[str | None, str], list[selection.LocatedFlag]] = {}
    for located in draft.flags:
        by_place.setdefault((located.entry_id, located.location), []).append(located)
    parts: list[str] = []
    spans: dict[str, Span] = {}
    offset = 0

    def add(text: str, location: str | None, entry_id: str | None, original: str) -> None:
        nonlocal offset
        flags = by_place.get((entry_id, location), []) if location else []
        for flag_id, span in place(original, text, flags, redact_ids).items():
            spans[flag_id] = Span(span.start + offset, span.end + offset, span.redacted)
        parts.append(text)
        offset += len(text)

    for number, (before, after) in enumerate(zip(draft.entries, entries, strict=True)):
        if number:
            add(ENTRY_SEPARATOR, None, None, "")
        old_segments = selection.shared_entry_segments(before)
        new_segments = selection.shared_entry_segments(after)
        # Parts that no longer line up with the original's get no marks: none beats wrong ones.
        aligned = [o[0] for o in old_segments] == [n[0] for n in new_segments]
        for i, (location, text) in enumerate(new_segments):
            original = old_segments[i][1] if aligned else ""
            add(text, location if aligned else None, before.id, original)
    if message:
        add(ENTRY_SEPARATOR if entries else "", None, None, "")
        add(MESSAGE_HEADING, None, None, "")
        add(message, "message", None, draft.message)
    return "".join(parts), spans


def part_words(entry: SharedEntry | None, location: str) -> str:
    """Return the part of an entry a flag is in, in the words the preview shows."""
    if location == "message":
        return "Message"
    what, _, index = location.partition(":")
    if entry is not None and index.isdigit():
        i = int(index)
        if what == "answer" and i < len(entry.answers):
            return entry.answers[i][0]
        if what == "field" and i < len(entry.fields):
            return entry.fields[i][0]
    return {"title": "Title", "body": "Reflection text", "tag": "Tags"}.get(what, what)
