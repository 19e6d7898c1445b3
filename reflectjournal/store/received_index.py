"""The received entries' own full-text index and filter columns (schema version 9).

Received entries are someone else's words: they get an index of their own, apart from
entries_fts, so a user's own `search` never finds them. Each received entry is stored as
one JSON document (store/sharing.py); everything here is derived from it by triggers, so
every way an entry is filed (or cascaded away with its bundle) keeps the index in step.

received_facts holds what the filters and the list read, in narrow rows: the document
rows are kilobytes each, and a filter that walked them decrypted every page of them.
"""

from __future__ import annotations

from collections.abc import Sequence

_DOC = "$.entries[0]"  # each stored document holds one entry
# A coarsened date ("2026-11") covers its month: a filter matches when the ranges meet.
_FIRST = "CASE WHEN length({d}) = 7 THEN {d} || '-01' ELSE {d} END"
_LAST = "CASE WHEN length({d}) = 7 THEN date({d} || '-01', '+1 month', '-1 day') ELSE {d} END"


def _member(row: str, name: str) -> str:
    return f"json_extract({row}.content, '{_DOC}.{name}')"


def _text_columns(row: str) -> str:
    """Return title, answers and body of a received entry's document, as the index reads them.

    Answers are indexed as their text without the prompts, as entries_fts does.
    """
    return (
        f"{_member(row, 'title')}, "
        f"(SELECT group_concat(json_extract(value, '$.text'), char(10)) "
        f"FROM json_each({row}.content, '{_DOC}.answers')), "
        f"{_member(row, 'body')}"
    )


def _facts_select(row: str, source: str = "FROM received_bundles b WHERE",
                  extra: str = "") -> str:
    date = _member(row, "date")
    return (
        f"SELECT {row}.id, {row}.bundle_id, {row}.entry_uuid, b.sender_key, "
        f"{_member(row, 'kind')}, {_FIRST.format(d=date)}, {_LAST.format(d=date)}, "
        f"{_member(row, 'title')}{extra} "
        f"{source} b.bundle_id = {row}.bundle_id"
    )


def _tags_select(row: str) -> str:
    return f"SELECT DISTINCT value, {row}.id FROM json_each({row}.content, '{_DOC}.tags')"


_FACTS_COLUMNS = "id, bundle_id, entry_uuid, sender_key, kind, day_first, day_last, title"

V9: Sequence[str] = (
    # read_at: when this journal's user first had the entry shown (NULL: unread).
    """CREATE TABLE received_facts (
        id INTEGER PRIMARY KEY REFERENCES received_entries(id) ON DELETE CASCADE,
        bundle_id TEXT NOT NULL,
        entry_uuid TEXT NOT NULL,
        sender_key BLOB NOT NULL,
        kind TEXT NOT NULL,
        day_first TEXT NOT NULL,
        day_last TEXT NOT NULL,
        title TEXT NOT NULL,
        read_at TEXT
    )""",
    "CREATE INDEX received_facts_by_sender ON received_facts(sender_key, id)",
    # Tags travel as labels (the supervisor has other user tags), so they are matched as such.
    """CREATE TABLE received_tags (
        label TEXT NOT NULL COLLATE NOCASE,
        entry_id INTEGER NOT NULL REFERENCES received_entries(id) ON DELETE CASCADE,
        PRIMARY KEY (label, entry_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX received_tags_by_entry ON received_tags(entry_id)",
    # "Answered" asks whether a comment was written on one received entry.
    "CREATE INDEX review_comments_by_entry ON review_comments(bundle_id, entry_uuid)",
    f"""CREATE VIEW received_text(id, title, answers, body) AS
        SELECT r.id, {_text_columns("r")} FROM received_entries r""",
    # The same tokenizer and prefix indexes as entries_fts (store/schema.py says why), so the
    # same query text (domain/search.to_fts_query) means the same thing in both.
    """CREATE VIRTUAL TABLE received_fts USING fts5(
        title, answers, body,
        content = 'received_text', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '2 3 4 5 6 7'
    )""",
    f"""CREATE TRIGGER received_index_insert AFTER INSERT ON received_entries BEGIN
        INSERT INTO received_fts(rowid, title, answers, body)
        VALUES (new.id, {_text_columns("new")});
        INSERT INTO received_facts ({_FACTS_COLUMNS}) {_facts_select("new")};
        INSERT OR IGNORE INTO received_tags (label, entry_id) {_tags_select("new")};
    END""",
    f"""CREATE TRIGGER received_index_delete AFTER DELETE ON received_entries BEGIN
        INSERT INTO received_fts(received_fts, rowid, title, answers, body)
        VALUES ('delete', old.id, {_text_columns("old")});
    END""",
    # What was received before this version, indexed once.
    f"""INSERT INTO received_facts ({_FACTS_COLUMNS})
        {_facts_select("r", "FROM received_entries r JOIN received_bundles b ON")}""",
    f"""INSERT OR IGNORE INTO received_tags (label, entry_id)
        SELECT DISTINCT t.value, r.id FROM received_entries r,
        json_each(r.content, '{_DOC}.tags') t""",
    # Not FTS5's 'rebuild': it reads the view as main.received_text, whose json_each then
    # fails as "no such table: main.json_each".
    f"""INSERT INTO received_fts(rowid, title, answers, body)
        SELECT r.id, {_text_columns("r")} FROM received_entries r""",
)

# Version 15: whether the clinician brought the entry to supervision (its "bring" member,
# docs/sharing.md "The supervision loop"), a filter column like the others. Entries
# received before carry no mark: 0 is what they said.
_BROUGHT = f"coalesce({_member('new', 'bring')}, 0)"
V15: Sequence[str] = (
    "ALTER TABLE received_facts ADD COLUMN brought INTEGER NOT NULL DEFAULT 0",
    "DROP TRIGGER received_index_insert",
    f"""CREATE TRIGGER received_index_insert AFTER INSERT ON received_entries BEGIN
        INSERT INTO received_fts(rowid, title, answers, body)
        VALUES (new.id, {_text_columns("new")});
        INSERT INTO received_facts ({_FACTS_COLUMNS}, brought)
            {_facts_select("new", extra=", " + _BROUGHT)};
        INSERT OR IGNORE INTO received_tags (label, entry_id) {_tags_select("new")};
    END""",
)
