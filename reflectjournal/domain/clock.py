"""The one clock every stored timestamp reads: UTC, to the second."""

from __future__ import annotations

import datetime as dt


def utc_now() -> dt.datetime:
    """Return the current time in UTC, without microseconds (stored times compare equal)."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0)
