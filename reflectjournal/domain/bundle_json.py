"""The bounded JSON every part of a bundle is read from and written as.

A bundle's parts (contents, manifest, payloads, session statements) are each a JSON text
from someone else's machine: each is counted before it is parsed, read through the
located JsonReader, and its errors told as bundle errors. Written, each is compact UTF-8,
so the bytes that get signed and hashed are the same on every machine.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from reflectjournal.domain.errors import BundleFormatError, ImportFormatError
from reflectjournal.domain.exchange import JsonReader
from reflectjournal.domain.shared_version import is_version

T = TypeVar("T")

# Parsed JSON costs far more memory than its text: 32 MiB of "[]," is 11 million lists
# (844 MiB, measured). The most a valid bundle holds is 500 entries of 100 answers, fields
# and tags each, about 360,000 values, so more than this is refused before parsing.
MAX_JSON_VALUES = 400_000
_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')


def json_bytes(value: Any) -> bytes:
    """Return value as compact UTF-8 JSON (the exact bytes signed and hashed)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def json_values(data: bytes) -> int:
    """Return how many JSON values the text holds at most (strings' contents not counted)."""
    bare = _STRING.sub(b'""', data)
    return bare.count(b",") + bare.count(b"[") + bare.count(b"{") + 1


def load_json(data: bytes, what: str) -> JsonReader:
    """Parse one part of a bundle, refusing more values than any bundle holds."""
    if json_values(data) > MAX_JSON_VALUES:
        raise BundleFormatError(
            f"The bundle holds more items in its {what} than any ReflectJournal bundle can.",
            "Nothing was filed. Ask the sender for a fresh copy.")
    try:
        return JsonReader(json.loads(data.decode("utf-8")), "")
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise BundleFormatError(f"The bundle's {what} is not valid JSON text.") from None


@contextlib.contextmanager
def format_errors(what: str) -> Iterator[None]:
    """Turn the JSON reader's located errors into bundle errors."""
    try:
        yield
    except ImportFormatError as exc:
        raise BundleFormatError(f"The bundle's {what} is malformed: {exc.message}") from None


def read_version(r: JsonReader) -> str:
    """Read a shared entry's version (a SHA-256 in hex)."""
    text = r.text(64, nonempty=True)
    if not is_version(text):
        raise r.fail("a version: 64 lowercase hex digits")
    return text


def read_optional(r: JsonReader, key: str, read: Callable[[JsonReader], T]) -> T | None:
    """Read an optional statement detail; absent (an older statement) is None."""
    return read(r.field(key)) if key in r.obj() else None


def read_uuid(r: JsonReader) -> str:
    """Read a bundle's, comment's or statement's id."""
    return str(r.entry_id())
