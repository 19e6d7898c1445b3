"""How the app words counts, days, times and sizes."""

from __future__ import annotations

import datetime as dt

from reflectjournal.domain.wording import count_words as count_words  # one rule for counts


def local_day(when: dt.datetime) -> str:
    """Return a stored UTC time as the local date (2026-11-03)."""
    return f"{when.astimezone():%Y-%m-%d}"


def local_time(when: dt.datetime) -> str:
    """Return a stored UTC time as local date and time (3 November 2026, 14:05)."""
    return f"{when.astimezone():%d %B %Y, %H:%M}"


def file_size(num_bytes: int) -> str:
    """Return a file size for people (1024-based, one decimal)."""
    if num_bytes < 1024:
        return f"{num_bytes} bytes"
    size = num_bytes / 1024
    for unit in ("KB", "MB"):
        if size < 1024:
            return f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} GB"
