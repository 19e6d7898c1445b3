"""Journals for tests: the passphrase, the cheap KDF parameters, paired journals."""

from __future__ import annotations

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


def exchange_cards(a: Journal, b: Journal, *, verify: bool = True) -> str:
    """Import each journal's card in the other; compare and verify the code; return it."""
    contact_b, code_at_a = a.sharing.add_contact(b.sharing.card_bytes())
    contact_a, code_at_b = b.sharing.add_contact(a.sharing.card_bytes())
    assert code_at_a == code_at_b  # the two people read out the same code
    if verify:
        a.sharing.verify_contact(contact_b.card.fingerprint, code_at_b)
        b.sharing.verify_contact(contact_a.card.fingerprint, code_at_a)
    return code_at_a
