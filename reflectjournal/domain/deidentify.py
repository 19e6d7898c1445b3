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

from reflectjournal.domain.deid.check import find_flags
from reflectjournal.domain.deid.kinds import (
    STRUCTURED,
    Flag,
    FlagKind,
    kind_words,
    placeholder,
    redact,
)

__all__ = ["STRUCTURED", "Flag", "FlagKind", "find_flags", "kind_words", "placeholder", "redact"]
