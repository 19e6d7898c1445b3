"""Writing age v1 passphrase (scrypt) files with a work factor we choose.

pyrage picks the scrypt work factor by timing the sender's machine (about 1 s), so a fast
machine writes bundles that need 512 MiB or more to open, above the memory a receiver
allows (sealed_bundle.MAX_SCRYPT_LOG_N). Writing the file ourselves fixes the work factor;
everything else is the age v1 format exactly (age-encryption.org/v1, the scrypt recipient
stanza, the header MAC and the STREAM payload), and pyrage reads what this writes
(tests/store/test_age_passphrase.py). Only standard primitives from `cryptography` are used.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

_CHUNK = 64 * 1024
_SCRYPT_LABEL = b"age-encryption.org/v1/scrypt"


def _b64(data: bytes) -> bytes:
    return base64.b64encode(data).rstrip(b"=")


def _hkdf(key: bytes, salt: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(key)


def scrypt_memory_bytes(log_n: int) -> int:
    """Return the memory scrypt needs at age's r = 8 for work factor 2^log_n."""
    return 128 * 8 * (1 << log_n)


def encrypt(plaintext: bytes, passphrase: str, log_n: int) -> bytes:
    """Return an age v1 file of plaintext locked with passphrase at work factor 2^log_n."""
    file_key = os.urandom(16)
    salt = os.urandom(16)
    wrap_key = hashlib.scrypt(passphrase.encode("utf-8"), salt=_SCRYPT_LABEL + salt,
                              n=1 << log_n, r=8, p=1, dklen=32,
                              maxmem=scrypt_memory_bytes(log_n) + 16 * 1024 * 1024)
    body = ChaCha20Poly1305(wrap_key).encrypt(b"\0" * 12, file_key, None)
    # A stanza body is wrapped at 64 columns; 32 bytes encode to one 43-character line.
    header = (b"age-encryption.org/v1\n-> scrypt " + _b64(salt) + b" " + str(log_n).encode()
              + b"\n" + _b64(body) + b"\n---")
    mac = hmac.new(_hkdf(file_key, b"", b"header"), header, hashlib.sha256).digest()
    nonce = os.urandom(16)
    stream = ChaCha20Poly1305(_hkdf(file_key, nonce, b"payload"))
    chunks = [plaintext[i:i + _CHUNK] for i in range(0, len(plaintext), _CHUNK)] or [b""]
    out = [header, b" ", _b64(mac), b"\n", nonce]
    for index, chunk in enumerate(chunks):
        last = index == len(chunks) - 1
        out.append(stream.encrypt(index.to_bytes(11, "big") + (b"\1" if last else b"\0"),
                                  chunk, None))
    return b"".join(out)
