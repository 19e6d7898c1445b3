"""Export to JSON and Markdown and import of an export, all or nothing."""

from __future__ import annotations

import datetime as dt
import io
import json
import random
import tracemalloc
import uuid
from dataclasses import replace
from pathlib import Path

import pytest

from reflectjournal.domain import json_stream
from reflectjournal.domain.entry import Entry, EntryChanges
from reflectjournal.domain.errors import ImportFormatError, JournalError
from reflectjournal.domain.ids import TagId
from reflectjournal.domain.search import EntryFilter
from reflectjournal.services.journal import Journal
from reflectjournal.store import entries as entry_sql
from tests.helpers.journals import add_entry, entry_ids

D1, D2, D3, D4 = (dt.date(2026, 3, day) for day in (2, 5, 8, 10))


@pytest.fixture
def rich(journal: Journal) -> list[Entry]:
    """Fill the journal with entries using every kind of value."""
    home = journal.add_user_tag("Home visits")
    nicu = journal.add_user_tag("NICU")
    old = journal.add_user_tag("Old project")
    journal.rename_tag(nicu.id, "Hospital")
    entries = [
        add_entry(journal, kind="session", date=D1, title="Feeding 👶", body="Line one\nline two",
                  answers={"baby": "hungry?", "echoes": "grandmother"},
                  fields={"setting": "home", "present": ["infant", "parent"], "age_band": "7-11m",
                     "client_code": "K7M-RX3", "feelings": "tender"},
             duration_minutes=50, competencies=(TagId("C4.03"), TagId("C1")),
             themes=(TagId("G1"), TagId("P2")), tags=(home.id, nicu.id), starred=True),
        add_entry(journal, kind="training", date=D2, title="Course",
                  fields={"provider": "Assoc.", "hours_face_to_face": 16.5, "hours_independent": 6,
                     "about_rsc": True, "dei": False}),
        add_entry(journal, kind="reflection", date=D3, tags=(old.id,)),
    ]
    journal.retire_tag(old.id)
    return [journal.get_entry(e.id) for e in entries]


def _sorted_tags(entries: list[Entry]) -> list[Entry]:
    # The order of user tags on an entry follows each journal's own tag order.
    return [replace(e, tags=tuple(sorted(e.tags))) for e in entries]


def test_export_import_round_trip_is_lossless(
    journal: Journal, rich: list[Entry], other: Journal
) -> None:
    result = other.import_json(journal.export_json())
    assert (result.added, result.skipped) == (3, 0)
    ids = [e.id for e in rich]
    assert _sorted_tags(other.get_entries(ids)) == _sorted_tags(rich)
    theirs = {t.id: t for t in other.tags("user")}
    for tag in journal.tags("user"):
        assert (theirs[tag.id].label, theirs[tag.id].retired) == (tag.label, tag.retired)
    assert entry_ids(other.search("grandmother")) == [rich[0].id]
    assert other.client_codes() == ["K7M-RX3"]


def test_import_skips_entries_that_exist(
    journal: Journal, rich: list[Entry], other: Journal
) -> None:
    starred = journal.export_json(EntryFilter(starred=True))
    assert other.import_json(starred).added == 1
    result = other.import_json(journal.export_json())
    assert (result.added, result.skipped) == (2, 1)
    result = other.import_json(journal.export_json())
    assert (result.added, result.skipped) == (0, 3)
    assert other.count_entries() == 3


def test_export_of_a_search(journal: Journal, rich: list[Entry]) -> None:
    doc = json.loads(journal.export_json(query="feeding"))
    assert [e["id"] for e in doc["entries"]] == [rich[0].id]


def _broken_exports(journal: Journal) -> list[bytes]:
    good = json.loads(journal.export_json())
    bad_date = json.loads(json.dumps(good))
    bad_date["entries"][2]["date"] = "2026-13-01"
    clash = json.loads(json.dumps(good))  # a new user tag, then a family clash
    clash["tags"].append({"id": "G2", "family": "user", "label": "x", "parent": None,
                          "retired": False})
    return [json.dumps(bad_date).encode(), json.dumps(clash).encode()]


def test_malformed_import_writes_nothing(
    journal: Journal, rich: list[Entry], other: Journal, other_dir: Path
) -> None:
    bad_date, clash = _broken_exports(journal)
    with pytest.raises(ImportFormatError, match=r"entries\[2\].date"):
        other.import_json(bad_date)
    with pytest.raises(JournalError, match="G2"):
        other.import_json(clash)
    assert other.count_entries() == 0
    assert other.tags("user") == []


def test_unknown_kind_in_an_import_writes_nothing(
    journal: Journal, rich: list[Entry], other: Journal
) -> None:
    doc = json.loads(journal.export_json())
    doc["entries"][1]["kind"] = "diary"
    with pytest.raises(JournalError, match=r"entries\[1\].kind"):
        other.import_json(json.dumps(doc).encode())
    assert other.count_entries() == 0


def test_import_of_invalid_unicode_writes_nothing(
    journal: Journal, rich: list[Entry], other: Journal
) -> None:
    doc = json.loads(journal.export_json())
    doc["entries"][2]["title"] = "not text \ud800"  # unstorable: an unpaired surrogate
    with pytest.raises(ImportFormatError, match=r"entries\[2\].title"):
        other.import_json(json.dumps(doc).encode())
    assert other.count_entries() == 0
    assert other.tags("user") == []


def test_imported_entries_stay_editable(journal: Journal, other: Journal) -> None:
    # Another journal may define other fields (resources are user-editable): an import must
    # either refuse such an entry or leave it editable, never accept it and lock it.
    entry = add_entry(journal, kind="reflection", title="from elsewhere")
    doc = json.loads(journal.export_json())
    doc["entries"][0]["fields"] = {"mood": "tired"}
    try:
        other.import_json(json.dumps(doc).encode())
    except ImportFormatError:
        assert other.count_entries() == 0
        return
    starred = other.update_entry(entry.id, EntryChanges(starred=True))
    assert starred.starred


def _many(count: int, day: str = "2026-03-02", seed: int = 5) -> bytes:
    rng = random.Random(seed)
    entries = [{
        "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)), "kind": "reflection",
        "date": day, "title": f"Note {i}", "answers": {}, "body": f"entry {i} " * 60,
        "fields": {}, "duration_minutes": None, "competencies": ["C1"], "themes": [],
        "tags": [], "starred": False, "created_at": "2026-03-02T10:00:00+00:00",
        "modified_at": "2026-03-02T10:00:00+00:00",
    } for i in range(count)]
    doc = {"format": "reflectjournal-export", "version": 1,
           "exported_at": "2026-03-09T00:00:00+00:00",
           "tags": [{"id": "C1", "family": "competency", "label": "Theory", "parent": None,
                     "retired": False}],
           "entries": entries}
    return json.dumps(doc).encode()


def test_import_in_batches_skips_what_exists_and_keeps_the_file_order(
    other: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(entry_sql, "IMPORT_BATCH", 2)
    data = _many(7)
    ids = [e["id"] for e in json.loads(data)["entries"]]
    first = json.loads(data)
    first["entries"] = first["entries"][2:4]
    assert other.import_json(json.dumps(first).encode()).added == 2
    result = other.import_json(io.BytesIO(data))
    assert (result.added, result.skipped) == (5, 2)
    listed = entry_ids(other.list_entries(EntryFilter()))
    # One day: the two imported first come first in key order, then the rest in file order.
    assert listed[::-1] == [ids[2], ids[3], ids[0], ids[1], ids[4], ids[5], ids[6]]
    assert other.count_entries(EntryFilter(tag_groups=((TagId("C1"),),))) == 7
    assert other.import_json(io.BytesIO(data)).added == 0


def test_import_reads_a_stream_in_flat_memory(
    other: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(entry_sql, "IMPORT_BATCH", 50)
    monkeypatch.setattr(json_stream, "CHUNK", 16 * 1024)
    data = _many(3000)
    # One-time costs (compiled statements, the stemmers of word forms) come first, apart:
    # what is measured is what grows with the document.
    assert other.import_json(io.BytesIO(_many(10, day="2026-03-01", seed=6))).added == 10
    tracemalloc.start()
    try:
        start = tracemalloc.get_traced_memory()[0]
        assert other.import_json(io.BytesIO(data)).added == 3000
        peak = tracemalloc.get_traced_memory()[1] - start
    finally:
        tracemalloc.stop()
    # The parsed document alone would take several times the file; read a chunk and a
    # batch at a time it takes a small part of it: about a quarter here, most of it the
    # fixed cost of one batch and the set of ids seen, which duplicate ids are checked
    # against (about 100 bytes an entry). A third leaves room for fixed costs such as the
    # catalogue's prompt ids (without them this test peaked 1 % under a quarter).
    assert peak < len(data) / 3
