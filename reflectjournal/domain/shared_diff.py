"""What changed between two versions of a shared entry, word by word, for the supervisor.

A clinician who shares an entry again sends its new version; the supervisor is shown what
differs from the version received before, part by part (title, each prompt answer, the text,
fields, tags), each changed part as runs of kept, removed and added words. Words, not
characters: a reader follows "[-tired-]{+worn out+}" at a glance, and a changed letter
inside a word still shows the whole word, which is what was rewritten.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Literal

from reflectjournal.domain.bundle import SharedEntry

Op = Literal["same", "removed", "added"]
# A word with the spaces after it (or leading spaces alone): spaces never match on their own.
_TOKENS = re.compile(r"\S+\s*|\s+")
_JOIN_WORDS = 2
# Unchanged runs longer than this are cut to their ends: the reader wants the change, with
# enough words around it to find it in the entry.
_CONTEXT_WORDS = 8


@dataclass(frozen=True, slots=True)
class PartDiff:
    """One changed part of an entry: its label and its runs of words."""

    label: str
    runs: tuple[tuple[Op, str], ...]


def _parts(entry: SharedEntry) -> dict[str, str]:
    parts = {"Kind": entry.kind_label, "Date": entry.date, "Title": entry.title}
    for prompt, answer in entry.answers:
        parts[prompt] = answer
    parts["Text"] = entry.body
    for label, value in entry.fields:
        parts[label] = value
    parts["Minutes"] = "" if entry.duration_minutes is None else str(entry.duration_minutes)
    parts["Tags"] = ", ".join(entry.tags)
    return parts


def shared_changes(before: SharedEntry, after: SharedEntry) -> list[PartDiff]:
    """Return the parts that differ from before to after, in the order the entry shows them."""
    old, new = _parts(before), _parts(after)
    labels = list(dict.fromkeys([*new, *old]))
    return [PartDiff(label, _runs(old.get(label, ""), new.get(label, "")))
            for label in labels if old.get(label, "") != new.get(label, "")]


def _runs(before: str, after: str) -> tuple[tuple[Op, str], ...]:
    a, b = _TOKENS.findall(before), _TOKENS.findall(after)
    # (kept, removed, added) chunks; a kept word or two between two changes joins them, so a
    # rewritten sentence reads as one [-old-]{+new+} rather than a word-by-word shuffle.
    chunks: list[list[str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            chunks.append(["".join(a[i1:i2]), "", ""])
        else:
            chunks.append(["", "".join(a[i1:i2]), "".join(b[j1:j2])])
    merged: list[list[str]] = []
    for i, chunk in enumerate(chunks):
        short_gap = (chunk[0] and 0 < i < len(chunks) - 1
                     and len(chunk[0].split()) <= _JOIN_WORDS)
        if short_gap or (not chunk[0] and merged and not merged[-1][0]):
            if not merged or merged[-1][0]:
                merged.append(["", "", ""])
            merged[-1][1] += chunk[0] + chunk[1]
            merged[-1][2] += chunk[0] + chunk[2]
        else:
            merged.append(chunk)
    runs: list[tuple[Op, str]] = []
    for n, (kept, removed, added) in enumerate(merged):
        if kept:
            runs.append(("same", _trimmed(kept, first=n == 0, last=n == len(merged) - 1)))
        if removed:
            runs.append(("removed", removed))
        if added:
            runs.append(("added", added))
    return tuple(runs)


def _trimmed(text: str, *, first: bool, last: bool) -> str:
    words = _TOKENS.findall(text)
    keep = _CONTEXT_WORDS
    if len(words) <= keep * 2:
        return text
    head = "" if first else "".join(words[:keep])
    tail = "" if last else "".join(words[-keep:])
    return f"{head}… {tail}" if head or tail else "…"


@dataclass(frozen=True, slots=True)
class DiffMark:
    """Where a removed or added run sits in diff_text's string, its brackets included."""

    op: Op
    start: int
    end: int

    def moved(self, by: int) -> DiffMark:
        """Return the mark for the same string placed `by` characters further on."""
        return DiffMark(self.op, self.start + by, self.end + by)


_MARKS = {"same": ("", ""), "removed": ("[-", "-]"), "added": ("{+", "+}")}


def diff_text_marked(parts: list[PartDiff]) -> tuple[str, tuple[DiffMark, ...]]:
    """Return diff_text's string and where each removed and added run is in it.

    So a window can strike and underline the runs over the same plain text the command
    line prints; the brackets stay, so neither colour nor a line carries the meaning alone
    (a screen reader reads the brackets).
    """
    if not parts:
        return "Nothing differs.", ()
    out: list[str] = []
    marks: list[DiffMark] = []
    at = 0
    for n, part in enumerate(parts):
        head = ("\n\n" if n else "") + f"{part.label}:\n  "
        out.append(head)
        at += len(head)
        for op, text in part.runs:
            opening, closing = _MARKS[op]
            run = opening + text.replace("\n", "\n  ") + closing
            if op != "same":
                marks.append(DiffMark(op, at, at + len(run)))
            out.append(run)
            at += len(run)
    return "".join(out), tuple(marks)


def diff_text(parts: list[PartDiff]) -> str:
    """Return the changes as plain text: [-removed-] and {+added+}, as `git diff --word-diff`."""
    return diff_text_marked(parts)[0]
