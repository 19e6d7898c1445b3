"""Importing a spreadsheet of past hours into a real (SQLCipher) journal, and what counts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reflectjournal.domain.endorsement.records import Degree, Qualification
from reflectjournal.domain.entry import EntryChanges
from reflectjournal.domain.errors import ImportFormatError
from reflectjournal.services.journal import Journal
from reflectjournal.services.progress import ProgressOptions

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "hours-csv"
EXCEL = FIXTURES / "past-hours-excel.csv"
AS_OF = ProgressOptions(category="imhs", as_of=dt.date(2025, 1, 31))


def _kinds(journal: Journal) -> list[tuple[str, str]]:
    entries = journal.get_entries([s.id for s in journal.list_entries()])
    return sorted((e.kind, e.date.isoformat()) for e in entries)


def test_preview_writes_nothing_then_import_then_again_adds_nothing(journal: Journal) -> None:
    preview = journal.hours_import.preview(EXCEL)
    assert (preview.new, len(preview.already), len(preview.file.refused)) == (8, 0, 3)
    assert list(preview.new_records().values()) == ["Jordan Lee", "Sam Ortiz", "Avery Kim"]
    assert journal.count_entries() == 0
    assert journal.providers.all() == []
    result = journal.hours_import.import_file(preview.file)
    assert (result.added, result.skipped) == (8, 0)
    # 'Jordan Lee' and 'jordan lee' are one record; each name made once.
    assert sorted(p.name for p in journal.providers.all()) == ["Avery Kim", "Jordan Lee",
                                                                "Sam Ortiz"]
    again = journal.hours_import.preview(EXCEL)
    assert (again.new, len(again.already), again.new_records()) == (0, 8, {})
    second = journal.hours_import.import_file(again.file)
    assert (second.added, second.skipped) == (0, 8)
    assert journal.count_entries() == 8
    assert len(journal.providers.all()) == 3


def test_providers_match_existing_records_whatever_the_case(journal: Journal) -> None:
    lee = journal.providers.add("JORDAN  LEE", Qualification.IMHS)
    journal.hours_import.import_file(journal.hours_import.preview(EXCEL).file)
    entries = journal.get_entries([s.id for s in journal.list_entries()])
    lee_sessions = [e for e in entries if e.fields.get("provider_id") == lee.id]
    assert len(lee_sessions) == 4
    assert all(e.fields["entered_later"] is True for e in entries)
    assert sorted(p.name for p in journal.providers.all()) == ["Avery Kim", "JORDAN LEE",
                                                                "Sam Ortiz"]


def test_a_session_already_logged_by_hand_is_flagged_in_the_preview_and_the_ledger(
    journal: Journal,
) -> None:
    lee = journal.providers.add("Jordan Lee", Qualification.IMHS)
    journal.add_entry(EntryChanges(kind="supervision", date=dt.date(2024, 1, 15),
                                   duration_minutes=90,
                                   fields={"provider_id": lee.id, "format": "individual"}))
    preview = journal.hours_import.preview(EXCEL)
    assert preview.logged == frozenset({3})
    journal.hours_import.import_file(preview.file)
    report = journal.endorsement.progress(AS_OF).progress
    assert [d.kind for d in report.duplicates] == ["supervision"]


def test_the_ledger_counts_the_backlog_and_explains_the_rest(journal: Journal) -> None:
    journal.profile.update(category="imhs", degree=Degree.MASTER,
                           degree_date=dt.date(2015, 6, 1))
    journal.hours_import.import_file(journal.hours_import.preview(EXCEL).file)
    for name in ("Jordan Lee", "Avery Kim"):
        journal.providers.qualify(name, Qualification.IMHS, dt.date(2010, 1, 1))
    progress = journal.endorsement.progress(AS_OF).progress
    # Jordan Lee 3 x 1.5 h reflective (one was group), Avery Kim 1.5 h: all counted.
    assert progress.rsc.eligible_minutes == 360
    reasons = sorted(e.reason.value for e in progress.rsc.excluded)
    assert reasons == ["not-reflective", "peer"]
    # Trainings: 6 h + 3 h face-to-face, 2 h independent listed apart.
    assert (progress.training.counted_minutes, progress.training.independent_minutes) == (
        540, 120)


def test_a_file_that_cannot_be_read_writes_nothing(journal: Journal, tmp_path: Path) -> None:
    bad = tmp_path / "hours.csv"
    bad.write_bytes(b"Date,Hours\n" + "2024-01-01,1\n".encode("utf-16"))
    with pytest.raises(ImportFormatError, match="not UTF-8"):
        journal.hours_import.preview(bad)
    with pytest.raises(ImportFormatError, match="is not a file"):
        journal.hours_import.preview(tmp_path)
    assert journal.count_entries() == 0
    assert journal.providers.all() == []


def test_no_row_text_reaches_a_file_in_plaintext(
    journal: Journal, journal_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tests.helpers.leaks import folder_bytes, found_in

    scratch = tmp_path / "scratch-tmp"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    source = tmp_path / "source" / "hours.csv"
    source.parent.mkdir()
    source.write_text("Date,Hours,Supervisor,Title,Notes\n"
                      "2024-01-10,1,CANARY-NAME-5b1e,CANARY-TITLE-5b1e,CANARY-BODY-5b1e\n",
                      encoding="utf-8")
    journal.hours_import.preview(source)
    assert journal.hours_import.import_file(journal.hours_import.preview(source).file).added == 1
    journal.close()
    written = {**folder_bytes(journal_dir), **folder_bytes(scratch)}
    assert written
    for name, data in written.items():
        assert found_in(data, "CANARY-NAME-5b1e", "CANARY-TITLE-5b1e",
                        "CANARY-BODY-5b1e") == [], name
