"""Day One's JSON export: a .zip with one `<Journal name>.json` per journal and media folders.

Each journal file is `{"metadata": {"version": "1.0"}, "entries": [...]}`; an entry has a
`uuid`, a `creationDate` in UTC (`2024-03-10T21:30:00Z`), the IANA `timeZone` it was
written in, Markdown `text` (its first line is the title Day One shows), `tags`,
`starred`, and lists of `photos`, `videos`, `audios` and `pdfAttachments` whose files sit
in the zip's media folders and appear in the text as `![](dayone-moment://ID)`. The
media, locations and weather are not imported; the preview says how many.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import zoneinfo
from collections import Counter
from collections.abc import Mapping

from reflectjournal.domain.errors import ImportFormatError
from reflectjournal.domain.exchange import JsonReader
from reflectjournal.domain.foreign.model import (
    EntryChecker,
    ForeignJournal,
    Skipped,
    decode_text,
)

MAX_JOURNAL_BYTES = 256 * 1024 * 1024
_MEDIA = {"photos": ("photo", "photos"), "videos": ("video", "videos"),
          "audios": ("audio recording", "audio recordings"),
          "pdfAttachments": ("PDF", "PDFs")}
_MOMENT = re.compile(r"!\[[^\]\n]*\]\(dayone-moment:/{0,2}[^)\n]*\)")
# Day One escapes Markdown punctuation in its export ("Hello\!"): undo it for plain text.
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|~])")


def parse_dayone(journals: Mapping[str, bytes]) -> ForeignJournal:
    """Read the journal files of a Day One export (name in the zip -> content)."""
    if not journals:
        raise ImportFormatError(
            "The file is not a Day One export: it holds no journal (.json) file.",
            "In Day One, choose File > Export > JSON and pick the .zip it writes.")
    checker = EntryChecker()
    media: Counter[str] = Counter()
    details: Counter[str] = Counter()
    unknown_zones: Counter[str] = Counter()
    entries = []
    for name in sorted(journals):
        data = journals[name]
        if len(data) > MAX_JOURNAL_BYTES:
            raise ImportFormatError(f"{name} is too large to be a Day One journal (over 256 MB).")
        root = _load(decode_text(data, name), name)
        version = root.field("metadata").field("version").text(20, nonempty=True)
        if not version.startswith("1."):
            raise ImportFormatError(
                f"{name}: Day One export version {version} is not supported (expected 1.x).")
        for item in root.field("entries").items():
            found = item.obj()
            for key in _MEDIA:
                if key in found:
                    media[key] += len(item.field(key).items())
            for key in ("location", "weather"):
                if found.get(key):
                    details[key] += 1
            uuid = item.field("uuid").text(64, nonempty=True)
            written = item.field("creationDate").timestamp()
            zone_name = item.field("timeZone").text(64) if "timeZone" in found else ""
            written = _in_zone(written, zone_name, unknown_zones)
            modified = (_in_zone(item.field("modifiedDate").timestamp(), zone_name, Counter())
                        if "modifiedDate" in found else None)
            text = item.field("text").text(1_000_000) if "text" in found else ""
            title, body = _title_and_body(text)
            tags = [t.text(1000) for t in item.field("tags").items()] if "tags" in found else []
            starred = item.field("starred").boolean() if "starred" in found else False
            where = f"the entry of {written.date().isoformat()} in {name}"
            entry = checker.entry(where, written, title, body, tags, starred=starred,
                                  source_id=uuid.upper(), modified_at=modified)
            if entry is not None:
                entries.append(entry)
    skipped = list(checker.finish())
    for key, count in media.items():
        if count:
            one, many = _MEDIA[key]
            skipped.append(Skipped(f"{count} {one if count == 1 else many}",
                                   "attachments are not imported (the text is)"))
    for key, count in details.items():
        skipped.append(Skipped(f"the {key} of {count} {'entry' if count == 1 else 'entries'}",
                               "ReflectJournal keeps no locations or weather"))
    for zone_name, count in unknown_zones.items():
        skipped.append(Skipped(
            f"the time zone '{zone_name[:40]}' of {count} "
            f"{'entry' if count == 1 else 'entries'}",
            "it is not a known zone, so their times are kept in UTC"))
    return ForeignJournal("dayone", tuple(entries), tuple(skipped))


def _load(text: str, name: str) -> JsonReader:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFormatError(
            f"{name} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}."
        ) from None
    except (ValueError, RecursionError):
        raise ImportFormatError(
            f"{name} is not a Day One journal (a number is too long or the data is nested "
            "too deeply).") from None
    return JsonReader(doc, name)


def _in_zone(stamp: dt.datetime, zone_name: str, unknown: Counter[str]) -> dt.datetime:
    """Return the time as the clock showed it where the entry was written."""
    if not zone_name:
        return stamp
    try:
        return stamp.astimezone(zoneinfo.ZoneInfo(zone_name))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OverflowError, OSError):
        unknown[zone_name] += 1
        return stamp


def _title_and_body(text: str) -> tuple[str, str]:
    """Split Day One's text into the title it shows (the first line) and the rest."""
    text = _MOMENT.sub("", text.replace("\r\n", "\n"))
    lines = text.strip().split("\n")
    first = _ESCAPE.sub(r"\1", lines[0]).lstrip("#").strip()
    body = _ESCAPE.sub(r"\1", "\n".join(lines[1:]))
    return first, re.sub(r"\n{3,}", "\n\n", body).strip()
