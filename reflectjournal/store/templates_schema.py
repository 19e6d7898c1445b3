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

# Schema 16: several templates per kind. Each gets an id of its own ("t-" and 8 hex digits,
# as a user's prompt ids are made), a place among its kind's templates, and at most one per
# kind is the default, the one a new entry asks. The kind's one template of schema 10 becomes
# its default. SQLite cannot change a table's primary key, so the rows move to a new table.
V16: Sequence[str] = (
    """CREATE TABLE templates_v16 (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        label TEXT NOT NULL,
        prompts TEXT NOT NULL,
        modified_at TEXT NOT NULL,
        is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
        position INTEGER NOT NULL
    ) WITHOUT ROWID""",
    """INSERT INTO templates_v16 (id, kind, label, prompts, modified_at, is_default, position)
        SELECT 't-' || lower(hex(randomblob(4))), kind, label, prompts, modified_at, 1, 1
        FROM templates""",
    "DROP TABLE templates",
    "ALTER TABLE templates_v16 RENAME TO templates",
    "CREATE UNIQUE INDEX templates_one_default ON templates(kind) WHERE is_default",
    # NOCASE folds ASCII only; the service compares casefolded names first (one rule for
    # every script), and this keeps even a bug from storing two "Dyadic session" of a kind.
    "CREATE UNIQUE INDEX templates_by_label ON templates(kind, label COLLATE NOCASE)",
    "CREATE INDEX templates_in_order ON templates(kind, position)",
)
