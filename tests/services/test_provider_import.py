"""Exports carry the provider records their sessions name; imports recreate or make them."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from reflectjournal.domain.endorsement.records import Qualification
from reflectjournal.domain.entry import EntryChanges
from reflectjournal.domain.errors import ImportFormatError
from reflectjournal.services.journal import Journal

D = dt.date


def _export_with_sessions(journal: Journal) -> tuple[bytes, str]:
    lee = journal.providers.add("Dr. Lee", Qualification.IMHS, D(2019, 5, 1))
    journal.providers.add("Unused")
    journal.add_entry(EntryChanges(kind="supervision", date=D(2026, 1, 12), title="RSC",
                                   duration_minutes=60, fields={"provider_id": lee.id}))
    return journal.export_json(), lee.id


def test_an_import_recreates_the_records_an_export_carries(journal: Journal,
                                                          other: Journal) -> None:
    data, lee_id = _export_with_sessions(journal)
    doc = json.loads(data)
    assert [p["name"] for p in doc["providers"]] == ["Dr. Lee"]  # only the records used
    assert "contact_key" not in doc["providers"][0]
    result = other.import_json(data)
    assert result.added == 1
    [lee] = other.providers.all()
    assert (lee.id, lee.name) == (lee_id, "Dr. Lee")
    assert lee.qualification_on(D(2020, 1, 1)) == Qualification.IMHS
    [entry] = other.endorsement_records().entries
    assert entry.fields["provider_id"] == lee_id
    assert other.import_json(data).added == 0  # again: nothing twice, no second record
    assert len(other.providers.all()) == 1
    assert "- Provider: Dr. Lee" in journal.export_markdown()


def test_records_listed_after_the_entries_are_still_used(journal: Journal,
                                                         other: Journal) -> None:
    # Exports list them first so entries can stream; JSON does not fix the order, though.
    data, lee_id = _export_with_sessions(journal)
    doc = json.loads(data)
    assert list(doc).index("providers") < list(doc).index("entries")
    doc["providers"] = doc.pop("providers")
    assert other.import_json(json.dumps(doc).encode()).added == 1
    assert [p.id for p in other.providers.all()] == [lee_id]
    [entry] = other.endorsement_records().entries
    assert entry.fields["provider_id"] == lee_id


def test_an_old_export_with_typed_supervisors_gets_provider_records(journal: Journal) -> None:
    journal.providers.add("Dr. Lee")
    old = {"format": "reflectjournal-export", "version": 1, "exported_at":
           "2026-01-01T00:00:00+00:00", "tags": [], "entries": [
               {"id": f"0000000{i}-0000-4000-8000-000000000000", "kind": "supervision",
                "date": "2025-12-0" + str(i), "title": "RSC", "answers": {}, "body": "",
                "fields": {"supervisor": who, "format": "individual"},
                "duration_minutes": 60, "competencies": [], "themes": [], "tags": [],
                "starred": False, "created_at": "2026-01-01T00:00:00+00:00",
                "modified_at": "2026-01-01T00:00:00+00:00"}
               for i, who in ((1, "Dr. Lee"), (2, "Jordan  Lee"), (3, "Jordan Lee"))]}
    result = journal.import_json(json.dumps(old).encode())
    assert result.added == 3
    assert any("Made 1 provider record" in note for note in result.notes)
    by_name = {p.name: p.id for p in journal.providers.all()}
    assert set(by_name) == {"Dr. Lee", "Jordan Lee"}
    sessions = journal.endorsement_records().entries
    assert [e.fields for e in sessions] == [
        {"provider_id": by_name["Dr. Lee"], "format": "individual"},
        {"provider_id": by_name["Jordan Lee"], "format": "individual"},
        {"provider_id": by_name["Jordan Lee"], "format": "individual"}]


def test_a_provider_id_the_file_does_not_describe_is_dropped_and_told(journal: Journal,
                                                                     other: Journal) -> None:
    data, _ = _export_with_sessions(journal)
    doc = json.loads(data)
    del doc["providers"]
    result = other.import_json(json.dumps(doc).encode())
    assert any("named a provider record the file does not describe" in n for n in result.notes)
    [entry] = other.endorsement_records().entries
    assert "provider_id" not in entry.fields
    doc["providers"] = [{"id": "not-hex", "name": "X"}]
    with pytest.raises(ImportFormatError, match=r"providers\[0\]\.id"):
        other.import_json(json.dumps(doc).encode())


def test_a_signed_mark_in_a_file_reads_as_hand_logged(journal: Journal, other: Journal) -> None:
    lee = journal.providers.add("Dr. Lee")
    journal.entries.add(EntryChanges(kind="supervision", duration_minutes=60, fields={
        "provider_id": lee.id, "confirmation": "signed"}), confirmed=True)
    result = other.import_json(journal.export_json())
    assert any("read as logged by you" in note for note in result.notes)
    [entry] = other.endorsement_records().entries
    assert entry.fields["confirmation"] == "hand-logged"
    assert other.update_entry(entry.id, EntryChanges(duration_minutes=50))  # not locked here
