"""An entry as readable text: labels for choices, yes/no for check boxes."""

from __future__ import annotations

import datetime as dt

from reflectjournal.domain.entry import Entry
from reflectjournal.domain.ids import EntryId
from reflectjournal.domain.text import entry_as_text
from reflectjournal.resources import load_catalog

NOW = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC)


def test_fields_read_as_labels_and_yes_or_no() -> None:
    entry = Entry(
        id=EntryId("0b3a6c9e-2f57-4c1e-9a55-3d7f8b1c2e4d"), kind="training",
        date=dt.date(2026, 3, 2), title="Workshop", body="", answers={},
        fields={"about_rsc": True, "dei": False, "hours_face_to_face": 6.0},
        duration_minutes=None, competencies=(), themes=(), tags=(), starred=False,
        created_at=NOW, modified_at=NOW,
    )
    text = entry_as_text(entry, {}, load_catalog())
    assert "About reflective supervision/consultation: yes" in text
    assert "Diversity, equity and inclusion: no" in text
    assert "True" not in text
    assert "False" not in text
