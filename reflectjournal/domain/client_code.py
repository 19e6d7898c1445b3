"""Random client codes.

A code must never be derived from a name, initials or a birth date (domain.md), so it is
drawn from the operating system's CSPRNG. The alphabet leaves out look-alike characters.
"""

from __future__ import annotations

import re
import secrets

_ALPHABET = "ACDEFGHJKMNPQRTUVWXY3479"
_PATTERN = re.compile(rf"^[{_ALPHABET}]{{3}}-[{_ALPHABET}]{{3}}$")


def new_client_code() -> str:
    """Return a fresh code such as `K7M-RX3` (about 27 bits of randomness)."""
    chars = "".join(secrets.choice(_ALPHABET) for _ in range(6))
    return f"{chars[:3]}-{chars[3:]}"


def is_generated_code(text: str) -> bool:
    """Return whether text has the shape of a code this module makes."""
    return bool(_PATTERN.fullmatch(text))  # match() would let "$" accept a trailing newline
