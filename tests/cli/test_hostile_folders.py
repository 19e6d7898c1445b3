"""Hostile journal folders through the real command line: each told plainly, nothing changed.

A folder the user may read but not write, or not read at all, a read-only drive, and a
lock file that is a folder or a link: every command says what is wrong and what to do,
exits 1, and leaves every byte and mode of the journal as it was.

The tests run as root here, and root is not refused by file modes. The unprivileged
cases therefore run the command without the two capabilities that bypass modes
(setpriv drops CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH), which is what an ordinary user
has; an ordinary user running the tests needs no wrapper. The read-only drive is a
read-only bind mount made in a private mount namespace (unshare), gone with the process.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from reflectjournal.services.journal import Journal
from tests.helpers.cli import Result, isolated_env, run_subprocess
from tests.helpers.journals import FLOOR, PASSPHRASE
from tests.helpers.leaks import folder_bytes
from tests.helpers.privileges import unprivileged


def modes(folder: Path) -> dict[str, int]:
    """Return every path under folder (and folder itself) with its mode, links not followed."""
    found = {".": folder.lstat().st_mode}
    found.update({str(p.relative_to(folder)): p.lstat().st_mode for p in folder.rglob("*")})
    return found


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return isolated_env(tmp_path / "home", REFLECTJOURNAL_PASSPHRASE=PASSPHRASE)


def commands(out: Path) -> list[list[str]]:
    return [["list"], ["export", "--format", "json", "-o", str(out / "export.json")], ["check"],
            ["add", "--kind", "reflection", "--title", "x", "--body", "y"],
            ["backup", "-o", str(out / "elsewhere.rjbackup")]]


def run_each(folder: Path, env: dict[str, str], out: Path,
             prefix: Sequence[str] = ()) -> list[Result]:
    return [run_subprocess(["--journal", str(folder), *cmd], env, prefix=prefix)
            for cmd in commands(out)]


def assert_told(results: list[Result], *words: str) -> None:
    for result in results:
        assert result.status == 1, result.err
        assert "internal error" not in result.err
        assert "Traceback" not in result.err
        assert result.err.count("\n") == 1  # one line
        for word in words:
            assert word in result.err


@pytest.fixture
def out(tmp_path: Path) -> Path:
    path = tmp_path / "out"
    path.mkdir()
    return path


@pytest.mark.parametrize(("mode", "words"), [
    (0o500, ("may read the journal folder", "not write", "chmod 700")),
    (0o000, ("may not read the journal folder", "chmod 700")),
    (0o100, ("may not read the journal folder", "chmod 700")),
])
def test_a_folder_without_permission_is_told_and_left_as_it_was(
    floor_journal: Path, env: dict[str, str], out: Path, mode: int, words: tuple[str, ...]
) -> None:
    prefix = unprivileged()
    before, modes_before = folder_bytes(floor_journal), modes(floor_journal)
    floor_journal.chmod(mode)
    try:
        results = run_each(floor_journal, env, out, prefix)
    finally:
        floor_journal.chmod(0o700)
    assert_told(results, str(floor_journal), *words)
    assert folder_bytes(floor_journal) == before
    assert modes(floor_journal) == modes_before
    assert list(out.iterdir()) == []


def _read_only_mount_prefix(source: Path, target: Path) -> tuple[str, ...]:
    unshare, sh = shutil.which("unshare"), shutil.which("sh")
    if os.name != "posix" or os.geteuid() != 0 or unshare is None or sh is None:
        pytest.skip("a read-only mount needs root, unshare and sh")
    namespace = (unshare, "--mount", "--propagation", "private", sh, "-c")
    mount = f"mount --bind -o ro '{source}' '{target}'"
    probe = subprocess.run([*namespace, mount], capture_output=True, check=False)
    if probe.returncode != 0:
        pytest.skip(f"root cannot mount here: {probe.stderr.decode(errors='replace').strip()}")
    # The mount lives in the command's own namespace and ends with it.
    return (*namespace, f'{mount} && exec "$@"', "sh")


def test_a_journal_on_a_read_only_drive_is_told_and_left_as_it_was(
    floor_journal: Path, env: dict[str, str], out: Path, tmp_path: Path
) -> None:
    mounted = tmp_path / "mounted"
    mounted.mkdir()
    prefix = _read_only_mount_prefix(floor_journal, mounted)
    before, modes_before = folder_bytes(floor_journal), modes(floor_journal)
    results = run_each(mounted, env, out, prefix)
    assert_told(results, "read-only drive", "Copy the folder to a writable place")
    assert folder_bytes(floor_journal) == before
    assert modes(floor_journal) == modes_before
    assert list(out.iterdir()) == []
    assert list(mounted.iterdir()) == []  # the mount went with the process


def _lock_folder(lock: Path, _elsewhere: Path) -> None:
    lock.mkdir()


def _lock_link(lock: Path, elsewhere: Path) -> None:
    elsewhere.write_bytes(b"")
    lock.symlink_to(elsewhere)


def _lock_dangling_link(lock: Path, elsewhere: Path) -> None:
    lock.symlink_to(elsewhere)


@pytest.mark.parametrize(("make", "words"), [
    (_lock_folder, ("is a folder where the journal keeps its lock file", "rmdir")),
    (_lock_link, ("is a symbolic link", "does not follow links", "rm ")),
    (_lock_dangling_link, ("is a symbolic link", "does not follow links", "rm ")),
])
def test_a_lock_file_that_is_a_folder_or_a_link_is_refused(
    floor_journal: Path, env: dict[str, str], out: Path, tmp_path: Path,
    make: Callable[[Path, Path], None], words: tuple[str, ...],
) -> None:
    lock, elsewhere = floor_journal / "journal.lock", tmp_path / "elsewhere"
    lock.unlink()
    make(lock, elsewhere)
    before, modes_before = folder_bytes(floor_journal), modes(floor_journal)
    target_before = elsewhere.read_bytes() if elsewhere.exists() else None
    results = run_each(floor_journal, env, out)
    assert_told(results, str(lock), *words)
    assert folder_bytes(floor_journal) == before
    assert modes(floor_journal) == modes_before
    assert (elsewhere.read_bytes() if elsewhere.exists() else None) == target_before
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("name", ["journal.db", "journal.key"])
def test_a_journal_file_that_is_a_link_is_not_followed(
    floor_journal: Path, env: dict[str, str], tmp_path: Path, name: str
) -> None:
    real = tmp_path / name
    (floor_journal / name).replace(real)
    (floor_journal / name).symlink_to(real)
    before = real.read_bytes()
    result = run_subprocess(["--journal", str(floor_journal), "list"], env)
    assert_told([result], f"{floor_journal / name} is a symbolic link")
    assert real.read_bytes() == before


def test_a_backups_link_to_a_world_writable_folder_is_refused_never_chmod_ed(
    floor_journal: Path, env: dict[str, str], tmp_path: Path
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    (floor_journal / "backups").symlink_to(shared)
    result = run_subprocess(["--journal", str(floor_journal), "backup"], env)
    assert_told([result], f"{floor_journal / 'backups'} is a symbolic link")
    assert stat.S_IMODE(shared.stat().st_mode) == 0o777
    assert list(shared.iterdir()) == []


def test_under_umask_000_every_file_is_0600_and_every_folder_0700(
    tmp_path: Path, env: dict[str, str]
) -> None:
    folder = tmp_path / "journal"
    old = os.umask(0)
    try:
        # Made by the real command line's code path in this process (Journal.create, as
        # `init` does, but at the floor's KDF cost), then used by the real command line.
        Journal.create(folder, PASSPHRASE, FLOOR)[0].close()
    finally:
        os.umask(old)
    export = tmp_path / "export.json"
    for cmd in (["add", "--kind", "reflection", "--title", "x", "--body", "y"], ["backup"],
                ["check"], ["export", "--format", "json", "-o", str(export)]):
        done = subprocess.run(
            [shutil.which("sh") or "/bin/sh", "-c", 'umask 000 && exec "$@"', "sh",
             *_python_cli(folder, cmd)],
            env=env, capture_output=True, text=True, check=False, timeout=60)
        assert done.returncode == 0, done.stderr
    found = modes(folder)
    assert len(found) >= 6  # folder, db, key, lock, backups/, a backup
    for name, mode in found.items():
        expected = 0o700 if stat.S_ISDIR(mode) else 0o600
        assert stat.S_IMODE(mode) == expected, name
    assert stat.S_IMODE(export.stat().st_mode) == 0o600


def _python_cli(folder: Path, cmd: list[str]) -> list[str]:
    return [sys.executable, "-m", "reflectjournal", "--journal", str(folder), *cmd]
