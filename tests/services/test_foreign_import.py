"""Importing from jrnl, Day One and Markdown into a real (SQLCipher) journal."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from reflectjournal.domain.errors import ImportFormatError
from reflectjournal.domain.foreign.model import SourceKind
from reflectjournal.domain.search import EntryFilter
from reflectjournal.services.journal import Journal
from tests.domain.foreign.samples import DAYONE, JRNL, MARKDOWN, NEW_YORK, WORD
from tests.helpers.journals import add_entry, open_journal


def _user_tags(journal: Journal) -> dict[str, str]:
    return {t.label: t.id for t in journal.tags("user")}


def test_preview_says_what_will_happen_and_writes_nothing(journal: Journal) -> None:
    journal.add_user_tag("FEEDING")
    preview = journal.foreign_import.preview("jrnl", JRNL / "journal.txt", NEW_YORK)
    assert (preview.total, preview.new, preview.already) == (7, 7, 0)
    assert (preview.first, preview.last) == (dt.date(2023, 12, 31), dt.date(2024, 11, 3))
    # 'Feeding' is the journal's 'FEEDING' whatever the case: not created again.
    assert preview.new_tags == ("attachment", "parallel-process", "self-care")
    assert preview.skipped == ()
    assert journal.count_entries() == 0
    assert list(_user_tags(journal)) == ["FEEDING"]


def test_import_then_reimport_adds_nothing_twice(journal: Journal) -> None:
    result = journal.foreign_import.import_source("jrnl", JRNL / "journal.txt", NEW_YORK)
    assert (result.added, result.skipped) == (7, 0)
    again = journal.foreign_import.import_source("jrnl", JRNL / "journal.txt", NEW_YORK)
    assert (again.added, again.skipped) == (0, 7)
    # The export of the same journal names the same entries: nothing new either.
    export = journal.foreign_import.import_source("jrnl", JRNL / "export.json", NEW_YORK)
    assert (export.added, export.skipped) == (0, 7)
    assert journal.count_entries() == 7
    preview = journal.foreign_import.preview("jrnl", JRNL / "journal.txt", NEW_YORK)
    assert (preview.new, preview.already, preview.new_tags) == (0, 7, ())
    # One tag per name whatever the case, spelt as first seen ('feeding', then 'Feeding').
    assert sorted(_user_tags(journal)) == ["attachment", "feeding", "parallel-process",
                                           "self-care"]


def test_entries_are_reflections_with_tags_stars_and_their_time_zone(
    journal: Journal, journal_dir: Path
) -> None:
    journal.foreign_import.import_source("dayone", DAYONE / "export.zip")
    journal.close()
    with open_journal(journal_dir) as reopened:
        entries = reopened.get_entries([s.id for s in reopened.list_entries()])
        by_title = {e.title: e for e in entries}
        visit = by_title["Home visit, evening"]
        assert visit.kind == "reflection"
        assert visit.date == dt.date(2024, 3, 10)  # the day in New York, not in UTC
        assert visit.created_at.isoformat() == "2024-03-10T22:30:00-04:00"
        assert visit.starred
        labels = {t.id: t.label for t in reopened.tags("user")}
        assert sorted(labels[t] for t in visit.tags) == ["Feeding", "home visit"]
        tokyo = by_title["New year in Tokyo"]
        assert (tokyo.date, tokyo.created_at.utcoffset()) == (
            dt.date(2025, 1, 1), dt.timedelta(hours=9))
        # 'feeding' on another entry is the same tag as 'Feeding'.
        assert labels[by_title["Morning pages"].tags[0]] == "Feeding"
        assert [s.title for s in reopened.search("calmer")] == ["Home visit, evening"]
        assert reopened.count_entries(EntryFilter(starred=True)) == 1


def test_a_parse_error_writes_nothing(journal: Journal) -> None:
    add_entry(journal, title="mine")
    for source, path in (("jrnl", JRNL / "broken" / "truncated-export.json"),
                         ("dayone", DAYONE / "broken" / "missing-date.zip"),
                         ("dayone", DAYONE / "broken" / "traversal.zip"),
                         ("jrnl", JRNL / "encrypted.txt")):
        with pytest.raises(ImportFormatError):
            journal.foreign_import.import_source(source, path)  # type: ignore[arg-type]
    assert journal.count_entries() == 1
    assert _user_tags(journal) == {}


def test_a_failing_write_rolls_back_the_tags_too(journal: Journal,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    # The one transaction: a failure after some entries and tags were written leaves none.
    from reflectjournal.store import entries as entry_sql

    real_insert = entry_sql.insert_new

    def insert_then_fail(db: Any, entries: Iterable[Any], on_new: Any = None) -> tuple[int, int]:
        def failing() -> Iterator[Any]:
            for n, entry in enumerate(entries, start=1):
                if n == 3:
                    raise ImportFormatError("simulated failure on the third entry")
                yield entry
        return real_insert(db, failing(), on_new)
    monkeypatch.setattr(entry_sql, "IMPORT_BATCH", 1)  # two entries are written, then it fails
    monkeypatch.setattr(entry_sql, "insert_new", insert_then_fail)
    with pytest.raises(ImportFormatError, match="simulated"):
        journal.foreign_import.import_source("jrnl", JRNL / "journal.txt", NEW_YORK)
    monkeypatch.undo()
    assert journal.count_entries() == 0
    assert _user_tags(journal) == {}


def test_markdown_folder_reimport_after_an_edit_adds_only_the_new_note(
    journal: Journal, tmp_path: Path
) -> None:
    vault = tmp_path / "vault"
    shutil.copytree(MARKDOWN / "vault", vault)
    first = journal.foreign_import.import_source("markdown", vault, NEW_YORK)
    assert (first.added, first.skipped) == (4, 0)
    (vault / "Daily" / "2024-03-11.md").write_text("---\ndate: 2024-03-11\n---\nEdited.\n")
    (vault / "New.md").write_text("A new note.\n")
    os.utime(vault / "New.md", (0, dt.datetime(2024, 6, 1, 12, tzinfo=dt.UTC).timestamp()))
    second = journal.foreign_import.import_source("markdown", vault, NEW_YORK)
    assert (second.added, second.skipped) == (1, 4)
    new = next(s for s in journal.list_entries() if s.title == "New")
    assert journal.get_entry(new.id).created_at.isoformat() == "2024-06-01T08:00:00-04:00"


def test_preview_of_a_folder_lists_skipped_files(journal: Journal) -> None:
    preview = journal.foreign_import.preview("markdown", MARKDOWN / "vault", NEW_YORK)
    assert preview.total == 4
    assert {(s.what, s.why) for s in preview.skipped} >= {
        ("Empty.md", "it is empty"), ("1 .png file", "only Markdown notes (.md) are imported")}


def test_unknown_source_is_refused(journal: Journal) -> None:
    from reflectjournal.domain.errors import InvalidInputError

    with pytest.raises(InvalidInputError, match="Unknown source 'evernote'"):
        journal.foreign_import.preview("evernote", JRNL / "journal.txt")  # type: ignore[arg-type]


def test_dates_at_the_ends_of_the_calendar_import(journal: Journal, tmp_path: Path) -> None:
    path = tmp_path / "edges.txt"
    path.write_text("[0001-01-01 00:00] First day.\n\n[9999-12-31 23:59] Last day.\n")
    utc = dt.UTC
    assert journal.foreign_import.import_source("jrnl", path, utc).added == 2
    assert sorted(s.date for s in journal.list_entries()) == [dt.date(1, 1, 1),
                                                             dt.date(9999, 12, 31)]


def _docx_with(tmp_path: Path, name: str, replace: dict[str, str]) -> Path:
    """Return a copy of the sample journal.docx with words of its text replaced."""
    path = tmp_path / name
    with zipfile.ZipFile(WORD / "journal.docx") as source, zipfile.ZipFile(path, "w") as copy:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                text = data.decode("utf-8")
                for old, new in replace.items():
                    assert old in text
                    text = text.replace(old, new)
                data = text.encode("utf-8")
            copy.writestr(info, data)
    return path


def test_word_journal_imports_once_and_an_edited_text_adds_nothing(
    journal: Journal, tmp_path: Path
) -> None:
    path = _docx_with(tmp_path, "journal.docx", {})
    preview = journal.foreign_import.preview("word", path, NEW_YORK)
    assert (preview.total, preview.new, preview.first, preview.last) == (
        4, 4, dt.date(2024, 3, 12), dt.date(2024, 4, 5))
    assert journal.count_entries() == 0
    assert journal.foreign_import.import_source("word", path, NEW_YORK).added == 4
    _docx_with(tmp_path, "journal.docx", {"A quiet week.": "A quiet, tired week."})
    again = journal.foreign_import.import_source("word", path, NEW_YORK)
    assert (again.added, again.skipped) == (0, 4)
    entries = journal.get_entries([s.id for s in journal.list_entries()])
    visit = next(e for e in entries if e.title == "Home visit with T. and her mum")
    assert (visit.kind, visit.date) == ("reflection", dt.date(2024, 3, 12))
    assert visit.created_at.isoformat() == "2024-03-12T00:00:00-04:00"
    assert "- I wanted to fix the feeding worry straight away." in visit.body


def test_a_word_folder_with_a_damaged_document_imports_the_rest(
    journal: Journal, tmp_path: Path
) -> None:
    folder = tmp_path / "docs"
    shutil.copytree(WORD, folder)
    (folder / "cut.docx").write_bytes((WORD / "visit.docx").read_bytes()[:300])
    preview = journal.foreign_import.preview("word", folder, NEW_YORK)
    assert ("cut.docx", "it is damaged: it is not the zip file a .docx is") in {
        (s.what, s.why) for s in preview.skipped}
    result = journal.foreign_import.import_journal(preview.journal)
    assert result.added == preview.total == 18
    # A damaged document chosen on its own is an error, and writes nothing.
    with pytest.raises(ImportFormatError, match=re.escape("cut.docx is damaged")):
        journal.foreign_import.import_source("word", folder / "cut.docx")
    assert journal.count_entries() == 18


def _canary_vault(folder: Path) -> Path:
    (folder / "Canary note.md").write_text(
        "---\ntitle: CANARY-TITLE-7f3a\ntags: [CANARY-TAG-7f3a]\n---\nCANARY-BODY-7f3a\n")
    return folder


def _canary_docx(folder: Path) -> Path:
    return _docx_with(folder, "journal.docx", {"Home visit with T.": "CANARY-TITLE-7f3a",
                                               "A quiet week.": "CANARY-BODY-7f3a"})


@pytest.mark.parametrize(("source", "make", "added"), [
    ("markdown", _canary_vault, 1), ("word", _canary_docx, 4)])
def test_nothing_imported_reaches_a_file_in_plaintext(
    journal: Journal, journal_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    source: SourceKind, make: Callable[[Path], Path], added: int,
) -> None:
    from tests.helpers.leaks import folder_bytes, found_in

    scratch = tmp_path / "scratch-tmp"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    (tmp_path / "source").mkdir()
    path = make(tmp_path / "source")
    journal.foreign_import.preview(source, path)
    assert journal.foreign_import.import_source(source, path).added == added
    journal.close()
    written = {**folder_bytes(journal_dir), **folder_bytes(scratch)}
    assert written  # the journal's files are there to look in
    for name, data in written.items():
        assert found_in(data, "CANARY-TITLE-7f3a", "CANARY-TAG-7f3a",
                        "CANARY-BODY-7f3a") == [], name
