"""Text and JSON renderings of entries for the terminal."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from json.encoder import encode_basestring  # the C encoder for one string
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
    """Write docs as dump_json writes a list, item by item, flushing the first at once."""
    count = 0
    for doc in docs:
        parts = ["[\n  " if count == 0 else ",\n  "]
        _pretty(doc, "  ", parts)
        out.write("".join(parts))
        if count == 0:
            out.flush()
        count += 1
    out.write("\n]\n" if count else "[]\n")


def _pretty(value: Any, pad: str, out: list[str]) -> None:
    """Append value as json.dumps(indent=2, ensure_ascii=False) writes it, nested at pad.

    json.dumps with an indent runs the pure-Python encoder, which took half the time of
    printing 20,000 entries. Here strings and containers of plain values go through the
    C encoder (its item separator carries the newline and indent); only deeper containers
    are walked in Python.
    """
    if type(value) is str:
        out.append(encode_basestring(value))
        return
    is_dict = isinstance(value, dict)
    if not (is_dict or isinstance(value, list | tuple)) or not value:
        out.append(json.dumps(value))
        return
    inner = pad + "  "
    items = value.values() if is_dict else value
    if not any(isinstance(v, dict | list | tuple) and v for v in items):
        flat = json.dumps(value, ensure_ascii=False, separators=(",\n" + inner, ": "))
        out.append(flat[0] + "\n" + inner + flat[1:-1] + "\n" + pad + flat[-1])
        return
    lead = ("{" if is_dict else "[") + "\n" + inner
    between = ",\n" + inner
    # An entry's "text" is often its body, the same object: encode long strings once.
    encoded: dict[int, str] = {}
    for key, item in value.items() if is_dict else enumerate(value):
        out.append(lead)
        lead = between
        if is_dict:
            out.append(encode_basestring(str(key)) + ": ")
        if type(item) is str:
            text = encoded.get(id(item))
            if text is None:
                text = encoded[id(item)] = encode_basestring(item)
            out.append(text)
        else:
            _pretty(item, inner, out)
    out.append("\n" + pad + ("}" if is_dict else "]"))
