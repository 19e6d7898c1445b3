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
    FileRefusedError,
    JournalDamagedError,
    WrongPassphraseError,
    WrongRecoveryKeyError,
)
from reflectjournal.store.files import atomic_write, read_regular_file

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
    max_memory_kib: int = 1024 * 1024
    max_iterations: int = 64
    max_lanes: int = 16
    # Memory times passes: the most calibration ever picks (256 MiB x 64), so no key file
    # we wrote is refused, while an edited one cannot ask for minutes of work (1 GiB x 64).
    max_work_kib: int = 256 * 1024 * 64
    target_seconds: float = 1.0
    calibration_memory_kib: int = 256 * 1024
    lanes: int = 4
    fixed: KdfParams | None = None

    def check(self, params: KdfParams) -> None:
        """Raise JournalDamagedError unless params lie within the bounds (before deriving)."""
        ok = (
            self.min_memory_kib <= params.memory_kib <= self.max_memory_kib
            and self.min_iterations <= params.iterations <= self.max_iterations
            and 1 <= params.lanes <= self.max_lanes
            and params.memory_kib >= 8 * params.lanes
            and params.memory_kib * params.iterations <= self.max_work_kib
        )
        if not ok:
            raise JournalDamagedError(
                "This key file was changed or damaged: journal.key asks for key-derivation "
                f"settings ({params.memory_kib // 1024} MiB x {params.iterations} passes x "
                f"{params.lanes} lanes) outside the accepted range, so no passphrase was tried.",
                "Restore journal.key from a backup, or unlock with the recovery key "
                "(reflectjournal recover).",
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
    # Slots whose bytes changed since they were written (their check failed): bit rot
    # told as such, before it reads as a wrong passphrase or a recovery key that fails.
    damaged: frozenset[str] = frozenset()

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

    @property
    def unchecked(self) -> bool:
        """Return whether a slot was written before slots carried a check."""
        return any("check" not in slot for slot in self.slots.values())

    def unwrap_with_passphrase(self, passphrase: str, policy: KdfPolicy) -> DataKey:
        """Return the data key or raise WrongPassphraseError."""
        if "passphrase" in self.damaged:
            raise JournalDamagedError(
                "This key file was changed or damaged: the passphrase part of journal.key "
                "no longer matches its check, so no passphrase was tried; the journal itself "
                "may be sound.",
                "Unlock with your recovery key and choose a passphrase again "
                "(reflectjournal recover), or restore the journal from a backup.",
            )
        params = self.passphrase_params
        policy.check(params)
        slot = self.slots["passphrase"]
        kek = derive_passphrase_key(passphrase, _b64(slot["salt"]), params)
        try:
            return self._unwrap("passphrase", kek)
        except InvalidTag:
            if "check" not in slot:  # a key file from before checks: an edit reads the same
                raise WrongPassphraseError(
                    "That passphrase does not open this journal, or its key file was changed "
                    "or damaged.",
                    "Check Caps Lock and the keyboard layout, or use the recovery key.",
                ) from None
            raise WrongPassphraseError(
                "That passphrase does not open this journal.",
                "Check Caps Lock and the keyboard layout, or use the recovery key.",
            ) from None

    def unwrap_with_recovery_key(self, recovery_key: str) -> DataKey:
        """Return the data key or raise WrongRecoveryKeyError."""
        raw = parse_recovery_key(recovery_key)
        if "recovery" in self.damaged:
            raise recovery_slot_damaged()
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
        slots = {other: value if other in self.damaged else self.with_check(other, dict(value))
                 for other, value in self.slots.items()}
        written = {**slot, "nonce": _e64(nonce), "wrapped_key": _e64(wrapped)}
        slots[name] = self.with_check(name, written)
        return Envelope(self.journal_id, self.salt, slots, self.damaged - {name})

    def with_check(self, name: str, slot: dict[str, Any]) -> dict[str, Any]:
        """Return the slot with its check: a digest of every field, to find changed bytes."""
        unchecked = {k: v for k, v in slot.items() if k != "check"}
        return {**unchecked, "check": _slot_check(self.journal_id, self.salt, name, unchecked)}

    def with_checks(self) -> Envelope:
        """Return a copy whose sound slots all carry checks (for a key file made before)."""
        slots = {name: self.with_check(name, dict(slot)) if name not in self.damaged else slot
                 for name, slot in self.slots.items()}
        return Envelope(self.journal_id, self.salt, slots, self.damaged)

    def _unwrap(self, name: str, kek: bytes) -> DataKey:
        slot = self.slots[name]
        key = AESGCM(kek).decrypt(
            _b64(slot["nonce"]), _b64(slot["wrapped_key"]), self._associated_data(name, slot)
        )
        if len(key) != KEY_BYTES:
            raise _damaged()
        return DataKey(key, self.salt)

    def _associated_data(self, name: str, slot: Mapping[str, Any]) -> bytes:
        bound = {k: v for k, v in slot.items() if k not in ("nonce", "wrapped_key", "check")}
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
        raw = read_regular_file(path, _MAX_ENVELOPE_BYTES, "key file", follow_links=False)
    except FileRefusedError:
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
        if len(salt) != SALT_BYTES or not isinstance(journal_id, str):
            raise _damaged()
        if not isinstance(slots, dict) or set(slots) != {"passphrase", "recovery"}:
            raise _damaged()
        damaged = frozenset(name for name, slot in slots.items()
                            if not _slot_sound(journal_id, salt, name, slot))
    except (ValueError, KeyError, TypeError, RecursionError, binascii.Error):
        raise _damaged() from None
    if damaged == {"passphrase", "recovery"}:
        raise _damaged()
    return Envelope(journal_id, salt, slots, damaged)


_SLOT_KDF = {"passphrase": "argon2id", "recovery": "hkdf-sha256"}
_SLOT_SIZES = {"salt": SALT_BYTES, "nonce": _NONCE_BYTES, "wrapped_key": KEY_BYTES + 16}


def _slot_sound(journal_id: str, salt: bytes, name: str, slot: Any) -> bool:
    """Return whether a slot is well formed and, if it has a check, unchanged."""
    if not isinstance(slot, dict) or slot.get("kdf") != _SLOT_KDF[name]:
        return False
    if name == "passphrase":
        for key in ("memory_kib", "iterations", "lanes"):
            if not isinstance(slot.get(key), int) or isinstance(slot.get(key), bool):
                return False
    # Decode now, so unusable bytes read as damage here rather than crash the unwrap.
    for key, size in _SLOT_SIZES.items():
        value = slot.get(key)
        try:
            if not isinstance(value, str) or len(_b64(value)) != size:
                return False
        except (binascii.Error, ValueError):
            return False
    if "check" not in slot:
        return True  # written before slots carried checks; given one at the next unlock
    unchecked = {k: v for k, v in slot.items() if k != "check"}
    return secrets.compare_digest(str(slot["check"]),
                                  _slot_check(journal_id, salt, name, unchecked))


def _slot_check(journal_id: str, salt: bytes, name: str, slot: Mapping[str, Any]) -> str:
    """Return the digest a slot's check holds: SHA-256 over the slot and what it belongs to.

    Not a MAC (the wrap's associated data already stops tampering): it tells bit rot in
    a slot apart from a wrong passphrase or recovery key, and shows it before it is needed.
    """
    doc = {"journal_id": journal_id, "database_salt": salt.hex(), "slot": name, "fields": slot}
    canonical = json.dumps(doc, sort_keys=True, separators=(",", ":")).encode()
    return hashlib.sha256(b"reflectjournal-slot-check\0" + canonical).hexdigest()


def recovery_slot_damaged() -> JournalDamagedError:
    """Return the error for a recovery slot whose bytes changed."""
    return JournalDamagedError(
        "The recovery key part of the journal's key file (journal.key) is damaged, so "
        "the recovery key can no longer open the journal.",
        "Unlock with your passphrase and make a new recovery key "
        "(reflectjournal new-recovery-key, or Settings > Security).",
    )


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
