"""Each foreign parser, fed anything: it returns a journal or raises ImportFormatError only."""

from __future__ import annotations

import contextlib
import json
import zipfile
from typing import Any, Literal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reflectjournal.domain.entry import MAX_TEXT_CHARS, MAX_TITLE_CHARS
from reflectjournal.domain.errors import ImportFormatError
from reflectjournal.domain.foreign.dayone import parse_dayone
from reflectjournal.domain.foreign.documents import DocumentFile, parse_documents
from reflectjournal.domain.foreign.front_matter import FrontMatterError, read_note
from reflectjournal.domain.foreign.jrnl import parse_jrnl
from reflectjournal.domain.foreign.markdown import NoteFile, parse_markdown
from reflectjournal.domain.foreign.model import MAX_TAG_CHARS, ForeignJournal
from tests.domain.foreign.samples import DAYONE, JRNL, NEW_YORK, WORD

_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner,
                                                                max_size=4),
    max_leaves=12,
)
_JRNL_TEXT = (JRNL / "journal.txt").read_bytes()
_JRNL_JSON = json.loads((JRNL / "export.json").read_text(encoding="utf-8"))
with zipfile.ZipFile(DAYONE / "export.zip") as _archive:
    _DAYONE = json.loads(_archive.read("Journal.json"))
_ENTRY_KEYS = ("uuid", "creationDate", "timeZone", "modifiedDate", "text", "tags", "starred",
               "photos", "location")


def _check(journal: ForeignJournal) -> None:
    """What every parse result must be, whatever the input: storable entries."""
    for entry in journal.entries:
        assert entry.written_at.tzinfo is not None
        assert len(entry.title) <= MAX_TITLE_CHARS
        assert len(entry.body) <= MAX_TEXT_CHARS
        assert entry.title or entry.body
        assert all(0 < len(t) <= MAX_TAG_CHARS for t in entry.tags)
        entry.written_at.isoformat().encode("utf-8")


def _flip(data: bytes, draw: st.DrawFn) -> bytes:
    raw = bytearray(data)
    for _ in range(draw(st.integers(1, 6))):
        raw[draw(st.integers(0, len(raw) - 1))] = draw(st.integers(0, 255))
    return bytes(raw)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
def test_jrnl_any_bytes(data: bytes) -> None:
    with contextlib.suppress(ImportFormatError):
        _check(parse_jrnl(data, NEW_YORK))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([
    "[2024-03-10 09:30:00 PM] Title.", "[2024-13-45 10:00] x", "[9999-12-31 23:59] end",
    "[0001-01-01 00:00] start", "body @tag #x", "", " *", "[2024-02-29]", "[2024-03-10T25:00]",
    "@" + "y" * 100, "\ud800", "\x00", "[2024-01-01 12:00:00 AM] *",
]), max_size=12), st.sampled_from([None, NEW_YORK]))
def test_jrnl_lines_that_look_like_entries(lines: list[str], zone: Any) -> None:
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    with contextlib.suppress(ImportFormatError):
        _check(parse_jrnl(data, zone))


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_jrnl_real_file_with_bytes_flipped(data: st.DataObject) -> None:
    with contextlib.suppress(ImportFormatError):
        _check(parse_jrnl(_flip(_JRNL_TEXT, data.draw), NEW_YORK))


@settings(max_examples=200, deadline=None)
@given(st.integers(0, len(_JRNL_JSON["entries"]) - 1),
       st.sampled_from(["title", "body", "date", "time", "tags", "starred"]), _json,
       st.booleans())
def test_jrnl_export_with_one_value_replaced_or_dropped(
    index: int, key: str, value: Any, drop: bool
) -> None:
    doc = json.loads(json.dumps(_JRNL_JSON))
    if drop:
        del doc["entries"][index][key]
    else:
        doc["entries"][index][key] = value
    with contextlib.suppress(ImportFormatError):
        _check(parse_jrnl(json.dumps(doc).encode(), NEW_YORK))


@settings(max_examples=200, deadline=None)
@given(_json)
def test_dayone_any_json(value: Any) -> None:
    with contextlib.suppress(ImportFormatError):
        _check(parse_dayone({"Journal.json": json.dumps(value).encode()}))


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_ENTRY_KEYS), _json | st.sampled_from([
    "Mars/Base", "../../etc/passwd", "", "UTC", "9999-12-31T23:59:59Z",
    "0001-01-01T00:00:00+00:00", "\x00"]), st.booleans())
def test_dayone_entry_with_one_value_replaced_or_dropped(key: str, value: Any,
                                                         drop: bool) -> None:
    doc = json.loads(json.dumps(_DAYONE))
    entry = doc["entries"][0]
    if drop:
        entry.pop(key, None)
    else:
        entry[key] = value
    with contextlib.suppress(ImportFormatError):
        _check(parse_dayone({"Journal.json": json.dumps(doc).encode()}))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_dayone_any_bytes(data: bytes) -> None:
    with contextlib.suppress(ImportFormatError):
        _check(parse_dayone({"Journal.json": data}))


_FRONT_LINES = st.lists(st.sampled_from([
    "---", "...", "title: T", "date: 2024-03-10", "date: 2024-03-10T21:30:00-05:00",
    "date: 10000-01-01", "created: 0001-01-01T00:00", "tags:", "- a", "  - b", "tags: [a, b",
    "tags: [x, 'y']", "title: 'open", "  nested: 1", "# comment", "plain words", "", "body",
    "tag: #one #two", "date: 9999-12-31T23:59:59-12:00",
]), max_size=10)


@settings(max_examples=300, deadline=None)
@given(_FRONT_LINES, st.floats(allow_nan=True, allow_infinity=True) | st.integers(-2**63, 2**63),
       st.sampled_from([None, NEW_YORK]))
def test_markdown_any_front_matter_and_file_date(lines: list[str], mtime: float,
                                                 zone: Any) -> None:
    note = NoteFile("n.md", "\n".join(lines).encode(), float(mtime))
    with contextlib.suppress(ImportFormatError):
        _check(parse_markdown([note], zone=zone))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_front_matter_reader_raises_only_its_error(text: str) -> None:
    with contextlib.suppress(FrontMatterError):
        read_note(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.text(min_size=1, max_size=20), st.binary(max_size=200)),
                max_size=5))
def test_markdown_any_bytes(files: list[tuple[str, bytes]]) -> None:
    notes = [NoteFile(name, data, 0.0) for name, data in files]
    with contextlib.suppress(ImportFormatError):
        _check(parse_markdown(notes, zone=NEW_YORK))


def _word_parts(name: str) -> dict[str, bytes]:
    with zipfile.ZipFile(WORD / name) as archive:
        return {n: archive.read(n) for n in archive.namelist() if n.endswith(".xml")}


_WORD_PARTS = {"docx": _word_parts("journal.docx"), "odt": _word_parts("journal.odt")}


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["docx", "odt"]), st.data())
def test_documents_with_bytes_flipped(kind: Literal["docx", "odt"], data: st.DataObject) -> None:
    parts = dict(_WORD_PARTS[kind])
    target = data.draw(st.sampled_from(sorted(parts)))
    parts[target] = _flip(parts[target], data.draw)
    with contextlib.suppress(ImportFormatError):
        _check(parse_documents([DocumentFile(f"x.{kind}", kind, parts, 0.0)], strict=True))


_XML_PIECES = st.lists(st.sampled_from([
    "<w:p>", "</w:p>", "<w:r><w:t>", "</w:t></w:r>", "<w:pPr><w:pStyle w:val='Heading1'/>",
    "</w:pPr>", "March 12, 2024", "3/4/24 - x", "<w:tbl><w:tr><w:tc>", "</w:tc></w:tr></w:tbl>",
    "<w:del><w:r><w:delText>gone</w:delText></w:r></w:del>", "<w:br/>", "<w:tab/>", "text",
    "<w:sdt><w:sdtContent>", "</w:sdtContent></w:sdt>", "\x00", "&amp;", "<w:outlineLvl "
    "w:val='9'/>",
]), max_size=30)


@settings(max_examples=200, deadline=None)
@given(_XML_PIECES, st.floats(allow_nan=True, allow_infinity=True))
def test_word_body_made_of_any_pieces(pieces: list[str], mtime: float) -> None:
    body = ("<w:document xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/2006/main'>"
            "<w:body>" + "".join(pieces) + "</w:body></w:document>")
    document = DocumentFile("x.docx", "docx", {"word/document.xml": body.encode()}, mtime)
    with contextlib.suppress(ImportFormatError):
        _check(parse_documents([document], zone=NEW_YORK, strict=True))
