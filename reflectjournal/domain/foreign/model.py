"""The intermediate every foreign parser produces: entries with dates, and what was skipped."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from reflectjournal.domain.entry import MAX_TEXT_CHARS, MAX_TITLE_CHARS
from reflectjournal.domain.errors import ImportFormatError
from reflectjournal.domain.ids import EntryId

SourceKind = Literal["jrnl", "dayone", "markdown", "word"]
SOURCE_KINDS: tuple[SourceKind, ...] = ("jrnl", "dayone", "markdown", "word")
SOURCE_LABELS: dict[SourceKind, str] = {
    "jrnl": "jrnl (journal file or --export json)",
    "dayone": "Day One (JSON export .zip)",
    "markdown": "Markdown folder (Obsidian and the like)",
    "word": "Word or Google Docs (.docx, .odt: a file or a folder)",
}
MAX_TAG_CHARS = 80  # as store/tags.add_user_tag allows

# Fixed for ever: an entry's id is derived from its source, so re-importing the same
# source finds the entries it added before (see `entry_id`).
_NAMESPACE = uuid.UUID("6f1d3c2e-8a4b-5e7f-9c0d-1b2a3e4f5a6b")


@dataclass(frozen=True, slots=True)
class ForeignEntry:
    """One entry as another app kept it: when (with its time zone), title, text, tags."""

    source_id: str
    written_at: dt.datetime
    title: str
    body: str
    tags: tuple[str, ...] = ()
    starred: bool = False
    modified_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class Skipped:
    """Something in the source that will not be imported, and why."""

    what: str
    why: str


@dataclass(frozen=True, slots=True)
class ForeignJournal:
    """Everything one source holds that can be imported."""

    source: SourceKind
    entries: tuple[ForeignEntry, ...]
    skipped: tuple[Skipped, ...] = ()
    notes: tuple[str, ...] = ()  # how something was read, for the preview to say


def entry_id(source: SourceKind, source_id: str) -> EntryId:
    """Return the stable entry id for an entry of a source (a UUID 5 of both)."""
    return EntryId(str(uuid.uuid5(_NAMESPACE, f"{source}\n{source_id}")))


def clean_tag(label: str) -> str:
    """Return a tag label with its symbol and extra spaces gone ('' if nothing is left)."""
    return " ".join(label.lstrip("#@").split())


class EntryChecker:
    """Fits entries to ReflectJournal's limits; what cannot fit is recorded as skipped."""

    def __init__(self) -> None:
        self.skipped: list[Skipped] = []
        self._long_tags: Counter[str] = Counter()

    def entry(self, where: str, written_at: dt.datetime, title: str, body: str,
              tags: Iterable[str], *, source_id: str, starred: bool = False,
              modified_at: dt.datetime | None = None) -> ForeignEntry | None:
        """Return the entry, or None (recorded as skipped) when it cannot be kept whole."""
        title = " ".join(title.split())
        body = body.strip()
        if len(title) > MAX_TITLE_CHARS:
            # A title this long is text, not a title: keep all of it in the body.
            title, body = "", f"{title}\n\n{body}".strip()
        if not title and not body:
            self.skipped.append(Skipped(where, "it is empty"))
            return None
        if len(body) > MAX_TEXT_CHARS:
            self.skipped.append(Skipped(
                where, f"its text is longer than {MAX_TEXT_CHARS:,} characters"))
            return None
        kept: dict[str, str] = {}
        for raw in tags:
            label = clean_tag(raw)
            if not label:
                continue
            if len(label) > MAX_TAG_CHARS:
                self._long_tags[label[:40]] += 1
                continue
            kept.setdefault(label.casefold(), label)
        return ForeignEntry(source_id, written_at, title, body, tuple(kept.values()),
                            starred, modified_at)

    def finish(self) -> tuple[Skipped, ...]:
        """Return everything skipped, long tags summed up once each."""
        for label, count in self._long_tags.items():
            self.skipped.append(Skipped(
                f"the tag '{label}…' on {count} {'entry' if count == 1 else 'entries'}",
                f"a tag name has at most {MAX_TAG_CHARS} characters"))
        return tuple(self.skipped)


def localize(naive: dt.datetime, zone: dt.tzinfo | None) -> dt.datetime:
    """Attach a time zone to a wall-clock time; zone None means this computer's."""
    if naive.tzinfo is not None:
        return naive
    return naive.astimezone() if zone is None else naive.replace(tzinfo=zone)


def from_timestamp(seconds: float, zone: dt.tzinfo | None) -> dt.datetime:
    """Return a POSIX time as an aware datetime in zone (None: this computer's)."""
    stamp = dt.datetime.fromtimestamp(seconds, dt.UTC)
    return stamp.astimezone(zone) if zone is not None else stamp.astimezone()


def decode_text(data: bytes, what: str) -> str:
    """Decode UTF-8 (a byte-order mark allowed) or raise ImportFormatError."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFormatError(f"{what} is not UTF-8 text (byte {exc.start}).") from None
    if "\x00" in text:
        raise ImportFormatError(f"{what} holds a NUL character, so it is not a text file.")
    return text.replace("\r\n", "\n").replace("\r", "\n")
