"""A full disk is told as a full disk, never as damage, and loses nothing.

The journal lives on a real 8 MiB tmpfs filled to the last byte (mounting needs root:
the test is skipped with that reason elsewhere; CI runs as root).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from reflectjournal.cli.main import run
from reflectjournal.services.journal import Journal
from tests.helpers.journals import FAST, PASSPHRASE, add_entry


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """Return the root of a freshly mounted 8 MiB tmpfs; unmounted afterwards."""
    mount = tmp_path / f"tiny-{uuid.uuid4().hex[:6]}"
    mount.mkdir()
    mount_tool, umount_tool = shutil.which("mount"), shutil.which("umount")
    if os.geteuid() != 0 or mount_tool is None or umount_tool is None:
        pytest.skip("mounting a tmpfs needs root")
    done = subprocess.run([mount_tool, "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount)],
                          capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run([umount_tool, "-l", str(mount)], check=False)


def _fill(disk: Path) -> Path:
    filler = disk / "filler"
    with contextlib.suppress(OSError), filler.open("wb") as handle:
        while True:
            handle.write(b"\0" * 65536)
            handle.flush()
    with contextlib.suppress(OSError), filler.open("ab") as handle:
        while True:
            handle.write(b"\0" * 512)
            handle.flush()
    assert shutil.disk_usage(disk).free < 4096
    return filler


def test_every_command_on_a_full_disk_says_the_disk_is_full_and_nothing_is_lost(
    tiny_disk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("REFLECTJOURNAL_PASSPHRASE", PASSPHRASE)
    folder = tiny_disk / "journal"
    with Journal.create(folder, PASSPHRASE, FAST)[0] as journal:
        for n in range(5):
            add_entry(journal, title=f"Visit {n}", body="she looked for her mother " * 50)
        backup = journal.backup(tmp_path / "saved.rjbackup")  # on another disk
    healthy = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    filler = _fill(tiny_disk)
    commands = [
        ("list",), ("search", "mother"), ("check",), ("backup",),
        ("add", "--kind", "reflection", "--title", "new", "--body", "x" * 5000),
        ("export", "--format", "json", "--output", str(tiny_disk / "out.json")),
        ("restore", str(backup)),
    ]
    for command in commands:
        status = run(["--journal", str(folder), *command], options=FAST)
        err = capsys.readouterr().err
        assert status == 1, command
        assert "is full" in err, (command, err)
        assert "not damaged" in err, (command, err)
        assert "cannot be read" not in err, (command, err)
        assert "internal error" not in err, (command, err)
    filler.unlink()
    assert {p.name: p.read_bytes() for p in folder.iterdir()
            if p.is_file() and p.name in healthy} == healthy
    assert not list(folder.glob("damaged-*"))
    assert run(["--journal", str(folder), "check"], options=FAST) == 0
    with Journal.open(folder, PASSPHRASE, FAST) as journal:
        assert journal.count_entries() == 5
