"""What happens to typed answers and fields when an entry changes kind: nothing is lost.

A kind has its own prompts and fields. Changing the kind of an entry in the editor used to
drop every answer and field the new kind lacks (two wheel notches over the Kind box while
scrolling sufficed). Now:

- answers stay with the entry: those the new kind asks for show under its prompts, the others
  show under "Kept from another kind", are saved with the entry (the journal accepts an answer
  to any prompt it knows) and can be cleared one by one;
- fields the new kind lacks cannot be saved with it (their meaning belongs to the other kind),
  so they are kept aside while editing and in the draft, named in the editor, and come back
  when the kind is switched back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from reflectjournal.domain.entry import FieldValue
from reflectjournal.domain.taxonomy import Catalog, EntryKind, FieldSpec, Prompt


@dataclass(frozen=True, slots=True)
class KindFields:
    """Field values split into those the kind shows and those kept aside."""

    shown: dict[str, FieldValue]
    kept: dict[str, FieldValue]


def split_fields(kind: EntryKind, values: Mapping[str, FieldValue | None],
                 kept: Mapping[str, FieldValue]) -> KindFields:
    """Split the values now typed plus those kept earlier between this kind and aside.

    A value typed now wins over one kept from earlier for the same field.
    """
    own = {spec.id for spec in kind.fields}
    merged: dict[str, FieldValue] = dict(kept)
    merged.update({k: v for k, v in values.items() if v is not None and v not in ("", [])})
    return KindFields(
        shown={k: v for k, v in merged.items() if k in own},
        kept={k: v for k, v in merged.items() if k not in own},
    )


def other_answers(kind: EntryKind, answers: Mapping[str, str]) -> dict[str, str]:
    """Return the non-empty answers to prompts this kind does not ask, in their order."""
    own = {prompt.id for prompt in kind.prompt_set.prompts}
    return {k: v for k, v in answers.items() if k not in own and v.strip()}


def all_prompts(catalog: Catalog) -> dict[str, Prompt]:
    """Every prompt the resources define, by id (an answer may belong to any of them)."""
    return {prompt.id: prompt for group in catalog.prompt_sets for prompt in group.prompts}


def all_fields(catalog: Catalog) -> dict[str, FieldSpec]:
    """Every field the resources define, by id."""
    return {spec.id: spec for kind in catalog.kinds for spec in kind.fields}


def kept_fields_words(kind: EntryKind, kept: Mapping[str, FieldValue], catalog: Catalog) -> str:
    """Say which fields are kept aside, and that they are not saved with this kind."""
    if not kept:
        return ""
    specs = all_fields(catalog)
    names = ", ".join(specs[k].label if k in specs else k for k in kept)
    article = "an" if kind.label[:1].lower() in "aeiou" else "a"
    return (f"Kept aside, not saved with {article} {kind.label} entry: {names}. "
            "Switch the kind back to keep them.")


def change_words(old: EntryKind, new: EntryKind, moved_answers: int,
                 kept_fields: int) -> str:
    """The notice after a kind change that set something aside; empty if nothing was."""
    if not moved_answers and not kept_fields:
        return ""
    parts = []
    if moved_answers:
        parts.append(f"{moved_answers} answer{'s' if moved_answers != 1 else ''} "
                     "kept below, under \"Kept from another kind\"")
    if kept_fields:
        parts.append(f"{kept_fields} field{'s' if kept_fields != 1 else ''} kept aside")
    return f"Kind changed from {old.label} to {new.label}: {' and '.join(parts)}."
