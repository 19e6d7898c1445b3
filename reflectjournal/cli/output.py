"""Text and JSON renderings of entries for the terminal."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from reflectjournal.domain.entry import Entry, EntrySummary
from reflectjournal.domain.exchange import entry_to_dict
from reflectjournal.domain.search import snippet_parts
from reflectjournal.domain.taxonomy import Catalog


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


def entry_text(entry: Entry, labels: Mapping[str, str], catalog: Catalog) -> str:
    """Return an entry as readable text."""
    kind = catalog.kind(entry.kind)
    lines = [
        f"{entry.title or '(untitled)'}" + ("  ★" if entry.starred else ""),
        f"{kind.label} · {entry.date.isoformat()} · id {entry.id}",
    ]
    if entry.duration_minutes:
        lines.append(f"Duration: {entry.duration_minutes} min")
    field_labels = {f.id: f for f in kind.fields}
    for key, value in entry.fields.items():
        spec = field_labels.get(key)
        choice = {c.id: c.label for c in spec.choices} if spec else {}
        shown = ", ".join(choice.get(v, v) for v in value) if isinstance(value, list) else (
            choice.get(value, value) if isinstance(value, str) else value)
        lines.append(f"{spec.label if spec else key}: {shown}")
    for name, ids in (("Competencies", entry.competencies), ("Themes", entry.themes),
                      ("Tags", entry.tags)):
        if ids:
            lines.append(f"{name}: " + "; ".join(labels.get(t, t) for t in ids))
    prompts = {p.id: p for s in catalog.prompt_sets for p in s.prompts}
    for prompt_id, answer in entry.answers.items():
        prompt = prompts.get(prompt_id)
        lines += ["", f"## {prompt.label if prompt else prompt_id}", answer]
    if entry.body:
        lines += ["", entry.body]
    return "\n".join(lines)
