"""Typed identifiers used across the layers."""

from __future__ import annotations

import uuid
from typing import NewType

EntryId = NewType("EntryId", str)
"""An entry's stable UUID (canonical lowercase text form)."""

TagId = NewType("TagId", str)
"""A tag's stable id: `C4`, `C4.03`, `G1` or `u-<hex>` for a user tag."""


def new_entry_id() -> EntryId:
    """Return a fresh random entry id."""
    return EntryId(str(uuid.uuid4()))


def parse_entry_id(text: str) -> EntryId:
    """Return the canonical form of a full UUID, or raise ValueError."""
    return EntryId(str(uuid.UUID(text.strip())))
