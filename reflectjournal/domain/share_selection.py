"""Which parts of an entry may leave in a bundle, and the exact text that then leaves.

A shared entry is built from the parts the user chose; the de-identification check then
runs over exactly its text, located part by part, and resolved flags are redacted in it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from reflectjournal.domain.bundle import SharedEntry
from reflectjournal.domain.deidentify import Flag, find_flags, redact
from reflectjournal.domain.entry import Entry, FieldValue
from reflectjournal.domain.ids import EntryId
from reflectjournal.domain.taxonomy import Catalog, EntryKind

# Parts every kind has; kind-specific fields are parts too, named by their field id.
COMMON_PARTS: tuple[tuple[str, str], ...] = (
    ("title", "Title"),
    ("answers", "Prompt answers"),
    ("body", "Reflection text"),
    ("duration", "Duration"),
    ("competencies", "Competency areas"),
    ("themes", "Themes"),
    ("tags", "My own tags"),
)
# Fields that name a person are never offered: a supervisor's bundle goes to that person.
NEVER_SHARED = frozenset({"supervisor", "supervisee", "provider_id"})
# Offered, but off unless chosen: the client code links an entry to a family, and user
# tags are free text the user may have written names into.
OFF_BY_DEFAULT = frozenset({"client_code", "tags"})


@dataclass(frozen=True, slots=True)
class PartChoice:
    """One part of an entry kind the user may send, and whether it is on by default."""

    id: str
    label: str
    default: bool


def offered_parts(kind: EntryKind) -> list[PartChoice]:
    """Return the parts offered for entries of this kind, private fields left out."""
    parts = [PartChoice(pid, label, pid not in OFF_BY_DEFAULT) for pid, label in COMMON_PARTS]
    if not kind.uses_duration:
        parts = [p for p in parts if p.id != "duration"]
    parts += [
        PartChoice(f.id, f.label, f.id not in OFF_BY_DEFAULT)
        for f in kind.fields if f.id not in NEVER_SHARED
    ]
    return parts


def default_parts(kind: EntryKind) -> frozenset[str]:
    """Return the part ids that go by default for this kind."""
    return frozenset(p.id for p in offered_parts(kind) if p.default)


def to_shared(
    entry: Entry, catalog: Catalog, tag_labels: Mapping[str, str], parts: Collection[str],
    *, exact_date: bool = False,
) -> SharedEntry:
    """Return the part of entry that would leave, before any redaction."""
    kind = catalog.kind(entry.kind)
    allowed = {p.id for p in offered_parts(kind)} & set(parts)
    prompts = {p.id: p.label for s in catalog.prompt_sets for p in s.prompts}
    fields = tuple(
        (spec.label, _field_text(entry.fields[spec.id], spec.choices))
        for spec in kind.fields
        if spec.id in allowed and spec.id in entry.fields and entry.fields[spec.id] not in ("", [])
    )
    tags: list[str] = []
    for part, ids in (("competencies", entry.competencies), ("themes", entry.themes),
                      ("tags", entry.tags)):
        if part in allowed:
            tags += [tag_labels.get(t, t) for t in ids]
    return SharedEntry(
        id=entry.id,
        kind_label=kind.label,
        date=entry.date.isoformat() if exact_date else entry.date.isoformat()[:7],
        title=entry.title if "title" in allowed else "",
        answers=tuple(
            (prompts.get(pid, pid), text) for pid, text in entry.answers.items()
            if text.strip()
        ) if "answers" in allowed else (),
        body=entry.body if "body" in allowed else "",
        fields=fields,
        duration_minutes=entry.duration_minutes if "duration" in allowed else None,
        tags=tuple(tags),
    )


def _field_text(value: FieldValue, choices: Sequence[object]) -> str:
    labels = {getattr(c, "id", ""): getattr(c, "label", "") for c in choices}
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(labels.get(v, v) for v in value)
    if isinstance(value, str):
        return labels.get(value, value)
    return f"{value:g}" if isinstance(value, float) else str(value)


# --- the check ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LocatedFlag:
    """A possible identifier in one piece of the text that would leave."""

    id: str  # stable for the same text: what `share --allow-flag ID` names
    entry_id: EntryId | None  # None: the covering message
    location: str  # "title", "body", "answer:2", "field:1", "tag:0" or "message"
    flag: Flag


def checked_texts(entry: SharedEntry) -> list[tuple[str, str]]:
    """Return (location, text) for every piece of user-written text in a shared entry.

    Field values written by the app (choice labels, numbers) are checked too: a cheap
    way to be sure nothing that leaves is skipped.
    """
    pieces = [("title", entry.title), ("body", entry.body)]
    pieces += [(f"answer:{i}", text) for i, (_, text) in enumerate(entry.answers)]
    pieces += [(f"field:{i}", value) for i, (_, value) in enumerate(entry.fields)]
    pieces += [(f"tag:{i}", label) for i, label in enumerate(entry.tags)]
    return [(loc, text) for loc, text in pieces if text]


def check(
    entries: Iterable[SharedEntry], message: str, watch_list: Sequence[str],
    app_labels: Collection[str] = frozenset(),
) -> list[LocatedFlag]:
    """Return every flag in the text that would leave, in reading order.

    Field values and tags that are the app's own labels (choices such as "Foster / kin
    caregiver", built-in themes) are not checked: capitalised, they would all be flagged
    as names, and their text is the same for every family.
    """
    found: list[LocatedFlag] = []
    for entry in entries:
        for location, text in checked_texts(entry):
            if location.startswith(("field:", "tag:")) and _is_app_text(text, app_labels):
                continue
            found += _located(entry.id, location, text, watch_list)
    if message:
        found += _located(None, "message", message, watch_list)
    return found


def _is_app_text(text: str, app_labels: Collection[str]) -> bool:
    if text in app_labels:
        return True
    parts = text.split(", ")  # a multi-choice field's labels, joined by to_shared
    return len(parts) > 1 and all(p in app_labels for p in parts)


def app_labels(catalog: Catalog, builtin_tag_labels: Iterable[str]) -> frozenset[str]:
    """Return the labels the app itself writes into shared fields and tags."""
    labels = {c.label for k in catalog.kinds for f in k.fields for c in f.choices}
    return frozenset(labels | set(builtin_tag_labels) | {"yes", "no"})


def _located(
    entry_id: EntryId | None, location: str, text: str, watch_list: Sequence[str]
) -> list[LocatedFlag]:
    out = []
    for flag in find_flags(text, watch_list):
        digest = hashlib.sha256(
            f"{entry_id}|{location}|{flag.start}|{flag.text}".encode()
        ).hexdigest()
        out.append(LocatedFlag(digest[:8], entry_id, location, flag))
    return out


def apply_redactions(entry: SharedEntry, flags: Iterable[LocatedFlag]) -> SharedEntry:
    """Return entry with the given flags' spans replaced by placeholders."""
    by_location: dict[str, list[Flag]] = {}
    for located in flags:
        if located.entry_id == entry.id:
            by_location.setdefault(located.location, []).append(located.flag)
    if not by_location:
        return entry

    def fix(location: str, text: str) -> str:
        return redact(text, by_location[location]) if location in by_location else text

    return replace(
        entry,
        title=fix("title", entry.title),
        body=fix("body", entry.body),
        answers=tuple((p, fix(f"answer:{i}", t)) for i, (p, t) in enumerate(entry.answers)),
        fields=tuple((lbl, fix(f"field:{i}", v)) for i, (lbl, v) in enumerate(entry.fields)),
        tags=tuple(fix(f"tag:{i}", t) for i, t in enumerate(entry.tags)),
    )


def redact_message(message: str, flags: Iterable[LocatedFlag]) -> str:
    """Return the covering message with the given flags redacted."""
    return redact(message, [f.flag for f in flags if f.location == "message"])


def shared_entry_text(entry: SharedEntry) -> str:
    """Return a shared entry as the plain text both the preview and the reviewer show."""
    return "".join(text for _, text in shared_entry_segments(entry))


def shared_entry_segments(entry: SharedEntry) -> list[tuple[str | None, str]]:
    """Return the shown text in pieces; a piece's location is set where flags can fall.

    The preview uses the locations to place each flag's highlight in the whole text.
    """
    out: list[tuple[str | None, str]] = []
    out.append(("title", entry.title) if entry.title else (None, "(no title)"))
    out.append((None, f"\n{entry.kind_label} · {entry.date}"))
    if entry.duration_minutes:
        out.append((None, f" · {entry.duration_minutes} min"))
    for i, (label, value) in enumerate(entry.fields):
        out += [(None, f"\n{label}: "), (f"field:{i}", value)]
    if entry.tags:
        out.append((None, "\nTags: "))
        for i, label in enumerate(entry.tags):
            out += [(None, "; ")] if i else []
            out.append((f"tag:{i}", label))
    for i, (prompt, text) in enumerate(entry.answers):
        out += [(None, f"\n\n{prompt}\n"), (f"answer:{i}", text)]
    if entry.body:
        out += [(None, "\n\n"), ("body", entry.body)]
    return out
