"""Ages under 90 that sit beside a date ("DOB 6/1/2025, so he's 6 months").

Safe Harbor lets an age under 90 stand alone ("the 7-month-old", "she's 3 now"), but an age
next to a date of a visit or a birth gives the other half of a birth date, so in a sentence
that already holds a date the age is flagged too. Only phrases that state an age are taken
("age 14 months", "she's 3 and a half", "5 days old", "30 weeks corrected"), not a
gestational age at birth ("born at 29 weeks") or a duration ("for 6 weeks").
"""

from __future__ import annotations

import re
from bisect import bisect_right

from reflectjournal.domain.deid.kinds import FlagKind, Span
from reflectjournal.domain.deid.patterns import starting_with

_N = (
    r"(?:\d{1,2}(?:\.\d)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|a[ ]few)"
)
_UNIT = r"(?:days?|d|weeks?|wks?|w|months?|mos?|m|years?|yrs?|y|yo|y/o)"
# "3 years 9 months", "2 and a half", "14 months", "3": the age itself.
_AMOUNT = (
    rf"{_N}(?:[ \-]+and[ \-]+a[ \-]+half)?"
    rf"(?:[ \-]?{_UNIT}\b(?:[ ,]+(?:and[ ]+)?{_N}[ ]?{_UNIT}\b)?)?"
)
_DATED_AGE = re.compile(
    rf"(?i:\b(?:(?:corrected[ ]+)?age[ds]?|(?:she|he|they|who)(?:'s|’s|[ ]+is|[ ]+was|[ ]+turns"
    rf"|[ ]+turned|'ll[ ]+be|’ll[ ]+be|[ ]+will[ ]+be)|(?:is|was)(?:[ ]+now)?|turn(?:s|ed|ing)"
    rf"|at(?=[ ]+(?:\d{{1,2}}[ ]+(?:days?|months?|years?)|1?\d[ ]+weeks?)\b))"
    rf"[ :]+(?P<a>{_AMOUNT})"
    rf"|\b(?P<b>{_N}[ \-]?{_UNIT}[ \-]+old|{_N}[ ]+(?:weeks?|wks?|months?|mos?)[ ]+corrected)\b"
    rf"|(?<=,[ ])(?P<c>{_N}[ ]+(?:days?|weeks?|months?|years?))(?=[ ]*[(,])"
    # "(10 mo)", "11 mo", "4yo", "18m": an age written short
    rf"|(?<![\w.,/\-])(?P<d>\d{{1,2}}[ ]?(?:mo|mos|m|yo|y/o|y|wks?|w|d)|\(\d{{1,2}}[ ]?{_UNIT}\))"
    rf"(?![\w/]|\.\d)"
    # "her first birthday", "his 2nd birthday party": with the date, the day of birth
    rf"|\b(?P<e>(?:first|second|third|fourth|fifth|1st|2nd|3rd|[4-9]th)[ ]+birthday))"
)
_DATED_AGE = starting_with("acsthbiACSTHBI0-9onfetwON(", _DATED_AGE)
# A unit is needed after a bare number unless "she's" or "age" said it is an age.
_BARE = re.compile(r"\d{1,2}(?:\.\d)?")
_SENTENCE_BREAK = re.compile(r"[.!?;\n](?=\s|$)")
_DATE_KINDS = frozenset({FlagKind.DATE, FlagKind.BIRTH_DATE})
_REASON = "an age beside a date: together they give a birth date"


def dated_age_spans(text: str, found: list[Span]) -> list[Span]:
    """Return the ages stated in a sentence that also holds a date among the found spans."""
    dates = sorted(s for s, _e, kind, _w in found if kind in _DATE_KINDS)
    if not dates:
        return []
    breaks = [m.start() for m in _SENTENCE_BREAK.finditer(text)]
    # Only the sentences that hold a date are searched, each once.
    windows: list[tuple[int, int]] = []
    for start in dates:
        i = bisect_right(breaks, start)
        low = breaks[i - 1] + 1 if i else 0
        high = breaks[i] if i < len(breaks) else len(text)
        if not windows or windows[-1] != (low, high):
            windows.append((low, high))
    spans: list[Span] = []
    for low, high in windows:
        for m in _DATED_AGE.finditer(text, low, high):
            group = next(g for g in ("a", "b", "c", "d", "e") if m.group(g))
            value = m.group(group)
            if group == "a" and _BARE.fullmatch(value) and not m.group().lower().startswith(
                    ("she", "he", "they", "age", "turn", "who")):
                continue
            spans.append((*m.span(group), FlagKind.AGE, _REASON))
    return spans
