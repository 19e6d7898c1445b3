"""Opening, creating and using a journal.

Every method that writes is one transaction. Nothing here imports Qt; the GUI calls
these methods from its database worker thread, the command line calls them directly.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from reflectjournal.domain import exchange
from reflectjournal.domain.draft import Draft
from reflectjournal.domain.entry import (
    MAX_DURATION_MINUTES,
    MAX_TEXT_CHARS,
    MAX_TITLE_CHARS,
    Entry,
    EntryChanges,
    EntrySummary,
)
from reflectjournal.domain.errors import (
    EnvelopeMismatchError,
    ImportFormatError,
    InvalidInputError,
    JournalDamagedError,
    JournalError,
    JournalExistsError,
    JournalMissingError,
)
from reflectjournal.domain.ids import EntryId, TagId, new_entry_id
from reflectjournal.domain.passphrase import passphrase_problem
from reflectjournal.domain.search import EVERYTHING, EntryFilter, SortOrder, to_fts_query
from reflectjournal.domain.taxonomy import Catalog, Tag, TagFamily, resolve_tag
from reflectjournal.resources import load_catalog
from reflectjournal.store import backup as backups
from reflectjournal.store import drafts as draft_sql
from reflectjournal.store import entries as entry_sql
from reflectjournal.store import schema
from reflectjournal.store import tags as tag_sql
from reflectjournal.store.database import (
    DEFAULT_CACHE_KIB,
    Database,
    load_driver,
    require_sqlcipher,
)
from reflectjournal.store.envelope import (
    PRODUCTION_KDF,
    DataKey,
    Envelope,
    KdfPolicy,
    load_envelope,
    new_envelope,
    parse_envelope,
)
from reflectjournal.store.files import make_private_dir, make_private_file
from reflectjournal.store.layout import JournalFolder
from reflectjournal.store.lock import JournalLock

if TYPE_CHECKING:
    from reflectjournal.services.sharing import Sharing


@dataclass(frozen=True, slots=True)
class JournalOptions:
    """How to open journals; tests inject a cheap KDF policy here and nowhere else."""

    kdf: KdfPolicy = PRODUCTION_KDF
    driver: ModuleType | None = None
    cache_kib: int = DEFAULT_CACHE_KIB

    def sqlcipher(self) -> ModuleType:
        """Return the DB-API module, refusing one without encryption."""
        driver = self.driver or load_driver()
        require_sqlcipher(driver)
        return driver


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import did."""

    added: int
    skipped: int


@dataclass(frozen=True, slots=True)
class HealthReport:
    """The outcome of `check`."""

    ok: bool
    problems: tuple[str, ...]
    cipher_version: str
    schema_version: int
    entries: int
    database_bytes: int
    last_backup: dt.datetime | None
    details: dict[str, str] = field(default_factory=dict)
    checked_at: dt.datetime | None = None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def unwrap_key(folder: Path, passphrase: str, options: JournalOptions) -> tuple[Envelope, DataKey]:
    """Derive the data key from the passphrase (the slow, KDF step of unlocking)."""
    place = _existing(folder)
    envelope = load_envelope(place.envelope)
    _check_pairing(place, envelope)
    return envelope, envelope.unwrap_with_passphrase(passphrase, options.kdf)


def check_creatable(folder: Path) -> JournalFolder:
    """Refuse to create a journal where one exists; return the folder's layout."""
    place = JournalFolder(folder)
    if place.exists():
        raise JournalExistsError(
            f"A journal already exists in {folder}; it was left untouched.",
            "Choose another folder with --journal DIR.",
        )
    return place


def _existing(folder: Path) -> JournalFolder:
    place = JournalFolder(folder)
    if not place.envelope.exists() and not place.database.exists():
        raise JournalMissingError(
            f"There is no journal in {folder}.",
            "Create one with: reflectjournal init (or choose another with --journal DIR).",
        )
    if not place.envelope.exists():
        raise JournalDamagedError(
            f"The journal's key file is missing from {folder}.",
            "Restore the journal from a backup.",
        )
    if not place.database.exists():
        raise JournalDamagedError(
            f"The journal database is missing from {folder}.",
            "Restore the journal from a backup (reflectjournal restore FILE).",
        )
    return place


def _check_pairing(place: JournalFolder, envelope: Envelope) -> None:
    """Tell a swapped key file apart from a damaged database before any key is tried."""
    with place.database.open("rb") as handle:
        header = handle.read(len(envelope.salt))
    if header != envelope.salt:
        raise EnvelopeMismatchError(
            "The journal's key file and database do not belong together: one of them was "
            "replaced or damaged.",
            "Restore the journal from a backup.",
        )


class Journal:
    """An open, unlocked journal. Close it to lock."""

    def __init__(
        self, place: JournalFolder, db: Database, key: DataKey, envelope: Envelope,
        lock: JournalLock, options: JournalOptions,
    ) -> None:
        self.folder = place
        self._db = db
        self._key = key
        self._envelope = envelope
        self._lock = lock
        self._options = options
        self.catalog: Catalog = load_catalog()
        self._sharing: Sharing | None = None

    # --- opening -------------------------------------------------------------------------

    @classmethod
    def create(
        cls, folder: Path, passphrase: str, options: JournalOptions | None = None
    ) -> tuple[Journal, str]:
        """Make a new journal; return it and the recovery key (to show once)."""
        options = options or JournalOptions()
        driver = options.sqlcipher()  # refuse before creating anything
        problem = passphrase_problem(passphrase)
        if problem:
            raise InvalidInputError(problem)
        place = check_creatable(folder)
        make_private_dir(folder)
        lock = JournalLock(place.lock)
        lock.acquire()
        try:
            journal_id = str(uuid.uuid4())
            envelope, key, recovery_key = new_envelope(journal_id, passphrase, options.kdf)
            envelope.save(place.envelope)
            db = Database.open(place.database, key, driver=driver,
                               cache_kib=options.cache_kib, create=True)
            make_private_file(place.database)
            journal = cls(place, db, key, envelope, lock, options)
            journal._prepare(journal_id)
        except BaseException:
            lock.release()
            raise
        return journal, recovery_key

    @classmethod
    def open(
        cls, folder: Path, passphrase: str, options: JournalOptions | None = None
    ) -> Journal:
        """Unlock a journal with its passphrase."""
        options = options or JournalOptions()
        options.sqlcipher()
        place = _existing(folder)
        lock = JournalLock(place.lock)
        lock.acquire()
        try:
            envelope, key = unwrap_key(folder, passphrase, options)
            return cls._open_keyed(place, envelope, key, lock, options)
        except BaseException:
            lock.release()
            raise

    @classmethod
    def open_with_key(
        cls, folder: Path, envelope: Envelope, key: DataKey, options: JournalOptions | None = None
    ) -> Journal:
        """Open with a key already unwrapped (after unwrap_key, off the GUI thread)."""
        options = options or JournalOptions()
        place = _existing(folder)
        lock = JournalLock(place.lock)
        lock.acquire()
        try:
            return cls._open_keyed(place, envelope, key, lock, options)
        except BaseException:
            lock.release()
            raise

    @classmethod
    def recover(
        cls, folder: Path, recovery_key: str, new_passphrase: str,
        options: JournalOptions | None = None,
    ) -> Journal:
        """Unlock with the recovery key and set a new passphrase in the same step."""
        options = options or JournalOptions()
        options.sqlcipher()
        problem = passphrase_problem(new_passphrase)
        if problem:
            raise InvalidInputError(problem)
        place = _existing(folder)
        lock = JournalLock(place.lock)
        lock.acquire()
        try:
            envelope = load_envelope(place.envelope)
            _check_pairing(place, envelope)
            key = envelope.unwrap_with_recovery_key(recovery_key)
            journal = cls._open_keyed(place, envelope, key, lock, options)
        except BaseException:
            lock.release()
            raise
        journal._rewrap(new_passphrase)
        return journal

    @classmethod
    def _open_keyed(
        cls, place: JournalFolder, envelope: Envelope, key: DataKey, lock: JournalLock,
        options: JournalOptions,
    ) -> Journal:
        db = Database.open(place.database, key, driver=options.sqlcipher(),
                           cache_kib=options.cache_kib)
        try:
            journal = cls(place, db, key, envelope, lock, options)
            journal._prepare(envelope.journal_id)
        except BaseException:
            db.close()
            raise
        return journal

    def _prepare(self, journal_id: str) -> None:
        """Migrate (after a verified backup), check identity, sync the shipped taxonomy."""
        version = schema.schema_version(self._db)
        if schema.needs_migration(self._db) and version > 0:
            self.backup(automatic=True)
        schema.migrate(self._db)
        with self._db.transaction():
            stored = self._db.scalar("SELECT value FROM meta WHERE key = 'journal_id'")
            if stored is None:
                self._db.execute("INSERT INTO meta VALUES ('journal_id', ?)", (journal_id,))
                self._db.execute("INSERT INTO meta VALUES ('created_at', ?)",
                                 (_now().isoformat(),))
            elif stored != journal_id:
                raise EnvelopeMismatchError(
                    "The journal's key file belongs to another journal.",
                    "Restore the journal from a backup.",
                )
            synced = self._db.scalar("SELECT value FROM meta WHERE key = 'catalog_version'")
            if synced != self.catalog.version:
                tag_sql.sync_builtin(self._db, self.catalog.competencies + self.catalog.themes)
                self._db.execute("INSERT OR REPLACE INTO meta VALUES ('catalog_version', ?)",
                                 (self.catalog.version,))

    def close(self) -> None:
        """Checkpoint, close the database, forget the key and release the lock."""
        try:
            self._db.close()
        finally:
            self._lock.release()
            self._key = DataKey(b"", b"")

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def sharing(self) -> Sharing:
        """Return the supervision round trip for this journal (cards, bundles, comments)."""
        if self._sharing is None:
            from reflectjournal.services.sharing import Sharing

            self._sharing = Sharing(self, self._db)
        return self._sharing

    @property
    def journal_id(self) -> str:
        """Return the journal's id."""
        return self._envelope.journal_id

    # --- keys ----------------------------------------------------------------------------

    def change_passphrase(self, current: str, new: str) -> None:
        """Rewrap the data key under a new passphrase; the database is not touched."""
        self._envelope.unwrap_with_passphrase(current, self._options.kdf)
        problem = passphrase_problem(new)
        if problem:
            raise InvalidInputError(problem)
        self._rewrap(new)

    def _rewrap(self, new: str) -> None:
        params = self._envelope.passphrase_params
        try:
            self._options.kdf.check(params)
        except JournalDamagedError:
            params = self._options.kdf.calibrate()
        self._envelope = self._envelope.with_passphrase(self._key, new, params)
        self._envelope.save(self.folder.envelope)

    def new_recovery_key(self) -> str:
        """Replace the recovery key; the old one stops working. Return the new one."""
        self._envelope, recovery_key = self._envelope.with_recovery_key(self._key)
        self._envelope.save(self.folder.envelope)
        return recovery_key

    # --- entries -------------------------------------------------------------------------

    def add_entry(self, changes: EntryChanges, entry_id: EntryId | None = None) -> Entry:
        """Create an entry from the given values."""
        if changes.kind is None:
            raise InvalidInputError("A new entry needs a kind.")
        now = _now()
        blank = Entry(
            id=entry_id or new_entry_id(), kind=changes.kind,
            date=changes.date or dt.date.today(), title="", body="", answers={}, fields={},
            duration_minutes=None, competencies=(), themes=(), tags=(), starred=False,
            created_at=now, modified_at=now,
        )
        entry = self._apply(blank, changes)
        with self._db.transaction():
            entry_sql.insert(self._db, entry)
        return entry

    def update_entry(self, entry_id: EntryId, changes: EntryChanges) -> Entry:
        """Change an entry's values; unchanged values stay."""
        with self._db.transaction():
            entry = self._apply(entry_sql.get(self._db, entry_id), changes)
            entry = replace(entry, modified_at=_now())
            entry_sql.update(self._db, entry)
        return entry

    def delete_entry(self, entry_id: EntryId) -> Entry:
        """Delete an entry and return it, so the caller can offer undo."""
        with self._db.transaction():
            entry = entry_sql.get(self._db, entry_id)
            entry_sql.delete(self._db, entry_id)
        return entry

    def restore_entry(self, entry: Entry) -> None:
        """Put back an entry returned by delete_entry (undo)."""
        with self._db.transaction():
            if not entry_sql.exists(self._db, entry.id):
                entry_sql.insert(self._db, entry)

    # --- drafts --------------------------------------------------------------------------

    def save_draft(self, entry_id: EntryId, changes: EntryChanges,
                   tag_labels: Sequence[str] = ()) -> Draft:
        """Keep the editor's unsaved state of one entry in the encrypted journal (autosave)."""
        draft = Draft(entry_id, changes, _now(), tuple(tag_labels))
        with self._db.transaction():
            draft_sql.save(self._db, draft)
        return draft

    def draft(self, entry_id: EntryId) -> Draft | None:
        """Return the kept draft of an entry (new or existing), if any."""
        return draft_sql.load(self._db, entry_id)

    def drafts(self) -> list[Draft]:
        """Return every kept draft, the most recent first (offered back after a crash)."""
        return draft_sql.load_all(self._db)

    def discard_draft(self, entry_id: EntryId) -> None:
        """Forget an entry's draft."""
        with self._db.transaction():
            draft_sql.delete(self._db, entry_id)

    def save_entry(self, entry_id: EntryId | None, changes: EntryChanges,
                   tag_labels: Sequence[str] | None = None) -> Entry:
        """Save the editor's entry and drop its draft, atomically.

        The entry is new when entry_id is None or names no entry yet (the editor gives a
        new entry its id up front, so its draft and the entry share it).

        tag_labels, when given, become the entry's user tags (new labels create tags).
        """
        with self._db.transaction():
            if tag_labels is not None:
                changes = replace(changes, tags=tuple(
                    self.resolve_tag(label, "user", create=True).id for label in tag_labels))
            if entry_id is None or not entry_sql.exists(self._db, entry_id):
                entry = self.add_entry(changes, entry_id)
            else:
                entry = self.update_entry(entry_id, changes)
            draft_sql.delete(self._db, entry.id)
        return entry

    def get_entry(self, id_or_prefix: str) -> Entry:
        """Return an entry by full id or unique prefix."""
        return entry_sql.get(self._db, entry_sql.resolve_id(self._db, id_or_prefix))

    def get_entries(self, ids: Sequence[EntryId]) -> list[Entry]:
        """Return full entries for the given ids, in that order."""
        return entry_sql.get_many(self._db, ids)

    def list_entries(
        self, where: EntryFilter = EVERYTHING, order: SortOrder = SortOrder.NEWEST,
        limit: int | None = None, offset: int = 0,
    ) -> list[EntrySummary]:
        """Return list rows (no bodies), newest first unless asked otherwise."""
        if order == SortOrder.RELEVANCE:
            order = SortOrder.NEWEST
        return entry_sql.list_summaries(self._db, where, order, limit, offset)

    def count_entries(
        self, where: EntryFilter = EVERYTHING, query: str = "", *, prefix_last: bool = False
    ) -> int:
        """Return how many entries pass the filter and match the query."""
        match = to_fts_query(query, prefix_last=prefix_last) if query.strip() else None
        return entry_sql.count(self._db, where, match)

    def search(
        self, query: str, where: EntryFilter = EVERYTHING,
        order: SortOrder = SortOrder.RELEVANCE, limit: int | None = None, offset: int = 0,
        *, prefix_last: bool = False,
    ) -> list[EntrySummary]:
        """Full-text search with snippets; an empty query lists entries instead."""
        match = to_fts_query(query, prefix_last=prefix_last)
        if not match:
            return self.list_entries(where, order, limit, offset)
        return entry_sql.search(self._db, match, where, order, limit, offset)

    def client_codes(self) -> list[str]:
        """Return client codes already used, most recent first, for reuse."""
        return entry_sql.client_codes(self._db)

    def _apply(self, entry: Entry, c: EntryChanges) -> Entry:
        kind = self.catalog.kind(c.kind or entry.kind)
        fields = dict(entry.fields) if c.fields is None else dict(c.fields)
        if c.kind is not None and c.kind != entry.kind and c.fields is None:
            fields = {k: v for k, v in fields.items() if k in {f.id for f in kind.fields}}
        title = entry.title if c.title is None else " ".join(c.title.split())
        body = entry.body if c.body is None else c.body
        answers = dict(entry.answers) if c.answers is None else dict(c.answers)
        duration = entry.duration_minutes if c.duration_minutes is None else (
            c.duration_minutes or None)
        if len(title) > MAX_TITLE_CHARS:
            raise InvalidInputError(f"A title can have at most {MAX_TITLE_CHARS} characters.")
        if len(body) > MAX_TEXT_CHARS or any(len(a) > MAX_TEXT_CHARS for a in answers.values()):
            raise InvalidInputError(f"A text can have at most {MAX_TEXT_CHARS} characters.")
        prompts = {p.id for s in self.catalog.prompt_sets for p in s.prompts}
        unknown = sorted(set(answers) - prompts - set(entry.answers))
        if unknown:
            raise InvalidInputError(f"Unknown prompt '{unknown[0]}'.")
        if duration is not None and not 0 < duration <= MAX_DURATION_MINUTES:
            raise InvalidInputError(
                f"A duration is a number of minutes from 1 to {MAX_DURATION_MINUTES}."
            )
        # A stored value passes as it is, like a stored answer to a retired prompt: a field
        # the resources no longer define, or one imported from a journal with other
        # resources, must not make the entry impossible to edit.
        stored = entry.fields
        fields = {
            k: v if k in stored and type(stored[k]) is type(v) and stored[k] == v
            else kind.field(k).validate(v)
            for k, v in fields.items()
        }
        return replace(
            entry, kind=kind.id, date=c.date or entry.date, title=title, body=body,
            answers={k: v for k, v in answers.items() if v.strip()},
            fields=fields, duration_minutes=duration,
            competencies=self._checked(c.competencies, entry.competencies, "competency"),
            themes=self._checked(c.themes, entry.themes, "theme"),
            tags=self._checked(c.tags, entry.tags, "user"),
            starred=entry.starred if c.starred is None else c.starred,
        )

    def _checked(
        self, new: tuple[TagId, ...] | None, old: tuple[TagId, ...], family: TagFamily
    ) -> tuple[TagId, ...]:
        if new is None:
            return old
        for tag_id in new:
            if tag_sql.get(self._db, tag_id).family != family:
                raise InvalidInputError(f"'{tag_id}' is not a {family} tag.")
        return tuple(dict.fromkeys(new))

    # --- tags ----------------------------------------------------------------------------

    def tags(self, family: TagFamily | None = None, *, include_retired: bool = True) -> list[Tag]:
        """Return tags in taxonomy order."""
        return [
            t for t in tag_sql.all_tags(self._db)
            if (family is None or t.family == family) and (include_retired or not t.retired)
        ]

    def tag_labels(self) -> dict[str, str]:
        """Return every tag id's current label."""
        return {t.id: t.label for t in self.tags()}

    def tag_counts(self) -> dict[TagId, int]:
        """Return how many entries carry each tag (children not rolled up)."""
        return entry_sql.tag_counts(self._db)

    def kind_counts(self) -> dict[str, int]:
        """Return how many entries there are of each kind."""
        return entry_sql.kind_counts(self._db)

    def resolve_tag(self, name_or_id: str, family: TagFamily, *, create: bool = False) -> Tag:
        """Find a tag by id, name or alias; create a user tag if asked to."""
        what = {"competency": "competency", "theme": "theme", "user": "tag"}[family]
        try:
            return resolve_tag(name_or_id, self.tags(family), what)
        except InvalidInputError:
            if not create:
                raise
        with self._db.transaction():
            return tag_sql.add_user_tag(self._db, name_or_id)

    def tag_group(self, tag: Tag) -> tuple[TagId, ...]:
        """Return a filter group: the tag, plus its children for a level-1 area."""
        children = [t.id for t in self.tags(tag.family) if t.parent == tag.id]
        return (tag.id, *children)

    def add_user_tag(self, label: str) -> Tag:
        """Create a user tag (or return the existing one with that name)."""
        with self._db.transaction():
            return tag_sql.add_user_tag(self._db, label)

    def rename_tag(self, tag_id: TagId, label: str) -> Tag:
        """Rename a tag; its id and its entries stay."""
        with self._db.transaction():
            return tag_sql.rename(self._db, tag_id, label)

    def retire_tag(self, tag_id: TagId, retired: bool = True) -> Tag:
        """Hide a tag from pickers; entries that have it keep it."""
        with self._db.transaction():
            return tag_sql.set_retired(self._db, tag_id, retired)

    # --- export and import ---------------------------------------------------------------

    def export_json(self, where: EntryFilter = EVERYTHING, query: str = "") -> bytes:
        """Return the chosen entries as export-format JSON (unencrypted!)."""
        entries = self.get_entries(self._selected(where, query))
        return exchange.to_json(entries, self.tags(), _now())

    def export_markdown(self, where: EntryFilter = EVERYTHING, query: str = "") -> str:
        """Return the chosen entries as Markdown (unencrypted!)."""
        return self.markdown(self._selected(where, query))

    def markdown(self, ids: Sequence[EntryId]) -> str:
        """Return the given entries as Markdown."""
        cat = self.catalog
        return exchange.to_markdown(
            self.get_entries(ids),
            tag_labels=self.tag_labels(),
            kind_labels={k.id: k.label for k in cat.kinds},
            prompt_labels={p.id: p.label for s in cat.prompt_sets for p in s.prompts},
            field_labels={f.id: f.label for k in cat.kinds for f in k.fields},
            choice_labels={f.id: {c.id: c.label for c in f.choices}
                           for k in cat.kinds for f in k.fields},
        )

    def _selected(self, where: EntryFilter, query: str) -> list[EntryId]:
        if query.strip():
            rows = self.search(query, where, SortOrder.OLDEST)
        else:
            rows = self.list_entries(where, SortOrder.OLDEST)
        return [r.id for r in rows]

    def import_json(self, data: bytes) -> ImportResult:
        """Import an export file in one transaction; entries whose id exists are skipped."""
        document = exchange.parse_json(data)
        kinds = {k.id for k in self.catalog.kinds}
        for i, entry in enumerate(document.entries):
            if entry.kind not in kinds:
                raise ImportFormatError(f"entries[{i}].kind: unknown entry kind '{entry.kind}'.")
        added = skipped = 0
        with self._db.transaction():
            known = {t.id: t for t in tag_sql.all_tags(self._db)}
            for tag in document.tags:
                if tag.id in known and known[tag.id].family != tag.family:
                    raise ImportFormatError(
                        f"Tag '{tag.id}' is a {tag.family} tag in the file but a "
                        f"{known[tag.id].family} tag here; nothing was imported."
                    )
                if tag.id not in known:
                    tag_sql.ensure_tag(self._db, tag)
            for entry in document.entries:
                if entry_sql.exists(self._db, entry.id):
                    skipped += 1
                    continue
                entry_sql.insert(self._db, entry)
                added += 1
        if added > 1000:
            self._db.checkpoint()
        return ImportResult(added, skipped)

    # --- health and backups --------------------------------------------------------------

    def check(self) -> HealthReport:
        """Checkpoint, then verify every page's MAC, the b-trees and the search index."""
        db = self._db
        db.checkpoint()
        problems = [f"page check: {r[0]}" for r in db.rows("PRAGMA cipher_integrity_check")]
        quick = [r[0] for r in db.rows("PRAGMA quick_check")]
        if quick != ["ok"]:
            problems += [f"structure: {q}" for q in quick]
        try:
            db.execute("INSERT INTO entries_fts(entries_fts) VALUES ('integrity-check')")
        except JournalError:
            problems.append("search index: inconsistent (fix with a backup and restore)")
        last = self.last_backup()
        checked_at = _now()
        if not problems:
            # A damaged journal is not written to (SQLite may even refuse the write after
            # a failed check, which would hide the report behind a "read-only" error).
            with db.transaction():
                db.execute("INSERT OR REPLACE INTO meta VALUES ('last_check', ?)",
                           (checked_at.isoformat(),))
        return HealthReport(
            ok=not problems, problems=tuple(problems),
            cipher_version=str(db.scalar("PRAGMA cipher_version")),
            schema_version=schema.schema_version(db),
            entries=int(db.scalar("SELECT count(*) FROM entries")),
            database_bytes=self.folder.database.stat().st_size, last_backup=last,
            checked_at=checked_at,
        )

    def last_check(self) -> dt.datetime | None:
        """Return when `check` last ran on this journal."""
        value = self._db.scalar("SELECT value FROM meta WHERE key = 'last_check'")
        return dt.datetime.fromisoformat(value) if value else None

    def last_backup(self) -> dt.datetime | None:
        """Return when the last verified backup was written."""
        value = self._db.scalar("SELECT value FROM meta WHERE key = 'last_backup'")
        return dt.datetime.fromisoformat(value) if value else None

    def backup(self, dest: Path | None = None, *, automatic: bool = False) -> Path:
        """Write a verified, encrypted backup (with the key file) and return its path."""
        make_private_dir(self.folder.backups)
        stamp = _now().strftime("%Y%m%d-%H%M%S")
        if dest is None:
            prefix = "auto" if automatic else "backup"
            dest = self.folder.backups / f"{prefix}-{stamp}{backups.SUFFIX}"
            n = 1
            while dest.exists():  # two backups within one second
                n += 1
                # "_002" sorts after the unnumbered name ("-2" sorts before it), so
                # rotate(), which orders by name, still drops the oldest first.
                dest = self.folder.backups / f"{prefix}-{stamp}_{n:03d}{backups.SUFFIX}"
        if dest.exists():
            raise JournalError(f"{dest} already exists; choose another name.")
        tmp = self.folder.backups / f".snapshot-{uuid.uuid4().hex}.db"
        try:
            backups.snapshot(self._db, self._key, tmp)
            count = int(self._db.scalar("SELECT count(*) FROM entries"))
            backups.verify(tmp, self._key, count, self._db.driver)
            info = backups.BackupInfo(self.journal_id, _now(),
                                      schema.schema_version(self._db), count)
            backups.pack(dest, tmp, self._envelope.to_bytes(), info)
        finally:
            tmp.unlink(missing_ok=True)
        if automatic:
            backups.rotate(self.folder.backups)
        if schema.schema_version(self._db) >= 1:
            with self._db.transaction():
                self._db.execute("INSERT OR REPLACE INTO meta VALUES ('last_backup', ?)",
                                 (_now().isoformat(),))
        return dest

    def restore_from(self, source: Path) -> backups.BackupInfo:
        """Replace this journal's database with a backup of the same journal.

        The current state is backed up first, and the backup is verified before anything
        is replaced; the current key file (and so the current passphrase) is kept.
        """
        staged = self.folder.root / f".restore-{uuid.uuid4().hex}.db"
        try:
            info, envelope_bytes = backups.unpack(source, staged)
            _check_restorable(info, envelope_bytes, self._envelope)
            backups.verify(staged, self._key, info.entries, self._db.driver)
            self.backup(automatic=True)
            # The restored database remembers only backups made before it was taken;
            # the one just made of the current state is newer, and the most recent.
            last_backup = self.last_backup()
            self._db.close()
            for sidecar in self.folder.sidecars():
                sidecar.unlink(missing_ok=True)
            staged.replace(self.folder.database)
        finally:
            staged.unlink(missing_ok=True)
        self._db = Database.open(self.folder.database, self._key,
                                 driver=self._options.sqlcipher(),
                                 cache_kib=self._options.cache_kib)
        self._prepare(self.journal_id)
        if last_backup is not None:
            with self._db.transaction():
                self._db.execute("INSERT OR REPLACE INTO meta VALUES ('last_backup', ?)",
                                 (last_backup.isoformat(),))
        return info

    @classmethod
    def restore_new(
        cls, folder: Path, source: Path, passphrase: str, options: JournalOptions | None = None
    ) -> Journal:
        """Recreate a journal from a backup in an empty folder (the backup's passphrase)."""
        options = options or JournalOptions()
        options.sqlcipher()
        place = check_creatable(folder)
        make_private_dir(folder)
        with _unpacked_backup(place, source) as (lock, staged, _info, envelope_bytes):
            envelope, key = _backup_envelope(envelope_bytes, passphrase, options)
            envelope.save(place.envelope)
            staged.replace(place.database)
            return cls._open_keyed(place, envelope, key, lock, options)

    @classmethod
    def restore_damaged(
        cls, folder: Path, source: Path, passphrase: str, options: JournalOptions | None = None
    ) -> tuple[Journal, Path]:
        """Set a damaged journal's files aside and restore a backup in their place.

        Nothing is deleted: the damaged database and its sidecars (and the key file, if
        that is what is damaged) move to a `damaged-<time>` folder inside the journal
        folder, returned with the journal. When the key file is sound and the passphrase
        opens it, it is kept, so the current passphrase works whatever it was when the
        backup was made; otherwise the backup's own key file and passphrase are used. The
        backup is checked before anything is moved.
        """
        options = options or JournalOptions()
        driver = options.sqlcipher()
        place = JournalFolder(folder)
        if not place.exists():
            _existing(folder)  # raises the plain "no journal here" error
        with _unpacked_backup(place, source) as (lock, staged, info, envelope_bytes):
            kept = _usable_envelope(place, envelope_bytes, passphrase, options)
            envelope, key = kept or _backup_envelope(envelope_bytes, passphrase, options)
            backups.verify(staged, key, info.entries, driver)
            aside = place.root / f"damaged-{_now():%Y%m%d-%H%M%S}"
            make_private_dir(aside)
            damaged = [place.database, *place.sidecars()]
            if kept is None:
                damaged.append(place.envelope)
            for path in damaged:
                if path.exists():
                    path.replace(aside / path.name)
            if kept is None:
                envelope.save(place.envelope)
            staged.replace(place.database)
            return cls._open_keyed(place, envelope, key, lock, options), aside


@contextlib.contextmanager
def _unpacked_backup(
    place: JournalFolder, source: Path
) -> Iterator[tuple[JournalLock, Path, backups.BackupInfo, bytes]]:
    """Lock the folder and unpack a backup beside the database, for a restore to use.

    The lock stays held when the block returns (the restored journal keeps it) and is
    released if it raises; the staged copy is removed either way once it is not moved.
    """
    lock = JournalLock(place.lock)
    lock.acquire()
    staged = place.root / f".restore-{uuid.uuid4().hex}.db"
    try:
        info, envelope_bytes = backups.unpack(source, staged)
        if info.schema_version > schema.LATEST:
            raise schema_too_new(info.schema_version)
        yield lock, staged, info, envelope_bytes
    except BaseException:
        lock.release()
        raise
    finally:
        staged.unlink(missing_ok=True)


def _usable_envelope(place: JournalFolder, backup_envelope: bytes, passphrase: str,
                     options: JournalOptions) -> tuple[Envelope, DataKey] | None:
    """Return the journal's own key file and key if sound, opened and the backup's match."""
    if not place.envelope.exists():
        return None
    try:
        current = load_envelope(place.envelope)
        key = current.unwrap_with_passphrase(passphrase, options.kdf)
        theirs = parse_envelope(backup_envelope)
    except JournalError:
        return None
    if (theirs.journal_id, theirs.salt) != (current.journal_id, current.salt):
        return None
    return current, key


def _backup_envelope(backup_envelope: bytes, passphrase: str,
                     options: JournalOptions) -> tuple[Envelope, DataKey]:
    envelope = parse_envelope(backup_envelope)
    return envelope, envelope.unwrap_with_passphrase(passphrase, options.kdf)


def schema_too_new(version: int) -> JournalError:
    """Return the error for a backup or journal from a newer app."""
    return JournalError(
        f"This backup was written by a newer version of ReflectJournal (schema {version}).",
        "Update ReflectJournal to restore it.",
    )


def _check_restorable(info: backups.BackupInfo, envelope_bytes: bytes, current: Envelope) -> None:
    theirs = parse_envelope(envelope_bytes)
    if (info.journal_id, theirs.journal_id, theirs.salt) != (
        current.journal_id, current.journal_id, current.salt
    ):
        raise JournalError(
            "This backup belongs to a different journal; nothing was changed.",
            "To open it, restore it into an empty folder: reflectjournal --journal NEW_DIR "
            "restore FILE.",
        )
    if info.schema_version > schema.LATEST:
        raise schema_too_new(info.schema_version)
