"""A folder of Markdown notes (Obsidian and the like): one entry per note.

The date comes from the front matter (`date`, else `created`), else the file's
modification time; the title from `title`, else the file name; tags from `tags` (or
`tag`). A note that cannot be read is skipped with the reason, and the rest are imported.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

from reflectjournal.domain.errors import ImportFormatError
from reflectjournal.domain.foreign.front_matter import FrontMatterError, Value, read_note
from reflectjournal.domain.foreign.model import (
    EntryChecker,
    ForeignEntry,
    ForeignJournal,
    Skipped,
    decode_text,
    from_timestamp,
    localize,
)


@dataclass(frozen=True, slots=True)
class NoteFile:
    """One Markdown file of the folder: its path inside it, content and mtime (POSIX)."""

    path: str
    data: bytes
    modified: float


def parse_markdown(notes: Sequence[NoteFile], skipped: Sequence[Skipped] = (),
                   zone: dt.tzinfo | None = None) -> ForeignJournal:
    """Read a folder's notes; skipped says what the folder reader already left out."""
    if not notes:
        raise ImportFormatError(
            "The folder holds no Markdown notes (.md files).",
            "Choose the folder (an Obsidian vault, say) that holds your notes.")
    checker = EntryChecker()
    checker.skipped.extend(skipped)
    entries = []
    for note in sorted(notes, key=lambda n: n.path):
        try:
            entry = _entry(note, checker, zone)
        except (ImportFormatError, FrontMatterError) as exc:
            checker.skipped.append(Skipped(note.path, str(exc).rstrip(".")))
            continue
        if entry is not None:
            entries.append(entry)
    return ForeignJournal("markdown", tuple(entries), checker.finish())


def _entry(note: NoteFile, checker: EntryChecker,
           zone: dt.tzinfo | None) -> ForeignEntry | None:
    text = decode_text(note.data, "it")
    parsed = read_note(text)
    values = parsed.values
    when = _when(values.get("date") or values.get("created"), zone)
    if when is None:
        try:
            when = from_timestamp(note.modified, zone).replace(microsecond=0)
        except (OverflowError, ValueError, OSError):
            raise FrontMatterError("it has no date and its file date is not usable") from None
    given = _text(values.get("title"))
    if not given and not parsed.body.strip():
        checker.skipped.append(Skipped(note.path, "it is empty"))
        return None
    title = given or PurePosixPath(note.path).stem
    return checker.entry(note.path, when, title, parsed.body, _tags(values),
                         source_id=note.path)


def _text(value: Value | None) -> str:
    if isinstance(value, list):
        return " ".join(value)
    return value or ""


def _when(value: Value | None, zone: dt.tzinfo | None) -> dt.datetime | None:
    text = _text(value).strip()
    if not text:
        return None
    try:
        stamp = dt.datetime.fromisoformat(text)
        return localize(stamp, zone)
    except (ValueError, OverflowError, OSError):
        raise FrontMatterError(
            f"its date '{text[:40]}' is not a date like 2024-03-10 or 2024-03-10T21:30"
        ) from None


def _tags(values: dict[str, Value]) -> list[str]:
    value = values.get("tags", values.get("tag"))
    if value is None:
        return []
    if isinstance(value, list):
        return value
    # `tags: visit, home` or `tags: #visit #home`.
    return value.split(",") if "," in value else value.split()
