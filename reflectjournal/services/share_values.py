"""The values the sharing service hands out: a draft before it leaves, a written bundle.

Apart from services/sharing.py so that module stays about the round trip itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from reflectjournal.domain import bundle as fmt
from reflectjournal.domain import share_selection as selection
from reflectjournal.domain.passphrase import suggest_passphrase

BUNDLE_SUFFIX = ".rjb"
PASSPHRASE_WORDS = 6


@dataclass(frozen=True, slots=True)
class ShareDraft:
    """What would leave, before redaction, and every flag the check raised in it."""

    entries: tuple[fmt.SharedEntry, ...]
    message: str
    flags: tuple[selection.LocatedFlag, ...]
    # Each entry's state as read (shared_version.entry_state): kept with what left, so that
    # a later edit shows as "changed since" even if it came before the bundle was written.
    states: tuple[tuple[str, str], ...] = ()

    def unresolved(self, redact: Collection[str], allow: Collection[str]) -> list[
        selection.LocatedFlag
    ]:
        """Return the flags neither redacted nor allowed."""
        return [f for f in self.flags if f.id not in redact and f.id not in allow]

    def resolved(self, redact: Collection[str]) -> tuple[tuple[fmt.SharedEntry, ...], str]:
        """Return the entries and message as they leave, redactions applied."""
        chosen = [f for f in self.flags if f.id in redact]
        return (tuple(selection.apply_redactions(e, chosen) for e in self.entries),
                selection.redact_message(self.message, chosen))


@dataclass(frozen=True, slots=True)
class WrittenBundle:
    """A bundle written to a file."""

    path: Path
    bundle_id: str
    entries: int = 0
    comments: int = 0
    sessions: int = 0
    passphrase: str | None = None  # the words to say in person, in passphrase mode


def bundle_file_name(kind: str, when: dt.date) -> str:
    """Return a neutral file name: no client, no supervisor, only the month."""
    stem = "supervision" if kind == "entries" else "supervision-comments"
    return f"{stem}-{when:%Y-%m}{BUNDLE_SUFFIX}"


def new_bundle_passphrase() -> str:
    """Return six random words for a passphrase-mode bundle (said in person, never sent)."""
    return suggest_passphrase(PASSPHRASE_WORDS)
