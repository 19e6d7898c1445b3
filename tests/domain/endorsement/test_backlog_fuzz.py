"""The spreadsheet-of-hours reader, fed anything: rows that fit their kind, or one error."""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reflectjournal.domain.endorsement.backlog_csv import HoursFile, parse_hours_csv
from reflectjournal.domain.endorsement.backlog_entries import row_entry
from reflectjournal.domain.entry import MAX_DURATION_MINUTES, MAX_TEXT_CHARS, MAX_TITLE_CHARS
from reflectjournal.domain.errors import ImportFormatError
from reflectjournal.resources import load_catalog

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "hours-csv"
_EXCEL = (FIXTURES / "past-hours-excel.csv").read_bytes()
_SPANISH = (FIXTURES / "pasadas-es.csv").read_bytes()
_KINDS = {k.id: k for k in load_catalog().kinds}
_NOW = dt.datetime(2026, 12, 4, tzinfo=dt.UTC)
_HEADERS = ("Date", "Kind", "Hours", "Minutes", "Supervisor", "Format", "Mode", "Title",
            "Face-to-face hours", "Independent hours", "About RSC", "DEI", "End date", "Peer",
            "Notes", "Signed", "Age focus", "Group size", "Sponsor", "CE credits", "Other")
_CELLS = st.sampled_from(("", "2024-01-10", "3/4/24", "13/01/2024", "March 3, 2024", "1.5",
                          "1,5", "1:30", "90", "RSC", "training", "group", "yes", "no",
                          "zoom", "Lee", "x", "0-3", "printed", "Total", '"', ";", "\n",
                          "=cmd", "-1", "99999"))


def _check(file: HoursFile) -> None:
    """What every result must be: rows the journal's kinds accept, lines in order."""
    for row in file.rows:
        entry = row_entry(row, "record" if row.provider else None, _NOW)
        kind = _KINDS[entry.kind]
        assert kind.validate_fields(entry.fields) == entry.fields
        assert len(entry.title) <= MAX_TITLE_CHARS
        assert len(entry.body) <= MAX_TEXT_CHARS
        assert len(row.provider) <= 200
        if entry.kind == "supervision":
            assert entry.duration_minutes is not None
            assert 0 < entry.duration_minutes <= MAX_DURATION_MINUTES
        else:
            assert row.minutes + row.independent_minutes > 0
    lines = [r.line for r in file.rows] + [r.line for r in file.refused]
    assert len(lines) == len(set(lines))
    assert all(n >= 1 for n in lines)


def _flip(data: bytes, draw: st.DrawFn) -> bytes:
    raw = bytearray(data)
    for _ in range(draw(st.integers(1, 8))):
        raw[draw(st.integers(0, len(raw) - 1))] = draw(st.integers(0, 255))
    return bytes(raw)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
def test_any_bytes(data: bytes) -> None:
    with contextlib.suppress(ImportFormatError):
        _check(parse_hours_csv(data))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_the_fixtures_with_bytes_changed(data: st.DataObject) -> None:
    source = data.draw(st.sampled_from((_EXCEL, _SPANISH)))
    with contextlib.suppress(ImportFormatError):
        _check(parse_hours_csv(_flip(source, data.draw)))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_HEADERS), min_size=1, max_size=8, unique=True),
       st.lists(st.lists(_CELLS, max_size=9), max_size=8), st.sampled_from((",", ";", "\t")),
       st.sampled_from(("auto", "day-first", "month-first")))
def test_plausible_sheets(headers: list[str], rows: list[list[str]], separator: str,
                          order: str) -> None:
    text = "\n".join(separator.join(cells) for cells in [headers, *rows])
    with contextlib.suppress(ImportFormatError):
        _check(parse_hours_csv(text.encode("utf-8"), order))  # type: ignore[arg-type]
