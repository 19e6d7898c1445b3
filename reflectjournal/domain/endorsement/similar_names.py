"""Whether two provider names may be one person typed two ways (spec 2.9.3).

"Dr. Lee", "Jordan Lee" and "J. Lee" are offered as one person when the user links a record
to a contact; "K. Lee" and "Dr. Lim" are not. This only decides what is *offered*: a merge
is always the user's choice, so a false match costs one "no", and a missed one leaves two
records the user can still merge by hand.
"""

from __future__ import annotations

import re
import unicodedata

# Honorifics and credentials carry no identity: "Dra. Núñez" and "Ana Núñez, LCSW" are the
# same person to a reader. English and Spanish, as the app's users write them.
TITLES = frozenset({
    "dr", "dra", "doctor", "doctora", "mr", "mrs", "ms", "mx", "miss", "sr", "sra", "srta",
    "don", "dona", "prof", "profa", "professor", "profesor", "profesora", "rev", "lic", "lda",
    "ldo", "phd", "psyd", "edd", "md", "lcsw", "lmsw", "lmft", "lpc", "lpcc", "msw", "ma",
    "med", "rn", "np", "bcba", "otr", "slp", "ccc",
})
# Endorsement credentials are written with a hyphen ("IMH-E®"), which would otherwise leave
# a one-letter "e" that reads like an initial.
_ENDORSEMENT = re.compile(r"\b(?:i|ec)?mh-?e\b(?:\s*\((?:[ivx]+)\))?")
_SEPARATORS = re.compile(r"[^\w]+|_")


def name_tokens(name: str) -> tuple[str, ...]:
    """Return a name's words casefolded, accents folded, titles and credentials dropped."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = _ENDORSEMENT.sub(" ", plain)
    return tuple(w for w in _SEPARATORS.split(plain) if w and w not in TITLES)


def edit_distance(a: str, b: str, limit: int) -> int:
    """Return the edit distance (a swap of two neighbours is one edit), or limit + 1 if more."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1,
                             previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return min(previous[-1], limit + 1)


def _allowed_typos(word: str) -> int:
    # Short words differ in one letter and are other names ("Lee" and "Lea", "Ana" and "Ava").
    return 0 if len(word) < 5 else 1 if len(word) < 9 else 2


def _full_match(a: str, b: str) -> bool:
    if len(a) == 1 or len(b) == 1:
        return False
    allowed = min(_allowed_typos(a), _allowed_typos(b))
    return a == b or edit_distance(a, b, allowed) <= allowed


def _compatible(a: str, b: str) -> bool:
    """Return whether two words may name the same part of a name (an initial fits a word)."""
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return _full_match(a, b)


def _aligns(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """Return whether the shorter name's words fit the longer's, in order.

    The shorter name's last word is its surname: it has to match a whole word of the longer
    name after the latter's first word ("Dr. García" fits "María García López"; "Jordan"
    alone is a given name and does not fit "Jordan Lee").
    """
    *given, surname = short
    for at in range(1, len(long)):
        if not _full_match(surname, long[at]):
            continue
        rest = iter(long[:at])
        # Each given word or initial, in order, fits a word before the surname.
        if all(any(_compatible(g, w) for w in rest) for g in given):
            return True
    return False


def similar_names(a: str, b: str) -> bool:
    """Return whether two provider names may be the same person (see the module docstring)."""
    ta, tb = name_tokens(a), name_tokens(b)
    if not ta or not tb:
        return False
    if ta == tb or sorted(ta) == sorted(tb):  # "Lee, Jordan" is "Jordan Lee"
        return True
    short, long = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if len(short) == len(long):
        # The same number of words: each pair fits, and at least the surnames are whole words.
        return _full_match(short[-1], long[-1]) and all(
            _compatible(x, y) for x, y in zip(short[:-1], long[:-1], strict=True))
    return _aligns(short, long)
