"""SQL for the user's templates and every prompt wording they ever saved (schemas 10 and 16).

`template_prompts` only grows: an entry's answer names its prompt by id, and the wording
under that id must stay readable after the template that used it changed or was deleted.
A kind has any number of `templates` rows, in `position` order, at most one its default;
a kind without a default asks the built-in prompts from resources/.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from reflectjournal.domain.clock import utc_now
from reflectjournal.domain.taxonomy import Prompt
from reflectjournal.domain.templates import Template, TemplatePrompt
from reflectjournal.store.database import Database


def user_prompts(db: Database) -> list[Prompt]:
    """Return every wording the user saved, oldest first."""
    return [Prompt(str(i), str(label), str(text)) for i, label, text in db.rows(
        "SELECT id, label, text FROM template_prompts ORDER BY created_at, id")]


def add_prompts(db: Database, prompts: Iterable[Prompt]) -> None:
    """Keep these new wordings (inside the caller's transaction)."""
    now = utc_now().isoformat()
    db.executemany("INSERT INTO template_prompts (id, label, text, created_at) VALUES (?, ?, ?, ?)",
                   [(p.id, p.label, p.text, now) for p in prompts])


def templates(db: Database, known: dict[str, Prompt]) -> list[tuple[Template, bool]]:
    """Return the user's templates by kind and position, each with whether it is the default.

    `known` resolves their prompt ids.
    """
    found: list[tuple[Template, bool]] = []
    for template_id, kind, label, raw, is_default in db.rows(
            "SELECT id, kind, label, prompts, is_default FROM templates"
            " ORDER BY kind, position, id"):
        prompts = []
        for prompt_id, hidden in json.loads(raw):
            prompt = known.get(prompt_id)
            if prompt is not None:  # a built-in prompt a newer app retired drops out
                prompts.append(TemplatePrompt(prompt.id, prompt.label, prompt.text, bool(hidden)))
        found.append((Template(str(kind), str(label), tuple(prompts), str(template_id)),
                      bool(is_default)))
    return found


def _layout(template: Template) -> str:
    return json.dumps([[p.id, p.hidden] for p in template.prompts])


def insert(db: Database, template: Template, is_default: bool) -> None:
    """Add a settled template with an id of its own, after its kind's others."""
    if is_default:
        db.execute("UPDATE templates SET is_default = 0 WHERE kind = ?", (template.kind,))
    db.execute(
        "INSERT INTO templates (id, kind, label, prompts, modified_at, is_default, position)"
        " VALUES (?, ?, ?, ?, ?, ?,"
        " (SELECT coalesce(max(position), 0) + 1 FROM templates WHERE kind = ?))",
        (template.id, template.kind, template.label, _layout(template),
         utc_now().isoformat(), int(is_default), template.kind))


def update(db: Database, template: Template) -> bool:
    """Store a settled template's label and prompts under its id; return whether it exists."""
    return bool(db.execute(
        "UPDATE templates SET label = ?, prompts = ?, modified_at = ? WHERE id = ?",
        (template.label, _layout(template), utc_now().isoformat(), template.id)).rowcount)


def rename(db: Database, template_id: str, label: str) -> bool:
    """Give a template another label; return whether it exists."""
    return bool(db.execute("UPDATE templates SET label = ?, modified_at = ? WHERE id = ?",
                           (label, utc_now().isoformat(), template_id)).rowcount)


def remove(db: Database, template_id: str) -> bool:
    """Forget a template (its wordings stay); return whether there was one."""
    return bool(db.execute("DELETE FROM templates WHERE id = ?", (template_id,)).rowcount)


def set_default(db: Database, kind: str, template_id: str) -> None:
    """Make a template its kind's default; an empty id makes the built-in one the default."""
    db.execute("UPDATE templates SET is_default = 0 WHERE kind = ? AND is_default", (kind,))
    if template_id:
        db.execute("UPDATE templates SET is_default = 1 WHERE id = ? AND kind = ?",
                   (template_id, kind))
