"""jrnl's journal file and its JSON export, read from files jrnl 4.6 wrote itself."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from reflectjournal.domain.entry import MAX_TITLE_CHARS
from reflectjournal.domain.errors import ImportFormatError
from reflectjournal.domain.foreign.jrnl import parse_jrnl
from reflectjournal.domain.foreign.model import entry_id
from tests.domain.foreign.samples import JRNL, NEW_YORK


def _read(name: str) -> bytes:
    return (JRNL / name).read_bytes()


def test_journal_file_entries_titles_bodies_tags_and_stars() -> None:
    journal = parse_jrnl(_read("journal.txt"), NEW_YORK)
    assert journal.source == "jrnl"
    assert len(journal.entries) == 7
    visit = journal.entries[1]
    assert visit.title == "Home visit with the Lee family."
    assert visit.body.startswith("The baby @feeding was calm")
    assert visit.tags == ("feeding", "attachment")
    notes = journal.entries[2]
    assert "👶" in notes.body
    assert "“quotes”" in notes.body
    assert notes.body.endswith("[Brackets] at the start of a line stay in the body.")
    late = journal.entries[3]
    assert (late.title, late.starred) == ("Late thought about @Feeding and @self-care.", True)
    assert late.tags == ("Feeding", "self-care")
    assert not any(e.starred for e in journal.entries if e is not late)
    assert journal.skipped == ()


def test_times_are_read_in_the_given_zone_with_daylight_saving() -> None:
    journal = parse_jrnl(_read("journal.txt"), NEW_YORK)
    stamps = [e.written_at for e in journal.entries]
    assert stamps[0] == dt.datetime(2023, 12, 31, 12, 0, tzinfo=NEW_YORK)
    assert stamps[0].utcoffset() == dt.timedelta(hours=-5)
    assert stamps[1].isoformat() == "2024-03-10T21:30:00-04:00"  # after the spring change
    tokyo = parse_jrnl(_read("journal.txt"), ZoneInfo("Asia/Tokyo"))
    assert tokyo.entries[1].written_at.isoformat() == "2024-03-10T21:30:00+09:00"


def test_24_hour_time_format() -> None:
    journal = parse_jrnl(_read("journal-24h.txt"), NEW_YORK)
    assert [(e.written_at.hour, e.written_at.minute, e.title) for e in journal.entries] == [
        (14, 0, "Team reflection."), (9, 10, "Quiet day.")]
    assert journal.entries[0].tags == ("intake",)


def test_export_json_gives_the_same_entries_and_ids_as_the_file() -> None:
    text = parse_jrnl(_read("journal.txt"), NEW_YORK)
    export = parse_jrnl(_read("export.json"), NEW_YORK)
    assert [(e.written_at, e.title, e.body, e.starred) for e in export.entries] == [
        (e.written_at, e.title, e.body, e.starred) for e in text.entries]
    # The same entry read from either gets the same id: importing both adds it once.
    assert [entry_id("jrnl", e.source_id) for e in export.entries] == [
        entry_id("jrnl", e.source_id) for e in text.entries]
    assert sorted(export.entries[3].tags) == ["feeding", "self-care"]


def test_two_entries_in_the_same_minute_with_the_same_title_stay_two() -> None:
    journal = parse_jrnl(_read("journal.txt"), NEW_YORK)
    twins = [e for e in journal.entries if e.title == "Same minute twice."]
    assert [e.body for e in twins] == ["First one.", "Second one."]
    assert len({e.source_id for e in twins}) == 2


def test_encrypted_journal_is_refused_with_what_to_do() -> None:
    with pytest.raises(ImportFormatError, match="encrypted") as caught:
        parse_jrnl(_read("encrypted.txt"))
    assert "--export json" in caught.value.hint


@pytest.mark.parametrize(("name", "message"), [
    ("truncated-export.json", r"not valid JSON: .* at line \d+, column \d+"),
    ("export-bad-date.json", r"entries\[1\]: '2024-13-01 21:30' is not a date"),
    ("export-tags-not-a-list.json", r"entries\[2\]\.tags: expected a list"),
    ("not-a-journal.txt", "holds no jrnl entries"),
    ("text-before-first-entry.txt", "before line 3 would belong to no entry"),
    ("latin1.txt", r"not UTF-8 text \(byte 28\)"),
])
def test_broken_files_raise_one_located_message(name: str, message: str) -> None:
    with pytest.raises(ImportFormatError, match=message):
        parse_jrnl((JRNL / "broken" / name).read_bytes(), NEW_YORK)


def test_a_bracket_that_is_no_jrnl_date_stays_body_text_as_in_jrnl() -> None:
    data = b"[2024-01-02 09:00] First.\n[2024-01-99 soon] not a date\n"
    journal = parse_jrnl(data, NEW_YORK)
    assert len(journal.entries) == 1
    assert journal.entries[0].body == "[2024-01-99 soon] not a date"


def test_over_long_title_moves_into_the_body_and_empty_entries_are_skipped() -> None:
    long = "word " * (MAX_TITLE_CHARS // 4)
    data = f"[2024-01-02 09:00] {long}\nrest\n\n[2024-01-03 09:00]\n".encode()
    journal = parse_jrnl(data, NEW_YORK)
    assert len(journal.entries) == 1
    assert journal.entries[0].title == ""
    assert journal.entries[0].body.startswith("word word")
    assert journal.entries[0].body.endswith(
        "rest")
    assert [s.why for s in journal.skipped] == ["it is empty"]
    assert journal.skipped[0].what == "the entry on line 4"


def test_export_without_entries_key_is_not_a_jrnl_export(tmp_path: Path) -> None:
    with pytest.raises(ImportFormatError, match="no 'entries' list"):
        parse_jrnl(json.dumps({"tags": {}}).encode())
