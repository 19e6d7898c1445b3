"""An unsaved editor state, kept in the encrypted journal so a crash or lock loses nothing."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from reflectjournal.domain.entry import EntryChanges, FieldValue, parse_date
from reflectjournal.domain.ids import EntryId, TagId
from reflectjournal.domain.template_names import is_template_id


@dataclass(frozen=True, slots=True)
class Draft:
    """What the editor held: the entry it edits (or the id a new one will get) and its values.

    User tags are kept as the labels typed, because a half-typed label must not become a
    tag in the journal before the entry is saved. `template` names the template the editor
    asked ("built-in" or "t-...", by id, so a renamed one is still found); "" when the draft
    does not say (kept before schema 17).
    """

    entry_id: EntryId
    changes: EntryChanges
    saved_at: dt.datetime
    tag_labels: tuple[str, ...] = ()
    template: str = ""


def template_to_column(template: str) -> str | None:
    """Return the template id to store; None if there is none (or it is not an id).

    Never raises: the draft is kept at the lock, and a wrong template must not lose it.
    """
    return template if is_template_id(template) else None


def template_from_column(value: object) -> str:
    """Return a draft's stored template id; "" for none or for anything but an id.

    Unlike damaged changes, which drop the draft, a damaged template name costs only the
    form: the draft opens on the template its answers fit, its text kept.
    """
    return value if isinstance(value, str) and is_template_id(value) else ""


def missing_template_words(kind_label: str, default_label: str, kept_heading: str) -> str:
    """Say that a draft's template was deleted, what it opens with, and where answers went."""
    return (f"The template this draft was started on no longer exists. It opens with the "
            f"default template of {kind_label} entries, “{default_label}”; the answers that "
            f"one does not ask are under “{kept_heading}”.")


def changes_to_json(changes: EntryChanges) -> str:
    """Encode every set value of the changes as JSON."""
    data: dict[str, Any] = {}
    for name in EntryChanges.__slots__:
        value = getattr(changes, name)
        if value is None:
            continue
        if isinstance(value, dt.date):
            value = value.isoformat()
        elif isinstance(value, Mapping):
            value = dict(value)
        elif isinstance(value, tuple):
            value = list(value)
        data[name] = value
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def changes_from_json(text: str) -> EntryChanges:
    """Decode changes written by changes_to_json; unknown names are ignored.

    A draft is our own data inside the encrypted database, so a wrong type means damage:
    it raises ValueError and the caller drops the draft rather than the journal.
    """
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError("a draft is not an object")
    return EntryChanges(
        kind=_opt(data, "kind", str),
        date=parse_date(data["date"]) if isinstance(data.get("date"), str) else None,
        title=_opt(data, "title", str),
        body=_opt(data, "body", str),
        answers=_str_map(data.get("answers")),
        fields=_field_map(data.get("fields")),
        duration_minutes=_opt(data, "duration_minutes", int),
        competencies=_ids(data.get("competencies")),
        themes=_ids(data.get("themes")),
        tags=_ids(data.get("tags")),
        starred=_opt(data, "starred", bool),
    )


def labels_to_json(labels: tuple[str, ...]) -> str:
    """Encode typed user-tag labels."""
    return json.dumps(list(labels), ensure_ascii=False)


def labels_from_json(text: str) -> tuple[str, ...]:
    """Decode typed user-tag labels or raise ValueError."""
    data = json.loads(text)
    if not isinstance(data, list) or not all(isinstance(v, str) for v in data):
        raise ValueError("draft tag labels are not a list of text")
    return tuple(data)


def _opt(data: dict[str, Any], name: str, kind: type) -> Any:
    value = data.get(name)
    if value is None:
        return None
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ValueError(f"draft field {name} has the wrong type")
    return value


def _str_map(value: Any) -> dict[str, str] | None:
    if value is None:
        return None
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise ValueError("draft answers are not text")
    return {str(k): v for k, v in value.items()}


def _field_map(value: Any) -> dict[str, FieldValue] | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ValueError("draft fields are not an object")
    return {str(k): v for k, v in value.items()}


def _ids(value: Any) -> tuple[TagId, ...] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError("draft tags are not a list of ids")
    return tuple(TagId(v) for v in value)
