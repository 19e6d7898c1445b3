"""Dates at the start of a line, as people head the entries of a journal kept in Word or Docs.

"Tuesday, March 12, 2024", "12 March 2024 - Visit with T.", "2024-03-12", "3/12/24 9:30 pm",
"martes, 12 de marzo de 2024". A date without its year ("March 12") is not taken: the year
would be a guess. Numeric dates with slashes are read month first (3/12 is March 12), as in
the United States, unless the first number is over 12; with dots or dashes day first
(12.03.2024), as in Europe. Both readings are reported as ambiguous when either could be
meant, so the preview can say how they were read.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
    "enero": 1, "ene": 1, "febrero": 2, "marzo": 3, "abril": 4, "abr": 4, "mayo": 5,
    "junio": 6, "julio": 7, "agosto": 8, "ago": 8, "septiembre": 9, "setiembre": 9,
    "octubre": 10, "noviembre": 11, "diciembre": 12, "dic": 12,
}
_WEEKDAY = (r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|"
            r"thursday|friday|saturday|sunday|lunes|martes|mi[eé]rcoles|jueves|viernes|"
            r"s[aá]bado|domingo)\.?,?\s+")
_FORMS = (
    r"(?P<iy>\d{4})[-/.](?P<im>\d{1,2})[-/.](?P<id>\d{1,2})",
    r"(?P<a>\d{1,2})(?P<dsep>[/.-])(?P<b>\d{1,2})(?P=dsep)(?P<ny>\d{4}|\d{2})",
    r"(?P<mm>[^\W\d_]{3,10})\.?\s+(?P<md>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<my>\d{4})",
    r"(?P<dd>\d{1,2})(?:st|nd|rd|th|º|°)?\s+(?:de\s+|of\s+)?(?P<dm>[^\W\d_]{3,10})\.?,?\s+"
    r"(?:de\s+|del\s+)?(?P<dy>\d{4})",
)
# A time needs its minutes or am/pm: "March 12, 2024 3 visits" has no time.
_AMPM = r"[ap]\.?\s?m\.?"
_TIME = (rf"(?:,?\s+(?:at\s+|a\s+las\s+)?(?P<h>\d{{1,2}})"
         rf"(?::(?P<min>\d{{2}})\s*(?P<ampm>{_AMPM})?|\s*(?P<ampm2>{_AMPM}))(?![\w:]))?")
_LINE = re.compile(rf"^\s*(?:{_WEEKDAY})?(?:{'|'.join(f'(?:{f})' for f in _FORMS)})(?!\d)"
                   rf"{_TIME}(?P<sep>\s*[-–—:|]\s*|\s+|\s*$)(?P<rest>.*)$",
                   re.IGNORECASE | re.DOTALL)
_SEPARATED = re.compile(r"\s*[-–—:|]\s*")
MAX_TITLE_AFTER_DATE = 80  # a longer line is a sentence that starts with a date


@dataclass(frozen=True, slots=True)
class DateLine:
    """A line that starts with a date: the date, a time if one was given, and the rest."""

    date: dt.date
    time: dt.time | None
    rest: str
    ambiguous: bool  # a numeric date whose day and month could be swapped
    separated: bool  # the rest follows a dash, colon or bar (or there is no rest)


def read_date_line(text: str) -> DateLine | None:
    """Return the date a line starts with, or None if it does not start with a whole date."""
    if len(text) > 400:
        text = text[:400]
    match = _LINE.match(text)
    if match is None:
        return None
    found = _date(match)
    if found is None:
        return None
    day, ambiguous = found
    time = _time(match)
    rest = " ".join(match.group("rest").split())
    separated = not rest or bool(_SEPARATED.fullmatch(match.group("sep")))
    return DateLine(day, time, rest, ambiguous, separated)


def is_heading_date(line: DateLine | None, *, heading: bool) -> bool:
    """Return whether a line begins an entry: any dated heading, or a short dated line."""
    if line is None:
        return False
    if heading:
        return True
    return line.separated and len(line.rest) <= MAX_TITLE_AFTER_DATE


def _date(match: re.Match[str]) -> tuple[dt.date, bool] | None:
    ambiguous = False
    if match.group("iy"):
        year, month, day = int(match.group("iy")), int(match.group("im")), int(match.group("id"))
    elif match.group("a"):
        first, second = int(match.group("a")), int(match.group("b"))
        year = int(match.group("ny"))
        if year < 100:
            year += 2000 if year < 70 else 1900
        month_first = match.group("dsep") == "/"
        if (month_first and first > 12) or (not month_first and second > 12):
            month_first = not month_first
        month, day = (first, second) if month_first else (second, first)
        ambiguous = first != second and first <= 12 and second <= 12
    else:
        form = "m" if match.group("mm") else "d"
        month_number = _MONTHS.get(match.group(f"{form}m").casefold())
        if month_number is None:
            return None
        year, month, day = (int(match.group(f"{form}y")), month_number,
                            int(match.group(f"{form}d")))
    if not 1900 <= year <= 2100:
        return None
    try:
        return dt.date(year, month, day), ambiguous
    except ValueError:
        return None


def _time(match: re.Match[str]) -> dt.time | None:
    """Return the time given, or None (none given, or not a time of day: 25:00)."""
    hour_text = match.group("h")
    if hour_text is None:
        return None
    ampm = match.group("ampm") or match.group("ampm2")
    hour, minute = int(hour_text), int(match.group("min") or 0)
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm.lower().startswith("p") else 0)
    if hour > 23 or minute > 59:
        return None
    return dt.time(hour, minute)
