"""Numbered schema migrations tracked by `PRAGMA user_version`, one transaction each."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reflectjournal.domain.errors import NewerSchemaError
from reflectjournal.store.claims import V7 as _V7
from reflectjournal.store.database import Database
from reflectjournal.store.endorsement_schema import V6 as _V6
from reflectjournal.store.personal_words import TABLES as _V13
from reflectjournal.store.received_index import V9 as _V9
from reflectjournal.store.shared_versions import V11 as _V11
from reflectjournal.store.supervision_loop import V15 as _V15
from reflectjournal.store.templates_schema import SCHEMA as _V10
from reflectjournal.store.templates_schema import V16 as _V16
from reflectjournal.store.word_forms import V12_TABLES as _V12_TABLES
from reflectjournal.store.word_forms import fill as _fill_word_forms
from reflectjournal.store.word_forms import fill_received as _fill_received_forms

# A step is one SQL statement, or a function for what SQL alone cannot do (stemming words);
# either way it runs inside its migration's transaction.
Step = str | Callable[[Database], None]

# Each migration is a list of single statements: the driver's executescript() would
# commit halfway, and a migration must be all or nothing.
_V1: Sequence[str] = (
    """CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) WITHOUT ROWID""",
    """CREATE TABLE tags (
        id TEXT PRIMARY KEY,
        family TEXT NOT NULL CHECK (family IN ('competency', 'theme', 'user')),
        parent_id TEXT REFERENCES tags(id),
        label TEXT NOT NULL,
        meaning TEXT NOT NULL DEFAULT '',
        grp TEXT NOT NULL DEFAULT '',
        aliases TEXT NOT NULL DEFAULT '[]',
        position INTEGER NOT NULL DEFAULT 0,
        builtin INTEGER NOT NULL DEFAULT 0,
        renamed INTEGER NOT NULL DEFAULT 0,
        retired INTEGER NOT NULL DEFAULT 0
    ) WITHOUT ROWID""",
    # id is a date-ordered key (domain/sort_key.py); uuid is the stable identity.
    """CREATE TABLE entries (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        answers TEXT NOT NULL,
        fields TEXT NOT NULL,
        duration_minutes INTEGER,
        starred INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        modified_at TEXT NOT NULL
    )""",
    "CREATE INDEX entries_by_kind ON entries(kind, id)",
    "CREATE INDEX entries_starred ON entries(id) WHERE starred",
    """CREATE TABLE entry_tags (
        entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE ON UPDATE CASCADE,
        tag_id TEXT NOT NULL REFERENCES tags(id) ON UPDATE CASCADE,
        PRIMARY KEY (entry_id, tag_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX entry_tags_by_tag ON entry_tags(tag_id, entry_id)",
    # The full-text index reads its content through this view, so prompt answers are
    # indexed as text without their JSON keys (a prompt id must not match a search).
    # Prefix indexes for 2-7 characters: without them a prefix query ("attach*", and
    # every keystroke of search-as-you-type) merges the doclists of every matching term,
    # which with cipher_memory_security on took up to 2.4 s at 100,000 entries
    # (docs/benchmarks.md); with them it walks one doclist in date order and stops early.
    """CREATE VIEW entry_text(id, title, answers, body) AS
        SELECT id, title,
               (SELECT group_concat(value, char(10)) FROM json_each(entries.answers)),
               body
        FROM entries""",
    """CREATE VIRTUAL TABLE entries_fts USING fts5(
        title, answers, body,
        content = 'entry_text', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '2 3 4 5 6 7'
    )""",
    """CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries BEGIN
        INSERT INTO entries_fts(rowid, title, answers, body)
        VALUES (new.id, new.title,
                (SELECT group_concat(value, char(10)) FROM json_each(new.answers)),
                new.body);
    END""",
    """CREATE TRIGGER entries_fts_delete AFTER DELETE ON entries BEGIN
        INSERT INTO entries_fts(entries_fts, rowid, title, answers, body)
        VALUES ('delete', old.id, old.title,
                (SELECT group_concat(value, char(10)) FROM json_each(old.answers)),
                old.body);
    END""",
    """CREATE TRIGGER entries_fts_update AFTER UPDATE OF id, title, answers, body ON entries
    BEGIN
        INSERT INTO entries_fts(entries_fts, rowid, title, answers, body)
        VALUES ('delete', old.id, old.title,
                (SELECT group_concat(value, char(10)) FROM json_each(old.answers)),
                old.body);
        INSERT INTO entries_fts(rowid, title, answers, body)
        VALUES (new.id, new.title,
                (SELECT group_concat(value, char(10)) FROM json_each(new.answers)),
                new.body);
    END""",
)

# Version 2: the editor's unsaved state, one row per editor slot. It names the entry by
# uuid without a foreign key, because a draft outlives the deletion of the entry it edits.
_V2: Sequence[str] = (
    """CREATE TABLE drafts (
        slot TEXT PRIMARY KEY,
        entry_uuid TEXT,
        changes TEXT NOT NULL,
        tag_labels TEXT NOT NULL,
        saved_at TEXT NOT NULL
    ) WITHOUT ROWID""",
)

# Version 3: client codes are offered for reuse whenever the editor opens; without an index
# that meant reading every entry's fields (1.4 s at 100,000 entries, docs/benchmarks.md).
# The partial index holds only entries that have a code, with their date-ordered id.
_CLIENT_CODE = "json_extract(fields, '$.client_code')"
_V3: Sequence[str] = (
    f"""CREATE INDEX entries_by_client_code ON entries({_CLIENT_CODE}, id)
        WHERE {_CLIENT_CODE} IS NOT NULL""",
)

# Version 4: sharing with a supervisor (docs/sharing.md). Keys, contacts, the watch-list
# and everything received live here, inside the encrypted database. Received entries are
# kept apart from the user's own entries: they are someone else's words, read-only, and
# must not show up in the user's own lists, searches or hours.
_V4: Sequence[str] = (
    """CREATE TABLE sharing_identity (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        age_secret TEXT NOT NULL,
        signing_seed BLOB NOT NULL,
        name TEXT NOT NULL DEFAULT '',
        role TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
    )""",
    """CREATE TABLE contacts (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        role TEXT NOT NULL,
        age_recipient TEXT NOT NULL,
        signing_key BLOB NOT NULL UNIQUE,
        added_at TEXT NOT NULL,
        verified_at TEXT
    )""",
    "CREATE TABLE watch_list (term TEXT PRIMARY KEY) WITHOUT ROWID",
    # Bundles this journal wrote: a reply may only comment on entries a bundle carried.
    """CREATE TABLE sent_bundles (
        bundle_id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('entries', 'comments')),
        contact_key BLOB,
        sent_at TEXT NOT NULL,
        entry_ids TEXT NOT NULL
    ) WITHOUT ROWID""",
    """CREATE TABLE received_bundles (
        bundle_id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('entries', 'comments')),
        sender_name TEXT NOT NULL,
        sender_role TEXT NOT NULL,
        sender_key BLOB NOT NULL,
        verified INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        received_at TEXT NOT NULL,
        message TEXT NOT NULL DEFAULT ''
    ) WITHOUT ROWID""",
    """CREATE TABLE received_entries (
        id INTEGER PRIMARY KEY,
        bundle_id TEXT NOT NULL REFERENCES received_bundles(bundle_id) ON DELETE CASCADE,
        entry_uuid TEXT NOT NULL,
        content TEXT NOT NULL,
        UNIQUE (bundle_id, entry_uuid)
    )""",
    # Comments this journal's user wrote on received entries (entry_uuid NULL: on the whole
    # bundle); sent_in names the reply that carried them.
    """CREATE TABLE review_comments (
        id INTEGER PRIMARY KEY,
        bundle_id TEXT NOT NULL REFERENCES received_bundles(bundle_id) ON DELETE CASCADE,
        entry_uuid TEXT,
        text TEXT NOT NULL,
        written_at TEXT NOT NULL,
        sent_in TEXT
    )""",
    # Comments received on this journal's own entries; never merged into the entry itself.
    """CREATE TABLE entry_comments (
        id INTEGER PRIMARY KEY,
        bundle_id TEXT NOT NULL REFERENCES received_bundles(bundle_id) ON DELETE CASCADE,
        answers TEXT NOT NULL,
        entry_uuid TEXT,
        text TEXT NOT NULL,
        written_at TEXT NOT NULL
    )""",
    "CREATE INDEX entry_comments_by_entry ON entry_comments(entry_uuid)",
    # Supervision sessions confirmed by a supervisor's signature, on both sides: 'given' by
    # this journal's user (sent_in set once replied), or 'received' (entry_uuid: the
    # supervision entry made for it, which counts toward hours).
    """CREATE TABLE confirmed_sessions (
        id TEXT PRIMARY KEY,
        side TEXT NOT NULL CHECK (side IN ('given', 'received')),
        other_key BLOB NOT NULL,
        other_name TEXT NOT NULL,
        date TEXT NOT NULL,
        minutes INTEGER NOT NULL,
        format TEXT NOT NULL,
        statement BLOB NOT NULL,
        signature BLOB NOT NULL,
        entry_uuid TEXT,
        sent_in TEXT,
        received_in TEXT
    ) WITHOUT ROWID""",
)

# Version 5: nothing saved is lost (docs/architecture.md, "Versions and the trash").
# entry_versions holds every superseded saved state of an entry (the current one is the
# entries row, numbered after them); trashed_entries holds deleted entries for 30 days.
# Both name the entry by uuid without a foreign key: the rowid moves with the date and a
# trashed entry has no entries row. A trashed entry leaves `entries`, so the full-text
# index, lists, counts and exports never see it, with no filter to forget anywhere.
_SNAPSHOT_COLUMNS = """
        entry_date TEXT NOT NULL,
        kind TEXT NOT NULL,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        answers TEXT NOT NULL,
        fields TEXT NOT NULL,
        duration_minutes INTEGER,
        starred INTEGER NOT NULL,
        tags TEXT NOT NULL,
        created_at TEXT NOT NULL,
        modified_at TEXT NOT NULL"""
_V5: Sequence[str] = (
    f"""CREATE TABLE entry_versions (
        entry_uuid TEXT NOT NULL,
        version INTEGER NOT NULL CHECK (version > 0),{_SNAPSHOT_COLUMNS},
        PRIMARY KEY (entry_uuid, version)
    ) WITHOUT ROWID""",
    # A rowid table: deletions within one second still list in the order they were made.
    f"""CREATE TABLE trashed_entries (
        id INTEGER PRIMARY KEY,
        entry_uuid TEXT NOT NULL UNIQUE,
        deleted_at TEXT NOT NULL,{_SNAPSHOT_COLUMNS}
    )""",
    "CREATE INDEX trashed_entries_by_time ON trashed_entries(deleted_at)",
)

# Version 6: the Endorsement records (store/endorsement_schema.py).
# Version 7: session claims, kept apart from confirmed sessions (store/claims.py).
# Version 8: what the progress toward Endorsement reads, as covering indexes (store/evidence.py):
# every row it needs used to be looked up among the pages full of reflection text, and each
# page read is decrypted and checked: 4.8 s for 52,000 rows at 100,000 entries, against 0.1 s
# for the same facts from an index. A training's name, the one title the summary lists, has
# a small partial index of its own.
_V8: Sequence[str] = (
    "CREATE INDEX entries_for_progress ON entries(kind, id, uuid, duration_minutes, starred,"
    " fields)",
    "CREATE INDEX entries_training_names ON entries(id, title) WHERE kind = 'training'",
)
# Version 9: the received entries' own full-text index and filter columns
# (store/received_index.py), apart from entries_fts.
# Version 10: the user's templates and every wording they saved (store/templates_schema.py).
# Version 11: what each shared entry was when it left, and the version a comment answers
# (store/shared_versions.py, docs/sharing.md "Versions").
# Version 12: the journal's words by stem (store/word_forms.py), so search finds word forms.
# The full-text index is not rebuilt: it keeps the exact words, so phrases and prefixes read
# it as before; the new table is filled from every entry's text, after the backup that
# precedes every migration.
_V12: Sequence[Step] = (*_V12_TABLES, _fill_word_forms)
# Version 13: the personal dictionary of the spell-checker (store/personal_words.py).
# Version 14: the received entries' words join the word forms, so the review screen's search
# finds word forms as the user's own search does (no table changes).
_V14: Sequence[Step] = (_fill_received_forms,)
# Version 15: the supervision loop: questions, "bring to supervision" marks, what is
# answered (store/supervision_loop.py).
# Version 16: several templates per kind, each with an id, one the default
# (store/templates_schema.py).
# Version 17: a draft names the template its editor asked ("built-in" or "t-..."), so it
# reopens on that form: on a kind's other template it reopened on the default, the answers
# under "Kept". NULL in drafts kept before (they open on the template asking most of their
# answers, services/templates.for_draft) and in the comment drafts that share the table.
_V17: Sequence[str] = ("ALTER TABLE drafts ADD COLUMN template TEXT",)
# Version 18: a saved entry names the template its editor asked, so editing it opens that
# form even when its answers fit the default as well (templates begin as copies of the
# prompts shown). NULL in entries saved before, added by the command line or an import, or
# put back from the trash: they open on the template asking most of their answers.
_V18: Sequence[str] = ("ALTER TABLE entries ADD COLUMN template TEXT",)
MIGRATIONS: tuple[Sequence[Step], ...] = (
    _V1, _V2, _V3, _V4, _V5, _V6, _V7, _V8, _V9, _V10, _V11, _V12, _V13, _V14,
    _V15, _V16, _V17, _V18)
LATEST = len(MIGRATIONS)


def schema_version(db: Database) -> int:
    """Return the database's schema version."""
    return int(db.scalar("PRAGMA user_version"))


def needs_migration(db: Database) -> bool:
    """Return whether migrations are pending; raise if the schema is newer than this app."""
    version = schema_version(db)
    if version > LATEST:
        raise NewerSchemaError(
            f"This journal was written by a newer version of ReflectJournal "
            f"(schema {version}; this version reads up to {LATEST}).",
            "Update ReflectJournal to open it. Nothing was changed.",
        )
    return version < LATEST


def migrate(db: Database, target: int = LATEST) -> int:
    """Apply pending migrations up to target, each in its own transaction."""
    needs_migration(db)
    version = schema_version(db)
    while version < target:
        with db.transaction():
            for step in MIGRATIONS[version]:
                if isinstance(step, str):
                    db.execute(step)
                else:
                    step(db)
            version += 1
            db.execute(f"PRAGMA user_version = {version}")
    return version
