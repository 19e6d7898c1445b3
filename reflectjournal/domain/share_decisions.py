"""What the user decided about each flag before sharing, and what still keeps the bundle back.

Nothing leaves while a flag is open: each one is redacted or kept as not an identifier.
Decisions are kept by flag id, which is stable for the same text in the same place, so a
new check (after the message or the chosen parts changed) keeps what was already decided.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import StrEnum


class FlagState(StrEnum):
    """Where a flag stands; the value is what the flag list shows."""

    UNRESOLVED = "Unresolved"
    REDACT = "Redact"
    ALLOW = "Not an identifier"


class ShareDecisions:
    """The flags of the current check, in reading order, and the decision on each."""

    def __init__(self) -> None:
        self._order: list[str] = []
        self._states: dict[str, FlagState] = {}

    def track(self, flag_ids: Sequence[str]) -> None:
        """Follow a new check's flags, in reading order; decisions on flags gone are dropped."""
        self._order = list(flag_ids)
        kept = set(self._order)
        self._states = {k: v for k, v in self._states.items() if k in kept}

    def clear(self) -> None:
        """Forget every flag and decision."""
        self.track([])

    def resolve(self, flag_ids: Iterable[str], state: FlagState) -> None:
        """Set these flags to REDACT or ALLOW (or back to UNRESOLVED)."""
        for flag_id in flag_ids:
            if state is FlagState.UNRESOLVED:
                self._states.pop(flag_id, None)
            else:
                self._states[flag_id] = state

    def state(self, flag_id: str) -> FlagState:
        """Return where one flag stands."""
        return self._states.get(flag_id, FlagState.UNRESOLVED)

    def redacted(self) -> set[str]:
        """Return the ids of the flags to redact."""
        return {k for k, v in self._states.items() if v is FlagState.REDACT}

    def allowed(self) -> set[str]:
        """Return the ids of the flags kept as not an identifier."""
        return {k for k, v in self._states.items() if v is FlagState.ALLOW}

    def unresolved(self) -> list[str]:
        """Return the ids of the flags still to decide, in reading order."""
        return [k for k in self._order if k not in self._states]

    @property
    def total(self) -> int:
        """Return how many flags the check raised."""
        return len(self._order)

    def next_unresolved(self, after: str) -> str | None:
        """Return the first open flag after this one, wrapping round; None once all are decided.

        What the keyboard goes on to once a flag is decided.
        """
        waiting = self.unresolved()
        if after in self._order:
            at = self._order.index(after)
            later = [k for k in waiting if self._order.index(k) > at]
            if later:
                return later[0]
        return waiting[0] if waiting else None

    def why_not_ready(
        self, *, drafted: bool, recipient_chosen: bool, preparing: bool, writing: bool
    ) -> str:
        """Return why the bundle cannot be written now, or "" once it can."""
        if writing:
            return "Writing the bundle…"
        if preparing:
            return "Checking what would leave…"
        if not drafted:
            return "Nothing can be written until the problem above is solved."
        if not recipient_chosen:
            return "Choose a recipient to write the bundle."
        waiting = len(self.unresolved())
        if waiting:
            noun = "identifier" if waiting == 1 else "identifiers"
            return f"Resolve {waiting} more possible {noun} to write the bundle."
        return ""
