"""How long the app waits after wrong passphrases in a row: a pure function, and its state.

The key file's Argon2id cost (about 1 s per try) is what protects a stolen journal; this
only slows someone trying passphrases at the unlocked-screen's keyboard. It lives in the
running app, so restarting it starts the count again.
"""

from __future__ import annotations

from collections.abc import Callable

FREE_ATTEMPTS = 2  # typos happen: the first two wrong passphrases cost nothing
MAX_WAIT_SECONDS = 300.0


def wait_after(failures: int) -> float:
    """Return the seconds to wait after this many wrong passphrases in a row.

    Doubling from 2 s at the third (2, 4, 8, 16 ... s), never more than five minutes.
    """
    if failures <= FREE_ATTEMPTS:
        return 0.0
    return min(MAX_WAIT_SECONDS, 2.0 ** (failures - FREE_ATTEMPTS))


class UnlockBackoff:
    """Counts wrong passphrases in a row and says how long until the next try is taken."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._failures = 0
        self._not_before = 0.0

    @property
    def failures(self) -> int:
        """Return the wrong passphrases in a row so far."""
        return self._failures

    def failed(self) -> None:
        """Count a wrong passphrase; the wait starts now."""
        self._failures += 1
        self._not_before = self._clock() + wait_after(self._failures)

    def succeeded(self) -> None:
        """Start counting afresh (the journal opened)."""
        self._failures = 0
        self._not_before = 0.0

    def remaining(self) -> float:
        """Return the seconds until a try is taken (0: now)."""
        return max(0.0, self._not_before - self._clock())
