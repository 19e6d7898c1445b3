"""The JSON export format (version 1) and the Markdown export.

The JSON format is documented in docs/export-format.md. Parsing is strict: every problem
is reported with the path of the offending value, e.g. `entries[3].date`.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import io
import json
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO

from reflectjournal.domain.endorsement.provider_export import parse_providers, providers_json
from reflectjournal.domain.endorsement.records import ProviderRecord, SupervisionField
from reflectjournal.domain.entry import (
    MAX_TEXT_CHARS,
    MAX_TITLE_CHARS,
    Entry,
    FieldValue,
)
from reflectjournal.domain.errors import ImportFormatError
from reflectjournal.domain.ids import EntryId, TagId, parse_entry_id
from reflectjournal.domain.json_stream import JsonStream
from reflectjournal.domain.prompt_export import parse_prompts, prompts_json
from reflectjournal.domain.taxonomy import Prompt, Tag

FORMAT = "reflectjournal-export"
VERSION = 1
MAX_IMPORT_BYTES = 512 * 1024 * 1024
MAX_ITEMS_PER_ENTRY = 100  # answers, fields: the bundle parser's limit (domain/bundle.py)
_FAMILIES = ("competency", "theme", "user")


@dataclass(frozen=True, slots=True)
class ExportDocument:
    """Entries and the tags they use, as read from or written to a file."""

    entries: tuple[Entry, ...]
    tags: tuple[Tag, ...]
    providers: tuple[ProviderRecord, ...] = ()  # the records supervision entries name
    prompts: tuple[Prompt, ...] = ()  # the user's own wordings the answers name


def to_json(entries: Sequence[Entry], tags: Iterable[Tag], exported_at: dt.datetime,
            providers: Iterable[ProviderRecord] = (), prompts: Iterable[Prompt] = ()) -> bytes:
    """Serialise entries and the definitions of every tag, provider record and user's
    prompt wording (of those given) they use."""
    used = {t for e in entries for t in e.all_tags}
    doc = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": exported_at.isoformat(),
        "tags": [
            {"id": t.id, "family": t.family, "label": t.label,
             "parent": t.parent, "retired": t.retired}
            for t in tags if t.id in used
        ],
    }
    named = {e.fields.get(SupervisionField.PROVIDER_ID) for e in entries}
    used_providers = [p for p in providers if p.id in named]
    if used_providers:  # before the entries, so an import can stream them (read_export)
        doc["providers"] = providers_json(used_providers)
    wordings = prompts_json(entries, prompts)
    if wordings:  # before the entries too
        doc["prompts"] = wordings
    doc["entries"] = [entry_to_dict(e) for e in entries]
    return json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"


def entry_to_dict(e: Entry) -> dict[str, Any]:
    """Return one entry as format-version-1 JSON data."""
    return {
        "id": e.id, "kind": e.kind, "date": e.date.isoformat(), "title": e.title,
        "answers": dict(e.answers), "body": e.body, "fields": dict(e.fields),
        "duration_minutes": e.duration_minutes, "competencies": list(e.competencies),
        "themes": list(e.themes), "tags": list(e.tags), "starred": e.starred,
        "created_at": e.created_at.isoformat(), "modified_at": e.modified_at.isoformat(),
    }


def parse_json(data: bytes) -> ExportDocument:
    """Parse and validate an export file, or raise ImportFormatError naming the problem."""
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportFormatError("The file is too large to be a ReflectJournal export.")
    document = read_export(io.BytesIO(data))
    return ExportDocument(tuple(document.entries), document.tags, document.providers,
                          document.prompts)


@dataclass(frozen=True, slots=True)
class ExportStream:
    """An export file being read: its tags and provider records, then its entries one by one."""

    tags: tuple[Tag, ...]
    providers: tuple[ProviderRecord, ...]
    prompts: tuple[Prompt, ...]
    entries: Iterator[Entry]
    """Each entry validated as it is read; the file's end is checked after the last."""


class HeaderAfterEntries(Exception):  # a signal to read again, not an error
    """Provider records or prompt wordings came after streamed entries, too late: read the
    file whole."""


def read_export(stream: BinaryIO, *, whole: bool = False) -> ExportStream:
    """Read an export file's header and tags; its entries follow as they are iterated.

    Exports list format, version, tags and provider records before the entries, so the
    entries stream in flat memory. A file with its members in another order (JSON does not
    fix it) is read whole first; provider records or prompt wordings found after streamed
    entries raise HeaderAfterEntries at the end of them, to read the file again with
    whole=True.
    """
    source = JsonStream(stream, MAX_IMPORT_BYTES)
    if not source.at("{"):
        value = source.value()
        source.end()
        JsonReader(value, "").obj()  # raises: the top level must be an object
    header: dict[str, Any] = {}
    members = source.members()
    for key in members:
        if key == "entries" and not whole and {"format", "version", "tags"} <= header.keys():
            tags = _header(header)
            providers = parse_providers(header.get("providers"))
            prompts = parse_prompts(header.get("prompts"))
            read = {k for k, v in (("providers", providers), ("prompts", prompts)) if v}
            return ExportStream(tags, providers, prompts,
                                _streamed_entries(source, members, tags, read))
        header[key] = source.value()  # a repeated key: the last one counts, as in json.loads
    source.end()
    tags = _header(header)
    entries = JsonReader(header, "").field("entries").items()
    return ExportStream(tags, parse_providers(header.get("providers")),
                        parse_prompts(header.get("prompts")), _checked(iter(entries), tags))


def _header(header: dict[str, Any]) -> tuple[Tag, ...]:
    root = JsonReader(header, "")
    if header.get("format") != FORMAT:
        raise ImportFormatError(f"The file is not a ReflectJournal export (format: {FORMAT}).")
    version = root.field("version").integer()
    if version != VERSION:
        raise ImportFormatError(f"Export version {version} is not supported (expected 1).")
    return tuple(_parse_tag(t) for t in root.field("tags").items())


def _streamed_entries(
    source: JsonStream, members: Iterator[str], tags: tuple[Tag, ...], header_read: set[str]
) -> Iterator[Entry]:
    if not source.at("["):
        JsonReader(source.value(), "entries").items()  # raises: entries must be a list
    read = (JsonReader(value, f"entries[{i}]") for i, value in enumerate(source.items()))
    yield from _checked(read, tags)
    for key in members:  # what follows the entries is read (for its syntax) and ignored
        if key == "entries":
            raise ImportFormatError("The file is not a ReflectJournal export (two entries lists).")
        value = source.value()
        if key in ("providers", "prompts") and value and key not in header_read:
            raise HeaderAfterEntries
    source.end()


def _checked(read: Iterator[JsonReader], tags: tuple[Tag, ...]) -> Iterator[Entry]:
    known: dict[str, str] = {t.id: t.family for t in tags}
    seen: set[str] = set()
    for i, reader in enumerate(read):
        entry = _parse_entry(reader, known)
        if entry.id in seen:
            raise ImportFormatError(f"entries[{i}].id: the id {entry.id} appears twice.")
        seen.add(entry.id)
        yield entry


def _parse_tag(r: JsonReader) -> Tag:
    family = r.field("family").choice(_FAMILIES)
    parent = r.field("parent").optional_text(40)
    return Tag(
        id=TagId(r.field("id").tag_id()), family=family,  # type: ignore[arg-type]
        label=r.field("label").text(200, nonempty=True),
        parent=TagId(parent) if parent else None,
        retired=r.field("retired").boolean(),
    )


def _parse_entry(r: JsonReader, known: Mapping[str, str]) -> Entry:
    def tag_list(name: str, family: str) -> tuple[TagId, ...]:
        ids = []
        for item in r.field(name).items():
            tag = item.tag_id()
            if known.get(tag) != family:
                raise ImportFormatError(f"{item.path}: '{tag}' is not a {family} tag in 'tags'.")
            ids.append(TagId(tag))
        return tuple(dict.fromkeys(ids))

    duration = r.field("duration_minutes")
    return Entry(
        id=r.field("id").entry_id(), kind=r.field("kind").text(40, nonempty=True),
        date=r.field("date").date(), title=r.field("title").text(MAX_TITLE_CHARS),
        answers={k: v.text(MAX_TEXT_CHARS) for k, v in r.field("answers").mapping(
            MAX_ITEMS_PER_ENTRY)},
        body=r.field("body").text(MAX_TEXT_CHARS),
        fields={k: v.field_value() for k, v in r.field("fields").mapping(MAX_ITEMS_PER_ENTRY)},
        duration_minutes=None if duration.value is None else duration.integer(0, 24 * 60),
        competencies=tag_list("competencies", "competency"),
        themes=tag_list("themes", "theme"), tags=tag_list("tags", "user"),
        starred=r.field("starred").boolean(),
        created_at=r.field("created_at").timestamp(),
        modified_at=r.field("modified_at").timestamp(),
    )


class JsonReader:
    """A JSON value with its path, for precise error messages."""

    def __init__(self, value: Any, path: str) -> None:
        self.value = value
        self.path = path or "(top level)"

    def fail(self, expected: str) -> ImportFormatError:
        return ImportFormatError(f"{self.path}: expected {expected}.")

    def obj(self) -> dict[str, Any]:
        if not isinstance(self.value, dict):
            raise self.fail("an object")
        return self.value

    def field(self, name: str) -> JsonReader:
        obj = self.obj()
        if name not in obj:
            raise ImportFormatError(f"{self.path}: missing '{name}'.")
        prefix = "" if self.path == "(top level)" else self.path + "."
        return JsonReader(obj[name], prefix + name)

    def items(self) -> list[JsonReader]:
        if not isinstance(self.value, list):
            raise self.fail("a list")
        return [JsonReader(v, f"{self.path}[{i}]") for i, v in enumerate(self.value)]

    def mapping(self, max_items: int | None = None) -> list[tuple[str, JsonReader]]:
        obj = self.obj()
        if max_items is not None and len(obj) > max_items:
            raise ImportFormatError(
                f"{self.path}: {len(obj):,} items; an entry has at most {max_items}.")
        for key in obj:
            if not 0 < len(key) <= 60 or not _is_unicode(key):
                raise ImportFormatError(f"{self.path}: key '{key[:60]}' is not a valid name.")
        return [(k, JsonReader(v, f"{self.path}.{k}")) for k, v in obj.items()]

    def text(self, max_chars: int, nonempty: bool = False) -> str:
        if not isinstance(self.value, str) or (nonempty and not self.value):
            raise self.fail("a non-empty string" if nonempty else "a string")
        if len(self.value) > max_chars:
            raise self.fail(f"at most {max_chars} characters")
        if not _is_unicode(self.value):
            raise self.fail("Unicode text (it holds an unpaired surrogate escape)")
        return self.value

    def optional_text(self, max_chars: int) -> str | None:
        return None if self.value is None else self.text(max_chars, nonempty=True)

    def choice(self, allowed: Sequence[str]) -> str:
        if self.value not in allowed:
            raise self.fail("one of " + ", ".join(allowed))
        return str(self.value)

    def integer(self, low: int | None = None, high: int | None = None) -> int:
        if not isinstance(self.value, int) or isinstance(self.value, bool):
            raise self.fail("a whole number")
        if (low is not None and self.value < low) or (high is not None and self.value > high):
            raise self.fail(f"a number from {low} to {high}")
        return self.value

    def boolean(self) -> bool:
        if not isinstance(self.value, bool):
            raise self.fail("true or false")
        return self.value

    def tag_id(self) -> str:
        value = self.text(40, nonempty=True)
        if not all(c.isalnum() or c in ".-_" for c in value):
            raise self.fail("a tag id of letters, digits, '.', '-' or '_'")
        return value

    def base64(self, size: int, what: str) -> bytes:
        """Read base64 text that must decode to exactly size bytes (a key, a signature)."""
        text = self.text(4 * size, nonempty=True)
        try:
            raw = base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            raise self.fail(f"{what} in base64") from None
        if len(raw) != size:
            raise self.fail(f"{what} of {size} bytes")
        return raw

    def entry_id(self) -> EntryId:
        try:
            return parse_entry_id(self.text(36, nonempty=True))
        except ValueError:
            raise self.fail("a UUID") from None

    def date(self) -> dt.date:
        try:
            value = self.text(10, nonempty=True)
            if len(value) != 10:
                raise ValueError
            return dt.date.fromisoformat(value)
        except (ValueError, ImportFormatError):
            raise self.fail("a date YYYY-MM-DD") from None

    def timestamp(self) -> dt.datetime:
        try:
            stamp = dt.datetime.fromisoformat(self.text(40, nonempty=True))
        except (ValueError, ImportFormatError):
            raise self.fail("a timestamp like 2026-11-21T10:00:00+00:00") from None
        if stamp.tzinfo is None:
            raise self.fail("a timestamp with a time zone")
        return stamp

    def field_value(self) -> FieldValue:
        value = self.value
        # json.loads accepts NaN and ±Infinity, which are not JSON and would not export.
        if isinstance(value, bool | int | float) and not (
            isinstance(value, float) and not math.isfinite(value)
        ):
            return value
        if isinstance(value, str):
            return self.text(2000)
        if isinstance(value, list) and all(
            isinstance(v, str) and len(v) <= 60 and _is_unicode(v) for v in value
        ):
            return list(value)
        raise self.fail("a string, number, true/false or a list of short strings")


def _is_unicode(text: str) -> bool:
    """Return whether text can be stored (JSON's \\ud800-style escapes can make it not)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def to_markdown(
    entries: Sequence[Entry], tag_labels: Mapping[str, str], kind_labels: Mapping[str, str],
    prompt_labels: Mapping[str, str], field_labels: Mapping[str, str],
    choice_labels: Mapping[str, Mapping[str, str]] | None = None,
) -> str:
    """Render entries as a readable Markdown document."""
    out: list[str] = ["# ReflectJournal export", ""]
    for e in entries:
        out.append(f"## {e.date.isoformat()} · {e.title or '(untitled)'}")
        out.append("")
        out.append(f"*{kind_labels.get(e.kind, e.kind)}*" + (" · ★" if e.starred else ""))
        details = [
            f"{field_labels.get(k, k)}: {_field_text(v, (choice_labels or {}).get(k, {}))}"
            for k, v in e.fields.items()
        ]
        if e.duration_minutes:
            details.insert(0, f"Duration: {e.duration_minutes} min")
        for line in details:
            out.append(f"- {line}")
        for family, ids in (("Competencies", e.competencies), ("Themes", e.themes),
                            ("Tags", e.tags)):
            if ids:
                out.append(f"- {family}: " + ", ".join(tag_labels.get(t, t) for t in ids))
        out.append("")
        for prompt_id, answer in e.answers.items():
            if answer.strip():
                out += [f"### {prompt_labels.get(prompt_id, prompt_id)}", "", answer.strip(), ""]
        if e.body.strip():
            out += [e.body.strip(), ""]
    return "\n".join(out).rstrip() + "\n"


def _field_text(value: FieldValue, choices: Mapping[str, str]) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(choices.get(v, v) for v in value)
    return choices.get(value, value) if isinstance(value, str) else str(value)
