"""`reflectjournal import --from jrnl|dayone|markdown|word FILE_OR_DIR [--dry-run]`."""

from __future__ import annotations

from pathlib import Path

from tests.domain.foreign.samples import DAYONE, JRNL, MARKDOWN, WORD
from tests.helpers.cli import CliRunner


def _init(cli: CliRunner) -> None:
    assert cli("init").status == 0


def test_dry_run_shows_the_preview_and_writes_nothing(cli: CliRunner) -> None:
    _init(cli)
    result = cli("import", "--from", "jrnl", "--zone", "America/New_York", "--dry-run",
                 str(JRNL / "journal.txt"))
    assert result.status == 0, result.err
    assert "7 entries found, from 2023-12-31 to 2024-11-03." in result.err
    assert "7 entries will be added as free reflections." in result.err
    assert "4 tags will be created: attachment, feeding, parallel-process, self-care." in (
        result.err)
    assert "Dry run: nothing was imported." in result.err
    assert cli("list").out.strip() == ""


def test_import_then_again_adds_nothing(cli: CliRunner) -> None:
    _init(cli)
    first = cli("import", "--from", "dayone", str(DAYONE / "export.zip"))
    assert first.status == 0, first.err
    assert "Imported 4 entries; skipped 0" in first.err
    assert "  - 2 photos: attachments are not imported (the text is)" in first.err
    again = cli("import", "--from", "dayone", str(DAYONE / "export.zip"))
    assert "4 entries were imported before and will be left as they are." in again.err
    assert "Imported 0 entries; skipped 4" in again.err
    listed = cli("list").out
    assert "Home visit, evening" in listed
    assert "2024-03-10" in listed  # the day where it was written, not the UTC day


def test_markdown_folder(cli: CliRunner) -> None:
    _init(cli)
    result = cli("import", "--from", "markdown", str(MARKDOWN / "broken-vault"))
    assert result.status == 0, result.err
    assert "  - Bad date.md: its date 'yesterday-ish' is not a date" in result.err
    assert "Imported 1 entry" in result.err


def test_broken_source_gives_one_message_and_writes_nothing(cli: CliRunner) -> None:
    _init(cli)
    result = cli("import", "--from", "jrnl", str(JRNL / "encrypted.txt"))
    assert result.status == 1
    assert "This jrnl journal is encrypted" in result.err
    assert "Traceback" not in result.err
    result = cli("import", "--from", "dayone", str(DAYONE / "broken" / "not-a-zip.zip"))
    assert result.status == 1
    assert "is not a zip file" in result.err
    assert cli("list").out.strip() == ""


def test_bad_options(cli: CliRunner, tmp_path: Path) -> None:
    _init(cli)
    result = cli("import", "--dry-run", str(JRNL / "export.json"))
    assert result.status == 1
    assert "--dry-run and --zone go with --from" in result.err
    result = cli("import", "--from", "jrnl", "--zone", "Mars/Base", str(JRNL / "journal.txt"))
    assert result.status == 1
    assert "'Mars/Base' is not a time zone." in result.err
    result = cli("import", "--from", "markdown", str(tmp_path / "missing"))
    assert result.status == 1
    assert "is not a folder" in result.err


def test_word_document_and_old_format(cli: CliRunner) -> None:
    _init(cli)
    result = cli("import", "--from", "word", "--zone", "America/New_York",
                 str(WORD / "journal.odt"))
    assert result.status == 0, result.err
    assert "4 entries found, from 2024-03-12 to 2024-04-05." in result.err
    assert "1 date written in numbers could be read two ways" in result.err
    assert "Imported 4 entries" in result.err
    assert "Home visit with T. and her mum" in cli("list").out
    old = cli("import", "--from", "word", str(WORD / "visit.doc"))
    assert old.status == 1
    assert "visit.doc is not a Word (.docx) or OpenDocument (.odt) file. Open it in Word, " \
        "LibreOffice or Pages and save a copy as .docx" in old.err
    assert "Traceback" not in old.err
