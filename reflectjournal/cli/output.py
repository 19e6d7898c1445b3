"""Text and JSON renderings of entries for the terminal."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TextIO

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


def write_json_list(out: TextIO, docs: Iterable[Mapping[str, Any]]) -> None:
    """Write docs as a JSON array with one entry a line, item by item, the first at once.

    One compact line per entry is what a streaming reader wants, and it comes from the C
    encoder: pretty-printing (json.dumps with an indent is pure Python) took 35-50 µs an
    entry, more than the query.
    """
    lead = "[\n"
    for doc in docs:
        out.write(lead + json.dumps(doc, ensure_ascii=False))
        if lead == "[\n":
            out.flush()
            lead = ",\n"
    out.write("[]\n" if lead == "[\n" else "\n]\n")
