"""Journal entries as immutable values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple

from reflectjournal.domain.ids import EntryId, TagId

FieldValue = str | int | float | bool | list[str]
"""A value of a kind-specific field (setting, clock hours, who was present ...)."""

MAX_TITLE_CHARS = 300
MAX_TEXT_CHARS = 200_000
MAX_DURATION_MINUTES = 24 * 60


@dataclass(frozen=True, slots=True)
class Entry:
    """One journal entry with everything the user wrote and tagged."""

    id: EntryId
    kind: str
    date: dt.date
    title: str
    body: str
    answers: Mapping[str, str]
    fields: Mapping[str, FieldValue]
    duration_minutes: int | None
    competencies: tuple[TagId, ...]
    themes: tuple[TagId, ...]
    tags: tuple[TagId, ...]
    starred: bool
    created_at: dt.datetime
    modified_at: dt.datetime

    @property
    def all_tags(self) -> tuple[TagId, ...]:
        """Return competency, theme and user tags together."""
        return self.competencies + self.themes + self.tags


class EntrySummary(NamedTuple):
    """What a list row needs: no body, no answers.

    A named tuple rather than a frozen dataclass: a search makes 50 of these, and the
    dataclass's __init__ (1.2 µs against 0.25) was most of what the app adds to the SQL.
    """

    id: EntryId
    kind: str
    date: dt.date
    title: str
    tags: tuple[TagId, ...]
    starred: bool
    snippet: str = ""


@dataclass(frozen=True, slots=True)
class EntryChanges:
    """Values to set on a new or existing entry; `None` leaves a value as it is.

    `duration_minutes = 0` clears the duration.
    """

    kind: str | None = None
    date: dt.date | None = None
    title: str | None = None
    body: str | None = None
    answers: Mapping[str, str] | None = None
    fields: Mapping[str, FieldValue] | None = None
    duration_minutes: int | None = None
    competencies: tuple[TagId, ...] | None = None
    themes: tuple[TagId, ...] | None = None
    tags: tuple[TagId, ...] | None = None
    starred: bool | None = None


def parse_date(text: str) -> dt.date:
    """Parse a YYYY-MM-DD date or raise ValueError with a plain message."""
    try:
        if len(text) != 10:
            raise ValueError
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a date in the form YYYY-MM-DD") from None
