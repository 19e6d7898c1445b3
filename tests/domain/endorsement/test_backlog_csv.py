"""Reading a spreadsheet of past trainings and RSC sessions (spec 2.9.11), cell by cell."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reflectjournal.domain.endorsement.backlog_cells import NumericDate, read_date, read_minutes
from reflectjournal.domain.endorsement.backlog_csv import (
    MAX_ROWS,
    BacklogRow,
    HoursFile,
    parse_hours_csv,
)
from reflectjournal.domain.endorsement.backlog_entries import (
    HoursPreview,
    preview_lines,
    row_entry,
    row_id,
)
from reflectjournal.domain.errors import ImportFormatError

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "hours-csv"
NOW = dt.datetime(2026, 12, 4, 9, 0, tzinfo=dt.UTC)


def _parse(text: str, **kwargs: object) -> HoursFile:
    return parse_hours_csv(text.encode("utf-8"), **kwargs)  # type: ignore[arg-type]


def _by_line(file: HoursFile) -> dict[int, BacklogRow]:
    return {r.line: r for r in file.rows}


def _refused(file: HoursFile) -> dict[int, str]:
    return {r.line: r.reason for r in file.refused}


@pytest.mark.parametrize(("cell", "expected"), [
    ("2024-03-12", dt.date(2024, 3, 12)),
    ("2024-03-12 00:00:00", dt.date(2024, 3, 12)),  # a spreadsheet's date with its time
    ("2024/3/5", dt.date(2024, 3, 5)),
    ("March 12, 2024", dt.date(2024, 3, 12)),
    ("Tue, Mar 12 2024", dt.date(2024, 3, 12)),
    ("12 March 2024", dt.date(2024, 3, 12)),
    ("12-Mar-2024", dt.date(2024, 3, 12)),
    ("12-Mar-24", dt.date(2024, 3, 12)),
    ("martes, 12 de marzo de 2024", dt.date(2024, 3, 12)),
    ("2024-02-30", None), ("March 12", None), ("soon", None), ("", None),
    ("March 12, 2024 and more", None),
])
def test_dates(cell: str, expected: dt.date | None) -> None:
    assert read_date(cell) == expected


def test_numeric_dates_wait_for_the_files_order() -> None:
    value = read_date("03/04/2024")
    assert value == NumericDate(3, 4, 2024)
    assert isinstance(value, NumericDate)
    assert value.ambiguous
    assert value.read("month-first") == dt.date(2024, 3, 4)
    assert value.read("day-first") == dt.date(2024, 4, 3)
    assert read_date("15.01.24") == NumericDate(15, 1, 2024)


@pytest.mark.parametrize(("cell", "unit", "minutes"), [
    ("1.5", "hours", 90), ("1,5", "hours", 90), ("1:30", "hours", 90), ("0:45", "hours", 45),
    ("1:30:00", "hours", 90), ("90", "minutes", 90), ("90 min", "hours", 90),
    ("1.5 h", "minutes", 90), ("2 hrs", "hours", 120), ("1h30", "hours", 90),
    ("1 h 30 min", "hours", 90), ("1,5 horas", "hours", 90), ("0.33", "hours", 20),
    ("two", "hours", None), ("1.5", "minutes", None), ("1,500", "minutes", None),
    ("-1", "hours", None), ("", "hours", None),
])
def test_durations(cell: str, unit: str, minutes: int | None) -> None:
    assert read_minutes(cell, unit) == minutes  # type: ignore[arg-type]


def test_the_excel_fixture_every_row_and_every_refusal() -> None:
    file = parse_hours_csv((FIXTURES / "past-hours-excel.csv").read_bytes())
    assert file.separator == ","
    rows = _by_line(file)
    assert sorted(rows) == [3, 4, 5, 6, 7, 8, 9, 12]
    first = rows[3]
    assert (first.kind, first.date, first.minutes, first.provider) == (
        "supervision", dt.date(2024, 1, 15), 90, "Jordan Lee")
    assert first.fields == {"format": "individual", "mode": "virtual",
                            "supervision_type": "reflective", "about_own_rsc": False,
                            "confirmation": "hand-logged", "entered_later": True}
    assert rows[4].minutes == 90  # 1:30
    assert rows[5].fields["format"] == "group"
    assert rows[5].fields["about_own_rsc"] is True
    assert rows[5].body == "Group of 5, talked about my own supervisees"
    assert rows[6].fields["peer"] is True
    assert rows[7].fields["supervision_type"] == "consultation"
    assert rows[8].date == dt.date(2024, 5, 13)
    training = rows[9]
    assert (training.kind, training.title, training.minutes, training.independent_minutes) == (
        "training", "Attachment, trauma and the dyad", 360, 120)
    assert training.fields == {"hours_face_to_face": 6.0, "hours_independent": 2.0,
                               "provider": "Infant Mental Health Institute",
                               "about_rsc": False, "entered_later": True}
    assert rows[12].fields["about_rsc"] is True
    assert rows[12].minutes == 180
    assert _refused(file) == {
        10: "the date '06/31/2024' is not a date in month-first order",
        11: "'two' is not a number of hours (the duration)",
        14: "it is a total line, not a training or a session",
    }
    assert "Line 1, above the column names, was not read." in file.notes


def test_a_spanish_locale_file() -> None:
    file = parse_hours_csv((FIXTURES / "pasadas-es.csv").read_bytes())
    assert file.separator == ";"
    rows = _by_line(file)
    # 15/01/2024 shows the file writes the day first, so 05/02/2024 is 5 February.
    assert [(r.kind, r.date, r.minutes) for r in rows.values()] == [
        ("supervision", dt.date(2024, 1, 15), 90), ("supervision", dt.date(2024, 2, 5), 90),
        ("training", dt.date(2024, 3, 12), 360)]
    assert rows[3].fields["format"] == "group"
    assert rows[3].fields["mode"] == "virtual"
    assert rows[4].title == "Apego y vínculo"


def test_an_order_the_file_leaves_open_is_said_and_can_be_chosen() -> None:
    text = "Date;Hours;Supervisor\n03/04/2024;1;Lee\n"
    file = _parse(text)
    assert file.rows[0].date == dt.date(2024, 4, 3)  # ';' file: day first
    assert "Dates like 03/04/2024 were read day first, as 03 April 2024" in file.notes[0]
    assert _parse(text, order="month-first").rows[0].date == dt.date(2024, 3, 4)
    comma = _parse("Date,Hours,Supervisor\n03/04/2024,1,Lee\n")
    assert comma.rows[0].date == dt.date(2024, 3, 4)
    # Both orders in one file: only the dates that could be either are refused.
    mixed = _parse("Date,Hours,Supervisor\n13/01/2024,1,Lee\n01/13/2024,1,Lee\n"
                   "03/04/2024,1,Lee\n")
    assert [r.date for r in mixed.rows] == [dt.date(2024, 1, 13), dt.date(2024, 1, 13)]
    assert _refused(mixed) == {
        4: "the date '03/04/2024' could be read day first or month first"}


def test_headers_as_people_write_them() -> None:
    file = _parse("DATE ,Duration (hours),Supervisor/Consultant,Ind/Grp,Peer?,Age focus,"
                  "Signed\n2024-01-10,1.5,Dr. Lee,grp,no,0-3,paper\n")
    [row] = file.rows
    assert (row.kind, row.minutes, row.provider) == ("supervision", 90, "Dr. Lee")
    assert row.fields["format"] == "group"
    assert row.fields["peer"] is False
    assert row.fields["focus"] == "0-3"
    assert row.fields["confirmation"] == "printed-signature"
    assert [h for h, _ in file.columns] == ["DATE", "Duration (hours)",
                                            "Supervisor/Consultant", "Ind/Grp", "Peer?",
                                            "Age focus", "Signed"]


def test_a_training_log_without_a_kind_column() -> None:
    file = _parse("Date,End date,Title,Sponsor,Hours,Independent hours,DEI,CE credits\n"
                  "2024-05-01,2024-05-02,Dyadic work,AIMH,8,2,yes,6 CE (LMSW)\n"
                  "2024-06-01,2024-05-31,Backwards,AIMH,3,,,\n"
                  "2024-07-01,,Too much,AIMH,1,2,,\n")
    [row] = file.rows
    # 8 hours in all, of which 2 independent: 6 face-to-face.
    assert (row.kind, row.minutes, row.independent_minutes) == ("training", 360, 120)
    assert row.fields["date_end"] == "2024-05-02"
    assert row.fields["dei"] is True
    assert row.fields["ce_credits"] == "6 CE (LMSW)"
    assert row.fields["provider"] == "AIMH"
    assert _refused(file) == {
        3: "it ends (2024-05-31) before it starts (2024-06-01)",
        4: "its independent hours are more than its hours in all"}


def test_rows_that_cannot_be_read_are_refused_by_line() -> None:
    text = ("Date,Kind,Hours,Minutes,Supervisor,Format\n"
            "2024-01-10,RSC,,,Lee,individual\n"
            "2024-01-11,lunch,1,,Lee,individual\n"
            "2024-01-12,RSC,1,30,Lee,individual\n"
            "2024-01-13,RSC,30,,Lee,individual\n"
            "\"2024-01-14\",RSC,1,,\"Lee\nand Kim\",threesome\n"
            "2024-01-15,RSC,1,,Lee,individual,extra\n"
            "2024-01-16,RSC,1,60,Lee,Group\n")
    file = _parse(text)
    assert _refused(file) == {
        2: "it gives no duration (an Hours or Minutes column)",
        3: "'lunch' is neither training nor supervision",
        4: "its hours and minutes disagree (the duration: 60 and 30 minutes)",
        5: "30 hours is longer than a day: if the column is in minutes, name it Minutes",
        6: "'threesome' under format is not individual or group",  # a cell over two lines
        8: "it has 7 cells but the first line names 6 columns",
    }
    assert [r.line for r in file.rows] == [9]


@pytest.mark.parametrize(("data", "message"), [
    (b"\xff\xfeD\x00a\x00", "is not UTF-8 text"),
    (b"Name,Hours\nLee,1\n", "No line with the column names"),
    (b"Date,Supervisor,Title\n2024-01-01,Lee,x\n", "no column of hours or minutes"),
    (b"Date,Hours,Duration\n2024-01-01,1,1\n", "'Hours' and 'Duration' both give the hours"),
    (b'Date,Hours\n"2024-01-01,1\n', "cannot be read as CSV"),
    (b"Date,Hours\n" + b",".join([b"x"] * 101) + b"\n", "more than 100 columns"),
])
def test_a_file_that_is_not_a_log_is_one_message(data: bytes, message: str) -> None:
    with pytest.raises(ImportFormatError, match=message):
        parse_hours_csv(data)


def test_size_caps() -> None:
    rows = "".join(f"2024-01-01,1,Lee {i}\n" for i in range(MAX_ROWS + 1))
    with pytest.raises(ImportFormatError, match="more than 20,000 rows"):
        _parse("Date,Hours,Supervisor\n" + rows)
    with pytest.raises(ImportFormatError, match="larger than 8 MB"):
        parse_hours_csv(b"Date,Hours\n" + b" " * (8 * 1024 * 1024))


def test_row_ids_survive_reordering_and_corrected_hours_but_not_a_new_date() -> None:
    head = "Date,Hours,Supervisor,Format\n"
    one = _parse(head + "2024-01-10,1,Lee,individual\n2024-01-10,1,Lee,individual\n"
                 "2024-02-10,1,Kim,group\n")
    again = _parse(head + "2024-02-10,1.5,kim ,group\n2024-01-10,1,LEE,individual\n"
                   "2024-01-10,1,Lee,individual\n")
    assert {row_id(r) for r in one.rows} == {row_id(r) for r in again.rows}
    assert len({row_id(r) for r in one.rows}) == 3  # two of the same are two entries
    moved = _parse(head + "2024-02-11,1,Kim,group\n")
    assert row_id(moved.rows[0]) not in {row_id(r) for r in one.rows}


def test_a_row_becomes_an_entry_marked_entered_later() -> None:
    [row] = _parse("Date,Hours,Supervisor,Notes\n2024-01-10,1.25,Lee,we talked\n").rows
    entry = row_entry(row, "rec-1", NOW)
    assert (entry.kind, entry.date, entry.duration_minutes, entry.body) == (
        "supervision", dt.date(2024, 1, 10), 75, "we talked")
    assert entry.fields["provider_id"] == "rec-1"
    assert entry.fields["entered_later"] is True
    assert entry.created_at == NOW  # entered now, about a day long past


def test_the_preview_names_every_row_records_and_refusals() -> None:
    file = _parse("Date,Hours,Supervisor\n2024-01-10,1,jordan LEE\n2024-01-11,1,Avery\n"
                  "2024-01-12,1,avery\n2024-01-13,x,Avery\n2024-01-14,1,Jordan Lee\n")
    preview = HoursPreview(file, frozenset({6}), {"jordan lee": "Jordan Lee"}, frozenset({2}))
    lines = preview_lines(preview)
    assert lines[0] == ("4 rows can be imported (0 trainings, 4 RSC sessions); 1 refused. "
                        "Each is marked 'entered later'.")
    assert "1 row was imported before and will be left as it is." in lines
    assert any(line.startswith("1 new provider record will be made (names matched to yours "
                               "whatever the case): Avery.") for line in lines)
    assert "  line 2: RSC session 2024-01-10, 1 h with Jordan Lee (your record), individual; " \
           "you logged a session that day with this provider: flagged as a possible " \
           "duplicate until you resolve it" in lines
    assert "  line 6: imported before" in lines
    # 'avery' is the record the row before makes, spelt as first seen.
    assert "  line 4: RSC session 2024-01-12, 1 h with Avery (a new provider record), " \
           "individual" in lines
    assert lines[-2:] == ["Refused (1):", "  line 5: 'x' is not a number of hours (the duration)"]
    assert preview.new == 3


def test_the_preview_offers_to_merge_names_that_may_be_one_person() -> None:
    file = _parse("Date,Hours,Supervisor\n2024-01-10,1,Dr. Jordan Lee\n2024-01-11,1,J. Lee\n"
                  "2024-01-12,1,Avery Kim\n2024-01-13,1,Sam Lee\n")
    records = {"ada obi": "Ada Obi", "dra. avery kim": "Dra. Avery Kim"}
    preview = HoursPreview(file, frozenset(), records, frozenset())
    assert preview.look_alike() == [("Dr. Jordan Lee", "J. Lee"), ("Avery Kim", "Dra. Avery Kim")]
    lines = preview_lines(preview)
    assert ("'Dr. Jordan Lee' and 'J. Lee' may be one person typed two ways: if so, merge them "
            "after importing (Providers > Merge, or reflectjournal provider merge "
            '"Dr. Jordan Lee" "J. Lee").') in lines
    # Offered, never done: each still becomes its own record, and Sam Lee is nobody's double.
    assert preview.new_records() == {"dr. jordan lee": "Dr. Jordan Lee", "j. lee": "J. Lee",
                                     "avery kim": "Avery Kim", "sam lee": "Sam Lee"}
    assert not any("'Sam Lee'" in line for line in lines)
