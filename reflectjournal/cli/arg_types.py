"""Option values checked where they are parsed, so a mistake is a usage error naming the option.

argparse turns the `ArgumentTypeError` these raise into "argument --date: ..." with exit
status 2; nothing reaches the journal, and no ValueError or OverflowError can surface later as
an internal error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import unicodedata
from collections.abc import Callable

from reflectjournal.domain.entry import MAX_DURATION_MINUTES, MAX_TITLE_CHARS

EARLIEST_YEAR = 1900  # older dates are typing mistakes in a journal of sessions
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)
MAX_COUNT = 1_000_000_000  # far above any journal; small enough for SQLite's 64-bit integers
MAX_NAME_CHARS = MAX_TITLE_CHARS


def _ascii_digits(text: str) -> str:
    """Read digits of any script (full-width ２０２６, Arabic-Indic ...) as 0-9."""
    out = []
    for ch in text.strip():
        value = unicodedata.decimal(ch, None) if not ch.isascii() else None
        out.append(str(value) if value is not None else ch)
    return "".join(out).replace("\N{FULLWIDTH HYPHEN-MINUS}", "-")


def calendar_date(text: str) -> str:
    """Return a real calendar date as YYYY-MM-DD, or explain what the option accepts."""
    normal = _ascii_digits(text)
    match = _ISO_DATE.fullmatch(normal)
    if match is None:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a date in the form YYYY-MM-DD (for example 2026-03-07)")
    year, month, day = (int(part) for part in match.groups())
    try:
        date = dt.date(year, month, day)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{normal} is not a day of the calendar (month 1-12, and a day that month "
            "has)") from None
    if year < EARLIEST_YEAR:
        raise argparse.ArgumentTypeError(f"{normal} is before {EARLIEST_YEAR}")
    return date.isoformat()


def whole_number(low: int, high: int, what: str = "a number") -> Callable[[str], int]:
    """Return a parser of integers from `low` to `high`, naming the range when it refuses."""

    def parse(text: str) -> int:
        normal = _ascii_digits(text)
        refusal = argparse.ArgumentTypeError(f"'{text}' is not {what} from {low} to {high:,}")
        if not re.fullmatch(r"[+-]?\d{1,20}", normal, re.ASCII):
            raise refusal
        value = int(normal)
        if not low <= value <= high:
            raise refusal
        return value

    parse.__name__ = what  # argparse names the type in some messages
    return parse


limit = whole_number(0, MAX_COUNT, "a number of entries")
minutes = whole_number(1, MAX_DURATION_MINUTES, "a number of minutes")
duration = whole_number(0, MAX_DURATION_MINUTES, "a number of minutes (0 clears it)")
version_number = whole_number(1, MAX_COUNT, "a version number")
year = whole_number(1900, 9999, "a year")


def name(text: str) -> str:
    """Return a name or id as given, refusing empty, over-long or control-character values."""
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty value is not a name")
    if len(text) > MAX_NAME_CHARS:
        raise argparse.ArgumentTypeError(f"a name can have at most {MAX_NAME_CHARS} characters")
    if any(unicodedata.category(ch) == "Cc" for ch in text):
        raise argparse.ArgumentTypeError("a name cannot hold control characters")
    return text
