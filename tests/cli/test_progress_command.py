"""`reflectjournal progress` on a real journal: the JSON the issue names, CSV, Markdown, text.

Sessions are logged through the command line as a clinician would (`profile set`, `provider
add`, `add --kind supervision --provider ...`), and every body holds a canary that no format
of the report may contain.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.helpers.cli import CliRunner

CANARY = "CANARY-progress-7b1e"


@pytest.fixture
def logged(cli: CliRunner) -> CliRunner:
    assert cli("init").status == 0
    assert cli("profile", "set", "--category", "imhs", "--degree", "master",
               "--degree-date", "2015-06-01").status == 0
    assert cli("provider", "add", "Jordan Lee", "--qualification", "IMHS",
               "--since", "2010-01-01").status == 0
    assert cli("provider", "add", "Ada Obi", "--qualification", "IMHM-C",
               "--since", "2012-01-01").status == 0
    for month in range(1, 13):
        for who, day, minutes, fmt in (("Jordan Lee", 10, 90, "individual"),
                                       ("Ada Obi", 20, 60, "group")):
            done = cli("add", "--kind", "supervision", "--provider", who, "--date",
                       f"2025-{month:02d}-{day}", "--duration", str(minutes), "--field",
                       f"format={fmt}", "--body", CANARY)
            assert done.status == 0, done.err
    assert cli("add", "--kind", "supervision", "--provider", "Ada Obi", "--date", "2025-05-02",
               "--duration", "60", "--field", "peer=yes", "--body", CANARY).status == 0
    assert cli("add", "--kind", "training", "--date", "2025-03-01", "--title", "FAN training",
               "--field", "hours_face_to_face=12", "--field", "about_rsc=yes",
               "--body", CANARY).status == 0
    return cli


def test_progress_json_holds_what_the_issue_names(logged: CliRunner) -> None:
    done = logged("progress", "--as-of", "2026-01-31", "--format", "json")
    assert done.status == 0, done.err
    report = json.loads(done.out)
    rsc = report["rsc"]
    assert rsc["status"] == "not met"
    assert rsc["required_minutes"] == 50 * 60
    assert rsc["counted_minutes"] == 12 * 90 + 12 * 60
    assert {(p["name"], p["minutes"], p["role"]) for p in rsc["providers"]} == {
        ("Jordan Lee", 1080, "main"), ("Ada Obi", 720, "second")}
    assert [(e["minutes"], e["reason"]) for e in rsc["excluded"]] == [(60, "peer")]
    assert report["training"]["counted_minutes"] == 720
    assert report["training"]["status"] == "not met"
    for key in ("months", "max_two_provider_minutes_in_window", "first_possible_month"):
        assert key in rsc
    for key in ("coverage", "families_0_36_months", "duplicates"):
        assert key in report
    assert CANARY not in done.out


def test_progress_as_csv_markdown_and_text_hold_no_reflection(logged: CliRunner,
                                                               tmp_path: Path) -> None:
    table = logged("progress", "--as-of", "2026-01-31", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(table.out)))
    sessions = [r for r in rows if r["section"] == "rsc session"]
    assert len(sessions) == 25
    assert sum(int(r["minutes"]) for r in sessions) == 12 * 150 + 60
    assert all(r["detail"].endswith("hand-logged") for r in sessions)
    text = logged("progress", "--as-of", "2026-01-31")
    assert "not met" in text.out
    assert "peer supervision never counts" in text.out
    out = tmp_path / "summary.md"
    written = logged("progress", "--as-of", "2026-01-31", "--format", "markdown",
                     "--name", "Sam Rivera", "-o", str(out))
    assert written.status == 0
    assert "unencrypted" in written.err
    markdown = out.read_text(encoding="utf-8")
    assert "## Reflective supervision / consultation" in markdown
    assert "Sam Rivera" in markdown
    for output in (table.out, text.out, markdown):
        assert CANARY not in output


def test_a_renewal_and_another_category_are_computed_and_bad_values_are_usage_errors(
        logged: CliRunner) -> None:
    renewal = logged("progress", "--renewal", "2025", "--category", "imhs",
                     "--format", "json")
    assert renewal.status == 0, renewal.err
    assert json.loads(renewal.out)["renewal_year"] == 2025
    other = logged("progress", "--category", "ecmhs", "--as-of", "2026-01-31",
                   "--format", "json")
    assert json.loads(other.out)["category"]["id"] == "ecmhs"
    for bad in (["--category", "nope"], ["--as-of", "2026-02-30"], ["--renewal", "99999"]):
        with pytest.raises(SystemExit) as exit_info:
            logged("progress", *bad)
        assert exit_info.value.code == 2


def test_a_log_sheet_lists_one_providers_sessions_and_nothing_else(logged: CliRunner) -> None:
    done = logged("provider", "log-sheet", "Jordan Lee", "--name", "Sam Rivera")
    assert done.status == 0, done.err
    rows = [line for line in done.out.splitlines() if line.startswith("| 2025-")]
    assert len(rows) == 12
    assert all("| 90 | Individual |" in row for row in rows)
    assert "Sessions of Sam Rivera with Jordan Lee" in done.out
    assert CANARY not in done.out
