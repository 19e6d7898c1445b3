"""Flag likely identifiers in text that is about to leave the machine.

This helps a clinician spot names, places, dates, numbers and addresses before sharing; it
cannot prove that a text is free of identifiers, so the app never calls a text "compliant"
or "de-identified". Three sources of flags, in order of precedence when spans overlap:

1. the user's own watch-list (names and places they know occur in their work), matched
   case- and accent-insensitively on word boundaries, so its recall does not depend on
   guessing;
2. patterns for structured identifiers (phone, e-mail, URL, IP, SSN, record numbers, dates,
   birth dates, ZIP codes, street addresses);
3. a heuristic for capitalised words that are not common words (possible names and places).

Every regular expression here is anchored with a look-behind at the start of a run, or has
bounded repetition, so checking a long text stays roughly linear.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import TypeAlias

from reflectjournal.domain.deid_words import COMMON_WORDS, NOT_NAMES, TITLES


class FlagKind(StrEnum):
    """What a flagged span probably is."""

    WATCH_LIST = "watch-list"
    PHONE = "phone"
    EMAIL = "email"
    URL = "url"
    IP = "ip-address"
    SSN = "ssn"
    RECORD_NUMBER = "record-number"
    DATE = "date"
    BIRTH_DATE = "birth-date"
    ZIP = "zip-code"
    ADDRESS = "street-address"
    NAME = "possible-name"


STRUCTURED: frozenset[FlagKind] = frozenset(FlagKind) - {FlagKind.WATCH_LIST, FlagKind.NAME}

_PLACEHOLDERS: dict[FlagKind, str] = {
    FlagKind.WATCH_LIST: "[name]",
    FlagKind.PHONE: "[phone]",
    FlagKind.EMAIL: "[email]",
    FlagKind.URL: "[url]",
    FlagKind.IP: "[ip address]",
    FlagKind.SSN: "[ssn]",
    FlagKind.RECORD_NUMBER: "[number]",
    FlagKind.DATE: "[date]",
    FlagKind.BIRTH_DATE: "[birth date]",
    FlagKind.ZIP: "[zip]",
    FlagKind.ADDRESS: "[address]",
    FlagKind.NAME: "[name]",
}

# Among structured kinds the longer span wins; on a tie, the more specific kind.
_KIND_ORDER: dict[FlagKind, int] = {
    kind: i
    for i, kind in enumerate(
        (
            FlagKind.WATCH_LIST,
            FlagKind.EMAIL,
            FlagKind.URL,
            FlagKind.IP,
            FlagKind.SSN,
            FlagKind.PHONE,
            FlagKind.BIRTH_DATE,
            FlagKind.DATE,
            FlagKind.ADDRESS,
            FlagKind.ZIP,
            FlagKind.RECORD_NUMBER,
            FlagKind.NAME,
        )
    )
}


@dataclass(frozen=True, slots=True)
class Flag:
    """A span of the checked text that may identify someone."""

    start: int
    end: int
    kind: FlagKind
    text: str


_Span = tuple[int, int, FlagKind]


def placeholder(kind: FlagKind) -> str:
    """Return the text that stands in for a redacted span of this kind."""
    return _PLACEHOLDERS[kind]


def find_flags(text: str, watch_list: Sequence[str] = ()) -> list[Flag]:
    """Return likely identifiers in text, sorted by start, never overlapping."""
    spans = _watch_list_spans(text, watch_list)
    spans += _structured_spans(text)
    spans += _name_spans(text)
    return [Flag(s, e, kind, text[s:e]) for s, e, kind in _resolve(text, spans)]


def redact(text: str, flags: Iterable[Flag]) -> str:
    """Return text with each flag's span replaced by a placeholder ("[name]", "[date]", ...)."""
    parts: list[str] = []
    pos = 0
    for flag in sorted(flags, key=lambda f: (f.start, -f.end)):
        if text[flag.start : flag.end] != flag.text or flag.start >= flag.end:
            # Offsets from another version of the text would redact the wrong words.
            raise ValueError(f"flag {flag.text!r} does not match the text at {flag.start}")
        if flag.end <= pos:
            continue
        if flag.start < pos:
            # Overlapping flags: the part already replaced is gone; replace the rest too.
            parts.append(placeholder(flag.kind))
            pos = flag.end
            continue
        parts.append(text[pos : flag.start])
        parts.append(placeholder(flag.kind))
        pos = flag.end
    parts.append(text[pos:])
    return "".join(parts)


# --- resolving overlaps -----------------------------------------------------------------


def _tier(kind: FlagKind) -> int:
    if kind is FlagKind.WATCH_LIST:
        return 0
    return 2 if kind is FlagKind.NAME else 1


_TRIM = " \t\r\n,.;:!?()[]{}\"'“”‘’-–—/"


def _resolve(text: str, spans: list[_Span]) -> list[_Span]:
    """Keep the strongest flag wherever spans overlap; what a weaker one covers beyond it stays."""
    ranked = sorted(spans, key=lambda s: (_tier(s[2]), -(s[1] - s[0]), _KIND_ORDER[s[2]], s[0]))
    starts: list[int] = []
    kept: list[_Span] = []  # disjoint, sorted by start, parallel to starts
    for start, end, kind in ranked:
        for piece_start, piece_end in _uncovered(starts, kept, start, end):
            if (piece_start, piece_end) != (start, end):
                # A leftover such as the " Street" of an address whose name is on the
                # watch-list is still worth flagging, but not a stray comma or space.
                piece = text[piece_start:piece_end]
                piece_start += len(piece) - len(piece.lstrip(_TRIM))
                piece_end -= len(piece) - len(piece.rstrip(_TRIM))
                if piece_start >= piece_end or not any(
                    c.isalnum() for c in text[piece_start:piece_end]
                ):
                    continue
            i = bisect_left(starts, piece_start)
            starts.insert(i, piece_start)
            kept.insert(i, (piece_start, piece_end, kind))
    return kept


def _uncovered(
    starts: list[int], kept: list[_Span], start: int, end: int
) -> Iterator[tuple[int, int]]:
    i = bisect_left(starts, start)
    if i > 0 and kept[i - 1][1] > start:
        i -= 1
    pos = start
    while i < len(kept) and kept[i][0] < end:
        if kept[i][0] > pos:
            yield pos, kept[i][0]
        pos = max(pos, kept[i][1])
        i += 1
    if pos < end:
        yield pos, end


# --- watch-list -------------------------------------------------------------------------

_COMBINING = "[\u0300-\u036f]*"  # marks left in decomposed text ("Jose" + U+0301)
_SEPARATOR = "[\\s\\-\u2010\u2011\u2013]+"  # "Mary Jane" also finds "Mary-Jane"
_APOSTROPHES = "'\u2018\u2019\u02bc"


def _fold_char(char: str) -> str:
    """Return one character without its accents, so offsets stay the same."""
    if char in _APOSTROPHES:
        return "'"
    if char.isascii():
        return char
    base = unicodedata.normalize("NFD", char)
    if len(base) > 1 and all(unicodedata.combining(c) for c in base[1:]):
        return base[0]
    return char


def _fold_text(text: str) -> str:
    table = {ord(c): _fold_char(c) for c in set(text) if not c.isascii()}
    return text.translate(table)


def _entry_units(entry: str) -> list[str]:
    """Return an entry as regex pieces, one per character (separators collapsed)."""
    decomposed = unicodedata.normalize("NFD", entry)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    units: list[str] = []
    for char in plain.strip():
        if char.isspace() or char in "-\u2010\u2011\u2013":
            if units and units[-1] != _SEPARATOR:
                units.append(_SEPARATOR)
        else:
            lower = char.lower()
            folded = _fold_char(lower if len(lower) == 1 else char)
            units.append(re.escape(folded) + _COMBINING)
    while units and units[-1] == _SEPARATOR:
        units.pop()
    return units


_Trie: TypeAlias = dict[str, "_Trie"]


def _trie_pattern(entries: list[list[str]]) -> str:
    """Return one regex matching any entry, preferring the longest at each position."""
    trie: _Trie = {}
    end_mark = ""  # no unit is empty
    for units in entries:
        node = trie
        for unit in units:
            node = node.setdefault(unit, {})
        node[end_mark] = {}

    def emit(node: _Trie) -> str:
        branches = []
        for unit, child in node.items():
            if unit != end_mark:
                branches.append(unit + emit(child))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end_mark in node:
            # Greedy optional: the longer entry is tried first, the shorter one is the fallback.
            return "(?:" + body + ")?"
        return body

    return emit(trie)


@lru_cache(maxsize=8)
def _watch_list_pattern(watch_list: tuple[str, ...]) -> re.Pattern[str] | None:
    """Compile the watch-list once; the app checks many texts against the same list."""
    # An item with no letter or digit ("-", "  ") is not a name and would flag punctuation.
    entries = [
        units
        for item in watch_list
        if any(c.isalnum() for c in item) and (units := _entry_units(item))
    ]
    if not entries:
        return None
    return re.compile(r"(?<!\w)(?=(" + _trie_pattern(entries) + r")(?!\w))", re.IGNORECASE)


def _watch_list_spans(text: str, watch_list: Sequence[str]) -> list[_Span]:
    pattern = _watch_list_pattern(tuple(watch_list))
    if pattern is None:
        return []
    found: list[_Span] = []
    for match in pattern.finditer(_fold_text(text)):
        start, end = match.span(1)
        if end <= start:
            continue
        if found and start < found[-1][1]:
            # Overlapping entries ("Maria Lopez", "Lopez Garcia") join into one span.
            found[-1] = (found[-1][0], max(end, found[-1][1]), FlagKind.WATCH_LIST)
        else:
            found.append((start, end, FlagKind.WATCH_LIST))
    return found


# --- structured identifiers -------------------------------------------------------------

_PHONE_WORDS = re.compile(
    r"(?i:\b(?:phone|cell|mobile|fax|tel|call(?:ed|ing)?|text(?:ed|ing)?|number|line|"
    r"reach|dial(?:ed)?|voicemail)\b)"
)
_PHONE_US = re.compile(
    r"""(?<![\w+(])
    (?:\+?1[ .\-]?)?
    (?:\(\d{3}\)[ \-]?|\d{3}[ .\-/])
    \d{3}[ .\-]\d{4}
    (?:[ ]?(?:ext\.?|x)[ ]?\d{1,5})?
    (?!\w|[.\-]\d)""",
    re.VERBOSE | re.IGNORECASE,
)
_PHONE_LOCAL = re.compile(r"(?<![\w.\-/:])\d{3}-\d{4}(?!\w|[.\-/:]\d)")
_PHONE_INTL = re.compile(r"(?<![\w+])\+\d{1,3}(?:[ .\-]?\(?\d{1,4}\)?){2,5}(?!\w|[.\-]\d)")
_LONG_DIGITS = re.compile(r"(?<![\w.,/:\-$])\d{6,}(?!\w|[.,/:\-]\d)")

_EMAIL = re.compile(r"(?<![\w.+%\-])[\w.+%\-]+@[\w\-]+(?:\.[\w\-]+)+")
# "maria dot lopez at example dot com": people spell addresses out to dodge filters.
_EMAIL_SPELLED = re.compile(
    r"(?<![\w.\-])[\w.+\-]{1,64}(?:[ ]+dot[ ]+[\w\-]{1,64}){0,4}[ ]+(?:at|\(at\)|\[at\])[ ]+"
    r"[\w\-]{1,64}(?:[ ]+dot[ ]+[\w\-]{1,64}){0,3}?[ ]+dot[ ]+(?:com|org|net|edu|gov|us)\b",
    re.IGNORECASE,
)
_URL = re.compile(r"(?<![\w@/.\-])(?:(?:https?|ftp)://|www\.)[^\s<>\"'\[\]]+", re.IGNORECASE)
_DOMAIN = re.compile(
    r"(?<![\w@/.\-])(?:[a-z0-9\-]+\.)+"
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

# Words after which a code with digits is an account, case, record or licence number.
_RECORD = re.compile(
    r"""(?:
        (?i:\b(?:case|record|chart|account|acct|policy|claim|member(?:ship)?|medicaid|medicare
            |licen[cs]e|permit|certificate|registration|referral|voucher|docket|file|patient
            |report|incident|confirmation|reference|ref|tracking|badge|employee|student|mrn
            |plate|vin)\b)
        (?:\s+(?:(?i:number|no\.?|num|nbr)|\#|ID))?
        |\bID|\bMRN|\#)
    \s*(?:[:=,]|(?i:\b(?:is|was)\b))?\s*\#?\s*
    (?P<code>[A-Z0-9]+(?:(?:[\-/.]|[ ](?=[A-Z]*\d))[A-Z0-9]+)*)""",
    re.VERBOSE,
)
_CODE = re.compile(r"(?<![\w\-])(?:[A-Z0-9]+(?:-[A-Z0-9]+)+|[A-Z]{1,4}\d{4,})(?![\w\-])")

# Only an abbreviation takes a full stop: "March." ends a sentence, "Mar." is the month.
_MONTH = (
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)(?![a-z])|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)(?![a-z])\.?)"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
_DATE_MONTH_DAY = re.compile(rf"\b{_MONTH}[ ](?:the[ ])?{_DAY}(?:,?[ ]\d{{4}})?(?![\d:])")
_DATE_DAY_MONTH = re.compile(rf"\b(?:the[ ])?{_DAY}[ ](?:of[ ])?{_MONTH}(?:,?[ ]\d{{4}})?(?!\d)")
_DATE_MONTH_YEAR = re.compile(rf"\b{_MONTH},?[ ](?:19|20)\d\d(?!\d)")
_DATE_NUMERIC = re.compile(
    r"(?<![\w/.\-])(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/]|[.\-]\d)"
)
_DATE_ISO = re.compile(r"(?<![\w/.\-])((?:19|20)\d\d)([/.\-])(\d{1,2})\2(\d{1,2})(?![\d/]|[.\-]\d)")
_DATE_SHORT = re.compile(r"(?<![\w/.\-])(\d{1,2})/(\d{1,2})(?![\w/]|[.,]\d)")
_DATE_WORDS_BEFORE = re.compile(
    r"(?i:\b(?:on|by|due|since|from|until|till|before|after|through|thru|date|dated|is|was"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|tues|wed|thu|thurs|fri|sat|sun))"
    r",?\s*$"
)
_FRACTION_AFTER = re.compile(
    r"\s*(?i:of|hours?|hrs?|cups?|oz|miles?|inch(?:es)?|teaspoons?|tsp|tbsp|pounds?|lbs?)\b"
)
_DATE_ORDINAL = re.compile(
    r"(?i:\b(?:on|by|until|till|since|before|after|from|through|due"
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
_ADDRESS_BOX = re.compile(r"(?i:\b(?:P\.?[ ]?O\.?[ ]*Box|Post\s+Office\s+Box)\s+\d+)")
_ADDRESS_APT = re.compile(r"\b(?:Apt\.?|Apartment)[ ]*\#?[ ]*[A-Za-z]?\d+[A-Za-z]?\b")


def _structured_spans(text: str) -> list[_Span]:
    spans: list[_Span] = []
    spans += _phones(text)
    spans += _emails_and_urls(text)
    spans += _ips(text)
    spans += _ssns(text)
    spans += _records(text)
    dates = _dates(text)
    spans += _birth_dates(text, dates)
    spans += _zips(text)
    spans += _addresses(text)
    return spans


def _phones(text: str) -> list[_Span]:
    spans = [(*m.span(), FlagKind.PHONE) for m in _PHONE_US.finditer(text)]
    spans += [(*m.span(), FlagKind.PHONE) for m in _PHONE_LOCAL.finditer(text)]
    for m in _PHONE_INTL.finditer(text):
        if 8 <= sum(c.isdigit() for c in m.group()) <= 15:
            spans.append((*m.span(), FlagKind.PHONE))
    for m in _LONG_DIGITS.finditer(text):
        # Ten digits with no separators are a phone only when the words say so.
        near = text[max(0, m.start() - 30) : m.start()]
        digits = len(m.group())
        is_phone = (digits == 10 or (digits == 11 and m.group()[0] == "1")) and bool(
            _PHONE_WORDS.search(near)
        )
        spans.append((*m.span(), FlagKind.PHONE if is_phone else FlagKind.RECORD_NUMBER))
    return spans


def _emails_and_urls(text: str) -> list[_Span]:
    spans: list[_Span] = []
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


def _ips(text: str) -> list[_Span]:
    spans: list[_Span] = []
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


def _ssns(text: str) -> list[_Span]:
    spans = [(*m.span(), FlagKind.SSN) for m in _SSN.finditer(text)]
    for pattern in (_SSN_TAIL, _SSN_BARE):
        spans += [(*m.span(1), FlagKind.SSN) for m in pattern.finditer(text)]
    return spans


def _records(text: str) -> list[_Span]:
    spans: list[_Span] = []
    for m in _RECORD.finditer(text):
        code = m.group("code")
        if sum(c.isdigit() for c in code) >= 3 and sum(c.isalnum() for c in code) >= 4:
            spans.append((*m.span("code"), FlagKind.RECORD_NUMBER))
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


def _dates(text: str) -> list[_Span]:
    spans: list[_Span] = []
    for pattern in (_DATE_MONTH_DAY, _DATE_DAY_MONTH, _DATE_MONTH_YEAR):
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
        dated = _DATE_WORDS_BEFORE.search(text[max(0, m.start() - 12) : m.start()])
        # "1/2 hour" and "3/4 of the time" are fractions unless a date word comes first;
        # nobody writes a fraction as "03/04".
        padded = m.group().startswith("0")
        fraction = not padded and ((month < day <= 8) or bool(_FRACTION_AFTER.match(text, m.end())))
        if dated or not fraction:
            spans.append((*m.span(), FlagKind.DATE))
    spans += [(*m.span(1), FlagKind.DATE) for m in _DATE_ORDINAL.finditer(text)]
    return spans


def _birth_dates(text: str, dates: list[_Span]) -> list[_Span]:
    """Return the dates, marking as birth dates those that follow "DOB", "born on" and the like."""
    by_start = sorted(dates)
    starts = [s for s, _, _ in by_start]
    birth: dict[int, _Span] = {}
    extra: list[_Span] = []
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


def _zips(text: str) -> list[_Span]:
    spans: list[_Span] = []
    for pattern in (_ZIP_STATE, _ZIP_WORD):
        spans += [(*m.span(1), FlagKind.ZIP) for m in pattern.finditer(text)]
    for m in _ZIP_BARE.finditer(text):
        if not _ZIP_NOT.match(text, m.end()):
            spans.append((*m.span(), FlagKind.ZIP))
    return spans


def _addresses(text: str) -> list[_Span]:
    spans: list[_Span] = []
    for pattern in (_ADDRESS, _ADDRESS_DIRECTION, _ADDRESS_NAMED, _ADDRESS_BOX, _ADDRESS_APT):
        spans += [(*m.span(), FlagKind.ADDRESS) for m in pattern.finditer(text)]
    spans += [(*m.span(1), FlagKind.ADDRESS) for m in _ADDRESS_CORNER.finditer(text)]
    return spans


# --- the capitalised-name heuristic -----------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_SENTENCE_END = frozenset('.!?:;\n"“(')
_ABBREVIATIONS = frozenset({"st", "mt", "jr", "sr", "no", "vs", "ft", "ave", "apt"}) | TITLES
# Lower-case particles inside a name ("Maria de la Cruz", "Ludwig van Beethoven").
_CONNECTOR_WORDS = "de del della la las los van von der da dos du di bin ibn al el"
_CONNECTORS = frozenset(_CONNECTOR_WORDS.split())
_WORDY_ENDINGS = ("ing", "tion", "sion", "ment", "ness")


def _name_spans(text: str) -> list[_Span]:
    spans: list[_Span] = []
    run: list[tuple[int, int, bool, bool]] = []  # start, end, candidate, initial
    prev_word = ""
    prev_end = 0
    for m in _WORD.finditer(text):
        start, end = m.span()
        word = m.group()
        possessive = word[-2:] in ("'s", "’s")
        if possessive:
            word, end = word[:-2], end - 2  # "Maria's": the name is "Maria"
        gap = text[prev_end:start]
        prev_lower = prev_word.lower()
        initial = len(prev_word) == 1 and prev_word.isupper()
        after_title = prev_word[:1].isupper() and prev_lower in TITLES and gap in (" ", ". ")
        ends_sentence = not prev_word or (
            any(c in _SENTENCE_END for c in gap)
            and not (gap.strip() == "." and (initial or prev_lower in _ABBREVIATIONS))
        )
        joins = run and (gap == " " or (gap == ". " and (initial or after_title)))
        if not joins or (word[0].islower() and word.lower() not in _CONNECTORS):
            _close_run(run, spans)
            run = []
        # Letters glued to digits ("IPv6", "Bayley4") are part of a code, not a name.
        glued = (start > 0 and text[start - 1].isdigit()) or (
            m.end() < len(text) and text[m.end()].isdigit()
        )
        if word[0].isupper():
            is_initial = len(word) == 1 and word != "I"
            candidate = not glued and _is_candidate(
                word, start_of_sentence=ends_sentence, after_title=after_title
            )
            run.append((start, end, candidate, is_initial))
        elif run and word.lower() in _CONNECTORS:
            run.append((start, end, False, False))
        if possessive:
            _close_run(run, spans)  # "Maria's Mom": the name ends at the apostrophe
            run = []
        prev_word, prev_end = m.group(), m.end()
    _close_run(run, spans)
    return spans


def _is_candidate(word: str, *, start_of_sentence: bool, after_title: bool) -> bool:
    lower = word.lower()
    if len(word) < 2 or (word.isupper() and len(word) > 1):
        return False  # initials and acronyms (WIC, NICU) are not names on their own
    if after_title:
        return lower not in TITLES
    if lower in NOT_NAMES or lower in TITLES:
        return False
    if start_of_sentence and (
        lower in COMMON_WORDS or (len(lower) >= 6 and lower.endswith(_WORDY_ENDINGS))
    ):
        return False
    if "-" in word:
        parts = word.split("-")
        if len(parts[0]) == 1 and all(p.islower() for p in parts[1:]):
            return False  # "C-section", "X-ray", "T-shirt"
        first_known = parts[0].lower() in NOT_NAMES or (
            start_of_sentence and parts[0].lower() in COMMON_WORDS
        )
        rest_known = all(p[:1].islower() or p.lower() in NOT_NAMES for p in parts[1:])
        return not (first_known and rest_known)
    return True


def _close_run(run: list[tuple[int, int, bool, bool]], spans: list[_Span]) -> None:
    """Flag a run of capitalised words from its first candidate on, names and initials included."""
    first = next((i for i, item in enumerate(run) if item[2]), None)
    if first is None:
        return
    last = first
    for i in range(first + 1, len(run)):
        if run[i][2] or run[i][3]:
            last = i
    spans.append((run[first][0], run[last][1], FlagKind.NAME))
