"""Word and OpenDocument files written by a real LibreOffice, read into entries."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest

from reflectjournal.domain.errors import ImportFormatError
from reflectjournal.domain.foreign.document_text import DOCX_PARTS, ODT_PARTS
from reflectjournal.domain.foreign.documents import DocumentFile, parse_documents
from reflectjournal.domain.foreign.model import ForeignJournal
from tests.domain.foreign.samples import NEW_YORK, WORD

_CANARIES = ("DELETED-WORDS-NOT-IMPORTED", "COMMENT-NOT-IMPORTED", "FOOTNOTE-NOT-IMPORTED")


def _document(path: Path, name: str | None = None) -> DocumentFile:
    kind = "docx" if path.suffix == ".docx" else "odt"
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        parts = {p: archive.read(p) for p in (DOCX_PARTS if kind == "docx" else ODT_PARTS)
                 if p in names}
    return DocumentFile(name or path.name, kind, parts, 1_700_000_000.0)


def _parse(*paths: Path, strict: bool = True) -> ForeignJournal:
    return parse_documents([_document(p) for p in paths], zone=NEW_YORK, strict=strict)


@pytest.mark.parametrize("suffix", [".docx", ".odt"])
def test_a_journal_in_one_document_is_one_entry_per_date(suffix: str) -> None:
    journal = _parse(WORD / f"journal{suffix}")
    assert [(e.written_at.date(), e.title) for e in journal.entries] == [
        (dt.date(2024, 3, 12), "Home visit with T. and her mum"),
        (dt.date(2024, 3, 14), "Supervision"),
        (dt.date(2024, 4, 2), ""),  # a heading that is only a date
        (dt.date(2024, 4, 5), "Team meeting"),  # a short dated line, not a heading
    ]
    first, second, third, fourth = journal.entries
    assert first.written_at == dt.datetime(2024, 3, 12, tzinfo=NEW_YORK)
    assert first.body == (
        "T. (14 months) stayed close to her mum the whole visit. When I took out the blocks "
        "she looked to mum first, then crawled over.\n\nWhat I noticed in myself:\n\n"
        "- I wanted to fix the feeding worry straight away.\n"
        "- I held back and wondered aloud with mum instead.\n\n"
        "Mum spoke about her own mother for the first time.")
    assert second.body.endswith("\n\nMinutes | 60\nFormat | Individual")
    assert "\n\n#### What I want to bring\n\nHow much of the story" in third.body
    assert fourth.body == "We talked about the waiting list and about rest."
    skipped = {s.what: s.why for s in journal.skipped}
    assert skipped[f"the heading 'April 2024' in journal{suffix}"].startswith("it groups")
    assert f"the headings 'Reflective journal 2024', 'March 2024' at the top of journal{suffix}" \
        in skipped
    [note] = journal.notes  # only 4/5/2024 could be read two ways (3/14/24 cannot)
    assert note.startswith("1 date written in numbers could be read two ways; for example "
                           f"the entry of April 5, 2024 in journal{suffix}.")


def test_both_formats_give_the_same_entries_and_spanish_dates_read() -> None:
    def entries(journal: ForeignJournal) -> list[tuple[dt.datetime, str, str]]:
        return [(e.written_at, e.title, e.body) for e in journal.entries]
    assert entries(_parse(WORD / "journal.docx")) == entries(_parse(WORD / "journal.odt"))
    notas = _parse(WORD / "notas.docx")
    assert entries(notas) == entries(_parse(WORD / "notas.odt"))
    assert [(e.written_at.date(), e.title) for e in notas.entries] == [
        (dt.date(2024, 3, 12), ""), (dt.date(2024, 3, 15), "Supervisión")]


def test_tracked_changes_comments_footnotes_and_pictures_are_not_imported() -> None:
    for suffix in (".docx", ".odt"):
        journal = _parse(WORD / f"changes{suffix}")
        [entry] = journal.entries
        assert (entry.written_at.date(), entry.title) == (dt.date(2024, 3, 20), "Visit")
        assert entry.body.startswith("At first I felt shut out, then she offered tea.\n\n"
                                     "The baby reached for me.")
        assert "Two spaces and a tab.\nA second line." in entry.body
        assert not any(c in entry.body or c in entry.title for c in _CANARIES)
        assert [s.what for s in journal.skipped] == ["1 picture or text box", "1 comment",
                                                     "1 footnote"]
        assert journal.notes == ("1 document has tracked changes: they are imported as if "
                                 "accepted (deleted text is left out).",)


def test_a_document_without_dates_is_one_note() -> None:
    [visit] = _parse(WORD / "visit.docx").entries
    assert visit.title == "Visit with the R. family"  # its first heading
    assert visit.body.startswith("The baby startled at the door bell")
    # Dated by the creation time the document records (LibreOffice writes it).
    assert visit.written_at.tzinfo is not None
    [untitled] = _parse(WORD / "untitled.odt").entries
    assert untitled.title == "untitled"  # no heading: the file name
    # A date the file name starts with wins over the document's own date.
    [named] = parse_documents([_document(WORD / "visit.odt", "2024-05-01 Home visit.odt")],
                              zone=NEW_YORK).entries
    assert named.written_at == dt.datetime(2024, 5, 1, tzinfo=NEW_YORK)
    assert named.title == "Visit with the R. family"


def test_reimport_ids_follow_the_date_and_title_not_the_text() -> None:
    ids = [e.source_id for e in _parse(WORD / "journal.docx").entries]
    assert ids[0] == "journal.docx\n2024-03-12\nHome visit with T. and her mum\n1"
    assert len(set(ids)) == 4


@pytest.mark.parametrize(("parts", "message"), [
    ({}, "it has no word/document.xml"),
    ({"word/document.xml": b"<w:document xmlns:w='x'><w:body>"}, "it is damaged"),
    ({"word/document.xml": b'<!DOCTYPE d [<!ENTITY a "aaaa">]><d>&a;</d>'},
     "it declares XML entities"),
    ({"word/document.xml": b"<doc/>"}, "it holds no document body"),
    ({"word/document.xml": b'<?xml version="1.0" encoding="UTF-9"?><d/>'}, "it is damaged"),
])
def test_broken_documents_are_errors_in_a_file_and_skipped_in_a_folder(
    parts: dict[str, bytes], message: str
) -> None:
    broken = DocumentFile("broken.docx", "docx", parts, 0.0)
    with pytest.raises(ImportFormatError, match=f"broken.docx: {message}"):
        parse_documents([broken], strict=True)
    journal = parse_documents([broken, _document(WORD / "visit.docx")], strict=False)
    assert len(journal.entries) == 1
    assert journal.skipped[0].what == "broken.docx"
    assert journal.skipped[0].why.startswith(message)


def test_no_documents_is_an_error_that_says_how_to_get_one() -> None:
    with pytest.raises(ImportFormatError, match="Google Docs choose File > Download"):
        parse_documents([])


def test_a_document_without_text_is_named_as_skipped() -> None:
    body = (b"<w:document xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/2006/main'>"
            b"<w:body><w:p/><w:p><w:r><w:t> </w:t></w:r></w:p></w:body></w:document>")
    journal = parse_documents([DocumentFile("blank.docx", "docx",
                                            {"word/document.xml": body}, 0.0)])
    assert journal.entries == ()
    assert [(s.what, s.why) for s in journal.skipped] == [("blank.docx", "it holds no text")]
