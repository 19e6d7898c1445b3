"""When an automatic backup is due, which ones to keep, and when the last one is too old.

Automatic backups are made on unlock, at most once a day. They are kept the way backup tools
commonly prune (borg, restic): the newest backup of each of the last 7 days that have one, of
each of the last 4 ISO weeks, of each of the last 12 months, and every backup younger than a
day, so a second backup on the same day (after a restore, or a manual unlock later) never
pushes out the one from the morning. Backups made before a restore or an upgrade and backups
the user asked for are not automatic and are never deleted by this rule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass

AUTOMATIC_EVERY = dt.timedelta(days=1)
STALE_AFTER = dt.timedelta(days=7)


@dataclass(frozen=True, slots=True)
class Retention:
    """How many automatic backups to keep per day, week and month."""

    daily: int = 7
    weekly: int = 4
    monthly: int = 12
    recent: dt.timedelta = dt.timedelta(hours=24)

    def describe(self) -> str:
        """Say the rule in a few words, for the Backups settings."""
        return (f"the newest of each of the last {self.daily} days, {self.weekly} weeks "
                f"and {self.monthly} months")


DEFAULT_RETENTION = Retention()


def automatic_due(last_automatic: dt.datetime | None, now: dt.datetime) -> bool:
    """Return whether unlocking now should make an automatic backup.

    A clock set back (last backup "in the future") also makes one, rather than none for days.
    """
    if last_automatic is None:
        return True
    return not dt.timedelta(0) <= now - last_automatic < AUTOMATIC_EVERY


def to_keep(made: Iterable[dt.datetime], now: dt.datetime,
            retention: Retention = DEFAULT_RETENTION) -> set[dt.datetime]:
    """Return which of the automatic backups made at these times the rule keeps."""
    newest_first = sorted(set(made), reverse=True)
    keep = {when for when in newest_first if now - when < retention.recent}
    periods: tuple[tuple[int, Callable[[dt.datetime], Hashable]], ...] = (
        (retention.daily, lambda when: when.date()),
        (retention.weekly, lambda when: when.isocalendar()[:2]),
        (retention.monthly, lambda when: (when.year, when.month)),
    )
    for count, period in periods:
        seen: set[Hashable] = set()
        for when in newest_first:
            bucket = period(when)
            if bucket in seen:
                continue
            if len(seen) == count:
                break
            seen.add(bucket)
            keep.add(when)  # the newest of its day, week or month
    return keep


def stale_warning(last_verified: dt.datetime | None, now: dt.datetime) -> str:
    """Return a warning when the last verified backup is older than a week, else ""."""
    if last_verified is None:
        return "This journal has no verified backup yet."
    age = now - last_verified
    if age <= STALE_AFTER:
        return ""
    return (f"The last verified backup is {age.days} days old. Back up now, and check that "
            f"the backups folder can be written to.")
