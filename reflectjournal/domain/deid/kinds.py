"""What a flag is: its kinds, their placeholders, words and precedence, and redaction."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


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
    AGE = "age"
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
    FlagKind.AGE: "[age]",
    FlagKind.NAME: "[name]",
}

# How the kinds read to people, in the flag list; an unknown kind still reads as words.
KIND_WORDS: dict[FlagKind, str] = {
    FlagKind.NAME: "possible name",
    FlagKind.WATCH_LIST: "on your watch-list",
    FlagKind.PHONE: "phone number",
    FlagKind.EMAIL: "e-mail address",
    FlagKind.URL: "web address",
    FlagKind.IP: "IP address",
    FlagKind.SSN: "social security number",
    FlagKind.RECORD_NUMBER: "record number",
    FlagKind.DATE: "date",
    FlagKind.BIRTH_DATE: "date of birth",
    FlagKind.ZIP: "ZIP code",
    FlagKind.ADDRESS: "street address",
    FlagKind.AGE: "age over 89",
}

# Why a flag of each kind was raised, when its detector gives no more precise reason.
DEFAULT_REASONS: dict[FlagKind, str] = {
    FlagKind.WATCH_LIST: "on your watch-list",
    FlagKind.PHONE: "looks like a phone number",
    FlagKind.EMAIL: "looks like an e-mail address",
    FlagKind.URL: "a web address or social-media handle",
    FlagKind.IP: "an IP address",
    FlagKind.SSN: "looks like a social security number",
    FlagKind.RECORD_NUMBER: "a long number, or a code after a word such as case, ID or #",
    FlagKind.DATE: "a date (a day and month, which can identify)",
    FlagKind.BIRTH_DATE: "a date after \u201cDOB\u201d or \u201cborn\u201d",
    FlagKind.ZIP: "looks like a ZIP code",
    FlagKind.ADDRESS: "looks like a street address",
    FlagKind.AGE: "an age over 89",
    FlagKind.NAME: "a capitalised word that is not a common word",
}

# Among structured kinds the longer span wins; on a tie, the more specific kind.
KIND_ORDER: dict[FlagKind, int] = {
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
            FlagKind.AGE,
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
    reason: str = ""  # in plain words, why the check raised it

    @property
    def why(self) -> str:
        """Return the reason, or the kind's usual reason when none was given."""
        return self.reason or DEFAULT_REASONS[self.kind]


Span = tuple[int, int, FlagKind, str]  # start, end, kind, reason


def placeholder(kind: FlagKind) -> str:
    """Return the text that stands in for a redacted span of this kind."""
    return _PLACEHOLDERS[kind]


def kind_words(kind: FlagKind | str) -> str:
    """Return a flag kind as people say it ("phone number", "on your watch-list")."""
    value = str(kind)
    try:
        return KIND_WORDS[FlagKind(value)]
    except ValueError:
        return value.replace("-", " ").replace("_", " ")


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
