"""When to lock: a pure function of the clock, the last activity and the policy."""

from __future__ import annotations

from dataclasses import dataclass

MIN_LOCK_MINUTES = 1
MAX_LOCK_MINUTES = 30
DEFAULT_LOCK_MINUTES = 5


@dataclass(frozen=True, slots=True)
class IdlePolicy:
    """Auto-lock after this many minutes without input; there is no "never"."""

    minutes: int = DEFAULT_LOCK_MINUTES

    def __post_init__(self) -> None:
        if not MIN_LOCK_MINUTES <= self.minutes <= MAX_LOCK_MINUTES:
            raise ValueError(
                f"auto-lock must be {MIN_LOCK_MINUTES} to {MAX_LOCK_MINUTES} minutes"
            )

    @property
    def seconds(self) -> float:
        """Return the idle limit in seconds."""
        return self.minutes * 60.0


def should_lock(now: float, last_activity: float, policy: IdlePolicy) -> bool:
    """Return whether the idle time has reached the policy's limit.

    Times are monotonic seconds. A clock that appears to run backwards (last activity in
    the future) is treated as idle, so a confused clock fails safe by locking.
    """
    if last_activity > now:
        return True
    return now - last_activity >= policy.seconds


def seconds_until_lock(now: float, last_activity: float, policy: IdlePolicy) -> float:
    """Return how long until the lock is due (0 if already due)."""
    if should_lock(now, last_activity, policy):
        return 0.0
    return policy.seconds - (now - last_activity)
