"""Retiring a data key: re-encrypt the database under a new one, after a verified backup.

A passphrase change only rewraps the data key, so an old copy of journal.key (from any old
backup) with the old passphrase still opens the current database. Rotation ends that: the
database is rewritten under a new random data key and the key file wraps the new key under
the new passphrase and a new recovery key (the old recovery key wrapped the old data key,
and cannot be rewrapped without it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reflectjournal.domain.errors import InvalidInputError
from reflectjournal.domain.passphrase import passphrase_problem
from reflectjournal.services.backups import Backups
from reflectjournal.services.keys import Keys
from reflectjournal.store import rekey
from reflectjournal.store.backup import BEFORE_REKEY
from reflectjournal.store.database import Database

Progress = Callable[[str, int, int], None]
"""Called with what is being done, the step (from 1) and the number of steps."""

STEPS = ("Making a verified backup", "Re-encrypting the database",
         "Checking the re-encrypted database", "Saving the new key file")


@dataclass(frozen=True, slots=True)
class KeyRotated:
    """What a rotation made: the backup of the journal as it was, and the new recovery key."""

    backup: Path
    recovery_key: str


def rotate_data_key(db: Database, keys: Keys, backups: Backups, current: str, new: str,
                    progress: Progress | None = None) -> KeyRotated:
    """Re-encrypt the database under a new data key wrapped by `new`; return what it made."""
    tell = progress or (lambda _what, _step, _steps: None)
    keys.envelope.unwrap_with_passphrase(current, keys.kdf)  # the passphrase, asked again
    problem = passphrase_problem(new)
    if problem:
        raise InvalidInputError(problem)
    tell(STEPS[0], 1, len(STEPS))
    backup = backups.backup(reason=BEFORE_REKEY)
    envelope, key, recovery_key = keys.next_key(new)
    tell(STEPS[1], 2, len(STEPS))
    rekey.rekey(db, key)
    tell(STEPS[2], 3, len(STEPS))
    rekey.check_rekeyed(db, key)
    tell(STEPS[3], 4, len(STEPS))
    keys.adopt(envelope, key)
    return KeyRotated(backup, recovery_key)
