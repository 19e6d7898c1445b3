"""The small part of YAML that note apps write as front matter, read without a YAML library.

Obsidian (and Jekyll, Hugo, Zettlr ...) put `key: value` lines between two `---` lines at
the top of a note. Only what a journal entry needs is read: plain, quoted and `[a, b]`
values, and lists written as `- item` lines. A full YAML parser would be a new runtime
dependency for three keys, and would read far more than we trust (anchors, tags, types).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

Value = str | list[str]
_KEY = re.compile(r"([^\s:#'\"-][^:]*?)\s*:(?:\s+(.*))?")
_ITEM = re.compile(r"\s*-\s+(.*)|\s*-\s*")


class FrontMatterError(ValueError):
    """The front matter cannot be read; the message says where."""


@dataclass(frozen=True, slots=True)
class Note:
    """A note's front-matter values (keys lower-cased) and the text after it."""

    values: dict[str, Value]
    body: str


def read_note(text: str) -> Note:
    """Split a note into its front matter and its body (no front matter: all body)."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return Note({}, text)
    for end in range(1, len(lines)):
        if lines[end].rstrip() in ("---", "..."):
            return Note(_values(lines[1:end]), "\n".join(lines[end + 1:]))
    raise FrontMatterError("its front matter has no closing '---' line")


def _values(lines: list[str]) -> dict[str, Value]:
    values: dict[str, Value] = {}
    current: str | None = None  # the key whose `- item` list is being read
    for number, line in enumerate(lines, start=2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        item = _ITEM.fullmatch(line)
        if item is not None and current is not None:
            listed = values[current]
            if isinstance(listed, list):
                listed.append(_scalar(item[1] or "", number))
            continue
        if line[:1].isspace():
            continue  # a nested mapping's lines: nothing an entry needs
        match = _KEY.fullmatch(line.rstrip())
        if match is None:
            raise FrontMatterError(f"line {number} of its front matter is not 'key: value'")
        key, raw = match[1].lower(), (match[2] or "").strip()
        if not raw:
            values[key], current = [], key
            continue
        current = None
        if raw.startswith("["):
            if not raw.endswith("]"):
                raise FrontMatterError(f"line {number} of its front matter has no closing ']'")
            inner = raw[1:-1].strip()
            values[key] = [_scalar(part, number) for part in inner.split(",")] if inner else []
        else:
            values[key] = _scalar(raw, number)
    return values


def _scalar(raw: str, number: int) -> str:
    raw = raw.strip()
    if raw[:1] in ("'", '"'):
        quote = raw[0]
        if len(raw) < 2 or not raw.endswith(quote):
            raise FrontMatterError(f"line {number} of its front matter has an unclosed quote")
        inner = raw[1:-1]
        return inner.replace("''", "'") if quote == "'" else inner.replace('\\"', '"')
    # A comment after a plain value: `date: 2024-01-05  # the visit`.
    return re.split(r"\s+#", raw, maxsplit=1)[0].strip()
