"""SQL for the user's templates and every prompt wording they ever saved (schema 10).

`template_prompts` only grows: an entry's answer names its prompt by id, and the wording
under that id must stay readable after the template that used it changed or was reset.
A kind without a `templates` row asks the built-in prompts from resources/.
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


def templates(db: Database, known: dict[str, Prompt]) -> dict[str, Template]:
    """Return the user's templates by kind; `known` resolves their prompt ids."""
    found: dict[str, Template] = {}
    for kind, label, raw in db.rows("SELECT kind, label, prompts FROM templates"):
        prompts = []
        for prompt_id, hidden in json.loads(raw):
            prompt = known.get(prompt_id)
            if prompt is not None:  # a built-in prompt a newer app retired drops out
                prompts.append(TemplatePrompt(prompt.id, prompt.label, prompt.text, bool(hidden)))
        found[str(kind)] = Template(str(kind), str(label), tuple(prompts))
    return found


def put(db: Database, template: Template) -> None:
    """Store a settled template as the kind's (its prompts already in `known`)."""
    layout = json.dumps([[p.id, p.hidden] for p in template.prompts])
    db.execute("INSERT INTO templates (kind, label, prompts, modified_at) VALUES (?, ?, ?, ?)"
               " ON CONFLICT(kind) DO UPDATE SET label = excluded.label,"
               " prompts = excluded.prompts, modified_at = excluded.modified_at",
               (template.kind, template.label, layout, utc_now().isoformat()))


def remove(db: Database, kind: str) -> bool:
    """Forget the kind's template (its wordings stay); return whether there was one."""
    return bool(db.execute("DELETE FROM templates WHERE kind = ?", (kind,)).rowcount)
