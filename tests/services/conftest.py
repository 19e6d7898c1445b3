"""Fixtures for the service tests: a second journal, and a closed journal holding one entry."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from reflectjournal.services.journal import Journal
from tests.helpers.journals import FAST, PASSPHRASE, add_entry


@pytest.fixture
def other_dir(tmp_path: Path) -> Path:
    """Return a folder for a second journal."""
    return tmp_path / "other"


@pytest.fixture
def other(other_dir: Path, make_journal: Callable[[Path], Journal]) -> Journal:
    """Return a second, empty journal."""
    return make_journal(other_dir)


@pytest.fixture
def created(journal_dir: Path) -> tuple[Path, str]:
    """Create a journal holding one entry, close it, and return its folder and recovery key."""
    opened, recovery = Journal.create(journal_dir, PASSPHRASE, FAST)
    with opened:
        add_entry(opened, title="Kept safe", body="the first entry")
    return journal_dir, recovery
