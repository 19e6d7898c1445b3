"""The key envelope: wrapping, unwrapping, recovery keys, tampering and KDF bounds."""

from __future__ import annotations

import contextlib
import json
import re
import stat
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from reflectjournal.domain.errors import (
    JournalDamagedError,
    WrongPassphraseError,
    WrongRecoveryKeyError,
)
from reflectjournal.store import envelope as envelope_module
from reflectjournal.store.envelope import (
    PRODUCTION_KDF,
    DataKey,
    Envelope,
    KdfParams,
    KdfPolicy,
    format_recovery_key,
    load_envelope,
    new_envelope,
    normalise_passphrase,
    parse_envelope,
    parse_recovery_key,
)
from tests.helpers.journals import FAST_KDF, PASSPHRASE

JOURNAL_ID = "7d6f1c2e-9a51-4f0e-8a4b-0c1d2e3f4a5b"
RECOVERY_FORMAT = re.compile(r"^[A-Z2-7]{4}(-[A-Z2-7]{4}){7}$")
# 16 bytes whose recovery key contains O, I, B and G, the letters typed as 0, 1, 8 and 9.
TYPO_RAW = bytes([40]) * 16


@pytest.fixture
def made() -> tuple[Envelope, DataKey, str]:
    """Return a fresh envelope (fast KDF), its data key and its recovery key."""
    return new_envelope(JOURNAL_ID, PASSPHRASE, FAST_KDF)


def _edited(envelope: Envelope, edit: Callable[[dict[str, Any]], None]) -> bytes:
    """Return the key file as edited by someone who also rewrites the slots' checks.

    The checks are digests, not MACs: a deliberate edit can redo them, so these edits test
    what stops tampering (the policy, the wraps' associated data). Bit rot, which does
    not redo them, is _rotted's.
    """
    doc = json.loads(envelope.to_bytes())
    edit(doc)
    with contextlib.suppress(ValueError, KeyError, TypeError, AttributeError):
        resealed = Envelope(doc["journal_id"], bytes.fromhex(doc["database_salt"]),
                            doc["slots"]).with_checks()
        doc["slots"] = dict(resealed.slots)
    return json.dumps(doc).encode()


def test_passphrase_unwraps_the_data_key(made: tuple[Envelope, DataKey, str]) -> None:
    envelope, key, _ = made
    assert envelope.unwrap_with_passphrase(PASSPHRASE, FAST_KDF) == key
    assert len(key.key) == 32
    assert key.salt == envelope.salt
    assert len(key.salt) == 16


def test_serialised_envelope_unwraps_after_parsing(made: tuple[Envelope, DataKey, str]) -> None:
    envelope, key, recovery = made
    parsed = parse_envelope(envelope.to_bytes())
    assert parsed.journal_id == JOURNAL_ID
    assert parsed.passphrase_params == KdfParams(64, 1, 1)
    assert parsed.unwrap_with_passphrase(PASSPHRASE, FAST_KDF) == key
    assert parsed.unwrap_with_recovery_key(recovery) == key


def test_saved_envelope_is_private_and_holds_no_key_material(
    made: tuple[Envelope, DataKey, str], tmp_path: Path
) -> None:
    envelope, key, recovery = made
    path = tmp_path / "journal.key"
    envelope.save(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    raw = path.read_bytes()
    assert key.key.hex().encode() not in raw
    assert PASSPHRASE.encode() not in raw
    assert recovery.replace("-", "").encode() not in raw
    assert load_envelope(path).unwrap_with_passphrase(PASSPHRASE, FAST_KDF) == key
    assert [p.name for p in tmp_path.iterdir()] == ["journal.key"]


def test_wrong_passphrase(made: tuple[Envelope, DataKey, str]) -> None:
    envelope, _, _ = made
    with pytest.raises(WrongPassphraseError, match="does not open this journal"):
        envelope.unwrap_with_passphrase(PASSPHRASE.upper(), FAST_KDF)


def test_two_envelopes_use_different_keys_salts_and_recovery_keys() -> None:
    first = new_envelope(JOURNAL_ID, PASSPHRASE, FAST_KDF)
    second = new_envelope(JOURNAL_ID, PASSPHRASE, FAST_KDF)
    assert first[1].key != second[1].key
    assert first[1].salt != second[1].salt
    assert first[2] != second[2]


def test_data_key_literal_is_hex_only() -> None:
    key = DataKey(bytes(range(32)), bytes(range(16)))
    assert key.sqlcipher_key() == f"x'{bytes(range(32)).hex()}{bytes(range(16)).hex()}'"
    assert re.fullmatch(r"x'[0-9a-f]{96}'", DataKey.generate().sqlcipher_key())


def test_composed_and_decomposed_passphrases_unwrap_the_same_key() -> None:
    composed = "café crème brûlée à noël"
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    envelope, key, _ = new_envelope(JOURNAL_ID, decomposed, FAST_KDF)
    assert envelope.unwrap_with_passphrase(composed, FAST_KDF) == key
    assert normalise_passphrase(composed) == normalise_passphrase(decomposed)


def test_normalisation_does_not_fold_case_or_spaces(made: tuple[Envelope, DataKey, str]) -> None:
    envelope, _, _ = made
    for variant in (PASSPHRASE.title(), PASSPHRASE + " ", PASSPHRASE.replace(" ", "  ")):
        with pytest.raises(WrongPassphraseError):
            envelope.unwrap_with_passphrase(variant, FAST_KDF)


def test_recovery_key_is_eight_groups_of_four(made: tuple[Envelope, DataKey, str]) -> None:
    _, _, recovery = made
    assert RECOVERY_FORMAT.match(recovery)


def test_recovery_key_unwraps_the_data_key(made: tuple[Envelope, DataKey, str]) -> None:
    envelope, key, recovery = made
    assert envelope.unwrap_with_recovery_key(recovery) == key


@pytest.mark.parametrize(
    "retype",
    [
        str.lower,
        lambda k: k.replace("-", " "),
        lambda k: k.replace("-", ""),
        lambda k: "  " + k.replace("-", " - ").lower() + "\n",
    ],
    ids=["lowercase", "spaces", "no-separators", "mixed"],
)
def test_recovery_key_tolerates_case_and_separators(
    made: tuple[Envelope, DataKey, str], retype: Callable[[str], str]
) -> None:
    envelope, key, recovery = made
    assert envelope.unwrap_with_recovery_key(retype(recovery)) == key


def test_recovery_key_reads_digits_typed_for_look_alike_letters() -> None:
    text = format_recovery_key(TYPO_RAW)
    assert RECOVERY_FORMAT.match(text)
    assert all(letter in text for letter in "OIBG")  # the test means something
    typed = text.translate(str.maketrans("OIBG", "0189"))
    assert parse_recovery_key(typed) == TYPO_RAW
    assert parse_recovery_key(typed.lower()) == TYPO_RAW


def test_recovery_key_with_zero_for_o_unwraps(made: tuple[Envelope, DataKey, str]) -> None:
    envelope, key, recovery = made
    typed = recovery.translate(str.maketrans("OIBG", "0189"))
    assert envelope.unwrap_with_recovery_key(typed) == key


def test_recovery_key_typo_is_reported_as_invalid(made: tuple[Envelope, DataKey, str]) -> None:
    envelope, _, recovery = made
    typo = ("A" if recovery[0] != "A" else "C") + recovery[1:]
    with pytest.raises(WrongRecoveryKeyError, match="not a valid recovery key"):
        envelope.unwrap_with_recovery_key(typo)


@pytest.mark.parametrize(
    "text", ["", "hello", "AAAA-" * 7 + "AAA", "AAAA-" * 8 + "AAAA", "ÄÄÄÄ-" * 7 + "ÄÄÄÄ"]
)
def test_malformed_recovery_keys(made: tuple[Envelope, DataKey, str], text: str) -> None:
    envelope, _, _ = made
    with pytest.raises(WrongRecoveryKeyError):
        envelope.unwrap_with_recovery_key(text)


def test_recovery_key_of_another_journal(made: tuple[Envelope, DataKey, str]) -> None:
    envelope, _, _ = made
    _, _, other = new_envelope(JOURNAL_ID, PASSPHRASE, FAST_KDF)
    with pytest.raises(WrongRecoveryKeyError, match="does not belong to this journal"):
        envelope.unwrap_with_recovery_key(other)


def test_new_recovery_slot_retires_the_old_key(made: tuple[Envelope, DataKey, str]) -> None:
    envelope, key, old = made
    renewed, new = envelope.with_recovery_key(key)
    assert renewed.unwrap_with_recovery_key(new) == key
    assert renewed.unwrap_with_passphrase(PASSPHRASE, FAST_KDF) == key
    with pytest.raises(WrongRecoveryKeyError):
        renewed.unwrap_with_recovery_key(old)


def test_new_passphrase_slot_retires_the_old_passphrase(
    made: tuple[Envelope, DataKey, str]
) -> None:
    envelope, key, recovery = made
    changed = envelope.with_passphrase(key, "a brand new passphrase", KdfParams(64, 1, 1))
    assert changed.unwrap_with_passphrase("a brand new passphrase", FAST_KDF) == key
    assert changed.unwrap_with_recovery_key(recovery) == key
    with pytest.raises(WrongPassphraseError):
        changed.unwrap_with_passphrase(PASSPHRASE, FAST_KDF)


def test_a_slot_cannot_wrap_another_journals_key(made: tuple[Envelope, DataKey, str]) -> None:
    envelope, _, _ = made
    with pytest.raises(ValueError, match="does not belong"):
        envelope.with_recovery_key(DataKey.generate())


def _set_slot(slot: str, key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def edit(doc: dict[str, Any]) -> None:
        doc["slots"][slot][key] = value
    return edit


def _set_top(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def edit(doc: dict[str, Any]) -> None:
        doc[key] = value
    return edit


def _parse_and_unwrap(raw: bytes, slot: str, recovery: str) -> DataKey:
    parsed = parse_envelope(raw)
    if slot == "passphrase":
        return parsed.unwrap_with_passphrase(PASSPHRASE, FAST_KDF)
    return parsed.unwrap_with_recovery_key(recovery)


def _other_b64(text: str) -> str:
    raw = bytearray(envelope_module._b64(text))
    raw[0] ^= 1
    return envelope_module._e64(bytes(raw))


@pytest.mark.parametrize(
    "edit",
    [
        # Each of these stays within FAST_KDF's bounds, so only the AEAD binding can catch it.
        _set_slot("passphrase", "memory_kib", 72),
        _set_slot("passphrase", "iterations", 2),
        _set_slot("passphrase", "lanes", 2),
        _set_slot("passphrase", "note", "added"),
        _set_top("journal_id", "00000000-0000-4000-8000-000000000000"),
        _set_top("database_salt", "00" * 16),
    ],
    ids=["memory", "iterations", "lanes", "extra-param", "journal_id", "database_salt"],
)
def test_tampered_parameters_stop_the_passphrase_unwrap(
    made: tuple[Envelope, DataKey, str], edit: Callable[[dict[str, Any]], None]
) -> None:
    envelope, _, _ = made
    tampered = parse_envelope(_edited(envelope, edit))
    with pytest.raises((WrongPassphraseError, JournalDamagedError)):
        tampered.unwrap_with_passphrase(PASSPHRASE, FAST_KDF)


@pytest.mark.parametrize("field", ["salt", "nonce", "wrapped_key"])
@pytest.mark.parametrize("slot", ["passphrase", "recovery"])
def test_tampered_slot_bytes_stop_the_unwrap(
    made: tuple[Envelope, DataKey, str], slot: str, field: str
) -> None:
    envelope, _, recovery = made
    def edit(doc: dict[str, Any]) -> None:
        doc["slots"][slot][field] = _other_b64(doc["slots"][slot][field])
    with pytest.raises((WrongPassphraseError, WrongRecoveryKeyError)):
        _parse_and_unwrap(_edited(envelope, edit), slot, recovery)


@pytest.mark.parametrize(
    "edit",
    [
        _set_top("journal_id", "00000000-0000-4000-8000-000000000000"),
        _set_top("database_salt", "00" * 16),
        _set_slot("recovery", "note", "added"),
    ],
    ids=["journal_id", "database_salt", "extra-param"],
)
def test_tampered_parameters_stop_the_recovery_unwrap(
    made: tuple[Envelope, DataKey, str], edit: Callable[[dict[str, Any]], None]
) -> None:
    envelope, _, recovery = made
    tampered = parse_envelope(_edited(envelope, edit))
    with pytest.raises(WrongRecoveryKeyError):
        tampered.unwrap_with_recovery_key(recovery)


@pytest.mark.parametrize(
    "params",
    [
        KdfParams(64 * 1024 - 1, 3, 1),     # under the memory floor
        KdfParams(64 * 1024, 2, 1),         # under the iteration floor
        KdfParams(1024 * 1024 + 1, 3, 1),   # over the memory ceiling
        KdfParams(1024 * 1024, 64, 16),     # 1 GiB x 64 passes: minutes per attempt
        KdfParams(1024 * 1024, 17, 4),      # over the work ceiling (memory x passes)
        KdfParams(2**40, 3, 1),
        KdfParams(64 * 1024, 65, 1),        # over the iteration ceiling
        KdfParams(64 * 1024, 3, 0),
        KdfParams(64 * 1024, 3, 17),
        KdfParams(-1, 3, 1),
    ],
)
def test_production_policy_refuses_params_outside_its_bounds(params: KdfParams) -> None:
    with pytest.raises(JournalDamagedError, match="changed or damaged"):
        PRODUCTION_KDF.check(params)


@pytest.mark.parametrize(
    "params", [KdfParams(64 * 1024, 3, 1), KdfParams(256 * 1024, 64, 16),
               KdfParams(1024 * 1024, 16, 16)]
)
def test_production_policy_accepts_its_floor_and_ceiling(params: KdfParams) -> None:
    PRODUCTION_KDF.check(params)


def test_memory_must_cover_the_lanes() -> None:
    policy = KdfPolicy(min_memory_kib=8, min_iterations=1)
    policy.check(KdfParams(32, 1, 4))
    with pytest.raises(JournalDamagedError):
        policy.check(KdfParams(31, 1, 4))


def _forbid_derivation(monkeypatch: pytest.MonkeyPatch) -> None:
    def derive(*_args: object) -> bytes:
        raise AssertionError("Argon2id ran on parameters the policy should have refused")
    monkeypatch.setattr(envelope_module, "derive_passphrase_key", derive)


@pytest.mark.parametrize(
    ("memory_kib", "iterations"),
    [(2**40, 1), (FAST_KDF.max_memory_kib + 1, 1), (64, 10**9), (64, 0)],
)
def test_hostile_params_are_refused_before_deriving(
    made: tuple[Envelope, DataKey, str], monkeypatch: pytest.MonkeyPatch,
    memory_kib: int, iterations: int,
) -> None:
    envelope, _, _ = made

    def edit(doc: dict[str, Any]) -> None:
        doc["slots"]["passphrase"].update(memory_kib=memory_kib, iterations=iterations)

    hostile = parse_envelope(_edited(envelope, edit))
    _forbid_derivation(monkeypatch)
    with pytest.raises(JournalDamagedError, match="changed or damaged"):
        hostile.unwrap_with_passphrase(PASSPHRASE, FAST_KDF)


def test_weak_envelope_is_refused_by_the_production_policy(
    made: tuple[Envelope, DataKey, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    envelope, _, _ = made  # made with 64 KiB, 1 iteration
    _forbid_derivation(monkeypatch)
    with pytest.raises(JournalDamagedError):
        envelope.unwrap_with_passphrase(PASSPHRASE, PRODUCTION_KDF)


def test_fixed_params_are_checked_against_the_policy() -> None:
    assert FAST_KDF.calibrate() == KdfParams(64, 1, 1)
    with pytest.raises(JournalDamagedError):
        KdfPolicy(fixed=KdfParams(64, 1, 1)).calibrate()


def test_calibration_stays_within_bounds() -> None:
    policy = KdfPolicy(min_memory_kib=8, min_iterations=2, max_iterations=5,
                       calibration_memory_kib=64, lanes=1, target_seconds=0.001)
    params = policy.calibrate()
    assert params.memory_kib == 64
    assert params.lanes == 1
    assert 2 <= params.iterations <= 5
    policy.check(params)


def _damaged_variants() -> list[Any]:
    good = new_envelope(JOURNAL_ID, PASSPHRASE, FAST_KDF)[0]
    raw = good.to_bytes()

    def edited(edit: Callable[[dict[str, Any]], None]) -> bytes:
        return _edited(good, edit)

    def drop_recovery(doc: dict[str, Any]) -> None:
        del doc["slots"]["recovery"]

    return [
        pytest.param(b"", id="empty"),
        pytest.param(b"\x00" * 100, id="zeros"),
        pytest.param(b"\xff\xfe{", id="not-utf8"),
        pytest.param(raw[: len(raw) // 2], id="truncated-half"),
        pytest.param(raw[:-3], id="truncated-end"),
        pytest.param(b"[]", id="a-list"),
        pytest.param(b"[" * 5000, id="deep-nesting"),
        pytest.param(raw + b"x" * 70_000, id="oversized"),
        pytest.param(edited(_set_top("format", "other")), id="format"),
        pytest.param(edited(_set_top("database_salt", "zz")), id="salt-not-hex"),
        pytest.param(edited(_set_top("database_salt", "00" * 8)), id="salt-short"),
        pytest.param(edited(_set_top("journal_id", 5)), id="journal-id-type"),
        pytest.param(edited(_set_top("slots", [])), id="slots-list"),
        pytest.param(edited(drop_recovery), id="slot-missing"),
        pytest.param(edited(_set_slot("passphrase", "kdf", "pbkdf2")), id="kdf-name"),
        pytest.param(edited(_set_slot("passphrase", "memory_kib", "64")), id="memory-text"),
        pytest.param(edited(_set_slot("passphrase", "lanes", True)), id="lanes-bool"),
        pytest.param(edited(_set_slot("recovery", "nonce", 7)), id="nonce-type"),
        pytest.param(edited(_set_top("slots", {"passphrase": [], "recovery": []})),
                     id="slot-not-object"),
    ]


@pytest.mark.parametrize("raw", _damaged_variants())
def test_damaged_envelope_files(raw: bytes) -> None:
    # A file that cannot be read as a whole is refused at once; one bad slot is named,
    # and using it says damaged (the other slot may still open the journal).
    try:
        parsed = parse_envelope(raw)
    except JournalDamagedError:
        return
    assert parsed.damaged

    def use_damaged_slot() -> DataKey:
        if "passphrase" in parsed.damaged:
            return parsed.unwrap_with_passphrase(PASSPHRASE, FAST_KDF)
        return parsed.unwrap_with_recovery_key(format_recovery_key(bytes(16)))
    with pytest.raises(JournalDamagedError):
        use_damaged_slot()


def _rotted(envelope: Envelope, slot: str, field: str) -> bytes:
    """Return the key file with one bit of a slot's field changed, as bit rot does."""
    doc = json.loads(envelope.to_bytes())
    value = doc["slots"][slot][field]
    doc["slots"][slot][field] = _other_b64(value) if isinstance(value, str) else value + 1
    return json.dumps(doc).encode()


@pytest.mark.parametrize("field", ["salt", "nonce", "wrapped_key"])
def test_a_rotted_recovery_slot_is_told_while_the_passphrase_still_opens(
    made: tuple[Envelope, DataKey, str], field: str
) -> None:
    # A flipped byte in its salt used to leave check ok, and recovery later failed with
    # "That recovery key does not belong to this journal".
    envelope, key, recovery = made
    rotted = parse_envelope(_rotted(envelope, "recovery", field))
    assert rotted.damaged == {"recovery"}
    assert rotted.unwrap_with_passphrase(PASSPHRASE, FAST_KDF) == key
    with pytest.raises(JournalDamagedError, match="make a new recovery key"):
        rotted.unwrap_with_recovery_key(recovery)
    renewed, new_key = rotted.with_recovery_key(key)
    assert not parse_envelope(renewed.to_bytes()).damaged
    assert parse_envelope(renewed.to_bytes()).unwrap_with_recovery_key(new_key) == key


@pytest.mark.parametrize("field", ["salt", "nonce", "wrapped_key", "iterations"])
def test_a_rotted_passphrase_slot_is_damage_not_a_wrong_passphrase(
    made: tuple[Envelope, DataKey, str], field: str
) -> None:
    envelope, key, recovery = made
    rotted = parse_envelope(_rotted(envelope, "passphrase", field))
    assert rotted.damaged == {"passphrase"}
    with pytest.raises(JournalDamagedError, match="recovery key"):
        rotted.unwrap_with_passphrase(PASSPHRASE, FAST_KDF)
    assert rotted.unwrap_with_recovery_key(recovery) == key  # the way out


def test_a_key_file_from_before_slot_checks_opens_and_can_be_given_them(
    made: tuple[Envelope, DataKey, str]
) -> None:
    envelope, key, _ = made
    doc = json.loads(envelope.to_bytes())
    for slot in doc["slots"].values():
        del slot["check"]
    old = parse_envelope(json.dumps(doc).encode())
    assert old.unchecked
    assert not old.damaged
    assert old.unwrap_with_passphrase(PASSPHRASE, FAST_KDF) == key
    checked = parse_envelope(old.with_checks().to_bytes())
    assert not checked.unchecked
    assert checked.unwrap_with_passphrase(PASSPHRASE, FAST_KDF) == key


def test_newer_envelope_version_asks_for_an_update(made: tuple[Envelope, DataKey, str]) -> None:
    envelope, _, _ = made
    with pytest.raises(JournalDamagedError) as info:
        parse_envelope(_edited(envelope, _set_top("version", 2)))
    assert "Update ReflectJournal" in str(info.value)


def test_missing_envelope_file_is_damaged(tmp_path: Path) -> None:
    with pytest.raises(JournalDamagedError, match=r"journal\.key"):
        load_envelope(tmp_path / "journal.key")


@pytest.mark.parametrize(
    ("slot", "field", "value"),
    [
        ("passphrase", "salt", "!!not base64!!"),
        ("passphrase", "salt", "c2FsdA=="),       # 4 bytes: too short for Argon2id
        ("passphrase", "nonce", "bm9uY2U="),      # 5 bytes: not a GCM nonce
        ("recovery", "salt", "not base64"),
        ("recovery", "nonce", ""),
    ],
)
def test_undecodable_slot_bytes_are_damage_not_a_crash(
    made: tuple[Envelope, DataKey, str], slot: str, field: str, value: str
) -> None:
    # The JSON is well formed but a slot's bytes are not usable: the user must see
    # "damaged", whether parse_envelope or the unwrap notices it.
    envelope, _, recovery = made
    raw = _edited(envelope, _set_slot(slot, field, value))
    with pytest.raises(JournalDamagedError):
        _parse_and_unwrap(raw, slot, recovery)
