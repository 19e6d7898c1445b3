"""Reading the chosen file or folder: bounded, regular files only, nothing followed."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from reflectjournal.domain.errors import ImportFormatError
from reflectjournal.services import foreign_sources
from tests.domain.foreign.samples import DAYONE, MARKDOWN


def test_dayone_zip_reads_only_its_journal_files() -> None:
    journals = foreign_sources.read_dayone_zip(DAYONE / "export.zip")
    assert sorted(journals) == ["Journal.json", "Work.json"]


@pytest.mark.parametrize(("name", "message"), [
    ("not-a-zip.zip", "is not a zip file"),
    ("truncated.zip", "is not a zip file"),
    ("traversal.zip", "points outside the archive"),
])
def test_broken_zips(name: str, message: str) -> None:
    with pytest.raises(ImportFormatError, match=message):
        foreign_sources.read_dayone_zip(DAYONE / "broken" / name)


def test_zip_links_and_deep_members_are_not_read(tmp_path: Path) -> None:
    path = tmp_path / "odd.zip"
    with zipfile.ZipFile(path, "w") as archive:
        link = zipfile.ZipInfo("Link.json")
        link.external_attr = 0o120777 << 16  # a symbolic link
        archive.writestr(link, "/etc/passwd")
        archive.writestr("Export/Journal.json", "{}")  # one top folder: read
        archive.writestr("a/b/Deep.json", "{}")  # deeper: not a journal file
    assert sorted(foreign_sources.read_dayone_zip(path)) == ["Export/Journal.json"]


def test_a_journal_file_over_the_cap_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(foreign_sources, "MAX_JOURNAL_BYTES", 100)
    path = tmp_path / "big.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Journal.json", "x" * 1000)
    with pytest.raises(ImportFormatError, match="too large"):
        foreign_sources.read_dayone_zip(path)


def test_journal_files_together_are_capped(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(foreign_sources, "MAX_JOURNAL_BYTES", 100)
    path = tmp_path / "many.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for i in range(3):
            archive.writestr(f"J{i}.json", "x" * 40)
    with pytest.raises(ImportFormatError, match="too large together"):
        foreign_sources.read_dayone_zip(path)


def test_jrnl_file_must_be_a_regular_file_within_the_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(ImportFormatError, match="is not a file"):
        foreign_sources.read_file(tmp_path)
    with pytest.raises(ImportFormatError, match="Cannot read"):
        foreign_sources.read_file(tmp_path / "missing.txt")
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 50)
    with pytest.raises(ImportFormatError, match="too large"):
        foreign_sources.read_file(big, limit=10)


def test_folder_skips_links_hidden_folders_other_files_and_big_notes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "vault"
    (root / ".obsidian").mkdir(parents=True)
    (root / ".obsidian" / "workspace.md").write_text("app state, not a note")
    (root / "note.md").write_text("kept")
    (root / "big.md").write_text("x" * 200)
    (root / "image.png").write_bytes(b"png")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("outside the folder")
    (root / "link-to-outside").symlink_to(outside)
    (root / "link.md").symlink_to(outside / "secret.md")
    os.mkfifo(root / "pipe.md")
    monkeypatch.setattr(foreign_sources, "MAX_NOTE_BYTES", 100)
    notes, skipped = foreign_sources.read_markdown_folder(root)
    assert [n.path for n in notes] == ["note.md"]
    assert {(s.what, s.why) for s in skipped} == {
        ("big.md", "it is larger than 0 MB"),
        ("link-to-outside", "it is a link; links are not followed"),
        ("link.md", "it is a link; links are not followed"),
        ("pipe.md", "it is not a regular file"),
        ("1 .png file", "only Markdown notes (.md) are imported"),
    }


def test_folder_bounds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "vault"
    deep = root
    for i in range(4):
        deep = deep / f"d{i}"
    deep.mkdir(parents=True)
    (deep / "n.md").write_text("deep")
    monkeypatch.setattr(foreign_sources, "MAX_FOLDER_DEPTH", 2)
    notes, skipped = foreign_sources.read_markdown_folder(root)
    assert notes == []
    assert [s.what for s in skipped] == ["d0/d1/d2/"]
    monkeypatch.setattr(foreign_sources, "MAX_FOLDER_ITEMS", 2)
    with pytest.raises(ImportFormatError, match="too many files"):
        foreign_sources.read_markdown_folder(root)
    with pytest.raises(ImportFormatError, match="is not a folder"):
        foreign_sources.read_markdown_folder(MARKDOWN / "vault" / "Empty.md")


def test_folder_total_size_is_capped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for i in range(3):
        (tmp_path / f"{i}.md").write_text("x" * 40)
    monkeypatch.setattr(foreign_sources, "MAX_NOTES_BYTES", 100)
    with pytest.raises(ImportFormatError, match="add up to more than"):
        foreign_sources.read_markdown_folder(tmp_path)
