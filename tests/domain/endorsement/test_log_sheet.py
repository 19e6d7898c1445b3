"""The paper RSC log: the user's sessions with one provider, to be signed; no reflection text."""

from __future__ import annotations

import datetime as dt

from reflectjournal.domain.endorsement.log_sheet import BLANK_ROWS, COLUMNS, log_sheet
from reflectjournal.domain.endorsement.records import (
    ProviderRecord,
    Qualification,
    QualificationSpan,
)
from reflectjournal.domain.entry import Entry, FieldValue
from reflectjournal.domain.ids import EntryId
from reflectjournal.domain.printable import Table, to_markdown

CANARY = "CANARY-reflection-text-7731"
LEE = ProviderRecord("p1", "Dr. Ada Lee",
                     (QualificationSpan(Qualification.IMHS, dt.date(2019, 5, 1)),))


def _session(day: dt.date, minutes: int, provider: str, **fields: FieldValue) -> Entry:
    moment = dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
    return Entry(EntryId(f"{provider}-{day.isoformat()}"), "supervision", day,
                 f"title {CANARY}", f"body {CANARY}", {"what_i_brought": CANARY},
                 {"provider_id": provider, "client_code": CANARY, **fields}, minutes,
                 (), (), (), False, moment, moment)


def test_one_session_reads_as_one() -> None:
    sheet = log_sheet(LEE, [_session(dt.date(2026, 1, 7), 60, "p1")], "Sam Rivera",
                      dt.date(2026, 4, 1))
    assert "1 session logged, 60 minutes (1.00 hours)" in to_markdown(sheet)


def test_the_log_lists_only_this_providers_sessions_oldest_first_and_no_reflection() -> None:
    entries = [
        _session(dt.date(2026, 3, 4), 60, "p1", format="group", mode="virtual",
                 about_own_rsc=True),
        _session(dt.date(2026, 1, 7), 90, "p1", format="individual", mode="in-person"),
        _session(dt.date(2026, 2, 1), 60, "p2", format="individual"),
    ]
    sheet = log_sheet(LEE, entries, "Sam Rivera", dt.date(2026, 4, 1))
    [table] = [b for b in sheet.blocks if isinstance(b, Table)]
    assert table.columns == COLUMNS
    assert table.rows[:2] == (
        ("2026-01-07", "90", "Individual", "In person", "", ""),
        ("2026-03-04", "60", "Group", "Virtual", "yes", ""),
    )
    assert len(table.rows) == 2 + BLANK_ROWS
    markdown = to_markdown(sheet)
    assert "2 sessions logged, 150 minutes (2.50 hours)" in markdown
    assert "Qualification as recorded by the supervisee: IMHS" in markdown
    assert "Sam Rivera" in markdown
    assert CANARY not in markdown


def test_markdown_tables_keep_cells_literal() -> None:
    doc_table = Table(("Name", "Hours"), (("a | b *c*", "1.5"), ("line\nbreak",)),
                      figures=frozenset({1}))
    sheet = log_sheet(LEE, [], "", dt.date(2026, 4, 1))
    markdown = to_markdown(type(sheet)("t", "s", (doc_table,)))
    assert "| Name | Hours |" in markdown
    assert "| --- | ---: |" in markdown
    assert r"| a \| b \*c\* | 1.5 |" in markdown
    assert "| line break |  |" in markdown
