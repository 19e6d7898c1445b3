"""Shared fixtures: cheap KDF parameters (tests only), private folders, a fresh journal."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

# Qt must never try to reach a display in tests (it aborts the process without one).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from reflectjournal.services.journal import Journal, JournalOptions
from reflectjournal.store.envelope import KdfParams, KdfPolicy

PASSPHRASE = "correct horse battery staple"

# The only place KDF cost is lowered: unit tests that run in this process.
FAST_KDF = KdfPolicy(min_memory_kib=8, min_iterations=1, fixed=KdfParams(64, 1, 1))
FAST = JournalOptions(kdf=FAST_KDF)

# Subprocess tests run the real command line, which enforces the production floor, so
# journals made for them use the cheapest parameters that floor accepts (about 0.1 s).
FLOOR_KDF = KdfPolicy(fixed=KdfParams(64 * 1024, 3, 1))
FLOOR = JournalOptions(kdf=FLOOR_KDF)



def encodings(text: str) -> list[bytes]:
    """Return text as a leak would show in a file: UTF-8 and both UTF-16s."""
    return [text.encode(encoding) for encoding in ("utf-8", "utf-16-le", "utf-16-be")]


def found_in(data: bytes, *texts: str) -> list[str]:
    """Return which of the texts appear in data, in any of those encodings."""
    return [text for text in texts if any(coded in data for coded in encodings(text))]

def exchange_cards(a: Journal, b: Journal, *, verify: bool = True) -> str:
    """Import each journal's card in the other; compare and verify the code; return it."""
    contact_b, code_at_a = a.sharing.add_contact(b.sharing.card_bytes())
    contact_a, code_at_b = b.sharing.add_contact(a.sharing.card_bytes())
    assert code_at_a == code_at_b  # the two people read out the same code
    if verify:
        a.sharing.verify_contact(contact_b.card.fingerprint, code_at_b)
        b.sharing.verify_contact(contact_a.card.fingerprint, code_at_a)
    return code_at_a


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
