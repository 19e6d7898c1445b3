"""One process per journal: the lock file, within a process and across processes."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from reflectjournal.domain.errors import JournalBusyError
from reflectjournal.store.lock import BUSY_MESSAGE, JournalLock

MESSAGE = "This journal is open in another window or process."

# Takes the lock, says so, then holds it until its stdin closes.
_HOLDER = """
import sys
from pathlib import Path
from reflectjournal.store.lock import JournalLock
lock = JournalLock(Path(sys.argv[1]))
lock.acquire()
print("locked", flush=True)
sys.stdin.read()
"""

# Tries the lock once and reports the outcome.
_TRIER = """
import sys
from pathlib import Path
from reflectjournal.domain.errors import JournalBusyError
from reflectjournal.store.lock import JournalLock
try:
    JournalLock(Path(sys.argv[1])).acquire()
except JournalBusyError as exc:
    print("busy:", exc.message)
else:
    print("acquired")
"""


@pytest.fixture
def lock_path(tmp_path: Path) -> Path:
    """Return the path of a journal's lock file."""
    return tmp_path / "journal.lock"


@contextmanager
def _held_by_child(lock_path: Path) -> Iterator[subprocess.Popen[str]]:
    with subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(lock_path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    ) as proc:
        assert proc.stdout is not None
        assert proc.stdin is not None
        try:
            assert proc.stdout.readline() == "locked\n"
            yield proc
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.wait(timeout=30)


def _try_in_child(lock_path: Path) -> str:
    result = subprocess.run(
        [sys.executable, "-c", _TRIER, str(lock_path)],
        capture_output=True, text=True, timeout=60, check=True,
    )
    return result.stdout.strip()


def test_busy_message_is_the_documented_one() -> None:
    assert BUSY_MESSAGE == MESSAGE


def test_second_lock_in_the_same_process_is_refused(lock_path: Path) -> None:
    with JournalLock(lock_path):
        with pytest.raises(JournalBusyError) as info:
            JournalLock(lock_path).acquire()
        assert info.value.message == MESSAGE
        assert str(info.value).startswith(MESSAGE)


def test_lock_is_free_again_after_release(lock_path: Path) -> None:
    first = JournalLock(lock_path)
    first.acquire()
    first.release()
    second = JournalLock(lock_path)
    second.acquire()
    second.release()


def test_acquire_and_release_are_idempotent(lock_path: Path) -> None:
    lock = JournalLock(lock_path)
    lock.acquire()
    lock.acquire()
    lock.release()
    lock.release()
    with JournalLock(lock_path):
        pass


def test_lock_file_stays_empty_and_private(lock_path: Path) -> None:
    with JournalLock(lock_path):
        assert lock_path.read_bytes() == b""
    assert lock_path.stat().st_mode & 0o077 == 0
    assert lock_path.read_bytes() == b""


def test_lock_held_by_another_process_is_refused(lock_path: Path) -> None:
    with _held_by_child(lock_path) as proc:
        with pytest.raises(JournalBusyError) as info:
            JournalLock(lock_path).acquire()
        assert info.value.message == MESSAGE
        assert proc.stdin is not None
        proc.stdin.close()
        assert proc.wait(timeout=30) == 0
    with JournalLock(lock_path):
        pass


def test_lock_of_a_killed_process_is_released(lock_path: Path) -> None:
    with _held_by_child(lock_path) as proc:
        proc.kill()
        proc.wait(timeout=30)
        with JournalLock(lock_path):
            pass


def test_another_process_is_refused_while_this_one_holds_the_lock(lock_path: Path) -> None:
    with JournalLock(lock_path):
        assert _try_in_child(lock_path) == f"busy: {MESSAGE}"
    assert _try_in_child(lock_path) == "acquired"
