"""Looking for leaked text in bytes and folders."""

from __future__ import annotations

from pathlib import Path


def encodings(text: str) -> list[bytes]:
    """Return text as a leak would show in a file: UTF-8 and both UTF-16s."""
    return [text.encode(encoding) for encoding in ("utf-8", "utf-16-le", "utf-16-be")]


def found_in(data: bytes, *texts: str) -> list[str]:
    """Return which of the texts appear in data, in any of those encodings."""
    return [text for text in texts if any(coded in data for coded in encodings(text))]


def folder_bytes(folder: Path) -> dict[str, bytes]:
    """Return every file under folder with its content."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}
