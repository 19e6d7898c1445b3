"""Reading the chosen Word or OpenDocument file or folder: only the text parts, capped."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest

from reflectjournal.domain.errors import ImportFormatError
from reflectjournal.services import document_sources
from tests.domain.foreign.samples import WORD


def test_one_file_reads_only_its_text_parts() -> None:
    [document], skipped, one_file = document_sources.read_documents(WORD / "journal.docx")
    assert (document.path, document.kind, skipped, one_file) == ("journal.docx", "docx", [],
                                                                 True)
    assert sorted(document.parts) == ["docProps/core.xml", "word/document.xml",
                                      "word/styles.xml"]
    [odt], _, _ = document_sources.read_documents(WORD / "changes.odt")
    assert sorted(odt.parts) == ["content.xml", "meta.xml", "styles.xml"]  # not the picture


def test_a_folder_reads_every_document_and_says_what_it_left(tmp_path: Path) -> None:
    shutil.copytree(WORD, tmp_path / "docs")
    (tmp_path / "docs" / "~$urnal.docx").write_bytes(b"lock")  # Word's lock file: passed over
    (tmp_path / "docs" / "broken.odt").write_bytes(b"PK\x03\x04 cut short")
    documents, skipped, one_file = document_sources.read_documents(tmp_path / "docs")
    assert not one_file
    assert len(documents) == 10
    assert [(s.what, s.why) for s in skipped] == [
        ("broken.odt", "it is damaged: it is not the zip file a .odt is"),
        ("1 (no extension) file", "only Word and OpenDocument files (.docx, .odt) are imported"),
        ("1 .doc file", "only Word and OpenDocument files (.docx, .odt) are imported"),
    ]


@pytest.mark.parametrize(("name", "data", "message"), [
    ("old.docx", (WORD / "visit.doc").read_bytes(), "is password-protected or in Word's old "
                                                     "format. Open it in Word"),
    ("cut.docx", (WORD / "visit.docx").read_bytes()[:-200], "is damaged"),
    ("plain.odt", b"just text", "is damaged: it is not the zip file"),
])
def test_broken_files_are_told_with_what_to_do(tmp_path: Path, name: str, data: bytes,
                                               message: str) -> None:
    (tmp_path / name).write_bytes(data)
    with pytest.raises(ImportFormatError, match=message):
        document_sources.read_documents(tmp_path / name)


def test_other_files_are_refused_and_old_formats_told_how_to_convert(tmp_path: Path) -> None:
    with pytest.raises(ImportFormatError, match=re.escape("save a copy as .docx")):
        document_sources.read_documents(WORD / "visit.doc")
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(ImportFormatError, match=re.escape("Choose a .docx or .odt file")):
        document_sources.read_documents(tmp_path / "notes.txt")


def test_password_protected_and_non_text_opendocument(tmp_path: Path) -> None:
    locked = tmp_path / "locked.odt"
    with zipfile.ZipFile(locked, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("META-INF/manifest.xml", "<manifest:encryption-data/>")
        archive.writestr("content.xml", b"\x8f\x01 encrypted bytes")
    with pytest.raises(ImportFormatError, match=re.escape("locked.odt is password-protected")):
        document_sources.read_documents(locked)
    sheet = tmp_path / "sheet.odt"
    with zipfile.ZipFile(sheet, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<x/>")
    with pytest.raises(ImportFormatError, match="not a text document"):
        document_sources.read_documents(sheet)


def test_a_part_over_the_cap_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(document_sources, "MAX_PART_BYTES", 1000)
    big = tmp_path / "big.docx"
    with zipfile.ZipFile(big, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<a>" + b" " * 5000 + b"</a>")
    with pytest.raises(ImportFormatError, match="more text than can be imported"):
        document_sources.read_documents(big)
