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
    [sessions] = [b for b in doc.blocks if isinstance(b, Table) and "Confirmed by" in b.columns]
    by_date = {(row[0], row[1]): row for row in sessions.rows}
    assert by_date[("2025-01-10", "Avery")][5] == "verified signature"
    assert by_date[("2025-02-10", "Avery")][5] == "printed signature"
    assert by_date[("2025-03-10", "Blake")][5] == "hand-logged"
    [trainings] = [b for b in doc.blocks if isinstance(b, Table) and "Flags" in b.columns]
    assert trainings.rows[0][4] == "RSC"  # the spec's word, not the field id about_rsc
    assert by_date[("2025-03-03", "Avery")][4] == "not counted: peer supervision never counts"
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
