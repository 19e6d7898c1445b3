"""Encrypting bundles with age (pyrage) and signing their manifests with Ed25519.

age authenticates the content but not the sender (anyone with a public key can encrypt
to it), so the manifest inside is signed with the sender's Ed25519 key.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import pyrage
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from reflectjournal.domain.errors import (
    BundleDamagedError,
    BundleNotForYouError,
    WrongBundlePassphraseError,
)
from reflectjournal.store import age_passphrase

AGE_MAGIC = b"age-encryption.org/v1\n"
# Opening a bundle stays within a memory budget whatever the file claims (issue 18: a
# hostile work factor took 2.2 GiB). scrypt needs 1 KiB x 2^log_n, so 2^17 is 128 MiB, which
# leaves room in the budget for the file and its parsing; we write bundles at exactly that
# (age_passphrase.py), and refuse any higher factor before deriving anything.
OPEN_MEMORY_BUDGET = 300 * 1024 * 1024
MAX_SCRYPT_LOG_N = 17
WRITE_SCRYPT_LOG_N = MAX_SCRYPT_LOG_N
_STANZA = re.compile(rb"-> (\S+)((?: \S+)*)\n")
_MAX_HEADER_BYTES = 16 * 1024


@dataclass(frozen=True, slots=True, repr=False)
class Identity:
    """This journal's age identity and Ed25519 signing key (kept in the encrypted database)."""

    age_secret: str
    signing_seed: bytes

    @property
    def age_recipient(self) -> str:
        """Return the public half of the age identity."""
        return str(pyrage.x25519.Identity.from_str(self.age_secret).to_public())

    @property
    def signing_key(self) -> bytes:
        """Return the raw Ed25519 public key."""
        private = Ed25519PrivateKey.from_private_bytes(self.signing_seed)
        return private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)

    def sign(self, message: bytes) -> bytes:
        """Return an Ed25519 signature over message."""
        return Ed25519PrivateKey.from_private_bytes(self.signing_seed).sign(message)


def new_identity() -> Identity:
    """Make a fresh age identity and signing key."""
    from cryptography.hazmat.primitives.serialization import NoEncryption, PrivateFormat

    seed = Ed25519PrivateKey.generate().private_bytes(
        Encoding.Raw, PrivateFormat.Raw, NoEncryption()
    )
    return Identity(str(pyrage.x25519.Identity.generate()), seed)


def verify(public_key: bytes, message: bytes, signature: bytes) -> bool:
    """Return whether signature is public_key's Ed25519 signature over message."""
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True


def seal(plaintext: bytes, recipients: Sequence[str]) -> bytes:
    """Encrypt to the given age recipients."""
    keys = [pyrage.x25519.Recipient.from_str(r) for r in recipients]
    return bytes(pyrage.encrypt(plaintext, keys))


def seal_with_passphrase(plaintext: bytes, passphrase: str) -> bytes:
    """Encrypt with an age passphrase at the work factor every receiver accepts."""
    return age_passphrase.encrypt(plaintext, passphrase, WRITE_SCRYPT_LOG_N)


@dataclass(frozen=True, slots=True)
class Header:
    """The recipient types named in an age header, read without decrypting."""

    stanza_types: tuple[str, ...]
    scrypt_log_n: int | None

    @property
    def passphrase_mode(self) -> bool:
        """Return whether the file is encrypted with a passphrase."""
        return "scrypt" in self.stanza_types


def read_header(data: bytes) -> Header:
    """Read the stanza types of an age file's header, or raise BundleDamagedError."""
    if not data.startswith(AGE_MAGIC):
        raise _damaged("It is not an encrypted ReflectJournal bundle.")
    end = data.find(b"\n---", len(AGE_MAGIC), _MAX_HEADER_BYTES)
    if end < 0:
        raise _damaged("Its header is incomplete.")
    types: list[str] = []
    log_n: int | None = None
    for match in _STANZA.finditer(data, len(AGE_MAGIC), end + 1):
        kind = match.group(1).decode("ascii", "replace")
        types.append(kind)
        args = match.group(2).split()
        if kind == "scrypt":
            if len(args) != 2 or not args[1].isdigit() or len(args[1]) > 3:
                raise _damaged("Its passphrase header is malformed.")
            log_n = int(args[1])
    if not types:
        raise _damaged("Its header names no recipients.")
    return Header(tuple(types), log_n)


def unseal(data: bytes, age_secret: str) -> bytes:
    """Decrypt with this journal's age identity."""
    header = read_header(data)
    if header.passphrase_mode:
        raise BundleNotForYouError(
            "This bundle was locked with a passphrase, not with your key.",
            "Open it again and type the passphrase the sender told you.",
        )
    identity = pyrage.x25519.Identity.from_str(age_secret)
    try:
        return bytes(pyrage.decrypt(data, [identity]))
    except pyrage.DecryptError as exc:
        if "No matching keys" in str(exc):
            raise BundleNotForYouError(
                "This bundle cannot be opened with your key: it was sent to someone else, "
                "or the part addressed to you is damaged.",
                "Ask the sender to make it again for you. Nothing was changed.",
            ) from None
        raise _damaged("Its encrypted content does not check out.") from None


def unseal_with_passphrase(data: bytes, passphrase: str) -> bytes:
    """Decrypt a passphrase-mode bundle, refusing excessive scrypt work factors first."""
    header = read_header(data)
    if not header.passphrase_mode or header.stanza_types != ("scrypt",):
        raise BundleNotForYouError(
            "This bundle was not locked with a passphrase.",
            "Open it without one: it is addressed to a contact's key.",
        )
    if header.scrypt_log_n is None or not 1 <= header.scrypt_log_n <= MAX_SCRYPT_LOG_N:
        need = age_passphrase.scrypt_memory_bytes(min(header.scrypt_log_n or 0, 40))
        raise BundleDamagedError(
            f"This bundle's passphrase lock asks for {need // (1024 * 1024):,} MiB of memory "
            f"to open (work factor {header.scrypt_log_n}); ReflectJournal allows at most "
            f"{age_passphrase.scrypt_memory_bytes(MAX_SCRYPT_LOG_N) // (1024 * 1024)} MiB "
            f"(work factor {MAX_SCRYPT_LOG_N}). It was not opened.",
            "Ask the sender to write it again with a current ReflectJournal. Nothing was "
            "changed.")
    try:
        return bytes(pyrage.passphrase.decrypt(data, passphrase))
    except pyrage.DecryptError:
        # age cannot tell a wrong passphrase from a damaged passphrase stanza.
        raise WrongBundlePassphraseError(
            "The passphrase does not open this bundle (or the bundle is damaged).",
            "Check the words with the sender, in person. Nothing was changed.",
        ) from None


def _damaged(detail: str) -> BundleDamagedError:
    return BundleDamagedError(
        f"The bundle is damaged or not a ReflectJournal bundle. {detail}",
        "Ask the sender for a fresh copy. Nothing was changed.",
    )
