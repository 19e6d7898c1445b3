"""Date-ordered row keys.

Every entry's database rowid encodes its date: the day number in the high bits and a
per-day sequence in the low 32 bits. "Latest first" then needs no sort at all: both the
entries table and the full-text index walk their rowids backwards and stop after a page.
The stable identity of an entry is its UUID, so a rowid may change when the date does.
"""

from __future__ import annotations

import datetime as dt

SEQUENCE_BITS = 32
_SEQUENCE_MASK = (1 << SEQUENCE_BITS) - 1


def first_key(day: dt.date) -> int:
    """Return the smallest rowid of a day."""
    return day.toordinal() << SEQUENCE_BITS


def last_key(day: dt.date) -> int:
    """Return the largest rowid of a day."""
    return first_key(day) | _SEQUENCE_MASK


def date_of_key(key: int) -> dt.date:
    """Return the date a rowid belongs to."""
    return dt.date.fromordinal(key >> SEQUENCE_BITS)
