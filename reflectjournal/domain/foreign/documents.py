"""Word and Docs files (.docx, .odt): a journal kept in one document, or one document per note.

A document whose entries start with a date (a dated heading, "Tuesday, March 12, 2024", or a
short line that is a date and a title, "3/12/24 - Home visit") becomes one entry per date,
titled by what follows the date. A document without such dates is one entry: titled by its
first heading (else its file name), dated by a date its file name starts with, else the
creation date it records, else the file's date. Headings inside an entry stay headings and
lists stay lists (as Markdown, which the reading pane shows); tables become rows of cells.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from reflectjournal.domain.errors import ImportFormatError
from reflectjournal.domain.foreign.date_lines import DateLine, is_heading_date, read_date_line
from reflectjournal.domain.foreign.document_text import (
    Counts,
    DocumentFormat,
    DocumentText,
    Paragraph,
    read_document,
)
from reflectjournal.domain.foreign.model import (
    EntryChecker,
    ForeignEntry,
    ForeignJournal,
    Skipped,
    from_timestamp,
    localize,
)

DOCUMENT_SUFFIXES: dict[str, DocumentFormat] = {".docx": "docx", ".odt": "odt"}


@dataclass(frozen=True, slots=True)
class DocumentFile:
    """One document: its path in what was chosen, its format, its parts, its mtime (POSIX)."""

    path: str
    kind: DocumentFormat
    parts: dict[str, bytes]
    modified: float


@dataclass(slots=True)
class _Section:
    line: DateLine | None
    title: str
    paragraphs: list[Paragraph] = field(default_factory=list)


@dataclass(slots=True)
class _Totals:
    counts: Counts = field(default_factory=Counts)
    changed: int = 0  # documents with tracked changes
    ambiguous: list[tuple[str, DateLine]] = field(default_factory=list)  # (document, date)


def parse_documents(files: Sequence[DocumentFile], skipped: Sequence[Skipped] = (),
                    zone: dt.tzinfo | None = None, *, strict: bool = False) -> ForeignJournal:
    """Read documents; strict (one chosen file) raises on a damaged one instead of skipping."""
    if not files:
        raise ImportFormatError(
            "The folder holds no Word or OpenDocument files (.docx, .odt).",
            "In Google Docs choose File > Download > Microsoft Word (.docx); in Word or "
            "Pages save as .docx; then choose that file or its folder.")
    checker = EntryChecker()
    checker.skipped.extend(skipped)
    totals = _Totals()
    entries: list[ForeignEntry] = []
    for document in sorted(files, key=lambda f: f.path):
        try:
            text = read_document(document.kind, document.parts, zone)
        except ImportFormatError as exc:
            if strict:
                raise ImportFormatError(f"{document.path}: {exc}.") from None
            checker.skipped.append(Skipped(document.path, str(exc).rstrip(".")))
            continue
        entries += _entries(document, text, checker, totals, zone)
    return ForeignJournal("word", tuple(entries), checker.finish() + _left_out(totals),
                          _notes(totals))


def _entries(document: DocumentFile, text: DocumentText, checker: EntryChecker,
             totals: _Totals, zone: dt.tzinfo | None) -> list[ForeignEntry]:
    _add(totals.counts, text.counts)
    totals.changed += bool(text.counts.tracked_changes)
    stem = PurePosixPath(document.path).stem
    preamble, sections, groups = _sections(text.paragraphs)
    checker.skipped += [Skipped(f"the heading '{g[:60]}' in {document.path}",
                                "it groups the dated entries below it and is no entry itself")
                        for g in groups]
    totals.ambiguous += [(document.path, s.line) for s in sections
                         if s.line is not None and s.line.ambiguous]
    found: list[ForeignEntry] = []
    if not preamble and not sections:
        checker.skipped.append(Skipped(document.path, "it holds no text"))
        return found
    if not sections:
        # No dated entries: the document is one note.
        title, body = _title_and_rest(preamble)
        named = read_date_line(stem)
        when = (_at(named, zone) if named is not None
                else text.created or _file_date(document, zone))
        entry = checker.entry(document.path, when, title or (named.rest if named else stem),
                              _markdown(body), (), source_id=document.path)
        return [entry] if entry is not None else []
    if preamble:
        if all(p.role in ("title", "heading") for p in preamble):
            names = ", ".join(f"'{p.text[:60]}'" for p in preamble[:3])
            checker.skipped.append(Skipped(
                f"the {'heading' if len(preamble) == 1 else 'headings'} {names} at the top "
                f"of {document.path}", "they head the whole document, not one entry"))
        else:
            title, body = _title_and_rest(preamble)
            entry = checker.entry(f"the text before the first date in {document.path}",
                                  text.created or _file_date(document, zone),
                                  title or stem, _markdown(body), (),
                                  source_id=f"{document.path}\n(before the first date)")
            if entry is not None:
                found.append(entry)
    seen: dict[tuple[dt.date, str], int] = {}
    for section in sections:
        assert section.line is not None
        key = (section.line.date, section.title)
        seen[key] = seen.get(key, 0) + 1
        where = f"the entry of {section.line.date.isoformat()} in {document.path}"
        entry = checker.entry(
            where, _at(section.line, zone), section.title, _markdown(section.paragraphs), (),
            source_id=f"{document.path}\n{section.line.date.isoformat()}\n{section.title}"
                      f"\n{seen[key]}")
        if entry is not None:
            found.append(entry)
    return found


def _sections(paragraphs: Sequence[Paragraph]) -> tuple[
        list[Paragraph], list[_Section], list[str]]:
    """Split paragraphs at entry dates: (text before the first, the entries, group headings)."""
    dated: list[tuple[Paragraph, DateLine | None, str]] = []
    for paragraph in paragraphs:
        first, _, more = paragraph.text.partition("\n")
        line = read_date_line(first) if paragraph.role != "row" else None
        heading = paragraph.role in ("title", "heading")
        dated.append((paragraph, line if is_heading_date(line, heading=heading) else None, more))
    levels = [p.level for p, line, _ in dated if line is not None and p.role == "heading"]
    entry_level = min(levels, default=None)
    preamble: list[Paragraph] = []
    sections: list[_Section] = []
    groups: list[str] = []
    pending: Paragraph | None = None  # a heading above the entries' level, not yet placed
    for paragraph, line, more in dated:
        if line is not None:
            if pending is not None and sections:
                groups.append(pending.text)  # "April 2024" above April's dated entries
            elif pending is not None:
                preamble.append(pending)
            pending = None
            section = _Section(line, line.rest)
            if more:
                section.paragraphs.append(Paragraph("text", more))
            sections.append(section)
            continue
        if (sections and entry_level is not None and paragraph.role == "heading"
                and paragraph.level <= entry_level):
            if pending is not None:
                sections[-1].paragraphs.append(pending)
            pending = paragraph
            continue
        if pending is not None:
            # Text follows the heading: it belongs to the entry above, heading and all.
            sections[-1].paragraphs.append(pending)
            pending = None
        (sections[-1].paragraphs if sections else preamble).append(paragraph)
    if pending is not None:
        sections[-1].paragraphs.append(pending)
    return preamble, sections, groups


def _title_and_rest(paragraphs: Sequence[Paragraph]) -> tuple[str, list[Paragraph]]:
    first = paragraphs[0]
    if first.role in ("title", "heading") and "\n" not in first.text:
        return first.text, list(paragraphs[1:])
    return "", list(paragraphs)


def _markdown(paragraphs: Sequence[Paragraph]) -> str:
    """Return paragraphs as Markdown: headings marked, list items and rows kept together."""
    out: list[str] = []
    previous = ""
    for paragraph in paragraphs:
        if paragraph.role in ("title", "heading"):
            level = 1 if paragraph.role == "title" else min(max(paragraph.level, 1), 6)
            block = f"{'#' * level} {paragraph.text.replace(chr(10), ' ')}"
        elif paragraph.role == "item":
            block = "- " + paragraph.text.replace("\n", "\n  ")
        else:
            block = paragraph.text
        together = paragraph.role in ("item", "row") and previous == paragraph.role
        out.append(("\n" if together else "\n\n") + block if out else block)
        previous = paragraph.role
    return "".join(out)


def _at(line: DateLine, zone: dt.tzinfo | None) -> dt.datetime:
    return localize(dt.datetime.combine(line.date, line.time or dt.time(0, 0)), zone)


def _file_date(document: DocumentFile, zone: dt.tzinfo | None) -> dt.datetime:
    try:
        return from_timestamp(document.modified, zone).replace(microsecond=0)
    except (OverflowError, ValueError, OSError):
        raise ImportFormatError(f"{document.path} has no date and its file date is not "
                                "usable") from None


def _add(total: Counts, more: Counts) -> None:
    total.pictures += more.pictures
    total.comments += more.comments
    total.footnotes += more.footnotes
    total.tracked_changes += more.tracked_changes


def _left_out(totals: _Totals) -> tuple[Skipped, ...]:
    counts = totals.counts

    def n(count: int, one: str, many: str) -> str:
        return f"{count:,} {one if count == 1 else many}"
    left: list[Skipped] = []
    if counts.pictures:
        left.append(Skipped(n(counts.pictures, "picture or text box", "pictures or text boxes"),
                            "only a document's text is imported"))
    if counts.comments:
        left.append(Skipped(n(counts.comments, "comment", "comments"),
                            "comments in the margin are not imported (the text they are on is)"))
    if counts.footnotes:
        left.append(Skipped(n(counts.footnotes, "footnote", "footnotes"),
                            "footnotes are not imported (the text they are on is)"))
    return tuple(left)


def _notes(totals: _Totals) -> tuple[str, ...]:
    notes: list[str] = []
    if totals.changed:
        have = "document has" if totals.changed == 1 else "documents have"
        notes.append(f"{totals.changed:,} {have} tracked changes: they are imported as if "
                     "accepted (deleted text is left out).")
    if totals.ambiguous:
        path, line = totals.ambiguous[0]
        count = len(totals.ambiguous)
        notes.append(
            f"{count:,} {'date' if count == 1 else 'dates'} written in numbers could be read "
            f"two ways; for example the entry of {line.date:%B} {line.date.day}, "
            f"{line.date.year} in {path}. Slashes were read month first (3/4/2024 is March 4), "
            "dots and dashes day first (3.4.2024 is 3 April). If that is wrong, write those "
            "dates as 2024-03-04 in the document before importing.")
    return tuple(notes)
