"""`reflectjournal import --from csv FILE [--dry-run] [--dates ...]`: past hours, preview first."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers.cli import CliRunner

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "hours-csv"
EXCEL = str(FIXTURES / "past-hours-excel.csv")


def test_dry_run_then_import_then_again(cli: CliRunner) -> None:
    assert cli("init").status == 0
    dry = cli("import", "--from", "csv", "--dry-run", EXCEL)
    assert dry.status == 0, dry.err
    assert dry.err.startswith("8 rows can be imported (2 trainings, 6 RSC sessions); 3 refused.")
    assert "  line 10: the date '06/31/2024' is not a date in month-first order" in dry.err
    assert "Dry run: nothing was imported." in dry.err
    assert cli("list").out.strip() == ""
    first = cli("import", "--from", "csv", EXCEL)
    assert "Imported 8 rows; skipped 0 imported before." in first.err
    assert "Made 3 provider records for imported" in first.err
    again = cli("import", "--from", "csv", EXCEL)
    assert "8 rows were imported before and will be left as they are." in again.err
    assert "Imported 0 rows; skipped 8 imported before." in again.err
    providers = json.loads(cli("provider", "list", "--format", "json").out)
    assert sorted(p["name"] for p in providers) == ["Avery Kim", "Jordan Lee", "Sam Ortiz"]


def test_the_date_order_can_be_chosen(cli: CliRunner, tmp_path: Path) -> None:
    assert cli("init").status == 0
    sheet = tmp_path / "hours.csv"
    sheet.write_text("Date;Hours;Supervisor\n03/04/2024;1,5;Lee\n", encoding="utf-8")
    told = cli("import", "--from", "csv", "--dry-run", str(sheet))
    assert "RSC session 2024-04-03, 1.5 h" in told.err
    assert "were read day first, as 03 April 2024" in told.err
    chosen = cli("import", "--from", "csv", "--dates", "month-first", "--dry-run", str(sheet))
    assert "RSC session 2024-03-04, 1.5 h" in chosen.err


def test_bad_files_and_options_are_one_message(cli: CliRunner, tmp_path: Path) -> None:
    assert cli("init").status == 0
    sheet = tmp_path / "notes.csv"
    sheet.write_text("Name,Comment\nLee,fine\n", encoding="utf-8")
    result = cli("import", "--from", "csv", str(sheet))
    assert result.status == 1
    assert "No line with the column names" in result.err
    assert "Traceback" not in result.err
    wrong = cli("import", "--dates", "day-first", "--from", "jrnl", str(sheet))
    assert wrong.status == 1
    assert "--dates goes with --from csv" in wrong.err
    zone = cli("import", "--from", "csv", "--zone", "Europe/Madrid", EXCEL)
    assert zone.status == 1
    assert "--zone does not go with --from csv" in zone.err
    assert cli("list").out.strip() == ""


def test_no_row_text_reaches_logs_settings_or_temp_files(
    cli: CliRunner, journal_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tests.helpers.leaks import folder_bytes, found_in

    home = tmp_path / "home"
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(name, str(home / name.lower()))
    monkeypatch.setenv("TMPDIR", str(home / "tmp"))
    (home / "tmp").mkdir(parents=True)
    sheet = tmp_path / "hours.csv"
    sheet.write_text("Date,Kind,Hours,Provider,Title,Notes\n"
                     "2024-01-10,RSC,1,CANARY-NAME-c0de,,CANARY-BODY-c0de\n"
                     "2024-01-11,training,2,CANARY-SPONSOR-c0de,CANARY-TITLE-c0de,\n"
                     "2024-01-12,RSC,x,CANARY-REFUSED-c0de,,\n", encoding="utf-8")
    assert cli("init").status == 0
    assert cli("import", "--from", "csv", str(sheet)).status == 0
    assert cli("progress", "--category", "imhs").status == 0
    written = {**folder_bytes(journal_dir), **folder_bytes(home)}
    assert written
    for name, data in written.items():
        assert found_in(data, "CANARY-NAME-c0de", "CANARY-BODY-c0de", "CANARY-SPONSOR-c0de",
                        "CANARY-TITLE-c0de", "CANARY-REFUSED-c0de") == [], name
