"""Schema 10: the user's templates and every prompt wording they saved (store/templates.py).

Apart from the SQL that reads them, so that the unlock window, which imports the schema,
loads none of the domain's taxonomy before it paints.
"""

from __future__ import annotations

from collections.abc import Sequence

SCHEMA: Sequence[str] = (
    """CREATE TABLE template_prompts (
        id TEXT PRIMARY KEY,
        label TEXT NOT NULL,
        text TEXT NOT NULL,
        created_at TEXT NOT NULL
    ) WITHOUT ROWID""",
    # prompts: JSON [[prompt id, hidden], ...] in the order the editor asks them.
    """CREATE TABLE templates (
        kind TEXT PRIMARY KEY,
        label TEXT NOT NULL,
        prompts TEXT NOT NULL,
        modified_at TEXT NOT NULL
    ) WITHOUT ROWID""",
)
