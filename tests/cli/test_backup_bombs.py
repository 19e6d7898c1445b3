"""A backup that unpacks to far more than its size is refused before a byte is written.

The bomb is a real backup's manifest and key file with a journal.db member of 3 GiB of
zeros deflated into 3 MiB (a valid zip: the right CRC and sizes). The restore, into the
journal and into an empty folder, is refused by the budget checked before writing, with
nothing changed; a stored member whose header claims more than the file holds likewise.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

import pytest

from reflectjournal.domain.errors import BackupError
from reflectjournal.services.journal import Journal
from tests.helpers.cli import Result, isolated_env, run_subprocess
from tests.helpers.journals import FAST, FLOOR, PASSPHRASE, add_entry
from tests.helpers.leaks import folder_bytes

_MIB = 1 << 20
_BOMB_MIB = 3 * 1024


def _deflated_zeros(mib: int) -> tuple[bytes, int]:
    """Return a raw deflate stream of mib MiB of zeros, and their CRC-32, cheaply.

    After a full flush the compressor starts afresh, so every later MiB compresses to the
    same bytes: one MiB is compressed and its segment repeated.
    """
    zeros = bytes(_MIB)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = packer.compress(zeros) + packer.flush(zlib.Z_FULL_FLUSH)
    repeated = packer.compress(zeros) + packer.flush(zlib.Z_FULL_FLUSH)
    stream = first + repeated * (mib - 1) + packer.flush()
    crc = 0
    for _ in range(mib):
        crc = zlib.crc32(zeros, crc)
    return stream, crc


def _zip(members: list[tuple[str, bytes, int, int, int]]) -> bytes:
    """Build a zip by hand from (name, data, method, crc, declared size) members."""
    body, central = b"", b""
    for name, data, method, crc, size in members:
        encoded = name.encode()
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0x21,
                               crc, len(data), size, len(encoded), 0, 0, 0, 0, 0, len(body))
        central += encoded
        body += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, crc,
                            len(data), size, len(encoded), 0) + encoded + data
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central),
                      len(body), 0)
    return body + central + end


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """Return a journal (closed), a bomb made from its backup, and a stored liar."""
    root = tmp_path_factory.mktemp("bombs")
    folder = root / "journal"
    journal = Journal.create(folder, PASSPHRASE, FLOOR)[0]
    with journal:
        add_entry(journal, title="Visit", body="the baby looked for her mother")
        backup = journal.backup(root / "real.rjbackup")
    with zipfile.ZipFile(backup) as archive:
        manifest, key = archive.read("manifest.json"), archive.read("journal.key")
    small = [("manifest.json", manifest, 0, zlib.crc32(manifest), len(manifest)),
             ("journal.key", key, 0, zlib.crc32(key), len(key))]
    stream, crc = _deflated_zeros(_BOMB_MIB)
    bomb = root / "bomb.rjbackup"
    bomb.write_bytes(_zip([*small, ("journal.db", stream, zipfile.ZIP_DEFLATED, crc,
                                    _BOMB_MIB * _MIB)]))
    # Stored, but the header claims a size the file does not hold.
    liar = root / "liar.rjbackup"
    liar.write_bytes(_zip([*small, ("journal.db", b"\0" * 4096, 0, 0, 3 * 1024 * _MIB)]))
    return folder, bomb, liar


def test_the_bomb_is_what_it_claims(made: tuple[Path, Path, Path]) -> None:
    _, bomb, _ = made
    assert bomb.stat().st_size < 4 * _MIB
    with zipfile.ZipFile(bomb) as archive:
        assert archive.getinfo("journal.db").file_size == 3 * 1024 * _MIB
        with archive.open("journal.db") as member:  # it does unpack, byte for byte
            assert member.read(_MIB) == bytes(_MIB)


def _told(result: Result) -> None:
    assert result.status == 1, result.err
    assert "far more than its own size" in result.err
    assert "internal error" not in result.err
    assert result.err.count("\n") == 1


@pytest.mark.parametrize("which", [1, 2])
def test_restoring_a_bomb_into_the_journal_is_refused_before_writing(
    made: tuple[Path, Path, Path], tmp_path: Path, which: int
) -> None:
    folder, source = made[0], made[which]
    env = isolated_env(tmp_path / "home", REFLECTJOURNAL_PASSPHRASE=PASSPHRASE)
    before = folder_bytes(folder)
    _told(run_subprocess(["--journal", str(folder), "restore", str(source)], env))
    assert folder_bytes(folder) == before
    assert sorted(p.name for p in folder.iterdir()) == ["journal.db", "journal.key",
                                                         "journal.lock"]


@pytest.mark.parametrize("which", [1, 2])
def test_restoring_a_bomb_into_an_empty_folder_is_refused_before_writing(
    made: tuple[Path, Path, Path], tmp_path: Path, which: int
) -> None:
    env = isolated_env(tmp_path / "home", REFLECTJOURNAL_PASSPHRASE=PASSPHRASE)
    empty, missing = tmp_path / "empty", tmp_path / "missing"
    empty.mkdir()
    for target in (empty, missing):
        _told(run_subprocess(["--journal", str(target), "restore", str(made[which])], env))
    assert list(empty.iterdir()) == []
    assert not missing.exists()


def test_the_budget_is_checked_in_the_service_too(
    made: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    # Past the command line's early check: Journal.restore_new itself refuses it.
    with pytest.raises(BackupError, match="far more than its own size"):
        Journal.restore_new(tmp_path / "new", made[1], PASSPHRASE, FAST)
    assert not (tmp_path / "new").exists()


def test_the_budget_is_checked_in_a_restore_into_the_journal_too(
    made: tuple[Path, Path, Path]
) -> None:
    folder = made[0]
    before = folder_bytes(folder)
    with Journal.open(folder, PASSPHRASE, FAST) as journal:
        for source in made[1:]:
            with pytest.raises(BackupError, match="far more than its own size"):
                journal.restore_from(source)
            assert not list(folder.glob(".restore-*"))
    assert folder_bytes(folder)["journal.key"] == before["journal.key"]
