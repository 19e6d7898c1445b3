"""The key file: changing the passphrase, recovery keys and the production KDF."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from reflectjournal.domain.errors import (
    InvalidInputError,
    WrongPassphraseError,
    WrongRecoveryKeyError,
)
from reflectjournal.services.journal import Journal, JournalOptions
from reflectjournal.store.envelope import PRODUCTION_KDF, load_envelope
from tests.helpers.journals import FAST, NEW_PASSPHRASE, PASSPHRASE, add_entry, open_journal
from tests.helpers.leaks import folder_bytes


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_passphrase_change_leaves_the_database_untouched(
    journal: Journal, journal_dir: Path
) -> None:
    add_entry(journal, title="Kept safe")
    db_hash = _digest(journal_dir / "journal.db")
    before = {name: data for name, data in folder_bytes(journal_dir).items()
              if name != "journal.key"}
    key_before = (journal_dir / "journal.key").read_bytes()
    journal.change_passphrase(PASSPHRASE, NEW_PASSPHRASE)
    assert _digest(journal_dir / "journal.db") == db_hash
    # Nor any other file but the key file (the -wal and -shm included).
    assert {n: d for n, d in folder_bytes(journal_dir).items() if n != "journal.key"} == before
    assert (journal_dir / "journal.key").read_bytes() != key_before
    journal.close()
    with pytest.raises(WrongPassphraseError):
        open_journal(journal_dir)
    with open_journal(journal_dir, NEW_PASSPHRASE) as reopened:
        assert [e.title for e in reopened.list_entries()] == ["Kept safe"]


def test_passphrase_change_needs_the_current_one_and_a_good_new_one(
    journal: Journal, journal_dir: Path
) -> None:
    before = (journal_dir / "journal.key").read_bytes()
    with pytest.raises(WrongPassphraseError):
        journal.change_passphrase(NEW_PASSPHRASE, "another good passphrase")
    with pytest.raises(InvalidInputError):
        journal.change_passphrase(PASSPHRASE, "short")
    assert (journal_dir / "journal.key").read_bytes() == before


def test_recovery_sets_a_new_passphrase(created: tuple[Path, str]) -> None:
    folder, recovery = created
    with Journal.recover(folder, recovery.lower(), NEW_PASSPHRASE, FAST) as recovered:
        assert [e.title for e in recovered.list_entries()] == ["Kept safe"]
    with pytest.raises(WrongPassphraseError):
        open_journal(folder)
    open_journal(folder, NEW_PASSPHRASE).close()


def test_recovery_requires_a_valid_new_passphrase(created: tuple[Path, str]) -> None:
    folder, recovery = created
    before = folder_bytes(folder)
    with pytest.raises(InvalidInputError):
        Journal.recover(folder, recovery, "short", FAST)
    assert folder_bytes(folder) == before
    open_journal(folder).close()


def test_wrong_recovery_key_changes_nothing(created: tuple[Path, str]) -> None:
    folder, recovery = created
    before = folder_bytes(folder)
    typo = ("A" if recovery[0] != "A" else "C") + recovery[1:]
    with pytest.raises(WrongRecoveryKeyError):
        Journal.recover(folder, typo, NEW_PASSPHRASE, FAST)
    assert folder_bytes(folder) == before
    open_journal(folder).close()  # the lock was given back


def test_new_recovery_key_invalidates_the_old_one(created: tuple[Path, str]) -> None:
    folder, old = created
    with open_journal(folder) as opened:
        new = opened.new_recovery_key()
    assert new != old
    with pytest.raises(WrongRecoveryKeyError):
        Journal.recover(folder, old, NEW_PASSPHRASE, FAST)
    Journal.recover(folder, new, NEW_PASSPHRASE, FAST).close()


@pytest.mark.slow
def test_production_kdf_meets_the_floors_and_unlocks(journal_dir: Path) -> None:
    opened, _ = Journal.create(journal_dir, PASSPHRASE, JournalOptions())
    opened.close()
    params = load_envelope(journal_dir / "journal.key").passphrase_params
    assert params.memory_kib >= 64 * 1024
    assert params.iterations >= 3
    PRODUCTION_KDF.check(params)
    with Journal.open(journal_dir, PASSPHRASE) as reopened:
        assert reopened.check().ok
