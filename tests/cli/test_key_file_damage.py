"""A damaged slot of the key file is told as damage, with the way out that works."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from reflectjournal.services.journal import Journal
from tests.helpers.cli import CliRunner
from tests.helpers.journals import FAST, PASSPHRASE, add_entry


def _rot(key_file: Path, slot: str, field: str) -> None:
    doc = json.loads(key_file.read_bytes())
    raw = bytearray(base64.b64decode(doc["slots"][slot][field]))
    raw[3] ^= 0x10
    doc["slots"][slot][field] = base64.b64encode(bytes(raw)).decode()
    key_file.write_text(json.dumps(doc, indent=2, sort_keys=True))


@pytest.fixture
def made(journal_dir: Path) -> str:
    """Create a journal with one entry; return its recovery key."""
    journal, recovery_key = Journal.create(journal_dir, PASSPHRASE, FAST)
    with journal:
        add_entry(journal, title="Visit")
    return recovery_key


@pytest.mark.parametrize("field", ["salt", "nonce", "wrapped_key"])
def test_a_damaged_recovery_slot_is_told_at_unlock_and_check_until_a_new_key(
    cli: CliRunner, journal_dir: Path, made: str, field: str
) -> None:
    _rot(journal_dir / "journal.key", "recovery", field)
    listing = cli("list")
    assert listing.status == 0  # the passphrase still opens the journal
    assert "make a new recovery key" in listing.err
    checked = cli("check")
    assert checked.status == 1
    assert "recovery key" in checked.out
    recovered = cli("recover", env={"REFLECTJOURNAL_RECOVERY_KEY": made,
                                    "REFLECTJOURNAL_NEW_PASSPHRASE": "another long passphrase"})
    assert recovered.status == 1
    assert "damaged" in recovered.err
    assert "internal error" not in recovered.err
    assert "does not belong" not in recovered.err
    renewed = cli("new-recovery-key")
    assert renewed.status == 0
    assert cli("check").status == 0
    assert "recovery" not in cli("list").err


def test_a_damaged_passphrase_slot_is_damage_and_the_recovery_key_opens(
    cli: CliRunner, journal_dir: Path, made: str
) -> None:
    # Flips in its ciphertext used to read as "That passphrase does not open this journal".
    _rot(journal_dir / "journal.key", "passphrase", "wrapped_key")
    listing = cli("list")
    assert listing.status == 1
    assert "damaged" in listing.err
    assert "does not open" not in listing.err
    new = "another long passphrase for this journal"
    recovered = cli("recover", env={"REFLECTJOURNAL_RECOVERY_KEY": made,
                                    "REFLECTJOURNAL_NEW_PASSPHRASE": new})
    assert recovered.status == 0, recovered.err
    assert cli("list", env={"REFLECTJOURNAL_PASSPHRASE": new}).status == 0
    assert cli("check", env={"REFLECTJOURNAL_PASSPHRASE": new}).status == 0
