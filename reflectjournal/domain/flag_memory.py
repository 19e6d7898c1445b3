"""What the check remembers for one journal: terms cleared as "not an identifier", and the
redacted names it may offer to put on the watch-list.

A term cleared once (the allow-list) is not flagged again in this journal, except where it
is on the watch-list: a name the user listed as identifying always wins over a clearance.
Terms compare as people read them: case, accents' composition and runs of spaces ignored.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection, Iterable, Sequence

from reflectjournal.domain.deidentify import FlagKind
from reflectjournal.domain.errors import InvalidInputError
from reflectjournal.domain.share_selection import LocatedFlag

MAX_TERM_CHARS = 200
MAX_TERMS = 5000


def term_key(text: str) -> str:
    """Return how a term compares: composed, case-folded, single-spaced."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def clean_terms(terms: Iterable[str]) -> list[str]:
    """Return terms with blanks and repeats (as term_key sees them) dropped, in order."""
    seen: dict[str, str] = {}
    for raw in terms:
        term = " ".join(unicodedata.normalize("NFC", raw).split())
        if term and term_key(term) not in seen:
            seen[term_key(term)] = term
    kept = list(seen.values())
    if any(len(t) > MAX_TERM_CHARS for t in kept) or len(kept) > MAX_TERMS:
        raise InvalidInputError(
            f"Remembered terms are at most {MAX_TERM_CHARS} characters, {MAX_TERMS} terms.")
    return kept


def without_allowed(
    flags: Sequence[LocatedFlag], allow_list: Collection[str]
) -> list[LocatedFlag]:
    """Drop the flags whose text was cleared before; watch-list flags always stay."""
    if not allow_list:
        return list(flags)
    cleared = {term_key(t) for t in allow_list}
    return [f for f in flags
            if f.flag.kind is FlagKind.WATCH_LIST or term_key(f.flag.text) not in cleared]


def rememberable(flags: Iterable[LocatedFlag], allowed_ids: Collection[str]) -> list[str]:
    """Return the texts of the allowed flags that an allow-list can hold.

    Watch-list flags are left out: clearing one is a decision for this share only, since
    the user listed that term as identifying.
    """
    return clean_terms(f.flag.text for f in flags
                       if f.id in allowed_ids and f.flag.kind is not FlagKind.WATCH_LIST)


def watch_list_offer(
    flags: Iterable[LocatedFlag], redacted_ids: Collection[str], watch_list: Collection[str]
) -> list[str]:
    """Return the redacted possible names not yet on the watch-list, to offer adding them.

    Only possible names: the watch-list is for names and places, while numbers, dates and
    addresses are found by their patterns wherever they are written.
    """
    listed = {term_key(t) for t in watch_list}
    found = clean_terms(_without_possessive(f.flag.text) for f in flags
                        if f.id in redacted_ids and f.flag.kind is FlagKind.NAME)
    return [t for t in found if term_key(t) not in listed]


def _without_possessive(text: str) -> str:
    # The watch-list finds "Maria's" from "Maria"; listing "Maria's" would miss "Maria".
    for ending in ("'s", "\u2019s"):
        if text.endswith(ending) and len(text) > len(ending):
            return text[: -len(ending)]
    return text
