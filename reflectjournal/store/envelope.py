"""The key envelope: the data key wrapped under the passphrase and under the recovery key.

The database is encrypted with a random 256-bit data key (and a random 128-bit SQLCipher
salt we choose, so that backups and the envelope agree on it). The envelope file keeps two
AES-256-GCM wraps of that key: one under a key derived from the passphrase with Argon2id,
one under a key derived from the recovery key with HKDF (the recovery key is already 128
random bits, so a slow KDF adds nothing). Each wrap's associated data binds the format,
the journal id, the salt and that slot's KDF parameters, so none of them can be altered
without the unwrap failing.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import secrets
import time
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from reflectjournal.domain.errors import (
    JournalDamagedError,
    WrongPassphraseError,
    WrongRecoveryKeyError,
)
from reflectjournal.store.files import atomic_write

FORMAT = "reflectjournal-key-envelope"
VERSION = 1
KEY_BYTES = 32
SALT_BYTES = 16
RECOVERY_BYTES = 16
_RECOVERY_CHECK_BYTES = 4
_NONCE_BYTES = 12
_MAX_ENVELOPE_BYTES = 64 * 1024


@dataclass(frozen=True, slots=True)
class KdfParams:
    """Argon2id cost parameters."""

    memory_kib: int
    iterations: int
    lanes: int


@dataclass(frozen=True, slots=True)
class KdfPolicy:
    """Bounds every envelope's KDF cost must respect, checked *before* deriving.

    The floor stops a weakened envelope from being accepted; the ceiling stops a hostile
    envelope from exhausting memory. Tests inject a cheap policy; the app never does.
    """

    min_memory_kib: int = 64 * 1024
    min_iterations: int = 3
    max_memory_kib: int = 2 * 1024 * 1024
    max_iterations: int = 64
    max_lanes: int = 16
    target_seconds: float = 1.0
    calibration_memory_kib: int = 256 * 1024
    lanes: int = 4
    fixed: KdfParams | None = None

    def check(self, params: KdfParams) -> None:
        """Raise JournalDamagedError unless params lie within the bounds."""
        ok = (
            self.min_memory_kib <= params.memory_kib <= self.max_memory_kib
            and self.min_iterations <= params.iterations <= self.max_iterations
            and 1 <= params.lanes <= self.max_lanes
            and params.memory_kib >= 8 * params.lanes
        )
        if not ok:
            raise JournalDamagedError(
                "The journal's key file asks for key-derivation settings outside the safe range.",
                "It may have been tampered with; restore it from a backup.",
            )

    def calibrate(self) -> KdfParams:
        """Pick parameters that take about `target_seconds` on this machine."""
        if self.fixed is not None:
            self.check(self.fixed)
            return self.fixed
        params = KdfParams(self.calibration_memory_kib, self.min_iterations, self.lanes)
        elapsed = _time_derivation(params)
        # Argon2 time grows linearly with iterations at fixed memory.
        per_iteration = elapsed / params.iterations
        wanted = round(self.target_seconds / per_iteration) if per_iteration > 0 else 0
        iterations = max(self.min_iterations, min(self.max_iterations, wanted))
        return replace(params, iterations=iterations)


PRODUCTION_KDF = KdfPolicy()


@dataclass(frozen=True, slots=True)
class DataKey:
    """The database key and SQLCipher salt; keep in memory only while unlocked."""

    key: bytes
    salt: bytes

    @classmethod
    def generate(cls) -> DataKey:
        """Return a fresh random key and salt."""
        return cls(secrets.token_bytes(KEY_BYTES), secrets.token_bytes(SALT_BYTES))

    def sqlcipher_key(self) -> str:
        """Return the raw-key literal for PRAGMA key / ATTACH ... KEY (hex only)."""
        return f"x'{self.key.hex()}{self.salt.hex()}'"


@dataclass(frozen=True, slots=True)
class Envelope:
    """The parsed envelope file."""

    journal_id: str
    salt: bytes
    slots: Mapping[str, Mapping[str, Any]]

    def to_bytes(self) -> bytes:
        """Serialise for writing."""
        doc = {
            "format": FORMAT,
            "version": VERSION,
            "journal_id": self.journal_id,
            "database_salt": self.salt.hex(),
            "slots": self.slots,
        }
        return json.dumps(doc, indent=2, sort_keys=True).encode() + b"\n"

    def save(self, path: Path) -> None:
        """Write atomically."""
        atomic_write(path, self.to_bytes())

    @property
    def passphrase_params(self) -> KdfParams:
        """Return the passphrase slot's Argon2id parameters."""
        slot = self.slots["passphrase"]
        return KdfParams(slot["memory_kib"], slot["iterations"], slot["lanes"])

    def unwrap_with_passphrase(self, passphrase: str, policy: KdfPolicy) -> DataKey:
        """Return the data key or raise WrongPassphraseError."""
        params = self.passphrase_params
        policy.check(params)
        slot = self.slots["passphrase"]
        kek = derive_passphrase_key(passphrase, _b64(slot["salt"]), params)
        try:
            return self._unwrap("passphrase", kek)
        except InvalidTag:
            raise WrongPassphraseError(
                "That passphrase does not open this journal.",
                "Check Caps Lock and the keyboard layout, or use the recovery key.",
            ) from None

    def unwrap_with_recovery_key(self, recovery_key: str) -> DataKey:
        """Return the data key or raise WrongRecoveryKeyError."""
        raw = parse_recovery_key(recovery_key)
        slot = self.slots["recovery"]
        try:
            return self._unwrap("recovery", _hkdf(raw, _b64(slot["salt"])))
        except InvalidTag:
            raise WrongRecoveryKeyError(
                "That recovery key does not belong to this journal."
            ) from None

    def with_passphrase(self, data_key: DataKey, passphrase: str, params: KdfParams) -> Envelope:
        """Return a copy whose passphrase slot wraps data_key under a new passphrase."""
        salt = secrets.token_bytes(SALT_BYTES)
        slot: dict[str, Any] = {
            "kdf": "argon2id", "memory_kib": params.memory_kib,
            "iterations": params.iterations, "lanes": params.lanes, "salt": _e64(salt),
        }
        kek = derive_passphrase_key(passphrase, salt, params)
        return self._with_slot("passphrase", slot, kek, data_key)

    def with_recovery_key(self, data_key: DataKey) -> tuple[Envelope, str]:
        """Return a copy with a fresh recovery slot, and the new recovery key to show once."""
        raw = secrets.token_bytes(RECOVERY_BYTES)
        salt = secrets.token_bytes(SALT_BYTES)
        slot: dict[str, Any] = {"kdf": "hkdf-sha256", "salt": _e64(salt)}
        envelope = self._with_slot("recovery", slot, _hkdf(raw, salt), data_key)
        return envelope, format_recovery_key(raw)

    def _with_slot(
        self, name: str, slot: dict[str, Any], kek: bytes, data_key: DataKey
    ) -> Envelope:
        if data_key.salt != self.salt:
            raise ValueError("data key does not belong to this envelope")
        nonce = secrets.token_bytes(_NONCE_BYTES)
        wrapped = AESGCM(kek).encrypt(nonce, data_key.key, self._associated_data(name, slot))
        slots = dict(self.slots)
        slots[name] = {**slot, "nonce": _e64(nonce), "wrapped_key": _e64(wrapped)}
        return Envelope(self.journal_id, self.salt, slots)

    def _unwrap(self, name: str, kek: bytes) -> DataKey:
        slot = self.slots[name]
        key = AESGCM(kek).decrypt(
            _b64(slot["nonce"]), _b64(slot["wrapped_key"]), self._associated_data(name, slot)
        )
        if len(key) != KEY_BYTES:
            raise _damaged()
        return DataKey(key, self.salt)

    def _associated_data(self, name: str, slot: Mapping[str, Any]) -> bytes:
        bound = {k: v for k, v in slot.items() if k not in ("nonce", "wrapped_key")}
        doc = {
            "format": FORMAT, "version": VERSION, "journal_id": self.journal_id,
            "database_salt": self.salt.hex(), "slot": name, "params": bound,
        }
        return json.dumps(doc, sort_keys=True, separators=(",", ":")).encode()


def new_envelope(
    journal_id: str, passphrase: str, policy: KdfPolicy
) -> tuple[Envelope, DataKey, str]:
    """Create an envelope for a new journal; return it, the data key and the recovery key."""
    data_key = DataKey.generate()
    blank = Envelope(journal_id, data_key.salt, {})
    with_pass = blank.with_passphrase(data_key, passphrase, policy.calibrate())
    envelope, recovery_key = with_pass.with_recovery_key(data_key)
    return envelope, data_key, recovery_key


def load_envelope(path: Path) -> Envelope:
    """Read and validate an envelope file, or raise JournalDamagedError."""
    try:
        raw = path.read_bytes()
    except OSError:
        raise _damaged() from None
    return parse_envelope(raw)


def parse_envelope(raw: bytes) -> Envelope:
    """Validate an envelope's bytes, or raise JournalDamagedError."""
    try:
        if len(raw) > _MAX_ENVELOPE_BYTES:
            raise _damaged()
        doc = json.loads(raw)
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise _damaged()
        if doc.get("version") != VERSION:
            raise JournalDamagedError(
                "The journal's key file has a format this version cannot read.",
                "Update ReflectJournal.",
            )
        slots = doc["slots"]
        salt = bytes.fromhex(doc["database_salt"])
        journal_id = doc["journal_id"]
        _validate_slots(slots)
        if len(salt) != SALT_BYTES or not isinstance(journal_id, str):
            raise _damaged()
    except (ValueError, KeyError, TypeError, RecursionError, binascii.Error):
        raise _damaged() from None
    return Envelope(journal_id, salt, slots)


def _validate_slots(slots: Any) -> None:
    if not isinstance(slots, dict) or set(slots) != {"passphrase", "recovery"}:
        raise _damaged()
    if not all(isinstance(slot, dict) for slot in slots.values()):
        raise _damaged()
    pw = slots["passphrase"]
    if pw.get("kdf") != "argon2id" or slots["recovery"].get("kdf") != "hkdf-sha256":
        raise _damaged()
    for key in ("memory_kib", "iterations", "lanes"):
        if not isinstance(pw.get(key), int) or isinstance(pw.get(key), bool):
            raise _damaged()
    # Decode now, so unusable bytes read as damage here rather than crash the unwrap.
    sizes = {"salt": SALT_BYTES, "nonce": _NONCE_BYTES, "wrapped_key": KEY_BYTES + 16}
    for slot in slots.values():
        for key, size in sizes.items():
            value = slot.get(key)
            if not isinstance(value, str) or len(_b64(value)) != size:
                raise _damaged()


def _damaged() -> JournalDamagedError:
    return JournalDamagedError(
        "The journal's key file (journal.key) is damaged.",
        "Restore the journal from a backup.",
    )


def normalise_passphrase(passphrase: str) -> bytes:
    """Return the bytes a passphrase is derived from (NFC, so input methods agree)."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def derive_passphrase_key(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    """Return the key Argon2id derives from a passphrase (the slow step of unlocking)."""
    kdf = Argon2id(
        salt=salt, length=KEY_BYTES, iterations=params.iterations,
        lanes=params.lanes, memory_cost=params.memory_kib,
    )
    return kdf.derive(normalise_passphrase(passphrase))


def _hkdf(raw: bytes, salt: bytes) -> bytes:
    kdf = HKDF(hashes.SHA256(), KEY_BYTES, salt, b"reflectjournal recovery slot v1")
    return kdf.derive(raw)


def _time_derivation(params: KdfParams) -> float:
    start = time.perf_counter()
    derive_passphrase_key("calibration", os.urandom(SALT_BYTES), params)
    return time.perf_counter() - start


def _e64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _b64(text: str) -> bytes:
    return base64.b64decode(text, validate=True)


_RECOVERY_SUBSTITUTIONS = str.maketrans({"0": "O", "1": "I", "8": "B", "9": "G"})


def format_recovery_key(raw: bytes) -> str:
    """Return the printable recovery key: 32 base32 characters in groups of four.

    Four bytes of checksum are appended so a typo is reported as a typo.
    """
    check = hashlib.sha256(b"reflectjournal-recovery" + raw).digest()[:_RECOVERY_CHECK_BYTES]
    text = base64.b32encode(raw + check).decode()
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def parse_recovery_key(text: str) -> bytes:
    """Return the 16 key bytes of a typed recovery key, or raise WrongRecoveryKeyError."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum()).translate(_RECOVERY_SUBSTITUTIONS)
    try:
        decoded = base64.b32decode(cleaned)
    except (binascii.Error, ValueError):
        decoded = b""
    if len(decoded) == RECOVERY_BYTES + _RECOVERY_CHECK_BYTES:
        raw, check = decoded[:RECOVERY_BYTES], decoded[RECOVERY_BYTES:]
        expected = hashlib.sha256(b"reflectjournal-recovery" + raw).digest()
        if secrets.compare_digest(check, expected[:_RECOVERY_CHECK_BYTES]):
            return raw
    raise WrongRecoveryKeyError(
        "That is not a valid recovery key: it should be 32 letters and digits in groups of "
        "four, as shown when the journal was created.",
        "Check for a typo.",
    )
