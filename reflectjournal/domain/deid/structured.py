"""Patterns for structured identifiers: phones, e-mails, URLs, IPs, SSNs, dates, addresses.

Each pattern is anchored with a look-behind at the start of a run, or has bounded
repetition, so a long text is checked in roughly linear time.
"""

from __future__ import annotations

import ipaddress
import re
from bisect import bisect_left

from reflectjournal.domain.deid.dated_ages import dated_age_spans
from reflectjournal.domain.deid.kinds import DEFAULT_REASONS, FlagKind, Span
from reflectjournal.domain.deid.patterns import starting_with
from reflectjournal.domain.deid.phones import phone_spans
from reflectjournal.domain.deid.wording import wording_spans

_Found = tuple[int, int, FlagKind]  # a span whose reason is its kind's usual one

_PHONE_WORDS = re.compile(
    r"(?i:\b(?:phone|cell|mobile|fax|tel|call(?:ed|ing)?|text(?:ed|ing)?|number|line|"
    r"reach|dial(?:ed)?|voicemail)\b)"
)
_PHONE_US = re.compile(
    r"""(?<![\w+(])
    (?:\+?1[ .\-]?)?
    (?:\(\d{3}\)[ \-]?|\d{3}[ .\-/–—])
    \d{3}[ .\-–—]\d{4}
    (?:[ ]?(?:ext\.?|x)[ ]?\d{1,5})?
    (?!\w|[.\-]\d)""",
    re.VERBOSE | re.IGNORECASE,
)
_PHONE_LOCAL = re.compile(r"(?<![\w.\-/:])\d{3}-\d{4}(?!\w|[.\-/:]\d)")
# "555.0182" or "555 0182" is a local number only when a phone word is near.
_PHONE_LOCAL_LOOSE = re.compile(r"(?<![\w.\-/:,$])\d{3}[. ]\d{4}(?!\w|[.\-/:,]\d)")
_TOLL_FREE = re.compile(r"(?:\+?1[ .\-]?)?\(?8(?:00|88|77|66|55|44|33)\)?[ .\-]")
_LONG_DIGITS = re.compile(r"(?<![\w.,/:\-$])\d{6,}(?!\w|[.,/:\-]\d)")

_EMAIL = re.compile(r"(?<![\w.+%\-])[\w.+%\-]+@[\w\-]+(?:\.[\w\-]+){1,10}")
# "maria dot lopez at example dot com": people spell addresses out to dodge filters.
_EMAIL_SPELLED = re.compile(
    r"(?<![\w.\-])[\w.+\-]{1,64}(?:[ ]+dot[ ]+[\w\-]{1,64}){0,4}[ ]+(?:at|\(at\)|\[at\])[ ]+"
    r"[\w\-]{1,64}(?:[ ]+dot[ ]+[\w\-]{1,64}){0,3}?[ ]+dot[ ]+(?:com|org|net|edu|gov|us)\b",
    re.IGNORECASE,
)
_URL = re.compile(r"(?<![\w@/.\-])(?:(?:https?|ftp)://|www\.)[^\s<>\"'\[\]]+", re.IGNORECASE)
_DOMAIN = re.compile(
    r"(?<![\w@/.\-])(?:[a-z0-9\-]+\.){1,10}"
    r"(?:com|org|net|edu|gov|us|io|info|me|co|ly|gl|app|biz|tv|page|site|online|uk|ca)"
    r"(?![\w\-])(?:/[^\s<>\"']*)?",
    re.IGNORECASE,
)
_URL_TAIL = ".,;:!?)]}'\""
# A social-media handle ("@mila.mama22") finds a person as surely as a URL does.
_HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?![\w@])")

_IPV4 = re.compile(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?!\w|\.\d)")
_IPV6 = re.compile(r"(?<![\w:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\w:])")

_SSN = re.compile(r"(?<![\w\-])(?:\d{3}|[Xx*]{3})([\- ])(?:\d{2}|[Xx*]{2})\1\d{4}(?![\w\-])")
_SSN_WORDS = r"(?:\bSSN|\bSS\#|(?i:\bsocial\s+security)(?:\s+(?i:number|no\.?|\#|card))?)"
_SSN_TAIL = re.compile(
    _SSN_WORDS + r"(?:'s)?[^\d\n.!?]{0,30}?(?i:\b(?:ends?|ending)\s+(?:in|with)|\blast\s+(?:4|four)"
    r"(?:\s+digits)?(?:\s+(?:is|are|of))?)\s*[:\-]?\s*(\d{4})(?!\d)"
)
_SSN_BARE = re.compile(_SSN_WORDS + r"[^\d\n.!?]{0,30}(\d{9})(?!\d)")
# The tail of a card, account or record number ("her Medicaid number ends in 4410").
_NUMBER_TAIL = re.compile(
    r"(?i:\b(?:ends?|ending)[ ]+(?:in|with)[ ]+)(?!(?:19|20)\d\d(?!\d))(\d{3,6})(?!\d)")

# Words after which a code with digits is an account, case, record or licence number.
_RECORD = re.compile(
    r"""(?:
        (?i:\b(?:case|record|chart|account|acct|policy|claim|member(?:ship)?|medicaid|medicare
            |licen[cs]e|permit|certificate|registration|referral|voucher|docket|file|patient
            |report|incident|confirmation|reference|ref|tracking|badge|employee|student|mrn
            |plate|vin|inmate|booking|subscriber|petition|rx|prescription|pfa)\b)
        (?:\s+(?:(?i:number|no\.?|num|nbr)|\#|ID))?
        |\bID|\bMRN|\#)
    \s*(?:[:=,]|(?i:\b(?:is|was)\b))?\s*\#?\s*
    (?P<code>[A-Za-z0-9]+(?:(?:[\-/.]|[ ](?=[A-Z]{0,20}\d))[A-Za-z0-9]+){0,12})""",
    re.VERBOSE,
)
_DIGIT_GROUPS = re.compile(r"(?<![\w.,/:\-])\d{3,5}(?:[ ]\d{2,5}){1,4}(?![\w]|[.,/:\-]\d)")
_CODE = re.compile(r"(?<![\w\-])(?:[A-Z0-9]+(?:-[A-Z0-9]+){1,10}|[A-Z]{1,4}\d{4,})(?![\w\-])")

# Only an abbreviation takes a full stop: "March." ends a sentence, "Mar." is the month.
_MONTH = (
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)(?![a-z])|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)(?![a-z])\.?)"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
_DATE_MONTH_DAY = re.compile(rf"\b{_MONTH}[ ](?:the[ ])?{_DAY}(?:,?[ ]\d{{4}})?(?![\d:])")
# Typed in lower case: "jan 5", "sept 12th", "dec. 3"; "march" and "may" only before a day
# that ends the phrase ("on march 3,"), since "may 3 kids" is a verb.
_DATE_MONTH_DAY_LOWER = re.compile(
    rf"\b(?:(?:january|february|april|june|july|august|september|october|november|december"
    rf"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?[ ]?{_DAY}"
    rf"|(?:march|may)[ ]{_DAY}(?=[ ]*(?:[,.;:!?)]|$|at\b|and\b|to\b|-)))(?:,?[ ]\d{{4}})?(?![\d:])"
)
_DATE_DAY_MONTH = re.compile(rf"\b(?:the[ ])?{_DAY}[ ](?:of[ ])?{_MONTH}(?:,?[ ]\d{{4}})?(?!\d)")
_DATE_MONTH_YEAR = re.compile(rf"\b{_MONTH},?[ ](?:19|20)\d\d(?!\d)")
_DATE_NUMERIC = re.compile(
    r"(?<![\w/.\-])(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/]|[.\-]\d)"
)
_DATE_ISO = re.compile(r"(?<![\w/.\-])((?:19|20)\d\d)([/.\-])(\d{1,2})\2(\d{1,2})(?![\d/]|[.\-]\d)")
_DATE_SHORT = re.compile(r"(?<![\w/.\-])(\d{1,2})/(\d{1,2})(?![\w/]|[.,]\d)")
_DATE_WORDS_BEFORE = re.compile(
    r"(?i:\b(?:on|by|due|since|from|until|till|before|after|through|thru|date|dated|is|was|of"
    r"|week|wk|around"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|tues|wed|thu|thurs|fri|sat|sun))"
    r",?\s*$"
)
_APGAR = re.compile(r"(?i:\bapgars?\b)")
_FRACTION_AFTER = re.compile(
    r"\s*(?i:of|hours?|hrs?|cups?|oz|miles?|inch(?:es)?|teaspoons?|tsp|tbsp|pounds?|lbs?|points?"
    r"|on[ ]the[ ]\w+[ ]scale|scale|rating|correct|items?)\b"
)
_DATE_ORDINAL = re.compile(
    r"(?i:\b(?:on|by|until|till|since|before|after|from|through|due|of|is|was"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day))\s+"
    r"(the\s+(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th))\b(?=\s*(?:[.,;:!?)]|$|\s+at\b))"
)

_BIRTH = re.compile(
    r"(?i:\b(?:DOB|D\.O\.B\b\.?|date\s+of\s+birth|birth\s*date|birthday|born\s+on|born\s+in))"
)
_BIRTH_FILLER = re.compile(r"(?:[\s:,=\-]|(?i:\b(?:is|was|on|of|in|listed|as)\b))*")
_BIRTH_VALUE = re.compile(
    rf"\d[\d/.\-]{{3,}}\d|(?:the\s+)?{_DAY}|{_MONTH}"
    r"|(?:[A-Z][a-z]+[ ]){1,3}(?:19|20)\d\d"  # "Christmas Day 2023"
)

_STATES = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV"
    "|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR"
)
_ZIP_STATE = re.compile(rf"\b(?:{_STATES})\.?,?[ ]+(\d{{5}}(?:-\d{{4}})?)(?![\w\-])")
_ZIP_WORD = re.compile(r"(?i:\bzip(?:\s*code)?s?\b)[^\d\n.!?]{0,15}?(\d{5}(?:-\d{4})?)(?!\d)")
_ZIP_BARE = re.compile(r"(?<![\w.,$#/:\-])\d{5}(?:-\d{4})?(?!\w|[.,/:\-]\d)")
_ZIP_NOT = re.compile(
    r"\s*(?:[a-z]{3,}s\b|(?i:per|a\s+(?:year|month|week|day)|dollars|grams?|g|mg|ml|kg|lbs?"
    r"|miles?|km|feet|ft)\b)"
)

# As with months, only an abbreviation takes the full stop that follows it.
_STREET_TYPES = (
    r"(?:(?:Street|Avenue|Road|Boulevard|Drive|Lane|Court|Place|Way|Terrace|Parkway|Highway"
    r"|Circle|Trail|Square|Alley|Loop|Pike|Plaza|Row|Crescent)\b"
    r"|(?:St|Ave|Av|Rd|Blvd|Dr|Ln|Ct|Pl|Ter|Pkwy|Hwy|Cir|Trl|Sq)\b\.?)"
)
_NAMED_STREET_TYPES = (
    r"(?:(?:Street|Avenue|Road|Boulevard|Lane|Drive|Parkway|Terrace|Highway)\b"
    r"|(?:Ave|Rd|Blvd|Pkwy|Hwy)\b\.?)"
)
_DIRECTION = r"(?:[NSEW]\.?|North|South|East|West|NE|NW|SE|SW)"
# Bounded, and never started inside a word, so "O'O'O'..." cannot be rescanned from each "O".
_STREET_WORD = r"(?<![\w'’.\-])(?:\d{1,3}(?:st|nd|rd|th)|[A-Z][A-Za-z'’.\-]{0,30})"
_UNIT = (
    r"(?:,?[ ]*(?:Apt\.?|Apartment|Unit|Suite|Ste\.?|Rm\.?|Room|Fl\.?|Floor|\#)[ ]*[A-Za-z0-9\-]+)"
)
_ADDRESS = re.compile(
    rf"(?<![\w.,/\-])\d{{1,6}}[A-Za-z]?[ ]+(?:{_DIRECTION}[ ]+)?(?:{_STREET_WORD}[ ]+){{1,3}}"
    rf"{_STREET_TYPES}{_UNIT}?"
)
_ADDRESS_DIRECTION = re.compile(
    rf"(?<![\w.,/\-])\d{{1,6}}[ ]+(?:[NSEW]\.|North|South|East|West)[ ]+{_STREET_WORD}"
    rf"(?:[ ]+{_STREET_TYPES})?{_UNIT}?"
)
_ADDRESS_NAMED = re.compile(
    rf"\b(?:{_DIRECTION}[ ]+)?(?:{_STREET_WORD}[ ]+){{1,3}}{_NAMED_STREET_TYPES}{_UNIT}?"
)
_ADDRESS_CORNER = re.compile(
    rf"(?i:\b(?:corner|intersection)\s+of\s+)((?:{_STREET_WORD}[ ]+){{0,2}}{_STREET_WORD}"
    rf"[ ]+(?:and|&)[ ]+(?:{_STREET_WORD}[ ]+){{0,2}}{_STREET_WORD})"
)
# Typed in lower case: "on hazle st", "off carey ave", "1423 maple street"; the street's name
# must follow a number or a word of place, since "st" and "ave" end few other phrases.
_LOWER_STREET_TYPES = (
    r"(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|court|ct|place|pl|way|pike"
    r"|terrace|ter|circle|cir|highway|hwy|parkway|pkwy|alley)\b\.?"
)
_LOWER_ADDRESS = re.compile(
    rf"(?:(?<![\w.,/\-])\d{{1,6}}[a-z]?|\b(?:on|off|at|near|by|from|to|down|up|onto|of))"
    rf"[ ]+(?P<street>(?:[nsew]\.?[ ]+)?(?!(?:the|a|an|my|her|his|their|our|this|that)\b)"
    rf"[a-z][a-z'’\-]{{1,30}}(?:[ ][a-z][a-z'’\-]{{1,30}})?[ ]+{_LOWER_STREET_TYPES})"
)
_ADDRESS_BOX = re.compile(r"(?i:\b(?:P\.?[ ]?O\.?[ ]*Box|Post\s+Office\s+Box)\s+\d+)")
_ADDRESS_APT = re.compile(r"\b(?:Apt\.?|Apartment)[ ]*\#?[ ]*[A-Za-z]?\d+[A-Za-z]?\b")


# Where each pattern can start (see patterns.py); keep in step with the patterns above.
_RECORD = starting_with("crapmldfvitbesCRAPMLDFVITBES#", _RECORD)
_DATE_ORDINAL = starting_with("obutsafdiwmOBUTSAFDIWM", _DATE_ORDINAL)
_ADDRESS_NAMED = starting_with("A-Z0-9", _ADDRESS_NAMED)
_SSN_BARE = starting_with("Ss", _SSN_BARE)
_NUMBER_TAIL = starting_with("eE", _NUMBER_TAIL)
_SSN_TAIL = starting_with("Ss", _SSN_TAIL)
_ZIP_STATE = starting_with("A-Z", _ZIP_STATE)
_PHONE_US = starting_with("+(0-9", _PHONE_US)
_PHONE_LOCAL = starting_with("0-9", _PHONE_LOCAL)
_PHONE_LOCAL_LOOSE = starting_with("0-9", _PHONE_LOCAL_LOOSE)
_DATE_MONTH_YEAR = starting_with("JFMASOND", _DATE_MONTH_YEAR)
_DATE_MONTH_DAY = starting_with("JFMASOND", _DATE_MONTH_DAY)
_DATE_MONTH_DAY_LOWER = starting_with("jfmasond", _DATE_MONTH_DAY_LOWER)
_DATE_DAY_MONTH = starting_with("t0-9", _DATE_DAY_MONTH)
_ZIP_BARE = starting_with("0-9", _ZIP_BARE)
_ZIP_WORD = starting_with("zZ", _ZIP_WORD)
_ADDRESS = starting_with("0-9", _ADDRESS)
_ADDRESS_DIRECTION = starting_with("0-9", _ADDRESS_DIRECTION)
_ADDRESS_CORNER = starting_with("ciCI", _ADDRESS_CORNER)
_ADDRESS_BOX = starting_with("pPoO", _ADDRESS_BOX)
_LOWER_ADDRESS = starting_with("0-9oanbftdu", _LOWER_ADDRESS)
_ADDRESS_APT = starting_with("A", _ADDRESS_APT)
_DATE_NUMERIC = starting_with("0-9", _DATE_NUMERIC)
_DATE_ISO = starting_with("12", _DATE_ISO)
_DATE_SHORT = starting_with("0-9", _DATE_SHORT)
_IPV4 = starting_with("0-9", _IPV4)
_LONG_DIGITS = starting_with("0-9", _LONG_DIGITS)
_CODE = starting_with("A-Z0-9", _CODE)
_BIRTH = starting_with("dDbB", _BIRTH)


def structured_spans(text: str) -> list[Span]:
    """Return the structured identifiers, each with the reason it was flagged."""
    spans: list[_Found] = []
    spans += _phones(text)
    spans += _emails_and_urls(text)
    spans += _ips(text)
    spans += _ssns(text)
    spans += _records(text)
    dates = _dates(text)
    spans += _birth_dates(text, dates)
    spans += _zips(text)
    spans += _addresses(text)
    found = [(s, e, kind, DEFAULT_REASONS[kind]) for s, e, kind in spans]
    found += phone_spans(text) + wording_spans(text)
    return found + dated_age_spans(text, found)


def _phones(text: str) -> list[_Found]:
    spans = [(*m.span(), FlagKind.PHONE) for m in _PHONE_US.finditer(text)]
    spans += [(*m.span(), FlagKind.PHONE) for m in _PHONE_LOCAL.finditer(text)]
    for m in _PHONE_LOCAL_LOOSE.finditer(text):
        near = text[max(0, m.start() - 30) : min(len(text), m.end() + 20)]
        if _PHONE_WORDS.search(near):
            spans.append((*m.span(), FlagKind.PHONE))
    for m in _LONG_DIGITS.finditer(text):
        # Ten digits with no separators are a phone only when the words say so.
        near = text[max(0, m.start() - 30) : m.start()]
        digits = len(m.group())
        is_phone = (digits == 10 or (digits == 11 and m.group()[0] == "1")) and bool(
            _PHONE_WORDS.search(near)
        )
        spans.append((*m.span(), FlagKind.PHONE if is_phone else FlagKind.RECORD_NUMBER))
    # Toll-free numbers belong to hotlines and businesses, not to families.
    return [s for s in spans if not _TOLL_FREE.match(text, s[0], s[1])]


def _emails_and_urls(text: str) -> list[_Found]:
    spans: list[_Found] = []
    for m in _EMAIL.finditer(text):
        end = m.end() - len(m.group()) + len(m.group().rstrip(".-"))
        if any(c.isalpha() for c in text[m.start() : end].rsplit(".", 1)[-1]):
            spans.append((m.start(), end, FlagKind.EMAIL))
    spans += [(*m.span(), FlagKind.EMAIL) for m in _EMAIL_SPELLED.finditer(text)]
    spans += [(*m.span(), FlagKind.URL) for m in _HANDLE.finditer(text)]
    for pattern in (_URL, _DOMAIN):
        for m in pattern.finditer(text):
            end = m.start() + len(m.group().rstrip(_URL_TAIL))
            if end > m.start():
                spans.append((m.start(), end, FlagKind.URL))
    return spans


def _ips(text: str) -> list[_Found]:
    spans: list[_Found] = []
    for m in _IPV4.finditer(text):
        if all(int(part) <= 255 for part in m.group().split(".")):
            spans.append((*m.span(), FlagKind.IP))
    for m in _IPV6.finditer(text):
        groups = [g for g in m.group().split(":") if g]
        if len(groups) < 3:
            continue  # "::" or a time such as 10:30:45 (rejected below anyway)
        try:
            ipaddress.IPv6Address(m.group())
        except ValueError:
            continue
        spans.append((*m.span(), FlagKind.IP))
    return spans


def _ssns(text: str) -> list[_Found]:
    spans = [(*m.span(), FlagKind.SSN) for m in _SSN.finditer(text)]
    for pattern in (_SSN_TAIL, _SSN_BARE):
        spans += [(*m.span(1), FlagKind.SSN) for m in pattern.finditer(text)]
    return spans


def _records(text: str) -> list[_Found]:
    spans: list[_Found] = []
    for m in _RECORD.finditer(text):
        code = m.group("code")
        if sum(c.isdigit() for c in code) >= 3 and sum(c.isalnum() for c in code) >= 4:
            spans.append((*m.span("code"), FlagKind.RECORD_NUMBER))
    spans += [(*m.span(1), FlagKind.RECORD_NUMBER) for m in _NUMBER_TAIL.finditer(text)]
    for m in _DIGIT_GROUPS.finditer(text):
        if sum(c.isdigit() for c in m.group()) >= 9:
            spans.append((*m.span(), FlagKind.RECORD_NUMBER))  # "8847 2210 993"
    for m in _CODE.finditer(text):
        if _looks_like_code(m.group()):
            spans.append((*m.span(), FlagKind.RECORD_NUMBER))
    return spans


def _looks_like_code(token: str) -> bool:
    """Return whether a hyphenated token reads as an identifier, not a range or a measure."""
    digits = sum(c.isdigit() for c in token)
    groups = token.split("-")
    if any(c.isalpha() for c in token):
        return digits >= 4  # "ASQ-3", "PHQ-9", "ICD-10", "COVID-19" stay unflagged
    if len(groups) == 2:
        # "1200-1500" and "2023-2024" are ranges; "2023-123456" is not.
        return any(len(g) >= 5 for g in groups)
    return digits >= 6


def _valid_day_month(first: int, second: int) -> bool:
    """Return whether two numbers can be a month and a day in either order."""
    return (1 <= first <= 12 and 1 <= second <= 31) or (1 <= second <= 12 and 1 <= first <= 31)


def _dates(text: str) -> list[_Found]:
    spans: list[_Found] = []
    for pattern in (_DATE_MONTH_DAY, _DATE_DAY_MONTH, _DATE_MONTH_YEAR, _DATE_MONTH_DAY_LOWER):
        spans += [(*m.span(), FlagKind.DATE) for m in pattern.finditer(text)]
    for m in _DATE_NUMERIC.finditer(text):
        if _valid_day_month(int(m.group(1)), int(m.group(3))):
            spans.append((*m.span(), FlagKind.DATE))
    for m in _DATE_ISO.finditer(text):
        if 1 <= int(m.group(3)) <= 12 and 1 <= int(m.group(4)) <= 31:
            spans.append((*m.span(), FlagKind.DATE))
    for m in _DATE_SHORT.finditer(text):
        month, day = int(m.group(1)), int(m.group(2))
        if not (1 <= month <= 12 and 1 <= day <= 31):
            continue  # 24/7, 50/50
        if _APGAR.search(text, max(0, m.start() - 30), m.start()):
            continue  # Apgar scores are written "8/9"
        dated = _DATE_WORDS_BEFORE.search(text[max(0, m.start() - 12) : m.start()])
        # "1/2 hour" and "3/4 of the time" are fractions unless a date word comes first;
        # nobody writes a fraction as "03/04".
        padded = m.group().startswith("0")
        rating = day == 10 and month <= 10  # "8/10 on the stress scale"
        fraction = not padded and (
            (month < day <= 8) or rating or bool(_FRACTION_AFTER.match(text, m.end()))
        )
        if (dated and not rating) or not fraction:
            spans.append((*m.span(), FlagKind.DATE))
    spans += [(*m.span(1), FlagKind.DATE) for m in _DATE_ORDINAL.finditer(text)]
    return spans


def _birth_dates(text: str, dates: list[_Found]) -> list[_Found]:
    """Return the dates, marking as birth dates those that follow "DOB", "born on" and the like."""
    by_start = sorted(dates)
    starts = [s for s, _, _ in by_start]
    birth: dict[int, _Found] = {}
    extra: list[_Found] = []
    for m in _BIRTH.finditer(text):
        filler = _BIRTH_FILLER.match(text, m.end(), min(len(text), m.end() + 25))
        assert filler is not None  # the pattern can match empty
        reach = filler.end()
        i = bisect_left(starts, m.end())
        if i < len(starts) and starts[i] <= reach:
            start, end, _ = by_start[i]
            birth[i] = (start, end, FlagKind.BIRTH_DATE)
            continue
        value = _BIRTH_VALUE.match(text, reach)
        is_year = value is not None and re.fullmatch(r"(?:19|20)\d\d", value.group()) is not None
        if value is not None and not is_year:
            extra.append((*value.span(), FlagKind.BIRTH_DATE))
    return [birth.get(i, span) for i, span in enumerate(by_start)] + extra


def _zips(text: str) -> list[_Found]:
    spans: list[_Found] = []
    for pattern in (_ZIP_STATE, _ZIP_WORD):
        spans += [(*m.span(1), FlagKind.ZIP) for m in pattern.finditer(text)]
    for m in _ZIP_BARE.finditer(text):
        if not _ZIP_NOT.match(text, m.end()):
            spans.append((*m.span(), FlagKind.ZIP))
    return spans


def _addresses(text: str) -> list[_Found]:
    spans: list[_Found] = []
    for pattern in (_ADDRESS, _ADDRESS_DIRECTION, _ADDRESS_NAMED, _ADDRESS_BOX, _ADDRESS_APT):
        spans += [(*m.span(), FlagKind.ADDRESS) for m in pattern.finditer(text)]
    spans += [(*m.span(1), FlagKind.ADDRESS) for m in _ADDRESS_CORNER.finditer(text)]
    for m in _LOWER_ADDRESS.finditer(text):
        start = m.start() if m.group()[0].isdigit() else m.start("street")
        spans.append((start, m.end(), FlagKind.ADDRESS))
    return spans

