"""Phone numbers checked by Google's libphonenumber (`phonenumbers`), and numbers said in words.

A cheap bounded pattern finds runs of digits and separators; libphonenumber then decides
whether a run is a number anyone could dial (US by default, any country after "+" or the
US exit code "011"). It replaced a hand-written pattern for "+country" numbers that missed
011 dialling and accepted impossible lengths.
"""

from __future__ import annotations

import re

import phonenumbers

from reflectjournal.domain.deid.kinds import FlagKind, Span
from reflectjournal.domain.deid.patterns import starting_with

_CANDIDATE = re.compile(
    r"(?<![\w+/.\-])(?P<num>(?:\+|011[ .\-]?)\d{1,3}(?:[ .\-]?\(?\d{1,5}\)?){1,6})(?![\w/]|[.\-]\d)"
)
# Ten or eleven digits in groups ("570-5550182", "570 555 0182"), checked as a US number.
_GROUPED = re.compile(
    r"(?<![\w+/.\-])(?P<num>\(?\d{1,4}\)?(?:[ .\-]{1,2}\(?\d{1,5}\)?){1,4})(?![\w/]|[.\-]\d)"
)
_TOLL_FREE = re.compile(r"(?:\+?1[ .\-]?)?\(?8(?:00|88|77|66|55|44|33)\)?[ .\-]")
_DIGIT_WORDS = {
    "zero": "0", "oh": "0", "o": "0", "one": "1", "two": "2", "three": "3", "four": "4",
    "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
}
_TENS = {"twenty": "2", "thirty": "3", "forty": "4", "fifty": "5", "sixty": "6", "seventy": "7",
         "eighty": "8", "ninety": "9"}
_DIGIT_WORD = (
    r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine"
    r"|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
)
# Seven or more digits said one by one ("five seven zero, five five five, ..."); bounded.
_SPOKEN = re.compile(
    rf"(?i:\b{_DIGIT_WORD}(?:[ ,\-]{{1,3}}(?:double[ ]+)?{_DIGIT_WORD}){{6,14}}\b)"
)
_REASON_DIALLED = "a phone number dialled from abroad (checked by libphonenumber)"
_REASON_SPOKEN = "a phone number written in words"
_REASON_GROUPED = "a US phone number (checked by libphonenumber)"


# Where each pattern can start (see patterns.py); keep in step with the patterns above.
_SPOKEN = starting_with("zotfsenZOTFSEN", _SPOKEN)
_GROUPED = starting_with("(0-9", _GROUPED)
_CANDIDATE = starting_with("+0", _CANDIDATE)


def phone_spans(text: str) -> list[Span]:
    """Return international numbers libphonenumber accepts, and numbers in words."""
    spans: list[Span] = []
    for m in _CANDIDATE.finditer(text):
        raw = m.group("num")
        dialled = "+" + raw[3:].lstrip(" .-") if raw.startswith("011") else raw
        try:
            number = phonenumbers.parse(dialled, "US")
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_possible_number(number):
            spans.append((*m.span("num"), FlagKind.PHONE, _REASON_DIALLED))
    for m in _GROUPED.finditer(text):
        raw = m.group("num")
        if sum(c.isdigit() for c in raw) not in (10, 11) or _TOLL_FREE.match(raw):
            continue
        try:
            number = phonenumbers.parse(raw, "US")
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            spans.append((*m.span("num"), FlagKind.PHONE, _REASON_GROUPED))
    for m in _SPOKEN.finditer(text):
        digits = "".join(_spoken_digits(m.group()))
        if len(digits) in (7, 10, 11):
            spans.append((*m.span(), FlagKind.PHONE, _REASON_SPOKEN))
    return spans


def _spoken_digits(words: str) -> list[str]:
    """Return the digits said ("five seventy" is 5, 7, 0; "seventy-two" is 7, 2)."""
    out: list[str] = []
    double = False
    tens_pending = False
    for m in re.finditer(r"([a-z]+)([^a-z]*)", words.lower()):
        word, gap = m.group(1), m.group(2)
        if word == "double":
            double = True
            continue
        if word in _TENS:
            out += [_TENS[word], "0"]
            tens_pending = "," not in gap  # "seventy, five" is 7, 0, 5
            continue
        digit = _DIGIT_WORDS[word]
        if tens_pending and digit != "0":
            out[-1] = digit  # "seventy two": the unit takes the zero's place
        else:
            out.extend([digit, digit] if double else [digit])
        tens_pending = False
        double = False
    return out
