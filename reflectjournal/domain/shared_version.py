"""The version of a shared entry: a hash of exactly what left the clinician's journal.

A comment or a confirmation names the version it answers, so an entry edited after it
was read is told apart from the one the supervisor read. Both journals compute the hash
from the shared content alone (never from local ids, clocks or redaction choices), so it
must come out the same on every machine and every Python: canonical JSON (keys sorted,
no spaces, UTF-8 as is, no escaping of non-ASCII) after a fixed label, then SHA-256.
docs/sharing.md describes it for anyone checking a version by hand.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from typing import Any

from reflectjournal.domain.entry import Entry

# Changing the label or the serialisation changes every version: it is part of the format.
_LABEL = b"reflectjournal-shared-entry-version-1\n"
VERSION_HEX_CHARS = 64
SHORT_VERSION_CHARS = 12  # what people see, like a key fingerprint
_HEX = re.compile(r"[0-9a-f]{64}")
UNKNOWN_VERSION = "older bundle: version not known"


def canonical_bytes(content: Mapping[str, Any]) -> bytes:
    """Serialise shared content canonically (the bytes the version hashes)."""
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      allow_nan=False).encode("utf-8")


def content_version(content: Mapping[str, Any]) -> str:
    """Return the version (hex SHA-256) of one shared entry's content, without its version."""
    if "version" in content:
        raise ValueError("the version is not part of the content it names")
    return hashlib.sha256(_LABEL + canonical_bytes(content)).hexdigest()


def is_version(text: str) -> bool:
    """Return whether text is a version as content_version writes it."""
    return _HEX.fullmatch(text) is not None


def short_version(version: str | None) -> str:
    """Return the version as people see it, or the plain words for an older bundle's."""
    return version[:SHORT_VERSION_CHARS] if version else UNKNOWN_VERSION


_BUNDLE_LABEL = b"reflectjournal-shared-bundle-version-1\n"


def bundle_version(entry_versions: list[str]) -> str:
    """Return the version of a whole shared bundle: its entries' versions, in their order.

    A confirmed session answers a bundle rather than one entry, so its statement names this.
    """
    return hashlib.sha256(_BUNDLE_LABEL + canonical_bytes({"entries": entry_versions})).hexdigest()


_STATE_LABEL = b"reflectjournal-entry-state-1\n"


def entry_state(entry: Entry) -> str:
    """Return a hash of what the user wrote in an entry, to tell whether it changed since.

    Local to one journal (it is never sent): the star and the save time are left out, so
    starring a shared entry, or undoing an edit, does not mark it changed.
    """
    return hashlib.sha256(_STATE_LABEL + canonical_bytes({
        "kind": entry.kind, "date": entry.date.isoformat(), "title": entry.title,
        "body": entry.body, "answers": dict(entry.answers), "fields": dict(entry.fields),
        "duration_minutes": entry.duration_minutes, "tags": sorted(entry.all_tags),
    })).hexdigest()
