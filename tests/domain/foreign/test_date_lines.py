"""Dates that start an entry in a Word or Docs journal: what is taken, what is not."""

from __future__ import annotations

import datetime as dt

import pytest

from reflectjournal.domain.foreign.date_lines import is_heading_date, read_date_line

D = dt.date


@pytest.mark.parametrize(("text", "date", "time", "rest", "ambiguous"), [
    ("Tuesday, March 12, 2024", D(2024, 3, 12), None, "", False),
    ("12 March 2024 - Visit with T.", D(2024, 3, 12), None, "Visit with T.", False),
    ("2024-03-12", D(2024, 3, 12), None, "", False),
    ("2024/3/12: NICU", D(2024, 3, 12), None, "NICU", False),
    ("3/12/24 9:30 pm", D(2024, 3, 12), dt.time(21, 30), "", True),
    ("13/03/2024", D(2024, 3, 13), None, "", False),  # 13 is no month: day first
    ("12.03.2024: NICU", D(2024, 3, 12), None, "NICU", True),  # dots: day first
    ("Mon 3/4/2024 10am Home visit", D(2024, 3, 4), dt.time(10), "Home visit", True),
    ("Sept. 5th, 2023 — supervision", D(2023, 9, 5), None, "supervision", False),
    ("5th of June 2024", D(2024, 6, 5), None, "", False),
    ("Wednesday 12 June 2024 at 14:30 | group", D(2024, 6, 12), dt.time(14, 30), "group",
     False),
    ("martes, 12 de marzo de 2024", D(2024, 3, 12), None, "", False),
    ("miércoles 3 de abril de 2024 – Supervisión", D(2024, 4, 3), None, "Supervisión", False),
    ("March 12, 2024 3 visits", D(2024, 3, 12), None, "3 visits", False),  # 3 is no time
    ("1/1/2024", D(2024, 1, 1), None, "", False),  # the same either way round
])
def test_dates_read(text: str, date: dt.date, time: dt.time | None, rest: str,
                    ambiguous: bool) -> None:
    line = read_date_line(text)
    assert line is not None
    assert (line.date, line.time, line.rest, line.ambiguous) == (date, time, rest, ambiguous)


@pytest.mark.parametrize("text", [
    "March 12",  # no year: a guess
    "Maybe 3 visits", "May be tired", "2024-02-30", "13/13/2024", "Smarch 12, 2024",
    "March 12, 1850", "12345", "", "In March 12, 2024 ...", "2024-03-123",
])
def test_not_dates(text: str) -> None:
    assert read_date_line(text) is None


def test_a_sentence_that_starts_with_a_date_begins_no_entry_unless_it_is_a_heading() -> None:
    sentence = read_date_line("March 12, 2024 was a hard day and I want to write it down")
    assert not is_heading_date(sentence, heading=False)
    assert is_heading_date(sentence, heading=True)
    assert is_heading_date(read_date_line("March 12, 2024 - Home visit"), heading=False)
    assert not is_heading_date(read_date_line("March 12, 2024 - " + "x" * 81), heading=False)
    assert not is_heading_date(None, heading=True)
