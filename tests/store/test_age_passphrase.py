"""Our age passphrase files are age v1 files: pyrage (rage) opens them, and only with the words."""

from __future__ import annotations

import pyrage
import pytest

from reflectjournal.store import age_passphrase
from reflectjournal.store import sealed_bundle as sealed

WORDS = "maple orbit candle velvet harbor sprout"


@pytest.mark.parametrize("size", [0, 1, 64 * 1024 - 1, 64 * 1024, 64 * 1024 + 1, 200_000])
def test_pyrage_reads_what_we_write(size: int) -> None:
    plaintext = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
    data = age_passphrase.encrypt(plaintext, WORDS, 10)
    assert bytes(pyrage.passphrase.decrypt(data, WORDS)) == plaintext
    with pytest.raises(pyrage.DecryptError):
        pyrage.passphrase.decrypt(data, "other words")


def test_bundles_are_written_at_the_work_factor_every_receiver_accepts() -> None:
    data = sealed.seal_with_passphrase(b"{}", WORDS)
    header = sealed.read_header(data)
    assert (header.stanza_types, header.scrypt_log_n) == (("scrypt",), sealed.MAX_SCRYPT_LOG_N)
    assert sealed.unseal_with_passphrase(data, WORDS) == b"{}"
    assert age_passphrase.scrypt_memory_bytes(sealed.MAX_SCRYPT_LOG_N) == 128 * 1024 * 1024


def test_a_flipped_byte_in_the_header_or_payload_is_refused() -> None:
    data = bytearray(age_passphrase.encrypt(b"some text" * 100, WORDS, 10))
    for offset in (30, len(data) - 5):
        damaged = bytes(data[:offset]) + bytes([data[offset] ^ 1]) + bytes(data[offset + 1:])
        with pytest.raises(pyrage.DecryptError):
            pyrage.passphrase.decrypt(damaged, WORDS)
