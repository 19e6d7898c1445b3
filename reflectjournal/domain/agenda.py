"""The supervision loop's open items: what the next supervision agenda carries forward.

On the clinician's side an item is a supervisor's question or the clinician's own "bring to
supervision" mark; on the supervisor's side, an entry a supervisee brought that has no
comment yet. Each says where it came from, so a printed agenda still makes sense weeks on.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from reflectjournal.domain.errors import InvalidInputError
from reflectjournal.domain.ids import EntryId

ItemSource = Literal["question", "mark"]
# Item ids on the command line: q12 is the question kept as comment 12, m3 the mark 3.
_PREFIX: dict[ItemSource, str] = {"question": "q", "mark": "m"}


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """One open item on the clinician's agenda."""

    source: ItemSource
    number: int  # the question's comment id or the mark's id
    entry_id: EntryId | None  # None: a question on the whole bundle
    entry_title: str
    entry_date: str  # as the supervisor saw it ("2026-11" or "2026-11-03"); "" if unknown
    opened_at: dt.datetime  # when the question came in, or the mark was made
    asker: str = ""  # the supervisor who asked; "" for the user's own mark
    text: str = ""  # the question; "" for a mark

    @property
    def item_id(self) -> str:
        """Return the id the command line names this item by."""
        return f"{_PREFIX[self.source]}{self.number}"

    @property
    def origin(self) -> str:
        """Return where the item came from, in words."""
        title = f"“{self.entry_title.strip() or '(untitled)'}”"
        of_date = f" of {self.entry_date}" if self.entry_date else ""
        if self.source == "mark":
            return f"My mark on {title}{of_date}"
        if self.entry_id is None:
            return f"Question from {self.asker} on the bundle you shared{of_date}"
        return f"Question from {self.asker} on {title}{of_date}"


@dataclass(frozen=True, slots=True)
class WaitingQuestion:
    """On the supervisor's side: an entry a supervisee brought that waits for a comment."""

    sender_key: bytes
    sender_name: str
    bundle_id: str
    entry_id: EntryId
    entry_title: str
    entry_date: str
    received_at: dt.datetime

    @property
    def origin(self) -> str:
        """Return where the item came from, in words."""
        title = f"“{self.entry_title.strip() or '(untitled)'}”"
        of_date = f" of {self.entry_date}" if self.entry_date else ""
        return f"Brought by {self.sender_name}: {title}{of_date}"


def parse_item_id(text: str) -> tuple[ItemSource, int]:
    """Return which item an id such as q12 or m3 names, or raise InvalidInputError."""
    flat = text.strip().lower()
    for source, prefix in _PREFIX.items():
        if flat.startswith(prefix) and flat[1:].isdigit() and len(flat) < 12:
            return source, int(flat[1:])
    raise InvalidInputError(f"'{text}' is not an agenda item: items are named like q12 (a "
                            "supervisor's question) or m3 (your own mark), as `agenda` lists "
                            "them.")


def shown_date(first: str, last: str) -> str:
    """Return a received entry's date as shared: a day, or its month when coarsened."""
    return first if first == last else first[:7]
