"""A template as a file to keep or give to a colleague, and the strict reading of one.

JSON, so any text editor shows what it holds. Reading refuses anything unexpected (a key it
does not know, a wrong type, a kind this app lacks, more than it could hold) with one
TemplateFileError that says what is wrong; it never stores anything itself.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from typing import Any

from reflectjournal.domain.errors import InvalidInputError, TemplateFileError
from reflectjournal.domain.templates import MAX_PROMPTS, Template, TemplatePrompt, settle

FORMAT = "reflectjournal-template"
VERSION = 1
MAX_FILE_BYTES = 256 * 1024
SUFFIX = ".rjtemplate.json"
_TOP_KEYS = {"format", "version", "kind", "label", "prompts"}
_PROMPT_KEYS = {"id", "label", "text", "hidden"}


def template_bytes(template: Template) -> bytes:
    """Return the file's bytes: UTF-8 JSON, one prompt per object, hidden ones included."""
    document = {
        "format": FORMAT, "version": VERSION, "kind": template.kind, "label": template.label,
        "prompts": [{"id": p.id, "label": p.label, "text": p.text, "hidden": p.hidden}
                    for p in template.prompts],
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def read_template(data: bytes, kinds: Collection[str]) -> Template:
    """Parse a template file; raise TemplateFileError saying what is wrong with it.

    Prompt ids in the file are only hints: storing the template gives every prompt whose
    wording this journal does not know a new id of its own (templates.settle).
    """
    if len(data) > MAX_FILE_BYTES:
        raise TemplateFileError(f"The file is larger than a template can be "
                                f"({MAX_FILE_BYTES // 1024} KiB).")
    try:
        document = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise TemplateFileError("The file is not UTF-8 text, so it is not a template.") from None
    except (json.JSONDecodeError, RecursionError):
        raise TemplateFileError("The file is not a template (it is not valid JSON).") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise TemplateFileError("The file is not a ReflectJournal template.")
    if document.get("version") != VERSION:
        raise TemplateFileError(
            f"The template is of format version {_shown(document.get('version'))}; this version "
            f"of ReflectJournal reads version {VERSION}.")
    _only(document, _TOP_KEYS, "the template")
    kind = document.get("kind")
    if not isinstance(kind, str) or kind not in kinds:
        raise TemplateFileError(f"The template is for an unknown kind of entry: {_shown(kind)}.",
                                f"Kinds: {', '.join(kinds)}.")
    prompts = document.get("prompts")
    if not isinstance(prompts, list) or len(prompts) > MAX_PROMPTS:
        raise TemplateFileError(f"'prompts' must be a list of at most {MAX_PROMPTS} prompts.")
    template = Template(kind, _string(document, "label", "the template"),
                        tuple(_prompt(raw, i) for i, raw in enumerate(prompts, start=1)))
    try:
        settle(template, {}, lambda: "")  # the same checks as saving one typed in the app
    except InvalidInputError as error:
        raise TemplateFileError(f"The template cannot be used: {error.message}") from None
    return template


def _prompt(raw: Any, number: int) -> TemplatePrompt:
    where = f"prompt {number}"
    if not isinstance(raw, dict):
        raise TemplateFileError(f"{where.capitalize()} is not an object with a label and text.")
    _only(raw, _PROMPT_KEYS, where)
    hidden = raw.get("hidden", False)
    if not isinstance(hidden, bool):
        raise TemplateFileError(f"{where.capitalize()}: 'hidden' must be true or false.")
    prompt_id = raw.get("id", "")
    if not isinstance(prompt_id, str) or len(prompt_id) > 64:
        raise TemplateFileError(f"{where.capitalize()}: 'id' must be a short text.")
    return TemplatePrompt(prompt_id, _string(raw, "label", where), _string(raw, "text", where),
                          hidden)


def _string(table: dict[str, Any], key: str, where: str) -> str:
    value = table.get(key)
    if not isinstance(value, str):
        raise TemplateFileError(f"{where.capitalize()}: '{key}' must be text.")
    return value


def _only(table: dict[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise TemplateFileError(f"{where.capitalize()} has an unknown key: {unknown[0]!r}.")


def _shown(value: object) -> str:
    """A value from the file, short: the message must not carry a whole file along."""
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"
