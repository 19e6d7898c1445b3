"""The streaming reader of import files: the same values and messages as json.loads."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

import pytest

from reflectjournal.domain import exchange, json_stream
from reflectjournal.domain.errors import ImportFormatError
from reflectjournal.domain.exchange import parse_json, read_export, to_json
from tests.domain.test_exchange import ID_2, TAGS, _doc, _entry

UTC = dt.UTC


@pytest.fixture(params=[1, 3, 7, 64, json_stream.CHUNK])
def chunk(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    """Read a few bytes at a time, so values, numbers and characters straddle chunks."""
    monkeypatch.setattr(json_stream, "CHUNK", request.param)
    return int(request.param)


def _message(data: bytes) -> str:
    with pytest.raises(ImportFormatError) as caught:
        parse_json(data)
    return str(caught.value)


def _json_message(data: bytes) -> str:
    try:
        json.loads(data.decode())
    except json.JSONDecodeError as exc:
        return f"{exc.msg} at line {exc.lineno}, column {exc.colno}."
    raise AssertionError("valid JSON")


def test_entries_read_in_any_chunks_are_the_same(chunk: int) -> None:
    entries = [_entry(), _entry(ID_2)]
    data = to_json(entries, TAGS, dt.datetime(2026, 3, 9, tzinfo=UTC))
    parsed = parse_json(data)
    assert parsed.entries == tuple(entries)
    assert parsed.tags == tuple(t for t in TAGS if t.id in {x for e in entries for x in e.all_tags})


@pytest.mark.parametrize("text", [
    '{\n  "format": \n}',
    '{"format": "reflectjournal-export", "version": 1, "tags": [{}, ], "entries": []}',
    '{"format": "reflectjournal-export", "version": 1,\n\n "tags": [1 2], "entries": []}',
    '{"format": "reflectjournal-export", "version": 1, "tags": [], "entries": [,]}',
    '{"format": "reflectjournal-export", "version": 1, "tags": [], "entries": []} x',
    '{"format": "reflectjournal-export", "version": 1, "tags": [], "entries": [',
    '{"format": "reflectjournal-export", "version": 1, "tags": [], "entries": ["abc',
    '{"a" 1}',
    '{"a": 1,}',
    '{"a": 1 "b": 2}',
    '\ufeff{}',
    '[1, 2',
    '',
])
def test_syntax_errors_read_as_json_loads_words_them(chunk: int, text: str) -> None:
    data = text.encode()
    assert _message(data) == f"The file is not valid JSON: {_json_message(data)}"


def test_a_bad_byte_is_named_across_chunks(chunk: int) -> None:
    assert "not UTF-8 text (byte 2)" in _message(b'{"\xff": 1}')
    data = b'{"format": "caf\xc3\xa9", "x": "\xe2\x82"}'
    bad = data.index(bytes([0xE2]))
    assert f"not UTF-8 text (byte {bad})" in _message(data)


def test_a_long_number_split_across_chunks_is_read_whole(chunk: int) -> None:
    doc = json.loads(json.dumps(_doc()))
    doc["version"] = 100000000000000000001
    assert "version 100000000000000000001 is not supported" in _message(json.dumps(doc).encode())


def test_members_in_another_order_are_read_whole(chunk: int) -> None:
    doc = _doc()
    reordered: dict[str, Any] = {"entries": doc["entries"], **doc}
    assert next(iter(reordered)) == "entries"
    assert parse_json(json.dumps(reordered).encode()) == parse_json(json.dumps(doc).encode())


def test_entries_stream_and_the_end_is_checked_after_them() -> None:
    doc = _doc()
    doc["entries"] = [doc["entries"][0]]
    text = json.dumps(doc)[:-1] + ', "extra": [1,}'
    stream = read_export(io.BytesIO(text.encode()))
    entries = stream.entries
    first = next(entries)
    assert first.title
    with pytest.raises(ImportFormatError, match="not valid JSON"):
        next(entries)


def test_a_file_over_the_limit_is_refused_while_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    data = json.dumps(_doc()).encode()
    monkeypatch.setattr(exchange, "MAX_IMPORT_BYTES", len(data) - 1)
    monkeypatch.setattr(json_stream, "CHUNK", 16)
    with pytest.raises(ImportFormatError, match="too large"):
        list(read_export(io.BytesIO(data)).entries)
