"""Day One's JSON export, from zips written to its documented format."""

from __future__ import annotations

import json
import zipfile

import pytest

from reflectjournal.domain.errors import ImportFormatError
from reflectjournal.domain.foreign.dayone import parse_dayone
from tests.domain.foreign.samples import DAYONE


def _journals(name: str) -> dict[str, bytes]:
    with zipfile.ZipFile(DAYONE / name) as archive:
        return {n: archive.read(n) for n in archive.namelist() if n.endswith(".json")}


def test_entries_keep_the_zone_they_were_written_in() -> None:
    journal = parse_dayone(_journals("export.zip"))
    by_title = {e.title: e for e in journal.entries}
    visit = by_title["Home visit, evening"]
    assert visit.written_at.isoformat() == "2024-03-10T22:30:00-04:00"  # 02:30Z, New York
    assert visit.written_at.date().isoformat() == "2024-03-10"
    assert by_title["Morning pages"].written_at.isoformat() == "2024-07-01T08:15:00+02:00"
    tokyo = by_title["New year in Tokyo"]
    assert tokyo.written_at.isoformat() == "2025-01-01T08:30:00+09:00"  # 2024 in UTC
    assert by_title["Zone Day One wrote, unknown here"].written_at.isoformat() == (
        "2024-08-15T12:00:00+00:00")


def test_text_title_tags_star_and_photo_links() -> None:
    journal = parse_dayone(_journals("export.zip"))
    visit = journal.entries[0]
    assert visit.source_id == "0A1B2C3D4E5F40718293A4B5C6D7E8F9"
    assert visit.title == "Home visit, evening"
    # Day One's Markdown escapes are undone and the photo's link is gone.
    assert visit.body == "The baby fed well. Mother said: “I feel calmer”!\n\nWe ended early."
    assert (visit.tags, visit.starred) == (("home visit", "Feeding"), True)
    assert "ünïcode" in journal.entries[1].body


def test_skipped_photos_places_weather_empty_entries_and_unknown_zones_are_told() -> None:
    journal = parse_dayone(_journals("export.zip"))
    told = {(s.what, s.why) for s in journal.skipped}
    assert ("2 photos", "attachments are not imported (the text is)") in told
    assert ("the location of 1 entry", "ReflectJournal keeps no locations or weather") in told
    assert ("the entry of 2024-09-01 in Journal.json", "it is empty") in told
    assert any("Mars/Olympus_Mons" in what for what, _ in told)
    assert len(journal.entries) == 4


def test_an_entry_without_a_date_names_where() -> None:
    with pytest.raises(ImportFormatError, match=r"Journal\.json\.entries\[0\]: missing "
                                                r"'creationDate'"):
        parse_dayone(_journals("broken/missing-date.zip"))


def test_no_journal_file_and_unknown_version() -> None:
    with pytest.raises(ImportFormatError, match="holds no journal"):
        parse_dayone({})
    with pytest.raises(ImportFormatError, match=r"version 2\.0 is not supported"):
        parse_dayone(_journals("broken/version-2.zip"))


def test_bad_values_are_located() -> None:
    doc = {"metadata": {"version": "1.0"},
           "entries": [{"uuid": "A", "creationDate": "2024-01-01 noon"}]}
    with pytest.raises(ImportFormatError, match=r"J\.json\.entries\[0\]\.creationDate"):
        parse_dayone({"J.json": json.dumps(doc).encode()})
    doc["entries"] = [{"uuid": "A", "creationDate": "2024-01-01T10:00:00Z", "tags": "x"}]
    with pytest.raises(ImportFormatError, match=r"entries\[0\]\.tags: expected a list"):
        parse_dayone({"J.json": json.dumps(doc).encode()})
