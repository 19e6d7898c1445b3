"""Journals for tests: passphrases, the cheap KDF parameters, entries, damage, paired journals."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from reflectjournal.domain.entry import Entry, EntryChanges, EntrySummary
from reflectjournal.domain.ids import EntryId
from reflectjournal.services.journal import Journal, JournalOptions
from reflectjournal.store.envelope import KdfParams, KdfPolicy
from reflectjournal.store.testing import FAST_KDF

PASSPHRASE = "correct horse battery staple"

# Unit tests that run in this process lower the KDF cost here only, with the policy the
# benchmarks share (FAST_KDF is re-exported for the tests that check envelopes with it).
FAST = JournalOptions(kdf=FAST_KDF)


# Subprocess tests run the real command line, which enforces the production floor, so
# journals made for them use the cheapest parameters that floor accepts (about 0.1 s).
FLOOR_KDF = KdfPolicy(fixed=KdfParams(64 * 1024, 3, 1))
FLOOR = JournalOptions(kdf=FLOOR_KDF)


def exchange_cards(a: Journal, b: Journal, *, verify: bool = True) -> str:
    """Import each journal's card in the other; compare and verify the code; return it."""
    contact_b, code_at_a = a.sharing.add_contact(b.sharing.card_bytes())
    contact_a, code_at_b = b.sharing.add_contact(a.sharing.card_bytes())
    assert code_at_a == code_at_b  # the two people read out the same code
    if verify:
        a.sharing.verify_contact(contact_b.card.fingerprint, code_at_b)
        b.sharing.verify_contact(contact_a.card.fingerprint, code_at_a)
    return code_at_a


def paired_journals(folder: Path) -> tuple[Journal, Journal]:
    """Create a clinician's (Sam Rivera) and a supervisor's (Dr. Ada Obi) journals in folder,
    their cards exchanged and verified; the caller closes both."""
    clinician, _ = Journal.create(folder / "clinician", PASSPHRASE, FAST)
    supervisor, _ = Journal.create(folder / "supervisor", PASSPHRASE, FAST)
    clinician.sharing.my_card("Sam Rivera", "Home visitor")
    supervisor.sharing.my_card("Dr. Ada Obi", "Reflective supervisor")
    exchange_cards(clinician, supervisor)
    return clinician, supervisor


NEW_PASSPHRASE = "a completely different passphrase"


def open_journal(folder: Path, passphrase: str = PASSPHRASE) -> Journal:
    """Open the journal in folder with the cheap KDF (close it, or use it in `with`)."""
    return Journal.open(folder, passphrase, FAST)


def add_entry(journal: Journal, **values: Any) -> Entry:
    """Add an entry with these values (a reflection unless a kind is given)."""
    values.setdefault("kind", "reflection")
    return journal.add_entry(EntryChanges(**values))


def entry_ids(rows: Iterable[Entry | EntrySummary]) -> list[EntryId]:
    """Return the ids of listed entries, in their order."""
    return [row.id for row in rows]


def flip_byte(offset: int) -> Callable[[Path], None]:
    """Return a damage: invert one byte of a file, at offset."""
    def damage(path: Path) -> None:
        data = bytearray(path.read_bytes())
        data[offset] ^= 0xFF
        path.write_bytes(bytes(data))
    return damage


STORED_JOURNALS = Path(__file__).resolve().parents[1] / "fixtures"
"""Journals as older versions wrote them (tests/fixtures/README.md says how each was made)."""


def copy_stored_journal(name: str, tmp_path: Path) -> Path:
    """Copy the stored journal `name` into tmp_path (opening it migrates the copy); return it."""
    folder = tmp_path / "journal"
    shutil.copytree(STORED_JOURNALS / name, folder)
    return folder
