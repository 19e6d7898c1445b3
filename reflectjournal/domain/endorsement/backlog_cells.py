"""Dates and durations in the cells of a spreadsheet of past hours.

Dates: ISO (2024-03-12, also with a time as spreadsheets add one), numbers with slashes, dots
or dashes (3/12/2024, 12.03.2024: which number is the month is decided for the whole file,
see backlog_csv.py), 12-Mar-2024 as spreadsheets abbreviate, and the written forms the Word
import reads (March 12, 2024; 12 de marzo de 2024; domain/foreign/date_lines.py).
Durations: decimal hours (1.5, and 1,5 as Spanish spreadsheets write it), h:mm (1:30), or
with a unit (90 min, 1 h 30, 1.5 hrs). A bare number takes the column's unit.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Literal

from reflectjournal.domain.foreign.date_lines import read_date_line

DateOrder = Literal["auto", "month-first", "day-first"]
DATE_ORDERS: tuple[DateOrder, ...] = ("auto", "month-first", "day-first")

_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[ap]\.?m\.?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
_ISO = re.compile(rf"(\d{{4}})([-/.])(\d{{1,2}})\2(\d{{1,2}}){_TIME}", re.IGNORECASE)
_NUMERIC = re.compile(rf"(\d{{1,2}})([-/.])(\d{{1,2}})\2(\d{{4}}|\d{{2}}){_TIME}", re.IGNORECASE)
_ABBREVIATED = re.compile(r"(\d{1,2})[-\s]([^\W\d_]{3,10})\.?[-\s,]+(\d{4}|\d{2})")


@dataclass(frozen=True, slots=True)
class NumericDate:
    """A date written as three numbers whose order is not yet known (3/4/2024)."""

    first: int
    second: int
    year: int

    def read(self, order: DateOrder) -> dt.date | None:
        """Return the date in this order (auto: as the numbers allow), or None."""
        month_first = order != "day-first"
        if order == "auto" and self.first > 12:
            month_first = False
        month, day = (self.first, self.second) if month_first else (self.second, self.first)
        return _date(self.year, month, day)

    @property
    def ambiguous(self) -> bool:
        """Return whether day and month could be swapped."""
        return self.first != self.second and self.first <= 12 and self.second <= 12

    def evidence(self) -> DateOrder:
        """Return the order this date proves (auto when it proves none)."""
        if self.first > 12 >= self.second:
            return "day-first"
        if self.second > 12 >= self.first:
            return "month-first"
        return "auto"


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 70 else 1900
    return year


def _date(year: int, month: int, day: int) -> dt.date | None:
    if not 1900 <= year <= 2100:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


@functools.lru_cache(maxsize=4096)  # dates repeat (a date's two rows, the end dates)
def read_date(cell: str) -> dt.date | NumericDate | None:
    """Return the date a cell holds, a NumericDate still to be ordered, or None."""
    text = " ".join(cell.split())[:80]
    if not text:
        return None
    if match := _ISO.fullmatch(text):
        return _date(int(match[1]), int(match[3]), int(match[4]))
    if match := _NUMERIC.fullmatch(text):
        return NumericDate(int(match[1]), int(match[3]), _year(match[4]))
    if match := _ABBREVIATED.fullmatch(text):
        text = f"{match[1]} {match[2]} {_year(match[3])}"
    line = read_date_line(text)
    if line is None or line.rest:
        return None
    return line.date


_UNIT_HOURS = r"h|hr|hrs|hour|hours|hora|horas"
_UNIT_MINUTES = r"m|min|mins|minute|minutes|minuto|minutos"
_NUMBER = r"\d{1,6}(?:[.,]\d{1,6})?"
_CLOCK = re.compile(r"(\d{1,3}):([0-5]\d)(?::([0-5]\d))?")
_WITH_UNITS = re.compile(
    rf"(?:(?P<h>{_NUMBER})\s*(?:{_UNIT_HOURS})\.?)?\s*(?:(?P<m>\d{{1,4}})\s*(?:{_UNIT_MINUTES})?\.?)?",
    re.IGNORECASE)
_BARE = re.compile(rf"(?P<n>{_NUMBER})\s*(?P<unit>{_UNIT_HOURS}|{_UNIT_MINUTES})?\.?",
                   re.IGNORECASE)


def _number(text: str) -> float:
    # One separator between digits is a decimal point, whichever: 1.5 or 1,5.
    return float(text.replace(",", "."))


def read_minutes(cell: str, unit: Literal["hours", "minutes"]) -> int | None:
    """Return a duration cell in whole minutes (rounded), or None when it is not one."""
    text = " ".join(cell.split()).casefold()[:40]
    if not text:
        return None
    if match := _CLOCK.fullmatch(text):
        return int(match[1]) * 60 + int(match[2]) + round(int(match[3] or 0) / 60)
    if match := _BARE.fullmatch(text):
        value = _number(match["n"])
        given = match["unit"]
        in_hours = (unit == "hours") if given is None else (
            re.fullmatch(_UNIT_HOURS, given) is not None)
        if in_hours:
            return round(value * 60)
        # Minutes are whole: "1,500" may be a thousands separator, "1.5 min" a slip.
        return None if value != int(value) or not match["n"].isdigit() else int(value)
    match = _WITH_UNITS.fullmatch(text)
    if match and match["h"] and match["m"]:
        return round(_number(match["h"]) * 60) + int(match["m"])
    return None
