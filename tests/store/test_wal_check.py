"""A damaged write-ahead log is found before SQLite replays it and drops saved changes.

The log is the one a crash leaves: a copy of the journal's files taken while it is open
with saved, uncheckpointed transactions (as a kill -9 or a mid-write copy leaves them).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reflectjournal.domain.errors import JournalDamagedError
from reflectjournal.services.journal import Journal
from reflectjournal.store.wal_check import wal_problem
from tests.helpers.journals import FAST, PASSPHRASE, add_entry, open_journal

ENTRIES = 12


@pytest.fixture(scope="module")
def crashed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a journal folder as a crash leaves it: every entry saved, most only in the WAL."""
    root = tmp_path_factory.mktemp("crashed")
    live = root / "live"
    with Journal.create(live, PASSPHRASE, FAST)[0] as journal:
        for n in range(ENTRIES):
            add_entry(journal, title=f"Visit {n}", body="she looked for her mother " * 30)
        copy = root / "copy"
        copy.mkdir()
        for name in ("journal.key", "journal.db", "journal.db-wal"):
            shutil.copy2(live / name, copy / name)
    return copy


@pytest.fixture
def journal_copy(crashed: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "journal"
    shutil.copytree(crashed, folder)
    return folder


def test_the_crash_copy_holds_saved_entries_in_its_log_and_opens_whole(
    journal_copy: Path,
) -> None:
    assert (journal_copy / "journal.db-wal").stat().st_size > 10 * 4096
    assert wal_problem(journal_copy / "journal.db-wal") is None
    with open_journal(journal_copy) as journal:
        assert journal.count_entries() == ENTRIES


def _offsets(size: int) -> list[int]:
    frame = 24 + 4096
    # The header, the first frame's header, the last frame's page and points between.
    return [0, 5, 12, 17, 27, 32, 36, 44, 52, 32 + 24 + 100, size - 1,
            *(32 + frame * k + 2000 for k in range(1, (size - 32) // frame - 1, 3))]


def test_every_flipped_byte_in_the_log_is_told_as_damage_not_dropped(
    journal_copy: Path, crashed: Path
) -> None:
    wal = journal_copy / "journal.db-wal"
    healthy = (crashed / "journal.db-wal").read_bytes()
    offsets = _offsets(len(healthy))
    assert len(offsets) > 15
    for offset in offsets:
        for name in ("journal.db", "journal.db-wal"):
            shutil.copy2(crashed / name, journal_copy / name)
        (journal_copy / "journal.db-shm").unlink(missing_ok=True)
        data = bytearray(healthy)
        data[offset] ^= 0x01
        wal.write_bytes(bytes(data))
        with pytest.raises(JournalDamagedError, match="write-ahead log"):
            open_journal(journal_copy).close()
        assert wal.read_bytes() == bytes(data), offset  # nothing was replayed or rewritten


def test_a_log_cut_mid_frame_is_an_unfinished_write_not_damage(journal_copy: Path) -> None:
    wal = journal_copy / "journal.db-wal"
    data = wal.read_bytes()
    wal.write_bytes(data[: len(data) - 1000])  # the last frame half written, never committed
    assert wal_problem(wal) is None


def test_a_database_emptied_or_cut_mid_page_next_to_its_log_does_not_open(
    journal_copy: Path,
) -> None:
    # Truncated to 0 bytes beside its -wal, it used to open with entries missing, check ok.
    database = journal_copy / "journal.db"
    data = database.read_bytes()
    for cut in (b"", data[:-1]):
        database.write_bytes(cut)
        with pytest.raises(JournalDamagedError, match="cut short"):
            open_journal(journal_copy).close()
