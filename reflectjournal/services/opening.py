"""Before a journal opens: the options, the folder checks and unwrapping the data key."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from reflectjournal.domain.errors import (
    EnvelopeMismatchError,
    JournalDamagedError,
    JournalExistsError,
    JournalMissingError,
)
from reflectjournal.store import folder_checks
from reflectjournal.store.database import (
    DEFAULT_CACHE_KIB,
    load_driver,
    refuse_damaged_files,
    require_sqlcipher,
)
from reflectjournal.store.envelope import (
    PRODUCTION_KDF,
    DataKey,
    Envelope,
    KdfPolicy,
    load_envelope,
)
from reflectjournal.store.layout import JournalFolder


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


def unwrap_key(folder: Path, passphrase: str, options: JournalOptions) -> tuple[Envelope, DataKey]:
    """Derive the data key from the passphrase (the slow, KDF step of unlocking)."""
    place = existing_journal(folder)
    envelope = load_envelope(place.envelope)
    check_pairing(place, envelope)
    return envelope, envelope.unwrap_with_passphrase(passphrase, options.kdf)


def check_creatable(folder: Path) -> JournalFolder:
    """Refuse to create a journal where one exists; return the folder's layout."""
    place = JournalFolder(folder)
    folder_checks.check_readable(folder)
    if place.exists() or any(path.is_symlink() for path in (place.database, place.envelope)):
        raise JournalExistsError(
            f"A journal already exists in {folder}; it was left untouched.",
            "Choose another folder with --journal DIR.",
        )
    return place


def existing_journal(folder: Path) -> JournalFolder:
    """Return the folder's layout, or say plainly which part of the journal is missing."""
    place = JournalFolder(folder)
    folder_checks.check_readable(folder)
    folder_checks.check_own_files(place)
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
    folder_checks.check_writable(folder)
    return place


def check_pairing(place: JournalFolder, envelope: Envelope) -> None:
    """Tell a swapped key file apart from a damaged database before any key is tried.

    A database cut short or a damaged log is told first, as what it is.
    """
    refuse_damaged_files(place.database)
    with place.database.open("rb") as handle:
        header = handle.read(len(envelope.salt))
    if header != envelope.salt:
        raise EnvelopeMismatchError(
            "The journal's key file and database do not belong together: one of them was "
            "replaced or damaged.",
            "Restore the journal from a backup.",
        )
