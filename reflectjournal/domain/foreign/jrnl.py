"""jrnl (jrnl.sh) 4.x: its plain-text journal file and its `jrnl --export json`.

The plain-text file is a run of entries, each starting with a line `[DATE TIME] Title`
(a trailing ` *` marks it starred) followed by its body lines. The time's shape follows
the user's `timeformat` setting; the common ones are read (the default `%F %r`, 24-hour,
with or without seconds). jrnl keeps wall-clock times without a zone: they are read in
the zone given (the computer's by default). Tags are words starting with `@` or `#`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter

from reflectjournal.domain.errors import ImportFormatError
from reflectjournal.domain.exchange import JsonReader
from reflectjournal.domain.foreign.model import (
    EntryChecker,
    ForeignJournal,
    decode_text,
    localize,
)

MAX_JRNL_BYTES = 256 * 1024 * 1024
_HEADER = re.compile(r"\[(\d{4}-\d{2}-\d{2}[ T][^\]\n]{0,40}|\d{4}-\d{2}-\d{2})\](?: (.*))?")
_FORMATS = ("%Y-%m-%d %I:%M:%S %p", "%Y-%m-%d %I:%M %p", "%Y-%m-%d %H:%M:%S",
            "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d")
# jrnl's own tag pattern (jrnl/journals/Entry.py) with its default tag symbols.
_TAG = re.compile(r"(?<!\S)([@#][-+*#/\w]+)")
_ENCRYPTED = (b"JRNLv3", b"gAAAAA")


def parse_jrnl(data: bytes, zone: dt.tzinfo | None = None) -> ForeignJournal:
    """Read a jrnl journal file or a `jrnl --export json` file (told apart by content)."""
    if len(data) > MAX_JRNL_BYTES:
        raise ImportFormatError("The file is too large to be a jrnl journal (over 256 MB).")
    if data.startswith(_ENCRYPTED):
        raise ImportFormatError(
            "This jrnl journal is encrypted, so it cannot be read here.",
            "In jrnl, run `jrnl --export json > journal.json` and import that file.")
    text = decode_text(data, "The file")
    if text.lstrip().startswith("{"):
        return _parse_export(text, zone)
    return _parse_text(text, zone)


def _parse_when(stamp: str, zone: dt.tzinfo | None) -> dt.datetime | None:
    """Return the time a jrnl date stamp names, or None if it is not one."""
    for form in _FORMATS:
        try:
            naive = dt.datetime.strptime(stamp, form)  # jrnl keeps no zone
        except ValueError:
            continue
        try:
            return localize(naive, zone)
        except (OverflowError, ValueError, OSError):
            return None
    return None


def _source_id(when: dt.datetime, title: str, seen: Counter[str]) -> str:
    # Minutes only: the JSON export keeps no seconds, and the same entry read from the
    # journal file and from its export must get the same id.
    key = f"{when.strftime('%Y-%m-%dT%H:%M')}\n{title}"
    seen[key] += 1
    return f"{key}\n{seen[key]}"


def _parse_text(text: str, zone: dt.tzinfo | None) -> ForeignJournal:
    lines = text.split("\n")
    starts: list[tuple[int, dt.datetime, str]] = []
    for number, line in enumerate(lines, start=1):
        match = _HEADER.fullmatch(line.rstrip())
        # As in jrnl itself, a bracket that holds no date it can read is body text.
        when = None if match is None else _parse_when(match[1], zone)
        if match is not None and when is not None:
            starts.append((number, when, match[2] or ""))
    if not starts:
        raise ImportFormatError(
            "The file holds no jrnl entries (no line starts with a date in brackets).",
            "Choose the journal file jrnl writes, or a `jrnl --export json` file (jrnl's "
            "export keeps every time format).")
    first = starts[0][0]
    if any(line.strip() for line in lines[: first - 1]):
        raise ImportFormatError(
            f"The file does not start with a jrnl entry: the text before line {first} would "
            "belong to no entry.")
    checker = EntryChecker()
    seen: Counter[str] = Counter()
    entries = []
    for index, (number, when, head) in enumerate(starts):
        end = starts[index + 1][0] - 1 if index + 1 < len(starts) else len(lines)
        body = "\n".join(lines[number:end]).strip()
        title = head.rstrip()
        starred = title.endswith(" *") or title == "*"
        if starred:
            title = title[:-1].rstrip()
        entry = checker.entry(
            f"the entry on line {number}", when, title, body,
            _TAG.findall(f"{title}\n{body}"), starred=starred,
            source_id=_source_id(when, " ".join(title.split()), seen))
        if entry is not None:
            entries.append(entry)
    return ForeignJournal("jrnl", tuple(entries), checker.finish())


def _parse_export(text: str, zone: dt.tzinfo | None) -> ForeignJournal:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFormatError(
            f"The file is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}."
        ) from None
    except (ValueError, RecursionError):
        raise ImportFormatError(
            "The file is not a jrnl export (a number is too long or the data is nested "
            "too deeply).") from None
    root = JsonReader(doc, "")
    if not isinstance(doc, dict) or "entries" not in doc:
        raise ImportFormatError("The file is not a jrnl export (it has no 'entries' list).")
    checker = EntryChecker()
    seen: Counter[str] = Counter()
    entries = []
    for item in root.field("entries").items():
        date = item.field("date").text(10, nonempty=True)
        time = item.field("time").text(8, nonempty=True)
        when = _parse_when(f"{date} {time}", zone) if _is_date(date) else None
        if when is None:
            raise ImportFormatError(
                f"{item.path}: '{date} {time}' is not a date YYYY-MM-DD and a time HH:MM.")
        title = item.field("title").text(1_000_000)
        body = item.field("body").text(1_000_000)
        tags = [t.text(1000) for t in item.field("tags").items()] if "tags" in item.obj() else []
        starred = item.field("starred").boolean() if "starred" in item.obj() else False
        entry = checker.entry(
            f"{item.path} ({date})", when, title, body, tags, starred=starred,
            source_id=_source_id(when, " ".join(title.split()), seen))
        if entry is not None:
            entries.append(entry)
    return ForeignJournal("jrnl", tuple(entries), checker.finish())


def _is_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10
