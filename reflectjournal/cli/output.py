"""Text and JSON renderings of entries for the terminal."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, TextIO

from reflectjournal.domain.entry import Entry, EntrySummary, StoredEntry
from reflectjournal.domain.exchange import entry_to_dict
from reflectjournal.domain.search import HIGHLIGHT_END, HIGHLIGHT_START

_quote = json.encoder.encode_basestring  # a JSON string, not ASCII-escaped (C in CPython)
_compact = json.JSONEncoder(ensure_ascii=False).encode


def summary_line(s: EntrySummary, labels: Mapping[str, str]) -> str:
    """Return one list row: short id, date, kind, star, title, tags."""
    tags = ", ".join(labels.get(t, t) for t in s.tags)
    star = "★ " if s.starred else ""
    line = f"{s.id[:8]}  {s.date.isoformat()}  {s.kind:<17} {star}{s.title or '(untitled)'}"
    return f"{line}  [{tags}]" if tags else line


def snippet_text(snippet: str) -> str:
    """Render a snippet with matched words in [brackets]."""
    # Two replaces: a fifth of the cost of translate (a dict look-up a character) and of
    # splitting on the markers.
    return snippet.replace(HIGHLIGHT_START, "[").replace(HIGHLIGHT_END, "]")


def entry_json(entry: Entry, labels: Mapping[str, str], snippet: str = "") -> dict[str, Any]:
    """Return an entry for --format json, with its tags' labels and its whole text."""
    doc = entry_to_dict(entry)
    doc["labels"] = {t: labels.get(t, t) for t in entry.all_tags}
    doc["text"] = "\n\n".join([*entry.answers.values(), entry.body]).strip()
    if snippet:
        doc["snippet"] = snippet_text(snippet)
    return doc


def entry_json_lines(entries: Iterable[StoredEntry], labels: Mapping[str, str]) -> Iterator[str]:
    """Yield json.dumps(entry_json(...), ensure_ascii=False) of each stored entry, built directly.

    The stored answers and fields go in as the JSON text they are stored as, each string is
    quoted by the C escaper, and each tag's quoted id and label are made once: half the cost
    of parsing an Entry and encoding its dict (tests/cli/test_json_lines.py checks that both
    say the same, byte for byte).
    """
    tag_ids: dict[str, str] = {}  # tag id -> its JSON string
    tag_labels: dict[str, str] = {}  # tag id -> '"id": "label"'
    kinds: dict[str, str] = {}

    def listed(tags: tuple[str, ...]) -> str:
        return ", ".join([tag_ids.get(t) or tag_ids.setdefault(t, _quote(t)) for t in tags])

    def labelled(tag: str) -> str:
        return tag_labels.get(tag) or tag_labels.setdefault(
            tag, f"{_quote(tag)}: {_quote(labels.get(tag, tag))}")

    for entry in entries:
        kind = kinds.get(entry.kind) or kinds.setdefault(entry.kind, _quote(entry.kind))
        all_tags = entry.competencies + entry.themes + entry.tags
        body = _quote(entry.body)
        # entry_json's text is the answers and the body joined by a blank line, stripped.
        # Quoting has no context, so when stripping changes nothing the quoted body is
        # reused rather than quoted again inside the text.
        text = f"{entry.answers_text}\n\n{entry.body}" if entry.answers_text else entry.body
        if len(text.strip()) != len(text):
            quoted_text = _quote(text.strip())
        elif entry.answers_text:
            quoted_text = f"{_quote(entry.answers_text)[:-1]}\\n\\n{body[1:]}"
        else:
            quoted_text = body
        minutes = "null" if entry.duration_minutes is None else str(int(entry.duration_minutes))
        line = (
            f'{{"id": {_quote(entry.id)}, "kind": {kind},'
            f' "date": "{entry.date.isoformat()}", "title": {_quote(entry.title)},'
            f' "answers": {entry.answers_json}, "body": {body},'
            f' "fields": {entry.fields_json}, "duration_minutes": {minutes},'
            f' "competencies": [{listed(entry.competencies)}],'
            f' "themes": [{listed(entry.themes)}], "tags": [{listed(entry.tags)}],'
            f' "starred": {"true" if entry.starred else "false"},'
            f' "created_at": {_quote(entry.created_at)},'
            f' "modified_at": {_quote(entry.modified_at)},'
            f' "labels": {{{", ".join([labelled(t) for t in all_tags])}}}, "text": {quoted_text}'
        )
        if entry.snippet:
            line += f', "snippet": {_quote(snippet_text(entry.snippet))}'
        yield line + "}"


def dump_json(docs: Sequence[Mapping[str, Any]] | Mapping[str, Any]) -> str:
    """Return pretty JSON (UTF-8 text, not escaped)."""
    return json.dumps(docs, ensure_ascii=False, indent=2)


def write_json_list(out: TextIO, docs: Iterable[Mapping[str, Any]]) -> None:
    """Write docs as a JSON array with one entry a line, item by item, the first at once.

    One compact line per entry is what a streaming reader wants, and it comes from the C
    encoder: pretty-printing (json.dumps with an indent is pure Python) took 35-50 µs an
    entry, more than the query.
    """
    write_json_lines(out, map(_compact, docs))


def write_json_lines(out: TextIO, lines: Iterable[str]) -> None:
    """Write JSON values, one a line, as one JSON array; the first line at once."""
    lead = "[\n"
    for line in lines:
        out.write(lead + line)
        if lead == "[\n":
            out.flush()
            lead = ",\n"
    out.write("[]\n" if lead == "[\n" else "\n]\n")
