"""The text of a word-processor document, paragraph by paragraph: Word (.docx) and ODF (.odt).

Google Docs, LibreOffice, Pages and Word all save one of the two. Only what a reader sees as
the document's text is kept: headings (with their level), paragraphs, list items and table
rows. Tracked changes read as if accepted (deleted text is left out), and what is not text
(pictures, text boxes, comments in the margin, footnotes) is counted, never imported: a
footnote or comment out of place would put words where the clinician did not write them.

XML with a document type declaration is refused before it is parsed: neither format has one,
and entity declarations are how an XML file expands to gigabytes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from reflectjournal.domain.errors import ImportFormatError

DocumentFormat = Literal["docx", "odt"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_META = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}"
_DCTERMS = "{http://purl.org/dc/terms/}"
_HEADING_NAME = re.compile(r"heading\s*(\d)", re.IGNORECASE)

# The parts of each format that are read (names inside its zip).
DOCX_PARTS = ("word/document.xml", "word/styles.xml", "docProps/core.xml",
              "word/comments.xml", "word/footnotes.xml")
ODT_PARTS = ("content.xml", "styles.xml", "meta.xml")
MAIN_PART: dict[DocumentFormat, str] = {"docx": "word/document.xml", "odt": "content.xml"}

Role = Literal["title", "heading", "text", "item", "row"]


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One block of a document: a heading (level 1-9), a title, text, a list item or a row."""

    role: Role
    text: str
    level: int = 0


@dataclass(slots=True)
class Counts:
    """What a document holds that is not imported as text."""

    pictures: int = 0
    comments: int = 0
    footnotes: int = 0
    tracked_changes: int = 0


@dataclass(frozen=True, slots=True)
class DocumentText:
    """A document's paragraphs, its creation time if it says, and what was left out."""

    paragraphs: tuple[Paragraph, ...]
    created: dt.datetime | None
    counts: Counts = field(default_factory=Counts)


def read_document(kind: DocumentFormat, parts: dict[str, bytes],
                  zone: dt.tzinfo | None) -> DocumentText:
    """Return a document's text from its parts (zip member name -> bytes)."""
    main = parts.get(MAIN_PART[kind])
    if main is None:
        raise ImportFormatError(f"it has no {MAIN_PART[kind]}, so it is not a "
                                f"{'Word' if kind == 'docx' else 'OpenDocument'} text document")
    counts = Counts()
    if kind == "docx":
        word_styles = _docx_styles(parts.get("word/styles.xml"))
        paragraphs = tuple(_docx_blocks(_body(_parse(main), f"{_W}body"), word_styles, counts))
        counts.comments = _count(parts.get("word/comments.xml"), f"{_W}comment")
        # Word keeps two separator "footnotes" of its own (ids -1 and 0).
        counts.footnotes = max(0, _count(parts.get("word/footnotes.xml"), f"{_W}footnote") - 2)
        created = _created(parts.get("docProps/core.xml"), f"{_DCTERMS}created", zone)
    else:
        root = _parse(main)
        styles = _odt_styles(root, parts.get("styles.xml"))
        text = _body(root, f"{_OFFICE}body/{_OFFICE}text")
        paragraphs = tuple(_odt_blocks(text, styles, counts, in_list=False))
        created = _created(parts.get("meta.xml"), f"{_META}creation-date", zone)
    return DocumentText(paragraphs, created, counts)


def _parse(data: bytes) -> ET.Element:
    head = data[:4096]
    if b"<!DOCTYPE" in head or b"<!ENTITY" in data:
        raise ImportFormatError("it declares XML entities, which no word processor writes")
    try:
        # Safe without defusedxml: declarations are refused above (no entities, no external
        # references), and expat from 2.4.1 on also caps entity amplification.
        return ET.fromstring(data)  # noqa: S314
    except ET.ParseError as exc:
        raise ImportFormatError(f"it is damaged (its XML breaks off: {exc})") from None
    except (LookupError, ValueError):  # an encoding name that is none, say
        raise ImportFormatError("it is damaged (its XML cannot be read)") from None


def _body(root: ET.Element, path: str) -> ET.Element:
    body = root.find(path)
    if body is None:
        raise ImportFormatError("it holds no document body")
    return body


def _count(data: bytes | None, tag: str) -> int:
    if not data:
        return 0
    try:
        return sum(1 for _ in _parse(data).iter(tag))
    except ImportFormatError:
        return 0  # a damaged comments part: the text still imports


def _created(data: bytes | None, tag: str, zone: dt.tzinfo | None) -> dt.datetime | None:
    if not data:
        return None
    try:
        node = _parse(data).find(f".//{tag}")
    except ImportFormatError:
        return None
    if node is None or not node.text:
        return None
    text = node.text.strip()
    # ODF writes nanoseconds (2024-03-10T21:30:00.123456789); Python reads microseconds.
    text = re.sub(r"(\.\d{6})\d+", r"\1", text)
    try:
        stamp = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    if not 1900 <= stamp.year <= 2100:
        return None
    if stamp.tzinfo is None:
        return stamp.astimezone() if zone is None else stamp.replace(tzinfo=zone)
    return stamp.astimezone(zone) if zone is not None else stamp.astimezone()


# ---- Word (.docx) ----------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Style:
    name: str
    outline: int | None  # heading level 1-9 from the style's outline level
    based_on: str | None
    numbered: bool


def _docx_styles(data: bytes | None) -> dict[str, _Style]:
    styles: dict[str, _Style] = {}
    if not data:
        return styles
    try:
        root = _parse(data)
    except ImportFormatError:
        return styles
    for style in root.iter(f"{_W}style"):
        style_id = style.get(f"{_W}styleId")
        if not style_id:
            continue
        name = style.find(f"{_W}name")
        based = style.find(f"{_W}basedOn")
        ppr = style.find(f"{_W}pPr")
        styles[style_id] = _Style(
            (name.get(f"{_W}val") or "") if name is not None else "",
            _outline(ppr), based.get(f"{_W}val") if based is not None else None,
            ppr is not None and ppr.find(f"{_W}numPr") is not None)
    return styles


def _outline(ppr: ET.Element | None) -> int | None:
    node = ppr.find(f"{_W}outlineLvl") if ppr is not None else None
    value = node.get(f"{_W}val") if node is not None else None
    if value is None or not value.isdigit() or int(value) > 8:
        return None  # level 9 is Word's "body text"
    return int(value) + 1


def _docx_role(ppr: ET.Element | None, styles: dict[str, _Style]) -> tuple[Role, int]:
    level = _outline(ppr)
    numbered = ppr is not None and ppr.find(f"{_W}numPr") is not None
    node = ppr.find(f"{_W}pStyle") if ppr is not None else None
    style_id = node.get(f"{_W}val") if node is not None else None
    for _ in range(10):  # follow basedOn, as Word does, a few steps at most
        style = styles.get(style_id or "")
        if style is None:
            break
        heading = _HEADING_NAME.fullmatch(style.name.strip())
        if style.name.strip().casefold() == "title":
            return "title", 1
        if level is None:
            level = int(heading.group(1)) if heading else style.outline
        numbered = numbered or style.numbered
        style_id = style.based_on
    if level is not None:
        return "heading", level
    return ("item" if numbered else "text"), 0


def _docx_blocks(body: ET.Element, styles: dict[str, _Style],
                 counts: Counts) -> Iterator[Paragraph]:
    for child in body:
        if child.tag == f"{_W}p":
            role, level = _docx_role(child.find(f"{_W}pPr"), styles)
            text = _clean("".join(_docx_text(child, counts)))
            if text:
                yield Paragraph(role, text, level)
        elif child.tag == f"{_W}tbl":
            for row in child.iter(f"{_W}tr"):
                cells = [_clean(" ".join(_clean("".join(_docx_text(p, counts)))
                                         for p in cell.iter(f"{_W}p")))
                         for cell in row.iter(f"{_W}tc")]
                if any(cells):
                    yield Paragraph("row", " | ".join(cells))
        elif child.tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml",
                           f"{_W}ins", f"{_W}smartTag"):
            yield from _docx_blocks(child, styles, counts)


# Subtrees whose text a reader does not see as the text: tracked deletions, the older of two
# renderings (mc:Fallback repeats mc:Choice), field codes, paragraph and run properties.
_DOCX_SKIP = {f"{_W}del", f"{_W}moveFrom", f"{_MC}Fallback", f"{_W}instrText", f"{_W}pPr",
              f"{_W}rPr", f"{_W}delText", f"{_W}footnoteReference", f"{_W}endnoteReference"}


def _docx_text(node: ET.Element, counts: Counts) -> Iterator[str]:
    for child in node:
        tag = child.tag
        if tag in _DOCX_SKIP:
            if tag in (f"{_W}del", f"{_W}moveFrom"):
                counts.tracked_changes += 1
            continue
        if tag == f"{_W}t":
            yield child.text or ""
        elif tag == f"{_W}tab":
            yield "\t"
        elif tag in (f"{_W}br", f"{_W}cr"):
            yield "\n"
        elif tag == f"{_W}noBreakHyphen":
            yield "-"
        elif tag in (f"{_W}drawing", f"{_W}pict", f"{_W}object"):
            counts.pictures += 1
        else:
            if tag in (f"{_W}ins", f"{_W}moveTo"):
                counts.tracked_changes += 1
            yield from _docx_text(child, counts)


# ---- OpenDocument (.odt) ---------------------------------------------------------------

def _odt_styles(content: ET.Element, styles_part: bytes | None) -> dict[str, tuple[Role, int]]:
    """Return the paragraph styles that make a paragraph a title or a heading.

    A converted document often writes headings as plain paragraphs in a "Heading 1" style
    (or a style built on it) rather than as headings, so the style decides.
    """
    found: dict[str, tuple[str, str | None, str | None]] = {}  # name -> display, parent, level
    roots = [content]
    if styles_part:
        # Damaged styles: headings written as headings still read as such.
        with contextlib.suppress(ImportFormatError):
            roots.append(_parse(styles_part))
    for root in roots:
        for style in root.iter(f"{_STYLE}style"):
            name = style.get(f"{_STYLE}name")
            if name and style.get(f"{_STYLE}family", "paragraph") == "paragraph":
                found[name] = (style.get(f"{_STYLE}display-name") or name.replace("_20_", " "),
                               style.get(f"{_STYLE}parent-style-name"),
                               style.get(f"{_STYLE}default-outline-level"))
    roles: dict[str, tuple[Role, int]] = {}
    for name in found:
        current: str | None = name
        for _ in range(10):  # a few steps up the parents at most
            if current is None or current not in found:
                break
            display, parent, level = found[current]
            if display.strip().casefold() == "title":
                roles[name] = ("title", 1)
                break
            heading = _HEADING_NAME.fullmatch(display.strip())
            if heading or (level and level.isdigit()):
                roles[name] = ("heading", int(heading.group(1) if heading else level or 1))
                break
            current = parent
    return roles


# Blocks whose text is generated or not the document's: tracked deletions, tables of
# contents and indexes, form and variable declarations.
_ODT_SKIP_BLOCKS = {f"{_TEXT}tracked-changes", f"{_TEXT}table-of-content",
                    f"{_TEXT}alphabetical-index", f"{_TEXT}illustration-index",
                    f"{_TEXT}bibliography", f"{_TEXT}sequence-decls",
                    f"{_TEXT}variable-decls", f"{_TEXT}user-field-decls", f"{_OFFICE}forms"}


def _odt_blocks(node: ET.Element, styles: dict[str, tuple[Role, int]], counts: Counts,
                in_list: bool) -> Iterator[Paragraph]:
    for child in node:
        tag = child.tag
        if tag == f"{_TEXT}tracked-changes":
            counts.tracked_changes += len(child)
        elif tag in _ODT_SKIP_BLOCKS:
            continue
        elif tag == f"{_TEXT}h":
            text = _clean(_odt_text(child, counts))
            level = child.get(f"{_TEXT}outline-level", "1")
            if text:
                yield Paragraph("heading", text, int(level) if level.isdigit() else 1)
        elif tag == f"{_TEXT}p":
            text = _clean(_odt_text(child, counts))
            if not text:
                continue
            role = styles.get(child.get(f"{_TEXT}style-name") or "")
            if role is not None and not in_list:
                yield Paragraph(role[0], text, role[1])
            else:
                yield Paragraph("item" if in_list else "text", text)
        elif tag == f"{_TEXT}list":
            for item in child:
                yield from _odt_blocks(item, styles, counts, in_list=True)
        elif tag == f"{_TABLE}table":
            for row in child.iter(f"{_TABLE}table-row"):
                cells = [_clean(" ".join(_clean(_odt_text(p, counts))
                                         for p in cell.iter(f"{_TEXT}p")))
                         for cell in row.iter(f"{_TABLE}table-cell")]
                if any(cells):
                    yield Paragraph("row", " | ".join(cells))
        elif tag in (f"{_TEXT}section", f"{_TEXT}list-item", f"{_TEXT}list-header",
                     f"{_TEXT}index-body"):
            yield from _odt_blocks(child, styles, counts, in_list)


def _odt_text(node: ET.Element, counts: Counts) -> str:
    # ODF collapses white space in text, as HTML does; spaces that count are <text:s/>.
    out = [_space(node.text)]
    for child in node:
        tag = child.tag
        if tag == f"{_TEXT}s":
            count = child.get(f"{_TEXT}c", "1")
            out.append(" " * min(int(count) if count.isdigit() else 1, 100))
        elif tag == f"{_TEXT}tab":
            out.append("\t")
        elif tag == f"{_TEXT}line-break":
            out.append("\n")
        elif tag == f"{_TEXT}note":
            counts.footnotes += 1
        elif tag == f"{_OFFICE}annotation":
            counts.comments += 1
        elif tag == f"{_DRAW}frame":
            counts.pictures += 1
        elif tag not in (f"{_OFFICE}annotation-end", f"{_TEXT}change",
                         f"{_TEXT}change-start", f"{_TEXT}change-end"):
            out.append(_odt_text(child, counts))
        out.append(_space(child.tail))
    return "".join(out)


def _space(text: str | None) -> str:
    return re.sub(r"[ \t\r\n]+", " ", text) if text else ""


def _clean(text: str) -> str:
    """Return a paragraph's text with line ends kept and other runs of spaces made one."""
    lines = (" ".join(line.replace("\t", " ").split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line).replace("\x00", "")
