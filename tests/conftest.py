"""Shared fixtures: private folders and fresh journals (cheap KDF: tests/helpers/journals.py)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

# Qt must never try to reach a display in tests (it aborts the process without one).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from reflectjournal.services.journal import Journal
from tests.helpers.journals import FAST, PASSPHRASE


@pytest.fixture
def runtime_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Give Qt a private XDG_RUNTIME_DIR so it does not warn."""
    path = tmp_path_factory.mktemp("runtime")
    path.chmod(0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(path))
    return path


@pytest.fixture
def journal_dir(tmp_path: Path) -> Path:
    """Return a folder path where a journal may be created."""
    return tmp_path / "journal"


@pytest.fixture
def make_journal() -> Iterator[Callable[[Path], Journal]]:
    """Return a function that creates open journals (fast KDF), all closed at teardown."""
    opened: list[Journal] = []

    def make(folder: Path) -> Journal:
        journal, _recovery = Journal.create(folder, PASSPHRASE, FAST)
        opened.append(journal)
        return journal

    yield make
    for journal in opened:
        journal.close()


@pytest.fixture
def journal(journal_dir: Path, make_journal: Callable[[Path], Journal]) -> Journal:
    """Return a new, open journal with fast KDF parameters."""
    return make_journal(journal_dir)
