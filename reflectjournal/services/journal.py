"""An open journal: the ways to open one, and a front over its focused services.

`Journal` opens, prepares and closes the database and hands out one service per part:
`entries`, `tags`, `exchange`, `backups`, `keys` and `sharing` (compare Anki's `col.decks`,
`col.tags`). Its older methods (`add_entry`, `backup`, ...) delegate to those services,
so callers move over gradually; they live in journal_shortcuts.py. Nothing here imports
Qt; the GUI calls these from its database worker thread, the command line calls them
directly.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from reflectjournal.domain.clock import utc_now
from reflectjournal.domain.endorsement.records import EndorsementRecords
from reflectjournal.domain.errors import EnvelopeMismatchError, InvalidInputError, JournalError
from reflectjournal.domain.passphrase import passphrase_problem
from reflectjournal.domain.taxonomy import Catalog
from reflectjournal.resources import load_catalog
from reflectjournal.services import backups as backup_service
from reflectjournal.services.backups import Backups, Restored
from reflectjournal.services.backups import HealthReport as HealthReport
from reflectjournal.services.backups import schema_too_new as schema_too_new
from reflectjournal.services.claims import Claims
from reflectjournal.services.confirmations import Confirmations
from reflectjournal.services.entries import Entries
from reflectjournal.services.exchange import Exchange
from reflectjournal.services.exchange import ImportResult as ImportResult
from reflectjournal.services.journal_shortcuts import JournalShortcuts
from reflectjournal.services.key_rotation import KeyRotated, Progress, rotate_data_key
from reflectjournal.services.keys import Keys
from reflectjournal.services.opening import JournalOptions as JournalOptions
from reflectjournal.services.opening import check_creatable as check_creatable
from reflectjournal.services.opening import check_pairing, existing_journal
from reflectjournal.services.opening import unwrap_key as unwrap_key
from reflectjournal.services.profile import ProfileService
from reflectjournal.services.progress import Endorsement
from reflectjournal.services.providers import Providers
from reflectjournal.services.received import ReceivedDesk
from reflectjournal.services.spelling import Spelling
from reflectjournal.services.supervision_loop import SupervisionLoop
from reflectjournal.services.tags import Tags
from reflectjournal.services.templates import Templates
from reflectjournal.store import meta, schema
from reflectjournal.store import tags as tag_sql
from reflectjournal.store.backup import BEFORE_UPGRADE
from reflectjournal.store.database import Database
from reflectjournal.store.envelope import (
    DataKey,
    Envelope,
    load_envelope,
    new_envelope,
    recovery_slot_damaged,
)
from reflectjournal.store.files import create_private_file, make_private_dir, make_private_file
from reflectjournal.store.layout import JournalFolder
from reflectjournal.store.lock import JournalLock

if TYPE_CHECKING:
    from reflectjournal.services.foreign_import import ForeignImport
    from reflectjournal.services.hours_import import HoursImport
    from reflectjournal.services.sharing import Sharing


class Journal(JournalShortcuts):
    """An open, unlocked journal. Close it to lock."""

    def __init__(
        self, place: JournalFolder, db: Database, key: DataKey, envelope: Envelope,
        lock: JournalLock, options: JournalOptions,
    ) -> None:
        self.folder = place
        self._db = db
        self._lock = lock
        self._options = options
        self.catalog: Catalog = load_catalog()
        # The data key and key file (passphrase, recovery key); export and import; the health
        # check, backups and restore.
        self.keys = Keys(envelope, key, place.envelope, options.kdf)
        self._tags = Tags(db)
        self._entries = Entries(db, self.catalog, self._tags)
        self.exchange = Exchange(db, self.catalog, self._entries, self._tags)
        self.backups = Backups(place, db, self.keys)
        self._sharing: Sharing | None = None
        self._foreign: ForeignImport | None = None
        self._hours: HoursImport | None = None
        self.providers = Providers(db, lambda name: self.sharing.contact(name))
        self.profile = ProfileService(db)
        self.confirmations = Confirmations(db, self._entries)
        self.claims = Claims(db, self._entries)  # held and unverified confirmations
        self.endorsement = Endorsement(db, self.catalog, self.providers, self.profile)
        # The supervisor's desk: search, filters and caseload over what was received.
        self.received = ReceivedDesk(db, self.catalog, self._tags, self.tag_group)
        self.templates = Templates(db, self.catalog, self._use_catalog)
        self.spelling = Spelling(db)  # the language and the personal dictionary
        # Questions and "bring to supervision" marks: the agenda's open items.
        self.loop = SupervisionLoop(db, self._entries)

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
            create_private_file(place.database)  # 0600 before SQLite makes its -wal
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
        return cls._locked_open(folder, options,
                                lambda _place: unwrap_key(folder, passphrase, options))

    @classmethod
    def open_with_key(
        cls, folder: Path, envelope: Envelope, key: DataKey, options: JournalOptions | None = None
    ) -> Journal:
        """Open with a key already unwrapped (after unwrap_key, off the GUI thread)."""
        return cls._locked_open(folder, options or JournalOptions(),
                                lambda _place: (envelope, key))

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

        def unwrap(place: JournalFolder) -> tuple[Envelope, DataKey]:
            envelope = load_envelope(place.envelope)
            check_pairing(place, envelope)
            return envelope, envelope.unwrap_with_recovery_key(recovery_key)

        journal = cls._locked_open(folder, options, unwrap)
        journal.keys.rewrap(new_passphrase)
        return journal

    @classmethod
    def _locked_open(cls, folder: Path, options: JournalOptions,
                     unwrap: Callable[[JournalFolder], tuple[Envelope, DataKey]]) -> Journal:
        """Take the folder's lock, unwrap the key and open; release the lock on failure."""
        place = existing_journal(folder)
        lock = JournalLock(place.lock)
        lock.acquire()
        try:
            envelope, key = unwrap(place)
            return cls._open_keyed(place, envelope, key, lock, options)
        except BaseException:
            lock.release()
            raise

    @classmethod
    def _open_keyed(
        cls, place: JournalFolder, envelope: Envelope, key: DataKey, lock: JournalLock,
        options: JournalOptions,
    ) -> Journal:
        if envelope.unchecked and not envelope.damaged:
            # A key file from before slots carried checks gets them now, so rot in a slot
            # shows from here on; one that cannot be written is left as it was.
            with contextlib.suppress(JournalError):
                envelope = envelope.with_checks()
                envelope.save(place.envelope)
        db = Database.open(place.database, key, driver=options.sqlcipher(),
                           cache_kib=options.cache_kib)
        try:
            journal = cls(place, db, key, envelope, lock, options)
            journal._prepare(envelope.journal_id)
        except BaseException:
            db.close()
            raise
        return journal

    @classmethod
    def restore_new(
        cls, folder: Path, source: Path, passphrase: str, options: JournalOptions | None = None
    ) -> Journal:
        """Recreate a journal from a backup in an empty folder (the backup's passphrase).

        The copy is checked page by page, structure and index, before the key file is
        written, so a damaged backup leaves no journal behind that would fail `check`.
        """
        options = options or JournalOptions()
        driver = options.sqlcipher()
        place = check_creatable(folder)
        backup_service.check_backup_file(source)  # before the folder and its lock are made
        make_private_dir(folder)
        with backup_service.unpacked_backup(place, source) as (lock, staged, info, sealed):
            envelope, key = backup_service.opened_backup_envelope(sealed, passphrase, options)
            backup_service.verify_backup(staged, key, info, driver)
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
            existing_journal(folder)  # raises the plain "no journal here" error
        with backup_service.unpacked_backup(place, source) as (lock, staged, info, sealed):
            kept = backup_service.usable_envelope(place, sealed, passphrase, options)
            envelope, key = kept or backup_service.opened_backup_envelope(
                sealed, passphrase, options)
            backup_service.verify_backup(staged, key, info, driver)
            aside = place.root / f"damaged-{utc_now():%Y%m%d-%H%M%S}"
            damaged = [place.database, *place.sidecars()]
            backup_service.set_aside(aside, damaged if kept else [*damaged, place.envelope])
            if kept is None:
                envelope.save(place.envelope)
            staged.replace(place.database)
            return cls._open_keyed(place, envelope, key, lock, options), aside

    def _prepare(self, journal_id: str) -> None:
        """Migrate (after a verified backup), check identity, sync the shipped taxonomy."""
        db = self._db
        version = schema.schema_version(db)
        if schema.needs_migration(db) and version > 0:
            self.backups.backup(reason=BEFORE_UPGRADE)
        schema.migrate(db)
        with db.transaction():
            stored = meta.get(db, "journal_id")
            if stored is None:
                meta.put(db, "journal_id", journal_id)
                meta.put_time(db, "created_at", utc_now())
            elif stored != journal_id:
                raise EnvelopeMismatchError(
                    "The journal's key file belongs to another journal.",
                    "Restore the journal from a backup.",
                )
            if meta.get(db, "catalog_version") != self.catalog.version:
                tag_sql.sync_builtin(db, self.catalog.competencies + self.catalog.themes)
                meta.put(db, "catalog_version", self.catalog.version)
            self._entries.purge_trash()
        self._use_catalog(self.templates.catalog())  # the kinds ask the user's templates

    def _use_catalog(self, catalog: Catalog) -> None:
        """Make every part of the journal read prompts through this catalog."""
        self.catalog = catalog
        self._entries.use_catalog(catalog)
        self.exchange.use_catalog(catalog)
        if self._sharing is not None:
            self._sharing.use_catalog(catalog)

    def _reopen(self) -> None:
        """Open the database file again after a restore replaced it, and prepare it."""
        self._db.reopen(self.keys.key, cache_kib=self._options.cache_kib)
        self._prepare(self.journal_id)

    def close(self) -> None:
        """Checkpoint, close the database, forget the key and release the lock."""
        try:
            self.endorsement.forget()  # what progress kept from the entries
            self._db.close()
        finally:
            self._lock.release()
            self.keys.forget()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def entries(self) -> Entries:
        """Return the entries and drafts of this journal."""
        return self._entries

    @property
    def tags(self) -> Tags:
        """Return the tags of this journal (calling it lists them, as `tags()` always did)."""
        return self._tags

    @property
    def sharing(self) -> Sharing:
        """Return the supervision round trip for this journal (cards, bundles, comments)."""
        if self._sharing is None:
            # Loaded on first use: unlocking needs none of the bundle cryptography.
            from reflectjournal.services.sharing import Sharing

            self._sharing = Sharing(self._db, self.catalog, self._entries, self._tags)
        return self._sharing

    def endorsement_records(self) -> EndorsementRecords:
        """Return what the Endorsement ledger reads: its entries (no text), providers, profile."""
        return self.endorsement.records()

    @property
    def foreign_import(self) -> ForeignImport:
        """Return previews and imports of other apps' files (jrnl, Day One, Markdown)."""
        if self._foreign is None:
            from reflectjournal.services.foreign_import import ForeignImport

            self._foreign = ForeignImport(self._db, self.exchange)
        return self._foreign

    @property
    def hours_import(self) -> HoursImport:
        """Return previews and imports of spreadsheets of past trainings and RSC (CSV)."""
        if self._hours is None:
            from reflectjournal.services.hours_import import HoursImport

            self._hours = HoursImport(self._db, self.exchange)
        return self._hours

    @property
    def journal_id(self) -> str:
        """Return the journal's id."""
        return self.keys.journal_id

    def trace_sql(self, callback: Callable[[str], None] | None) -> None:
        """Call callback with each SQL statement the journal runs (None stops): to measure."""
        self._db.trace(callback)

    def key_file_warning(self) -> str:
        """Return what to tell on unlocking about a damaged slot of the key file, or ""."""
        if "recovery" in self.keys.envelope.damaged:
            return str(recovery_slot_damaged())
        return ""

    def restore_from(self, source: Path) -> Restored:
        """Replace this journal's database with a backup of the same journal (see Backups)."""
        return self.backups.restore_from(source, self._reopen)

    def rotate_key(self, current: str, new: str, progress: Progress | None = None) -> KeyRotated:
        """Re-encrypt the database under a new data key (a verified backup first)."""
        return rotate_data_key(self._db, self.keys, self.backups, current, new, progress)

    def import_json(self, data: bytes | BinaryIO) -> ImportResult:
        """Import an export file (bytes or a binary stream) in one transaction; skip known ids."""
        result = self.exchange.import_json(data)
        if result.new_prompts:  # the file's own prompt wordings: its answers show under them
            self._use_catalog(self.templates.catalog())
        return result
