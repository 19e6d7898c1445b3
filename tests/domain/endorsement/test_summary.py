"""The printable summary and its CSV: the application's tabs, how each session is confirmed,
numbers a spreadsheet can sum, inert formulas, and no reflection content (canaries)."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

from reflectjournal.domain.endorsement.coverage import coverage
from reflectjournal.domain.endorsement.summary import summary_csv, summary_document
from reflectjournal.domain.printable import Table, to_markdown
from reflectjournal.resources import load_catalog
from tests.domain.endorsement.builders import (
    PROVIDERS,
    D,
    entry,
    monthly,
    progress,
    provider,
    sup,
    training,
)

CANARY = "CANARY-REFLECTION-5e1d"


def _entries() -> list:
    found = monthly("a", "A", "2025-01", 12, 120) + monthly("b", "B", "2025-01", 12, 60)
    found.append(sup("p1", "2025-03-03", 60, "A", peer=True))
    found[0] = replace(found[0], body=CANARY, answers={"feelings": CANARY},
                       fields={**found[0].fields, "confirmation": "signed"})
    found[1] = replace(found[1], fields={**found[1].fields, "confirmation": "printed-signature"})
    found.append(training("t1", "2025-02-01", 6, title="FAN training", provider="=HYPERLINK(1)",
                          about_rsc=True))
    found.append(entry("s1", "session", "2025-03-01", title=CANARY,
                       fields={"client_code": "CANARYCODE", "age_band": "0-6m"}))
    return found


def _report() -> tuple:
    entries = _entries()
    result = progress(entries, category="imhs", as_of="2026-01-31")
    rows = coverage(entries, load_catalog().competencies, result.competency_list,
                    result.training.counted)
    return result, rows, entries


def test_the_summary_has_the_application_tabs_and_says_how_each_session_was_confirmed() -> None:
    result, rows, entries = _report()
    doc = summary_document(result, rows, entries, PROVIDERS, "Sam Rivera", D("2026-02-01"))
    text = to_markdown(doc)
    for heading in ("## Training", "## Reflective supervision / consultation",
                    "## Work experience", "## Competency coverage"):
        assert heading in text
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    avery = next(b for b in tables if "About own RSC" in b.columns)  # Avery's, grouped first
    by_date = {row[0]: row for row in avery.rows}
    assert by_date["2025-01-10"][6] == "verified signature"
    assert by_date["2025-02-10"][6] == "printed signature"
    assert "Avery · IMHS from 2010-01-01 · main" in text
    [blake] = [b for b in tables if "About own RSC" in b.columns and b is not avery]
    assert blake.rows[0][6] == "hand-logged"
    [trainings] = [b for b in tables if "Flags" in b.columns]
    assert trainings.rows[0][5] == "RSC"  # the spec's word, not the field id about_rsc
    [left_out] = [b for b in tables if "Why not" in b.columns]
    assert left_out.rows[0] == ("2025-03-03", "Avery", "60", "individual",
                                "peer supervision never counts", "hand-logged")
    assert "FAN training" in text
    assert "Sam Rivera" in doc.subtitle


def test_no_reflection_text_or_client_code_reaches_the_summary_or_csv() -> None:
    result, rows, entries = _report()
    text = to_markdown(summary_document(result, rows, entries, PROVIDERS, "", D("2026-02-01")))
    table = summary_csv(result, rows, entries, PROVIDERS)
    for out in (text, table):
        assert CANARY not in out
        assert "CANARYCODE" not in out


def test_the_csv_has_whole_minutes_and_inert_formulas() -> None:
    result, rows, entries = _report()
    records = list(csv.DictReader(io.StringIO(summary_csv(result, rows, entries, PROVIDERS))))
    total = next(r for r in records if r["section"] == "rsc total")
    assert int(total["minutes"]) == result.rsc.counted_minutes
    sessions = [r for r in records if r["section"] == "rsc session"]
    assert sum(int(r["minutes"]) for r in sessions) == 12 * 120 + 12 * 60 + 60
    [course] = [r for r in records if r["section"] == "training"]
    assert course["status"] == "'=HYPERLINK(1)"  # the sponsor, typed by someone: not run
    assert int(course["minutes"]) == 360


def test_a_provider_named_like_a_formula_stays_text() -> None:
    evil = (provider("A", "@SUM(A1)"), *PROVIDERS[1:])
    entries = _entries()
    result = progress(entries, category="imhs", as_of="2026-01-31", providers=evil)
    out = summary_csv(result, (), entries, evil)
    assert "'@SUM(A1)" in out
    assert "\n@SUM" not in out
    assert ",@SUM" not in out


def _rows_of(doc_blocks: tuple, column: str) -> list[Table]:
    return [b for b in doc_blocks if isinstance(b, Table) and column in b.columns]


def test_the_columns_a_reviewer_reads_and_totals_that_are_the_ledgers() -> None:
    entries = [
        *monthly("a", "A", "2025-01", 12, 150, mode="virtual"),
        *monthly("b", "B", "2025-01", 10, 60, mode="in-person", about_own_rsc=True),
        *monthly("c", "C", "2025-03", 3, 60),  # a third provider: never needed
        sup("x1", "2025-02-02", 60, "A", supervision_type="consultation"),
        sup("x2", "2025-04-04", 90, "B", entered_later=True, confirmation="printed-signature"),
        training("t1", "2025-02-01", 6, independent=2, title="Dyadic work", provider="AIMH",
                 date_end="2025-02-02", ce_credits="6 CE (LMSW)", dei=True, entered_later=True),
        training("t2", "2025-03-01", 3, title="Not for this", counts_for_endorsement=False),
        training("t3", "2025-05-01", 1.5, title="RSC basics", about_rsc=True, didactic=True),
    ]
    result = progress(entries, category="imhs", as_of="2026-01-31")
    doc = summary_document(result, (), entries, PROVIDERS, "Sam", D("2026-02-01"))
    [trainings] = _rows_of(doc.blocks, "Face to face")
    assert trainings.columns == ("Dates", "Training (sponsor)", "Face to face", "Independent",
                                 "CE credits", "Flags", "Counted")
    assert trainings.rows[0] == ("2025-02-01 to 2025-02-02", "Dyadic work (AIMH)", "6 h",
                                 "2 h", "6 CE (LMSW)", "DEI", "6 h")
    assert trainings.rows[1][5] == "RSC, didactic"
    assert trainings.rows[-1] == ("Total", "", "7.5 h", "2 h", "", "", "7.5 h")
    assert result.training.counted_minutes == 450
    [not_counted] = _rows_of(doc.blocks, "Why not") [:1]
    assert not_counted.rows == (("2025-03-01", "Not for this", "3 h",
                                 "marked as not counting for Endorsement"),)
    sessions = _rows_of(doc.blocks, "About own RSC")
    counted_rows = [row for table in sessions for row in table.rows if row[5] == "yes"]
    assert sum(int(row[1]) for row in counted_rows) == result.rsc.counted_minutes
    totals = [table.rows[-1] for table in sessions]
    assert sum(int(row[1]) for row in totals) == result.rsc.counted_minutes
    assert {p.id: p.minutes for p in result.rsc.providers if p.role.value != "not used"} == {
        "A": int(totals[0][1]), "B": int(totals[1][1])}
    blake = {row[0]: row for row in sessions[1].rows}
    assert blake["2025-01-10"][2:5] == ("individual", "in person", "yes")
    assert blake["2025-04-04"][6] == "printed signature, entered later"
    assert {row[0]: row[2] for row in sessions[0].rows}["2025-01-10"] == "individual"
    assert {row[0]: row[3] for row in sessions[0].rows}["2025-01-10"] == "virtual"
    [excluded] = _rows_of(doc.blocks, "Provider")[-1:]
    why = {(row[0], row[1]): row[4] for row in excluded.rows}
    assert why[("2025-02-02", "Avery")] == (
        "case consultation, not reflective supervision/consultation")
    assert sum(1 for key in why if key[1] == "Casey") == 3
    assert excluded.rows[-1][2] == str(sum(e.minutes for e in result.rsc.excluded))
    assert f"Counted from all providers: {result.rsc.counted_minutes / 60:g} h" in to_markdown(doc)


def test_the_csv_says_how_each_session_was_held_and_each_trainings_parts() -> None:
    entries = [
        *monthly("a", "A", "2025-01", 2, 60, mode="virtual", about_own_rsc=True),
        *monthly("b", "B", "2025-01", 1, 60),
        training("t1", "2025-02-01", 3, independent=1),
    ]
    result = progress(entries, category="imhs", as_of="2026-01-31", providers=PROVIDERS)
    records = list(csv.DictReader(io.StringIO(summary_csv(result, (), entries, PROVIDERS))))
    sessions = {r["date"] + r["name"]: r["detail"] for r in records
                if r["section"] == "rsc session"}
    assert sessions["2025-01-10Avery"].startswith("individual; virtual; about own RSC; ")
    assert sessions["2025-01-10Blake"].startswith("individual; hand-logged")
    [course] = [r for r in records if r["section"] == "training"]
    assert "face to face 180 min; independent 60 min" in course["detail"]
