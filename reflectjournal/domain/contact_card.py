"""Contact cards and the pairing code two people compare before trusting each other's card."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import dataclass

from reflectjournal.domain.errors import ContactError, ImportFormatError
from reflectjournal.domain.exchange import JsonReader

CARD_FORMAT = "reflectjournal-contact-card"
CARD_VERSION = 1
MAX_CARD_BYTES = 16 * 1024
MAX_NAME_CHARS = 80
MAX_ROLE_CHARS = 80
SIGNING_KEY_BYTES = 32
# age's Bech32 recipients: "age1" and 58 characters of the Bech32 alphabet.
_AGE_RECIPIENT = re.compile(r"age1[02-9ac-hj-np-z]{58}")
# 12 digits: a card swapped in transit must be ground against ~2^40 codes to go unnoticed.
PAIRING_DIGITS = 12


@dataclass(frozen=True, slots=True)
class ContactCard:
    """What a person hands over so others can encrypt to them and check their signature."""

    name: str
    role: str
    age_recipient: str
    signing_key: bytes

    @property
    def fingerprint(self) -> str:
        """Return a short, stable label for the signing key (not a secret, not a code)."""
        return hashlib.sha256(self.signing_key).hexdigest()[:12]


def card_to_bytes(card: ContactCard) -> bytes:
    """Serialise a card to the file the other person imports."""
    doc = {
        "format": CARD_FORMAT,
        "version": CARD_VERSION,
        "name": card.name,
        "role": card.role,
        "age_recipient": card.age_recipient,
        "signing_key": base64.b64encode(card.signing_key).decode("ascii"),
    }
    return json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"


def parse_card(data: bytes) -> ContactCard:
    """Parse a contact card file, or raise ContactError naming the problem."""
    if len(data) > MAX_CARD_BYTES:
        raise ContactError("The file is too large to be a ReflectJournal contact card.")
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ContactError("The file is not a ReflectJournal contact card (not JSON).") from None
    try:
        return card_from_json(JsonReader(doc, ""), require_format=True)
    except ImportFormatError as exc:
        raise ContactError(f"The contact card is malformed: {exc.message}") from None


def card_from_json(r: JsonReader, *, require_format: bool = False) -> ContactCard:
    """Read a card from parsed JSON; raise ImportFormatError with the value's path."""
    if require_format:
        if r.obj().get("format") != CARD_FORMAT:
            raise ImportFormatError(f"format: expected '{CARD_FORMAT}'.")
        version = r.field("version").integer()
        if version != CARD_VERSION:
            raise ImportFormatError(f"card version {version} is not supported (expected 1).")
    name = clean_name(r.field("name").text(MAX_NAME_CHARS, nonempty=True))
    if not name:
        raise ImportFormatError("name: expected a name.")
    role = clean_name(r.field("role").text(MAX_ROLE_CHARS))
    recipient = r.field("age_recipient").text(100, nonempty=True)
    if not _AGE_RECIPIENT.fullmatch(recipient):
        raise ImportFormatError("age_recipient: expected an age public key (age1...).")
    key = r.field("signing_key").base64(SIGNING_KEY_BYTES, "a signing key")
    return ContactCard(name, role, recipient, key)


def card_to_json(card: ContactCard) -> dict[str, str]:
    """Return a card as the JSON object bundles carry for their sender."""
    return {
        "name": card.name,
        "role": card.role,
        "age_recipient": card.age_recipient,
        "signing_key": base64.b64encode(card.signing_key).decode("ascii"),
    }


def clean_name(text: str) -> str:
    """Collapse whitespace and drop control characters from a display name or role."""
    return " ".join("".join(c for c in text if c.isprintable()).split())


def pairing_code(mine: ContactCard, theirs: ContactCard) -> str:
    """Return the code both people see for this pair of cards, the same on both sides.

    Derived from both keys of both cards in a fixed order, so a swapped card (anyone
    who intercepted the files) changes the code on at least one side.
    """
    parts = sorted(
        [card.signing_key + card.age_recipient.encode("ascii") for card in (mine, theirs)]
    )
    digest = hashlib.sha256(b"reflectjournal-pairing-v1\0" + b"\0".join(parts)).digest()
    number = int.from_bytes(digest[:8], "big") % 10**PAIRING_DIGITS
    digits = f"{number:0{PAIRING_DIGITS}d}"
    return " ".join(digits[i:i + 4] for i in range(0, PAIRING_DIGITS, 4))


def normalise_code(text: str) -> str:
    """Return the digits of a code as typed ("1234-5678 9012" -> "123456789012")."""
    return "".join(c for c in text if c.isdigit())


def codes_match(typed: str, expected: str) -> bool:
    """Return whether a code typed by the user equals the expected one."""
    return normalise_code(typed) == normalise_code(expected) and len(normalise_code(typed)) == (
        PAIRING_DIGITS
    )
