"""Identifiers written in words or told by their context: dates in words, holidays, ages over
89, handles without "@", plates after "tags", "last four of her social", partial addresses.

Every pattern has bounded repetition or is anchored at a word boundary, so none can rescan a
long run of text from each of its characters.
"""

from __future__ import annotations

import re

from reflectjournal.domain.deid.kinds import FlagKind, Span
from reflectjournal.domain.deid.lexicon import lexicon
from reflectjournal.domain.deid.words import COMMON_WORDS


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())

_RELATIVE = r"(?:(?:last|next|this|past|coming|on|every|by|until|before|after|since)[ ]+)?"
_PART_OF_DAY = r"(?:[ ]+(?:morning|afternoon|evening|night))?"
# Weekdays: the full names in any case; "tues", "thurs" and "fri" in any case; "Mon", "Wed",
# "Sat", "Sun" only capitalised and in a date's company, since "sat" and "sun" are words.
_WEEKDAY = re.compile(
    rf"(?i:\b{_RELATIVE}(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|(?:tues?|thurs?|thu|fri)"
    rf"\b\.?)){_PART_OF_DAY}"
)
_WEEKDAY_SHORT = re.compile(
    r"(?:(?i:\b(?:on|next|last|this|every|by|until|f/u)[ ]+)(?:Mon|Wed|Sat|Sun)\b\.?"
    r"|\b(?:Mon|Wed|Sat|Sun)\b\.?(?=[ ]*(?:\d|,[ ]*\d|(?i:at|am|pm|morning|night)\b)))"
)
_MONTHS_SAFE = "january|february|april|june|july|august|september|october|november|december"
# Only the month is flagged, so "born in March" still reads as a birth date.
_MONTH_WORD = re.compile(
    rf"(?i:\b(?P<a>{_MONTHS_SAFE})\b)"
    r"|(?:(?i:\b(?:early|mid|late|in|since|until|by|through|last|next|this|of)[ ]+)|(?<=[a-z][ ]))"
    r"(?P<b>March|May)\b"
    r"|\b(?P<c>(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?)(?=[ ]*(?:\d|$|[,.;]))"
)
_HOLIDAY_NAMES = (
    r"(?:christmas(?:[ ]+(?:eve|day|morning))?|xmas|thanksgiving(?:[ ]+day)?|easter(?:[ ]+sunday)?"
    r"|halloween|new[ ]+year'?s(?:[ ]+(?:eve|day))?|(?:the[ ]+)?(?:fourth|4th)[ ]+of[ ]+july"
    r"|mother'?s[ ]+day|father'?s[ ]+day|memorial[ ]+day|labou?r[ ]+day|veterans'?[ ]+day"
    r"|valentine'?s(?:[ ]+day)?|juneteenth|hanukkah|chanukah|passover|rosh[ ]+hashanah"
    r"|yom[ ]+kippur|ramadan|eid(?:[ ]+al-(?:fitr|adha))?|diwali|kwanzaa"
    r"|st\.?[ ]+patrick'?s[ ]+day|mlk[ ]+day|martin[ ]+luther[ ]+king[ ]+day|presidents'?[ ]+day"
    r"|independence[ ]+day|cinco[ ]+de[ ]+mayo|good[ ]+friday|black[ ]+friday)"
)
_HOLIDAY = re.compile(
    r"(?i:\b(?:the[ ]+(?:day|night|morning|week|weekend|sunday|monday|friday|saturday)[ ]+"
    rf"(?:before|after|of)[ ]+)?{_HOLIDAY_NAMES}\b)"
)
_UNITS_NOT_AGE = r"(?:%|percent|minutes?|mins?|lbs?|pounds|days?|weeks?|months?|hours?|mg|ml|oz" \
    r"|degrees|°|bpm|points?|seconds?|cm|kg|grams?)"
_AGE_NUMBER = r"(?:9\d|1[01]\d)"
_TENS_WORDS = (
    r"(?:ninety|one[ \-]hundred)(?:[ \-](?:one|two|three|four|five|six|seven|eight|nine))?"
)
_AGE = re.compile(
    rf"(?i:\b(?:{_AGE_NUMBER}|{_TENS_WORDS})(?:[ \-]?(?:years?|yrs?)(?:[ \-]old)?|[ \-]?y/?o\b)"
    r"|\bin[ ]+(?:her|his|their)[ ]+(?:nineties|90s|90's|late[ ]+90s))"
)
# "turned 92", "who is 94": only the number is flagged.
_AGE_CONTEXT = re.compile(
    rf"(?i:\b(?:aged?|turned|turns|turning|(?:who|she|he|grandma|grandpa|grandmother"
    rf"|grandfather)(?:'s|[ ]+is|[ ]+was))[ :]+(?P<n>{_AGE_NUMBER}|{_TENS_WORDS})\b"
    rf"(?![ ]*{_UNITS_NOT_AGE}))"
)
_PLATFORMS = (
    r"(?:insta|instagram|ig|snap|snapchat|tiktok|tik[ ]tok|facebook|fb|twitter|threads|venmo"
    r"|cash[ ]?app|discord|kik|telegram|youtube|handle|username|user[ ]name|screen[ ]?name"
    r"|gamertag|gamer[ ]tag)"
)
_HANDLE_CONTEXT = re.compile(
    rf"(?i:\b{_PLATFORMS}\b(?:[ ]+(?:handle|name|username|account|page|profile|is|was|as|at"
    r"|under|called|named|now))?(?:[ ]+(?:is|was|as|at|under|called|named|now))?[ ]*[:=\-]?[ ]*)"
    r"(?P<handle>[@$]?[A-Za-z0-9_][A-Za-z0-9_.]{1,29}[A-Za-z0-9_])"
)
# Handle-shaped words anywhere: letters with an underscore, or dotted and ending in digits.
_HANDLE_SHAPE = re.compile(
    r"(?<![\w@.$/\-])(?:[A-Za-z][A-Za-z0-9]{0,20}_[A-Za-z0-9_]{1,20}"
    r"|[a-z][a-z0-9]{1,20}\.[a-z][a-z0-9]{0,20}\d{1,6})(?![\w@]|\.\w)"
)
_PLATE_CONTEXT = re.compile(
    r"(?i:\b(?:tags?|plates?|licen[cs]e[ ]plate|plate[ ]number|tag[ ]number)\b"
    r"(?:[ ]+(?:say|says|said|read|reads|are|is|was|were|number|no\.?|\#))?[ ]*[:,\-\#]?[ ]*)"
    r"(?P<plate>[A-Z0-9]{1,4}[ \-]?[A-Z0-9]{1,5})(?![\w\-])"
)
_PLATE_SHAPE = re.compile(r"(?<![\w\-])(?:[A-Z]{3}[ \-]\d{3,4}|\d[A-Z]{3}\d{3})(?![\w\-])")
_NOT_PLATES = _set("ASQ PHQ GAD ICD DSM EPDS CPT DOB SSN MRN CAS HIV")
_SOCIAL = re.compile(
    r"(?i:\blast[ ]+(?:4|four)(?:[ ]+digits)?[ ]+of[ ]+(?:(?:her|his|their|the|my|mom'?s|dad'?s)"
    r"[ ]+)?(?:social(?:[ ]+security(?:[ ]+(?:number|card))?)?|ssn|ss\#?)\b)"
    r"(?:[^\d\n.!?]{0,25}?(?P<digits>\d{4})(?!\d))?"
)
_SOCIAL_TAIL = re.compile(
    r"(?i:\b(?:her|his|their|mom'?s|dad'?s)[ ]+social[ ]+(?:is|was|ends[ ]+in|ending[ ]+in)[ ]+)"
    r"(?P<digits>\d{4}|\d{3}-?\d{2}-?\d{4})(?!\d)"
)
_ROAD = re.compile(
    r"(?:\b(?:I|Interstate)-\d{1,3}\b|(?i:\binterstate[ ]+\d{1,3}\b)"
    r"|(?i:\b(?:route|rte\.?|rt\.?|highway|hwy\.?|state[ ]+route|county[ ]+road)[ ]*\#?[ ]*\d{1,4}"
    r"[A-Z]?\b)|\b(?:SR|US|CR|PA|NJ|NY)[ \-]\d{1,4}\b)"
)
_EXIT = re.compile(
    r"(?i:\bexit[ ]+\d{1,3}[A-Z]?\b(?:[ ]+(?:on|off)[ ]+(?:I-\d{1,3}|the[ ]+\w{1,20}))?)"
)
_LOT = re.compile(
    r"(?i:\b(?:lot|trailer|space|apt\.?|apartment|unit)[ ]*\#?[ ]*(?:\d{1,4}[A-Z]?|[A-Z]\d{1,3})\b)"
)
_REASONS = {
    "weekday": "a weekday: with the week it dates a visit",
    "month": "a month: dates but for the year can identify",
    "holiday": "a holiday: it dates the day",
    "age": "an age over 89 (a HIPAA identifier)",
    "handle": "a social-media handle",
    "plate": "a licence plate (after \u201ctags\u201d or \u201cplate\u201d)",
    "social": "part of a social security number",
    "road": "a road or exit near where someone lives",
    "lot": "a lot, trailer or apartment number",
}


def wording_spans(text: str) -> list[Span]:
    """Return the identifiers in words or told by their context."""
    spans: list[Span] = []
    for pattern, why in ((_WEEKDAY, "weekday"), (_WEEKDAY_SHORT, "weekday"),
                         (_HOLIDAY, "holiday")):
        spans += [(*m.span(), FlagKind.DATE, _REASONS[why]) for m in pattern.finditer(text)]
    for m in _MONTH_WORD.finditer(text):
        group = next(g for g in ("a", "b", "c") if m.group(g))
        spans.append((*m.span(group), FlagKind.DATE, _REASONS["month"]))
    spans += [(*m.span(), FlagKind.AGE, _REASONS["age"]) for m in _AGE.finditer(text)]
    spans += [(*m.span("n"), FlagKind.AGE, _REASONS["age"]) for m in _AGE_CONTEXT.finditer(text)]
    spans += _handles(text)
    spans += _plates(text)
    for pattern in (_SOCIAL, _SOCIAL_TAIL):
        for m in pattern.finditer(text):
            start, end = m.span("digits") if m.group("digits") else m.span()
            spans.append((start, end, FlagKind.SSN, _REASONS["social"]))
    for pattern, why in ((_ROAD, "road"), (_EXIT, "road"), (_LOT, "lot")):
        spans += [(*m.span(), FlagKind.ADDRESS, _REASONS[why]) for m in pattern.finditer(text)]
    return spans


def _handles(text: str) -> list[Span]:
    lex = lexicon()
    spans: list[Span] = []
    for m in _HANDLE_CONTEXT.finditer(text):
        handle = m.group("handle")
        bare = handle.lstrip("@$").lower()
        marked = handle[0] in "@$" or any(c.isdigit() or c in "_." for c in bare)
        if marked or (bare not in lex.english and bare not in COMMON_WORDS and len(bare) > 3):
            spans.append((*m.span("handle"), FlagKind.URL, _REASONS["handle"]))
    for m in _HANDLE_SHAPE.finditer(text):
        spans.append((*m.span(), FlagKind.URL, _REASONS["handle"]))
    return spans


def _plates(text: str) -> list[Span]:
    spans: list[Span] = []
    for m in _PLATE_CONTEXT.finditer(text):
        plate = m.group("plate")
        alnum = [c for c in plate if c.isalnum()]
        if 4 <= len(alnum) <= 8 and any(c.isdigit() for c in alnum) and (
            any(c.isalpha() for c in alnum) or len(alnum) >= 5
        ):
            spans.append((*m.span("plate"), FlagKind.RECORD_NUMBER, _REASONS["plate"]))
    for m in _PLATE_SHAPE.finditer(text):
        year = re.fullmatch(r"[A-Z]{3}[ ](?:19|20)\d\d", m.group())  # "SEP 2024"
        if m.group()[:3] not in _NOT_PLATES and not year:
            spans.append((*m.span(), FlagKind.RECORD_NUMBER, _REASONS["plate"]))
    return spans
