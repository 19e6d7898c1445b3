"""What makes an entry valid: applying changes to an entry, checked against the catalog.

Pure: the one fact that lives in the database (which family a tag id belongs to) is asked
through a callable, so the rules are tested without a journal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

from reflectjournal.domain.entry import (
    MAX_DURATION_MINUTES,
    MAX_TEXT_CHARS,
    MAX_TITLE_CHARS,
    Entry,
    EntryChanges,
)
from reflectjournal.domain.errors import InvalidInputError
from reflectjournal.domain.ids import EntryId, TagId
from reflectjournal.domain.taxonomy import Catalog, TagFamily
from reflectjournal.domain.templates import USER_PROMPT_PREFIX

TagFamilyOf = Callable[[TagId], TagFamily]
"""Return the family of a stored tag; raise InvalidInputError for an unknown id."""


def blank_entry(entry_id: EntryId, changes: EntryChanges, today: dt.date,
                now: dt.datetime) -> Entry:
    """Return the empty entry a new one starts from (changes still to be applied)."""
    if changes.kind is None:
        raise InvalidInputError("A new entry needs a kind.")
    return Entry(
        id=entry_id, kind=changes.kind, date=changes.date or today, title="", body="",
        answers={}, fields={}, duration_minutes=None, competencies=(), themes=(), tags=(),
        starred=False, created_at=now, modified_at=now,
    )


def apply_changes(entry: Entry, c: EntryChanges, catalog: Catalog,
                  tag_family: TagFamilyOf) -> Entry:
    """Return the entry with the changes applied, or raise InvalidInputError saying why not."""
    kind = catalog.kind(c.kind or entry.kind)
    fields = dict(entry.fields) if c.fields is None else dict(c.fields)
    if c.kind is not None and c.kind != entry.kind and c.fields is None:
        fields = {k: v for k, v in fields.items() if k in {f.id for f in kind.fields}}
    title = entry.title if c.title is None else " ".join(c.title.split())
    body = entry.body if c.body is None else c.body
    answers = dict(entry.answers) if c.answers is None else dict(c.answers)
    duration = entry.duration_minutes if c.duration_minutes is None else (
        c.duration_minutes or None)
    if len(title) > MAX_TITLE_CHARS:
        raise InvalidInputError(f"A title can have at most {MAX_TITLE_CHARS} characters.")
    if len(body) > MAX_TEXT_CHARS or any(len(a) > MAX_TEXT_CHARS for a in answers.values()):
        raise InvalidInputError(f"A text can have at most {MAX_TEXT_CHARS} characters.")
    prompts = {p.id for s in catalog.prompt_sets for p in s.prompts}
    # An answer to a user's own prompt ("u-..." ids never clash with the resources') may come
    # from another journal's template, in a JSON export: kept, though its wording is not.
    unknown = sorted(k for k in set(answers) - prompts - set(entry.answers)
                     if not k.startswith(USER_PROMPT_PREFIX))
    if unknown:
        raise InvalidInputError(f"Unknown prompt '{unknown[0]}'.")
    if duration is not None and not 0 < duration <= MAX_DURATION_MINUTES:
        raise InvalidInputError(
            f"A duration is a number of minutes from 1 to {MAX_DURATION_MINUTES}."
        )
    # A stored value passes as it is, like a stored answer to a retired prompt: a field
    # the resources no longer define, or one imported from a journal with other
    # resources, must not make the entry impossible to edit.
    stored = entry.fields
    fields = {
        k: v if k in stored and type(stored[k]) is type(v) and stored[k] == v
        else kind.field(k).validate(v)
        for k, v in fields.items()
    }
    return replace(
        entry, kind=kind.id, date=c.date or entry.date, title=title, body=body,
        answers={k: v for k, v in answers.items() if v.strip()},
        fields=fields, duration_minutes=duration,
        competencies=checked_tags(c.competencies, entry.competencies, "competency", tag_family),
        themes=checked_tags(c.themes, entry.themes, "theme", tag_family),
        tags=checked_tags(c.tags, entry.tags, "user", tag_family),
        starred=entry.starred if c.starred is None else c.starred,
    )


def checked_tags(new: tuple[TagId, ...] | None, old: tuple[TagId, ...], family: TagFamily,
                 tag_family: TagFamilyOf) -> tuple[TagId, ...]:
    """Return the new tag ids without repeats (or the old ones when none are given)."""
    if new is None:
        return old
    for tag_id in new:
        if tag_family(tag_id) != family:
            raise InvalidInputError(f"'{tag_id}' is not a {family} tag.")
    return tuple(dict.fromkeys(new))
