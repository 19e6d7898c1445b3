"""The demo journal's sample entries (`reflectjournal --demo`).

The entries are fictional and live in resources/demo_entries.toml. Their dates are written
as days before "today", so a demo made on any day looks recent. User tags are written there
by label: `load_demo_entries` keeps them as labels in `EntryChanges.tags`, and `fill_demo`
turns them into the ids of tags it creates.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from reflectjournal.domain.client_code import is_generated_code
from reflectjournal.domain.endorsement.records import Degree, Qualification, SupervisionField
from reflectjournal.domain.entry import MAX_DURATION_MINUTES, EntryChanges, FieldValue
from reflectjournal.domain.errors import InvalidInputError
from reflectjournal.domain.ids import TagId
from reflectjournal.domain.taxonomy import Catalog, EntryKind
from reflectjournal.resources import load_catalog, load_toml
from reflectjournal.services.journal import Journal

DEMO_FILE = "demo_entries.toml"
# Well beyond the ten months the demo spans; a larger number is a typo in the data file.
MAX_DAYS_AGO = 3 * 366
_KEYS = frozenset({
    "kind", "days_ago", "title", "body", "duration_minutes", "starred",
    "competencies", "themes", "tags", "fields", "answers",
})
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def load_demo_entries(today: dt.date) -> list[EntryChanges]:
    """Return the demo entries dated back from today; user tags are still labels."""
    return parse_demo_entries(load_toml(DEMO_FILE), load_catalog(), today, DEMO_FILE)


def fill_demo(journal: Journal, today: dt.date) -> int:
    """Add the demo entries to an empty journal and return how many were added."""
    # Fictional entries mixed into a real journal could not be told apart from real ones.
    if journal.count_entries():
        raise InvalidInputError("Demo entries can only be added to a new, empty journal.")
    tag_ids: dict[str, TagId] = {}
    provider_ids: dict[str, str] = {}
    count = 0
    for changes in load_demo_entries(today):
        labels = changes.tags or ()
        for label in labels:
            if label not in tag_ids:
                tag_ids[label] = journal.resolve_tag(label, "user", create=True).id
        fields = dict(changes.fields or {})
        name = fields.get(SupervisionField.PROVIDER_ID)
        if isinstance(name, str):  # the data file names providers; records are made here
            if name not in provider_ids:
                provider_ids[name] = journal.providers.add(name, Qualification.IMHS).id
            fields[SupervisionField.PROVIDER_ID] = provider_ids[name]
        journal.add_entry(replace(changes, tags=tuple(tag_ids[label] for label in labels),
                                  fields=fields))
        count += 1
    # A made-up clinician working toward Infant Mental Health Specialist, so that the
    # Progress screen has something to show on the demo.
    journal.profile.update(category="imhs", degree=Degree.MASTER,
                           degree_date=today.replace(year=today.year - 8, day=1))
    return count


def parse_demo_entries(
    data: Mapping[str, Any], catalog: Catalog, today: dt.date, where: str
) -> list[EntryChanges]:
    """Check the demo data against the catalog and build the entries, or raise ValueError."""
    raw_entries = data.get("entry", [])
    if not isinstance(raw_entries, list) or not all(isinstance(e, dict) for e in raw_entries):
        raise ValueError(f"{where}: 'entry' must be a list of tables")
    kinds = {k.id: k for k in catalog.kinds}
    competencies = {t.id for t in catalog.competencies}
    themes = {t.id for t in catalog.themes}
    entries = []
    for i, raw in enumerate(raw_entries):
        at = f"{where}: entry[{i}]"
        unknown = sorted(set(raw) - _KEYS)
        if unknown:
            raise ValueError(f"{at}: unknown key '{unknown[0]}'")
        kind_id = raw.get("kind")
        if kind_id not in kinds:
            raise ValueError(f"{at}: unknown kind {kind_id!r}")
        kind = kinds[kind_id]
        days_ago = raw.get("days_ago")
        if type(days_ago) is not int or not 0 <= days_ago <= MAX_DAYS_AGO:
            raise ValueError(f"{at}: 'days_ago' must be a whole number from 0 to {MAX_DAYS_AGO}")
        title = raw.get("title")
        if not isinstance(title, str) or not title.strip():
            raise ValueError(f"{at}: 'title' must be a non-empty string")
        body = raw.get("body", "")
        if not isinstance(body, str):
            raise ValueError(f"{at}: 'body' must be a string")
        starred = raw.get("starred", False)
        if not isinstance(starred, bool):
            raise ValueError(f"{at}: 'starred' must be true or false")
        entries.append(EntryChanges(
            kind=kind.id, date=today - dt.timedelta(days=days_ago), title=title,
            body=_unwrap(body), answers=_answers(raw, kind, at),
            fields=_fields(raw, kind, at), duration_minutes=_duration(raw, kind, at),
            competencies=_tag_ids(raw, "competencies", competencies, "competency", at),
            themes=_tag_ids(raw, "themes", themes, "theme", at),
            tags=tuple(TagId(label) for label in _labels(raw, "tags", at)),
            starred=starred,
        ))
    return entries


def _unwrap(text: str) -> str:
    """Fold line breaks inside a paragraph into spaces; keep blank lines between them."""
    paragraphs = _PARAGRAPH_BREAK.split(text.strip())
    return "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())


def _answers(raw: Mapping[str, Any], kind: EntryKind, at: str) -> dict[str, str]:
    answers = raw.get("answers", {})
    if not isinstance(answers, dict):
        raise ValueError(f"{at}: 'answers' must be a table")
    # The journal accepts a prompt of any set; the demo should show each kind's own prompts.
    prompt_ids = {p.id for p in kind.prompt_set.prompts}
    result = {}
    for prompt_id, text in answers.items():
        if prompt_id not in prompt_ids:
            raise ValueError(
                f"{at}: prompt '{prompt_id}' is not in the '{kind.prompt_set.id}' prompt set"
            )
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"{at}: answer '{prompt_id}' must be a non-empty string")
        result[prompt_id] = _unwrap(text)
    return result


def _fields(raw: Mapping[str, Any], kind: EntryKind, at: str) -> dict[str, FieldValue]:
    fields = raw.get("fields", {})
    if not isinstance(fields, dict):
        raise ValueError(f"{at}: 'fields' must be a table")
    try:
        values = kind.validate_fields(fields)
    except InvalidInputError as exc:
        raise ValueError(f"{at}: {exc}") from None
    code = values.get("client_code")
    # Sample data teaches by example: a code must look like one the app draws at random.
    if code is not None and not (isinstance(code, str) and is_generated_code(code)):
        raise ValueError(f"{at}: client code {code!r} is not in the app's random format")
    return values


def _duration(raw: Mapping[str, Any], kind: EntryKind, at: str) -> int | None:
    minutes = raw.get("duration_minutes")
    if minutes is None:
        return None
    if not kind.uses_duration:
        raise ValueError(f"{at}: '{kind.id}' entries have no duration")
    if type(minutes) is not int or not 0 < minutes <= MAX_DURATION_MINUTES:
        raise ValueError(
            f"{at}: 'duration_minutes' must be a whole number from 1 to {MAX_DURATION_MINUTES}"
        )
    return minutes


def _labels(raw: Mapping[str, Any], key: str, at: str) -> tuple[str, ...]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError(f"{at}: '{key}' must be a list of non-empty strings")
    return tuple(value)


def _tag_ids(
    raw: Mapping[str, Any], key: str, known: set[TagId], what: str, at: str
) -> tuple[TagId, ...]:
    ids = _labels(raw, key, at)
    for tag_id in ids:
        if tag_id not in known:
            raise ValueError(f"{at}: unknown {what} id '{tag_id}'")
    return tuple(TagId(t) for t in ids)
