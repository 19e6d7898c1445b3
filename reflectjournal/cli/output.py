"""Text and JSON renderings of entries for the terminal."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from reflectjournal.domain.entry import Entry, EntrySummary
from reflectjournal.domain.exchange import entry_to_dict
from reflectjournal.domain.search import snippet_parts


def summary_line(s: EntrySummary, labels: Mapping[str, str]) -> str:
    """Return one list row: short id, date, kind, star, title, tags."""
    tags = ", ".join(labels.get(t, t) for t in s.tags)
    star = "★ " if s.starred else ""
    line = f"{s.id[:8]}  {s.date.isoformat()}  {s.kind:<17} {star}{s.title or '(untitled)'}"
    return f"{line}  [{tags}]" if tags else line


def snippet_text(snippet: str) -> str:
    """Render a snippet with matched words in [brackets]."""
    return "".join(f"[{text}]" if hit else text for text, hit in snippet_parts(snippet))


def entry_json(entry: Entry, labels: Mapping[str, str], snippet: str = "") -> dict[str, Any]:
    """Return an entry for --format json, with its tags' labels and its whole text."""
    doc = entry_to_dict(entry)
    doc["labels"] = {t: labels.get(t, t) for t in entry.all_tags}
    doc["text"] = "\n\n".join([*entry.answers.values(), entry.body]).strip()
    if snippet:
        doc["snippet"] = snippet_text(snippet)
    return doc


def dump_json(docs: Sequence[Mapping[str, Any]] | Mapping[str, Any]) -> str:
    """Return pretty JSON (UTF-8 text, not escaped)."""
    return json.dumps(docs, ensure_ascii=False, indent=2)
