"""The user's own prompt wordings in the JSON export (an optional top-level `prompts` list).

An answer names its prompt by id. The built-in ids mean the same in every journal, but a
prompt the user added or reworded has an id of its own journal (domain/templates.py), so an
export carries the wording of each such prompt its entries answer, and an import keeps it:
the answer still shows under the question it answered. Readers of version 1 that predate
the list ignore it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from reflectjournal.domain.entry import Entry
from reflectjournal.domain.errors import ImportFormatError
from reflectjournal.domain.taxonomy import Prompt
from reflectjournal.domain.templates import MAX_LABEL, MAX_TEXT, USER_PROMPT_PREFIX

MAX_PROMPTS = 10_000
_MAX_ID = 40


def prompts_json(entries: Iterable[Entry], wordings: Iterable[Prompt]) -> list[dict[str, str]]:
    """Return, as export JSON values, the user's wordings that these entries answer."""
    answered = {prompt_id for e in entries for prompt_id in e.answers}
    return [{"id": p.id, "label": p.label, "text": p.text}
            for p in wordings if p.id in answered and p.id.startswith(USER_PROMPT_PREFIX)]


def parse_prompts(value: Any) -> tuple[Prompt, ...]:
    """Read the export's `prompts` list (absent: none), or raise naming the bad value."""
    if value is None:
        return ()
    if not isinstance(value, list) or len(value) > MAX_PROMPTS:
        raise ImportFormatError(f"prompts: expected a list of at most {MAX_PROMPTS:,}.")
    found: dict[str, Prompt] = {}
    for i, raw in enumerate(value):
        at = f"prompts[{i}]"
        if not isinstance(raw, dict):
            raise ImportFormatError(f"{at}: expected an object.")
        prompt_id, label, text = raw.get("id"), raw.get("label"), raw.get("text", "")
        # Only the user's ids: a file must not reword a built-in prompt of this journal.
        if (not isinstance(prompt_id, str) or not prompt_id.startswith(USER_PROMPT_PREFIX)
                or len(prompt_id) > _MAX_ID
                or not all(c.isascii() and (c.isalnum() or c == "-") for c in prompt_id)):
            raise ImportFormatError(f"{at}.id: expected a prompt id like u-1a2b3c4d.")
        if not isinstance(label, str) or not label.strip() or len(label) > MAX_LABEL:
            raise ImportFormatError(f"{at}.label: expected 1 to {MAX_LABEL} characters.")
        if not isinstance(text, str) or len(text) > MAX_TEXT:
            raise ImportFormatError(f"{at}.text: expected at most {MAX_TEXT:,} characters.")
        if prompt_id in found:
            raise ImportFormatError(f"{at}.id: the id {prompt_id} appears twice.")
        found[prompt_id] = Prompt(prompt_id, label.strip(), text)
    return tuple(found.values())
