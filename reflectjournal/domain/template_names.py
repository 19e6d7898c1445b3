"""Naming a kind's templates: labels unique per kind, found by id or label, one asked at a time.

A kind has its built-in template and any number of the user's ("After a home visit" and
"Dyadic session" both for sessions); one of them is the kind's default, the one a new entry
asks unless the user picks another. Labels are the user's words, so they stay inside the
journal: what is remembered outside it (the last template chosen) is the template's id.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from reflectjournal.domain.errors import InvalidInputError
from reflectjournal.domain.taxonomy import Catalog, Prompt
from reflectjournal.domain.templates import BUILTIN, MAX_LABEL, TEMPLATE_PREFIX, Template


def template_label(label: str, kind_label: str, others: Iterable[Template]) -> str:
    """Return a template's name cleaned, or raise if it is empty, too long or taken.

    `others` are the kind's other templates of the user's; names compare without case,
    so "Dyadic session" and "dyadic Session" cannot both name one kind's templates.
    """
    text = " ".join(label.split())
    if not text:
        raise InvalidInputError("A template's name cannot be empty.")
    if len(text) > MAX_LABEL:
        raise InvalidInputError(f"A template's name can have at most {MAX_LABEL} characters.")
    if any(unicodedata.category(c) in ("Cc", "Cf") for c in text):
        raise InvalidInputError("A template's name cannot hold control or direction "
                                "characters.")
    looks_like_id = text.startswith(TEMPLATE_PREFIX) and text[2:].isalnum()
    if text.casefold() == BUILTIN or looks_like_id:
        raise InvalidInputError(f"“{text}” would read as a template's id; choose another name.")
    for other in others:
        if other.label.casefold() == text.casefold():
            raise InvalidInputError(f"There is already a {kind_label} template named "
                                    f"“{other.label}”.",
                                    "Choose another name, or rename that one first.")
    return text


def free_label(label: str, others: Iterable[Template]) -> str:
    """Return the label, or the label with the first free number after it ("Name (2)")."""
    taken = {o.label.casefold() for o in others}
    base = " ".join(label.split())[:MAX_LABEL - 5] or "My template"
    if base.casefold() not in taken and base.casefold() != BUILTIN:
        return base
    number = 2
    while f"{base} ({number})".casefold() in taken:
        number += 1
    return f"{base} ({number})"


def find_template(templates: Sequence[Template], name: str, where: str) -> Template:
    """Return the template named by id, by label (any case) or "built-in" (id "")."""
    wanted = " ".join(name.split()).casefold()
    for template in templates:
        if wanted == template.id.casefold() or (wanted == BUILTIN and not template.id):
            return template
    found = [t for t in templates if t.id and t.label.casefold() == wanted]
    if len(found) == 1:
        return found[0]
    if found:
        raise InvalidInputError(f"{len(found)} templates are named “{name}”.",
                                "Name one by its id: " + ", ".join(t.id for t in found))
    raise InvalidInputError(f"There is no template “{name}” {where}.",
                            "List them with: reflectjournal template list")


def asking(catalog: Catalog, template: Template) -> Catalog:
    """Return the catalog with the template's kind asking this template's shown prompts."""
    prompts = tuple(Prompt(p.id, p.label, p.text) for p in template.shown)
    return replace(catalog, kinds=tuple(
        replace(k, prompt_set=replace(k.prompt_set, label=template.label, prompts=prompts,
                                      template=template.id))
        if k.id == template.kind else k for k in catalog.kinds))


def answered(answers: Mapping[str, str]) -> list[str]:
    """Return the ids of the prompts these answers answer (a blank answer answers none)."""
    return [prompt_id for prompt_id, text in answers.items() if text.strip()]


def best_fit(templates: Iterable[Template], default: Template,
             answered: Iterable[str]) -> Template:
    """Return the template that asks the most of these answered prompts; the default on a tie.

    For what does not name its template: a saved entry, and a draft kept before schema 17.
    Opened on the default, answers written on another template all showed under "Kept".
    """
    ids = set(answered)

    def asks(template: Template) -> int:
        return len(ids & {p.id for p in template.shown})
    best = max(templates, key=asks, default=default)
    return best if asks(best) > asks(default) else default


def is_template_id(text: str) -> bool:
    """Return whether text is "built-in" or an id as new_template_id makes them."""
    tail = text[len(TEMPLATE_PREFIX):]
    return text == BUILTIN or (text.startswith(TEMPLATE_PREFIX) and len(tail) == 8 and all(
        c in "0123456789abcdef" for c in tail))


def read_last_used(text: str) -> dict[str, str]:
    """Return the template last used per kind from its stored form ("kind=t-...;...").

    Anything but a kind id and a template id is dropped, so the stored form never carries a
    label or any other text of the journal's.
    """
    found = {}
    for pair in text.split(";"):
        kind, _sep, template_id = pair.partition("=")
        if kind.replace("-", "").isalnum() and kind.isascii() and is_template_id(template_id):
            found[kind] = template_id
    return found


def last_used_text(last: dict[str, str]) -> str:
    """Return the stored form of the template last used per kind."""
    return ";".join(f"{k}={v}" for k, v in sorted(last.items())
                    if k.replace("-", "").isalnum() and k.isascii() and is_template_id(v))

