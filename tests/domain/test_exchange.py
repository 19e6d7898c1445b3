"""The JSON export format: lossless round trip and strict, located parse errors."""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import io
import json
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reflectjournal.domain import exchange
from reflectjournal.domain.entry import Entry
from reflectjournal.domain.errors import ImportFormatError
from reflectjournal.domain.exchange import parse_json, to_json
from reflectjournal.domain.ids import EntryId, TagId
from reflectjournal.domain.taxonomy import Prompt, Tag

UTC = dt.UTC
ID_1 = EntryId("0b7e0b5e-6c39-4d43-9a43-3f3c1fd5d2a1")
ID_2 = EntryId("5f1d4c0e-2a6b-4b8e-8c57-7d1e2f3a4b5c")

TAGS = (
    Tag(TagId("C4"), "competency", "Direct Service Skills"),
    Tag(TagId("C4.03"), "competency", "Responding with empathy", parent=TagId("C4")),
    Tag(TagId("G1"), "theme", "Unresolved loss"),
    Tag(TagId("u-1a2b3c4d"), "user", "Home visits", retired=True),
    Tag(TagId("G2"), "theme", "Re-enactment"),  # unused: not exported
)
OWN_PROMPT = Prompt("u-0f0f0f0f", "Mine", "A prompt of my own?")
UNUSED_PROMPT = Prompt("u-0e0e0e0e", "Unused", "No entry answers it")  # not exported


def _entry(entry_id: EntryId = ID_1, **changes: Any) -> Entry:
    values: dict[str, Any] = {
        "id": entry_id, "kind": "session", "date": dt.date(2026, 3, 7),
        "title": "Feeding at home", "body": "Der 7-month-old 👶 cried.\nLine two.",
        "answers": {"baby": "hungry?", "echoes": "grandmother"},
        "fields": {"setting": "home", "present": ["infant", "parent"], "peer": False,
                   "hours_face_to_face": 1.5, "minutes": 50},
        "duration_minutes": 50, "competencies": (TagId("C4.03"),), "themes": (TagId("G1"),),
        "tags": (TagId("u-1a2b3c4d"),), "starred": True,
        "created_at": dt.datetime(2026, 3, 7, 9, 30, tzinfo=UTC),
        "modified_at": dt.datetime(2026, 3, 8, 10, 0, 5, tzinfo=dt.timezone(dt.timedelta(hours=2))),
    }
    values.update(changes)
    return Entry(**values)


def _doc() -> dict[str, Any]:
    """Return a valid export document as plain JSON data, with four entries."""
    entries = [
        _entry(),
        _entry(ID_2, kind="reflection", title="", answers={}, fields={}, duration_minutes=None,
               competencies=(), themes=(), tags=(), starred=False),
        _entry(EntryId("a3c1d2e4-0000-4000-8000-000000000003"),
               answers={"baby": "hungry?", OWN_PROMPT.id: "mine"}),
        _entry(EntryId("a3c1d2e4-0000-4000-8000-000000000004")),
    ]
    doc: dict[str, Any] = json.loads(to_json(entries, TAGS, dt.datetime(2026, 3, 9, tzinfo=UTC),
                                             prompts=(OWN_PROMPT, UNUSED_PROMPT)))
    return doc


def _parse(doc: Any) -> exchange.ExportDocument:
    return parse_json(json.dumps(doc).encode())


def test_round_trip_is_lossless() -> None:
    entries = (_entry(), _entry(ID_2, duration_minutes=None, starred=False, competencies=()))
    data = to_json(entries, TAGS, dt.datetime(2026, 3, 9, tzinfo=UTC))
    parsed = parse_json(data)
    assert parsed.entries == entries
    assert [type(v) for v in parsed.entries[0].fields.values()] == [str, list, bool, float, int]


def test_export_carries_only_the_tags_entries_use() -> None:
    parsed = parse_json(to_json([_entry()], TAGS, dt.datetime(2026, 3, 9, tzinfo=UTC)))
    assert [t.id for t in parsed.tags] == ["C4.03", "G1", "u-1a2b3c4d"]
    by_id = {t.id: t for t in parsed.tags}
    assert by_id[TagId("C4.03")].parent == "C4"
    assert by_id[TagId("u-1a2b3c4d")].retired
    assert by_id[TagId("u-1a2b3c4d")].label == "Home visits"


def test_export_is_utf8_text_with_the_format_marker() -> None:
    data = to_json([_entry()], TAGS, dt.datetime(2026, 3, 9, tzinfo=UTC))
    assert "👶".encode() in data
    doc = json.loads(data)
    assert (doc["format"], doc["version"]) == ("reflectjournal-export", 1)
    assert doc["exported_at"] == "2026-03-09T00:00:00+00:00"


def test_empty_export_round_trips() -> None:
    parsed = parse_json(to_json([], TAGS, dt.datetime(2026, 3, 9, tzinfo=UTC)))
    assert parsed.entries == ()
    assert parsed.tags == ()


def test_bad_json_names_line_and_column() -> None:
    with pytest.raises(ImportFormatError, match=r"not valid JSON.*line 3, column 1"):
        parse_json(b'{\n  "format": \n}')


def test_non_utf8_names_the_byte() -> None:
    with pytest.raises(ImportFormatError, match=r"not UTF-8 text \(byte 2\)"):
        parse_json(b'{"\xff": 1}')


def test_wrong_format_marker() -> None:
    doc = _doc()
    doc["format"] = "jrnl"
    with pytest.raises(ImportFormatError, match="not a ReflectJournal export"):
        _parse(doc)


@pytest.mark.parametrize("doc", [[], "text", 1, None])
def test_top_level_must_be_an_object(doc: Any) -> None:
    with pytest.raises(ImportFormatError, match=r"\(top level\): expected an object"):
        _parse(doc)


def test_newer_version_is_refused() -> None:
    doc = _doc()
    doc["version"] = 2
    with pytest.raises(ImportFormatError, match="version 2 is not supported"):
        _parse(doc)


def test_too_large_is_refused_before_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    data = json.dumps(_doc()).encode()
    monkeypatch.setattr(exchange, "MAX_IMPORT_BYTES", len(data) - 1)
    with pytest.raises(ImportFormatError, match="too large"):
        parse_json(data)


def _set(doc: dict[str, Any], path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    doc = copy.deepcopy(doc)
    target: Any = doc
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return doc


def _drop(doc: dict[str, Any], path: tuple[str | int, ...]) -> dict[str, Any]:
    doc = copy.deepcopy(doc)
    target: Any = doc
    for step in path[:-1]:
        target = target[step]
    del target[path[-1]]
    return doc


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("version",), "1", "version: expected a whole number."),
        (("version",), True, "version: expected a whole number."),
        (("tags",), {}, "tags: expected a list."),
        (("entries",), None, "entries: expected a list."),
        (("entries", 3, "date"), "2026-02-30", "entries[3].date: expected a date YYYY-MM-DD."),
        (("entries", 3, "date"), "2026-3-7", "entries[3].date: expected a date YYYY-MM-DD."),
        (("entries", 3, "date"), 20260307, "entries[3].date: expected a date YYYY-MM-DD."),
        (("entries", 1, "id"), "not-a-uuid", "entries[1].id: expected a UUID."),
        (("entries", 0, "title"), 5, "entries[0].title: expected a string."),
        (("entries", 0, "title"), "x" * 301, "entries[0].title: expected at most 300 characters."),
        (("entries", 0, "kind"), "", "entries[0].kind: expected a non-empty string."),
        (("entries", 0, "starred"), "yes", "entries[0].starred: expected true or false."),
        (("entries", 0, "starred"), 1, "entries[0].starred: expected true or false."),
        (("entries", 0, "duration_minutes"), 1441,
         "entries[0].duration_minutes: expected a number from 0 to 1440."),
        (("entries", 0, "duration_minutes"), 50.0,
         "entries[0].duration_minutes: expected a whole number."),
        (("entries", 0, "answers"), ["x"], "entries[0].answers: expected an object."),
        (("entries", 0, "answers", "baby"), 3, "entries[0].answers.baby: expected a string."),
        (("entries", 0, "fields", "setting"), {"a": 1},
         "entries[0].fields.setting: expected a string, number"),
        (("entries", 0, "fields", "present"), ["ok", 3],
         "entries[0].fields.present: expected a string, number"),
        (("entries", 0, "created_at"), "2026-03-07T09:30:00",
         "entries[0].created_at: expected a timestamp with a time zone."),
        (("entries", 0, "modified_at"), "yesterday",
         "entries[0].modified_at: expected a timestamp like"),
        (("entries", 0, "competencies"), "C4.03", "entries[0].competencies: expected a list."),
        (("entries", 0, "competencies", 0), "C4 03",
         "entries[0].competencies[0]: expected a tag id"),
        (("tags", 0, "family"), "area", "tags[0].family: expected one of competency, theme, user."),
        (("tags", 1, "label"), "", "tags[1].label: expected a non-empty string."),
        (("tags", 1, "retired"), None, "tags[1].retired: expected true or false."),
        (("tags", 0, "parent"), "", "tags[0].parent: expected a non-empty string."),
    ],
)
def test_wrong_values_are_reported_with_their_path(
    path: tuple[str | int, ...], value: Any, message: str
) -> None:
    with pytest.raises(ImportFormatError) as info:
        _parse(_set(_doc(), path, value))
    assert str(info.value).startswith(message)


@pytest.mark.parametrize(
    ("path", "message"),
    [
        (("format",), "not a ReflectJournal export"),
        (("version",), "(top level): missing 'version'."),
        (("tags",), "(top level): missing 'tags'."),
        (("entries", 2, "body"), "entries[2]: missing 'body'."),
        (("tags", 0, "retired"), "tags[0]: missing 'retired'."),
    ],
)
def test_missing_keys_are_reported_with_their_path(
    path: tuple[str | int, ...], message: str
) -> None:
    with pytest.raises(ImportFormatError, match=re.escape(message)):
        _parse(_drop(_doc(), path))


def test_unknown_tag_reference_is_reported() -> None:
    doc = _set(_doc(), ("entries", 2, "themes"), ["G1", "G9"])
    with pytest.raises(ImportFormatError) as info:
        _parse(doc)
    assert str(info.value) == "entries[2].themes[1]: 'G9' is not a theme tag in 'tags'."


def test_tag_reference_of_the_wrong_family_is_reported() -> None:
    doc = _set(_doc(), ("entries", 0, "competencies"), ["G1"])
    with pytest.raises(ImportFormatError, match=r"entries\[0\].competencies\[0\]: 'G1' is not a"):
        _parse(doc)


def test_duplicate_entry_ids_are_reported() -> None:
    doc = _set(_doc(), ("entries", 3, "id"), ID_2)
    with pytest.raises(ImportFormatError, match=rf"entries\[3\].id: the id {ID_2} appears twice"):
        _parse(doc)


def test_an_empty_answer_key_is_reported() -> None:
    doc = _set(_doc(), ("entries", 1, "answers"), {"": "text"})
    with pytest.raises(ImportFormatError, match=r"entries\[1\].answers: key '' is not a valid"):
        _parse(doc)


def test_ids_are_canonicalised_and_tag_lists_deduplicated() -> None:
    doc = _set(_doc(), ("entries", 0, "id"), ID_1.upper())
    doc = _set(doc, ("entries", 0, "themes"), ["G1", "G1"])
    entry = _parse(doc).entries[0]
    assert entry.id == ID_1
    assert entry.themes == ("G1",)


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_non_finite_numbers_are_refused(constant: str) -> None:
    # Not JSON at all (RFC 8259); an entry holding one would export as invalid JSON.
    text = json.dumps(_doc()).replace(
        '"hours_face_to_face": 1.5', f'"hours_face_to_face": {constant}'
    )
    assert constant in text
    with pytest.raises(ImportFormatError, match=r"entries\[0\].fields.hours_face_to_face"):
        parse_json(text.encode())


def test_lone_surrogates_are_refused() -> None:
    # "\ud800" is valid JSON syntax but not Unicode text: it cannot be stored or encoded.
    text = json.dumps(_doc()).replace('"Feeding at home"', '"Feeding \\ud800"', 1)
    with pytest.raises(ImportFormatError, match=r"entries\[0\].title"):
        parse_json(text.encode())


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"[" * 100_000, id="deep-nesting"),
        pytest.param(b"1" * 5_000, id="huge-integer"),
        pytest.param(b'{"format": "reflectjournal-export", "version": ' + b"9" * 5_000 + b"}",
                     id="huge-version"),
    ],
)
def test_pathological_json_raises_the_typed_error(data: bytes) -> None:
    with pytest.raises(ImportFormatError):
        parse_json(data)


# Fuzzing: parse_json either succeeds or raises ImportFormatError.

_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=12,
)


def _paths(value: Any, prefix: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found += _paths(item, (*prefix, i))
    return found


_VALID = _doc()
_VALID_PATHS = _paths(_VALID)


def _parse_or_typed_error(data: bytes) -> None:
    with contextlib.suppress(ImportFormatError):
        parse_json(data)


# No example database: tests must not leave files in the checkout.
_FUZZ = settings(max_examples=150, deadline=None, database=None,
                 suppress_health_check=[HealthCheck.too_slow])


@_FUZZ
@given(st.binary(max_size=300))
def test_fuzz_arbitrary_bytes(data: bytes) -> None:
    _parse_or_typed_error(data)


@_FUZZ
@given(_json_values)
def test_fuzz_arbitrary_json(value: Any) -> None:
    _parse_or_typed_error(json.dumps(value).encode())


@_FUZZ
@given(st.sampled_from(_VALID_PATHS), _json_values, st.booleans())
def test_fuzz_valid_document_with_one_value_replaced_or_dropped(
    path: tuple[str | int, ...], value: Any, drop: bool
) -> None:
    doc = _drop(_VALID, path) if drop else _set(_VALID, path, value)
    _parse_or_typed_error(json.dumps(doc).encode())


@_FUZZ
@given(st.data())
def test_fuzz_valid_document_with_bytes_flipped(data: st.DataObject) -> None:
    raw = bytearray(json.dumps(_VALID).encode())
    for _ in range(data.draw(st.integers(1, 4))):
        raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    _parse_or_typed_error(bytes(raw))


def test_the_users_prompt_wordings_travel_before_the_entries_and_round_trip() -> None:
    doc = _doc()
    assert doc["prompts"] == [{"id": "u-0f0f0f0f", "label": "Mine",
                               "text": "A prompt of my own?"}]
    assert list(doc).index("prompts") < list(doc).index("entries")  # streamed imports see it
    assert _parse(doc).prompts == (OWN_PROMPT,)
    del doc["prompts"]
    assert _parse(doc).prompts == ()  # an export from before the list


def test_prompt_wordings_after_the_entries_make_a_streamed_read_start_again() -> None:
    doc = _doc()
    late = {k: v for k, v in doc.items() if k != "prompts"} | {"prompts": doc["prompts"]}
    stream = exchange.read_export(io.BytesIO(json.dumps(late).encode()))
    with pytest.raises(exchange.HeaderAfterEntries):
        list(stream.entries)
    whole = exchange.read_export(io.BytesIO(json.dumps(late).encode()), whole=True)
    assert whole.prompts == (OWN_PROMPT,)
    assert len(list(whole.entries)) == 4


@pytest.mark.parametrize(("value", "message"), [
    ({"id": "baby", "label": "Built in", "text": ""}, r"prompts\[0\]\.id"),
    ({"id": "u-" + "a" * 40, "label": "Long id", "text": ""}, r"prompts\[0\]\.id"),
    ({"id": "u-<b>", "label": "Markup", "text": ""}, r"prompts\[0\]\.id"),
    ({"id": "u-0f0f0f0f", "label": "", "text": ""}, r"prompts\[0\]\.label"),
    ({"id": "u-0f0f0f0f", "label": "x" * 121, "text": ""}, r"prompts\[0\]\.label"),
    ({"id": "u-0f0f0f0f", "label": "Mine", "text": "x" * 1001}, r"prompts\[0\]\.text"),
    ({"id": "u-0f0f0f0f", "label": "Mine", "text": 7}, r"prompts\[0\]\.text"),
    ("u-0f0f0f0f", r"prompts\[0\]: expected an object"),
])
def test_a_bad_prompt_wording_refuses_the_file_naming_it(value: Any, message: str) -> None:
    doc = _doc()
    doc["prompts"] = [value]
    with pytest.raises(ImportFormatError, match=message):
        _parse(doc)


def test_a_prompt_id_twice_or_too_many_wordings_refuse_the_file() -> None:
    doc = _doc()
    doc["prompts"] = doc["prompts"] * 2
    with pytest.raises(ImportFormatError, match="appears twice"):
        _parse(doc)
    doc["prompts"] = [{"id": f"u-{i:08x}", "label": "p", "text": ""} for i in range(10_001)]
    with pytest.raises(ImportFormatError, match="at most 10,000"):
        _parse(doc)
