"""An open journal's keys: the data key in memory, and the key file wrapping it."""

from __future__ import annotations

from pathlib import Path

from reflectjournal.domain.errors import InvalidInputError, JournalDamagedError
from reflectjournal.domain.passphrase import passphrase_problem
from reflectjournal.store.envelope import DataKey, Envelope, KdfParams, KdfPolicy


class Keys:
    """The data key and its envelope; rewrapping changes the key file, never the database."""

    def __init__(self, envelope: Envelope, key: DataKey, path: Path, kdf: KdfPolicy) -> None:
        self._envelope = envelope
        self._key = key
        self._path = path
        self._kdf = kdf

    @property
    def envelope(self) -> Envelope:
        """Return the key file as it is now."""
        return self._envelope

    @property
    def key(self) -> DataKey:
        """Return the data key (empty once forgotten)."""
        return self._key

    @property
    def kdf(self) -> KdfPolicy:
        """Return the bounds and cost the passphrase slot is derived with."""
        return self._kdf

    @property
    def journal_id(self) -> str:
        """Return the id of the journal the key file belongs to."""
        return self._envelope.journal_id

    def change_passphrase(self, current: str, new: str) -> None:
        """Rewrap the data key under a new passphrase; the database is not touched."""
        self._envelope.unwrap_with_passphrase(current, self._kdf)
        problem = passphrase_problem(new)
        if problem:
            raise InvalidInputError(problem)
        self.rewrap(new)

    def rewrap(self, new: str) -> None:
        """Wrap the data key under a new passphrase (already checked) and save the key file."""
        self._envelope = self._envelope.with_passphrase(self._key, new, self._params())
        self._envelope.save(self._path)

    def next_key(self, passphrase: str) -> tuple[Envelope, DataKey, str]:
        """Return a key file for a new data key and salt, the key and its recovery key.

        Nothing is saved: the database is re-encrypted first, then `adopt` saves this. The
        salt is new too, so an old key file is told apart at once ("do not belong together")
        rather than read as a damaged database.
        """
        key = DataKey.generate()
        blank = Envelope(self._envelope.journal_id, key.salt, {})
        with_passphrase = blank.with_passphrase(key, passphrase, self._params())
        envelope, recovery_key = with_passphrase.with_recovery_key(key)
        return envelope, key, recovery_key

    def adopt(self, envelope: Envelope, key: DataKey) -> None:
        """Save the key file of a new data key the database is now encrypted with."""
        envelope.save(self._path)
        self._envelope, self._key = envelope, key

    def _params(self) -> KdfParams:
        """Return the passphrase slot's cost, recalibrated if it is out of today's bounds."""
        params = self._envelope.passphrase_params
        try:
            self._kdf.check(params)
        except JournalDamagedError:
            params = self._kdf.calibrate()
        return params

    def new_recovery_key(self) -> str:
        """Replace the recovery key; the old one stops working. Return the new one."""
        self._envelope, recovery_key = self._envelope.with_recovery_key(self._key)
        self._envelope.save(self._path)
        return recovery_key

    def forget(self) -> None:
        """Drop the data key from this object (the journal is locking)."""
        self._key = DataKey(b"", b"")
