"""The competency coverage grid (spec 2.6), with expectations worked out by hand from the
shipped competencies.toml and the spec, not from the implementation's output."""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

import pytest

from reflectjournal.domain.endorsement.coverage import (
    REFERENCE_RATINGS_NOTE,
    CoverageColumn,
    CoverageRow,
    CoverageStatus,
    cell_entries,
    coverage,
    coverage_json,
)
from reflectjournal.domain.entry import Entry
from reflectjournal.domain.errors import InvalidInputError
from reflectjournal.domain.ids import EntryId, TagId
from reflectjournal.domain.taxonomy import Tag
from reflectjournal.resources import load_catalog

_STAMP = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def _entry(entry_id: str, kind: str, day: str, *competencies: str) -> Entry:
    values: dict[str, Any] = {
        "id": EntryId(entry_id), "kind": kind, "date": dt.date.fromisoformat(day),
        "title": "", "body": "", "answers": {}, "fields": {}, "duration_minutes": None,
        "competencies": tuple(TagId(c) for c in competencies), "themes": (), "tags": (),
        "starred": False, "created_at": _STAMP, "modified_at": _STAMP,
    }
    return Entry(**values)


# Two TF items on one training: Theoretical Foundations counts it once, with its 6 h once.
T1 = _entry("t1", "training", "2026-03-10", "C1.02", "C1.06")
# Tagged with the area itself and a Reflection item.
T2 = _entry("t2", "training", "2026-05-01", "C1", "C8.02")
# An IMHS-only TF item: for IFA it has no row but still counts for Theoretical Foundations.
T3 = _entry("t3", "training", "2026-07-01", "C1.08")
# A training the caller gave no counted minutes (no hours entered yet).
T4 = _entry("t4", "training", "2026-02-01", "C6.01")
S1 = _entry("s1", "session", "2026-06-02", "C4.01")
SUP1 = _entry("sup1", "supervision", "2026-06-20", "C8.02")
R1 = _entry("r1", "reflection", "2026-01-15", "C6.01")
# Kinds that are no evidence for the grid.
CARE = _entry("care", "self-care", "2026-08-01", "C2.01")
GIVEN = _entry("given", "supervision-given", "2026-08-02", "C5.01")
ENTRIES = [T1, T2, T3, T4, S1, SUP1, R1, CARE, GIVEN]
MINUTES = {EntryId("t1"): 360, EntryId("t2"): 90, EntryId("t3"): 120}


def _rows(category: str) -> dict[str, CoverageRow]:
    rows = coverage(ENTRIES, load_catalog().competencies, category, MINUTES)
    return {row.tag_id: row for row in rows}


def test_ifa_rows_are_its_areas_and_knowledge_areas_only() -> None:
    # IFA: areas C1-C8 (no Mentor areas); TF has 7 items, Direct Service Skills lacks C4.09:
    # 7 + 3 + 2 + 9 + 8 + 3 + 5 + 6 = 43 knowledge areas, 51 rows.
    rows = coverage([], load_catalog().competencies, "ifa", {})
    assert [r.tag_id for r in rows if r.level == 1] == [f"C{i}" for i in range(1, 9)]
    assert len(rows) == 51
    assert [r.tag_id for r in rows if r.parent == "C1"] == [
        "C1.01", "C1.02", "C1.03", "C1.04", "C1.05", "C1.06", "C1.10",
    ]
    assert "C4.09" not in {r.tag_id for r in rows}


def test_imhs_rows_add_its_knowledge_areas_and_mentor_rows_add_mentor_areas() -> None:
    imhs = coverage([], load_catalog().competencies, "imhs", {})
    # IMHS: 10 TF items and all 10 Direct Service Skills items: 47 knowledge areas, 55 rows.
    assert len(imhs) == 55
    assert [r.tag_id for r in imhs if r.parent == "C1"] == [f"C1.{n:02d}" for n in range(1, 11)]
    mentor = coverage([], load_catalog().competencies, "imhm-p", {})
    # Mentors: 11 areas; 13 TF items and Program management: 51 knowledge areas, 62 rows.
    assert [r.tag_id for r in mentor if r.level == 1] == [f"C{i}" for i in range(1, 12)]
    assert len(mentor) == 62
    # Each area is followed by its own knowledge areas.
    ids = [r.tag_id for r in mentor]
    assert ids[ids.index("C10"):ids.index("C11") + 1] == ["C10", "C10.01", "C11"]


def test_a_knowledge_area_rolls_up_to_its_area_once_per_entry() -> None:
    rows = _rows("ifa")
    # t1 (two TF items, 360 min), t2 (the area, 90 min), t3 (C1.08, 120 min).
    assert (rows["C1"].training_entries, rows["C1"].training_minutes) == (3, 570)
    assert (rows["C1.02"].training_entries, rows["C1.02"].training_minutes) == (1, 360)
    assert (rows["C1.06"].training_entries, rows["C1.06"].training_minutes) == (1, 360)
    assert (rows["C1.01"].training_entries, rows["C1.01"].training_minutes) == (0, 0)
    assert "C1.08" not in rows
    assert rows["C1"].latest == dt.date(2026, 7, 1)


def test_a_training_gives_its_full_hours_to_every_area_it_is_tagged_with() -> None:
    rows = _rows("imhs")
    # t2's 90 minutes go whole to Theoretical Foundations and to Reflection, not split.
    assert rows["C8"].training_minutes == 90
    assert rows["C8.02"].training_minutes == 90
    assert rows["C1"].training_minutes == 570
    assert (rows["C1.08"].training_entries, rows["C1.08"].training_minutes) == (1, 120)


def test_a_training_without_counted_minutes_is_an_entry_with_no_hours() -> None:
    rows = _rows("ifa")
    assert (rows["C6"].training_entries, rows["C6"].training_minutes) == (1, 0)
    assert rows["C6"].other_entries == 1  # the reflection r1
    assert rows["C6"].latest == dt.date(2026, 2, 1)


def test_other_evidence_counts_sessions_supervision_and_reflections_only() -> None:
    rows = _rows("ifa")
    assert rows["C4"].other_entries == 1
    assert rows["C4.01"].other_entries == 1
    assert rows["C8"].other_entries == 1  # the supervision sup1
    # Self-care and supervision given are no evidence here.
    assert (rows["C2"].other_entries, rows["C2"].training_entries, rows["C2"].latest) == (
        0, 0, None)
    assert rows["C5"].other_entries == 0


def test_status_tells_training_evidence_from_other_evidence_only() -> None:
    rows = _rows("ifa")
    assert rows["C1"].status == CoverageStatus.TRAINING
    assert rows["C8"].status == CoverageStatus.TRAINING  # training and supervision
    assert rows["C4"].status == CoverageStatus.OTHER_ONLY
    assert rows["C4"].latest == dt.date(2026, 6, 2)
    assert rows["C2"].status == CoverageStatus.NONE
    assert rows["C8"].latest == dt.date(2026, 6, 20)


def test_reference_rating_areas_carry_the_note_and_unconfirmed_labels_are_marked() -> None:
    rows = _rows("ifa")
    noted = {row_id for row_id, row in rows.items() if row.note}
    assert noted == {"C5", "C7", "C8"}
    assert rows["C8"].note == REFERENCE_RATINGS_NOTE
    assert "reference ratings" in REFERENCE_RATINGS_NOTE
    assert not rows["C4.03"].confirmed
    assert rows["C4"].confirmed
    assert rows["C4.01"].confirmed


def test_rows_have_no_score_or_percent() -> None:
    fields = set(CoverageRow.__dataclass_fields__)
    assert not {f for f in fields if "score" in f or "percent" in f or "complete" in f}
    assert not {k for k in coverage_json(_rows("ifa").values())[0]
                if "score" in k or "percent" in k}


def test_an_unknown_category_is_refused_with_the_known_ones() -> None:
    with pytest.raises(InvalidInputError, match="Unknown category 'imhx'") as info:
        coverage([], load_catalog().competencies, "imhx", {})
    assert "ifa" in info.value.hint
    assert "ecmhm-rf" in info.value.hint


_AREA_A = Tag(TagId("A"), "competency", "Area A")
_RETIRED_ITEM = Tag(TagId("A.1"), "competency", "Old item", parent=TagId("A"), retired=True)
_ITEM = Tag(TagId("A.2"), "competency", "Item", parent=TagId("A"))
_RETIRED_AREA = Tag(TagId("B"), "competency", "Old area", retired=True)
_UNDER_RETIRED = Tag(TagId("B.1"), "competency", "Item of old area", parent=TagId("B"))
_TAGS = [_AREA_A, _RETIRED_ITEM, _ITEM, _RETIRED_AREA, _UNDER_RETIRED,
         Tag(TagId("G1"), "theme", "A theme")]


def test_retired_tags_have_no_row_but_their_entries_count_for_the_area() -> None:
    old = _entry("old", "training", "2025-01-01", "A.1", "B.1")
    rows = coverage([old], _TAGS, "any", {EntryId("old"): 60})
    assert [r.tag_id for r in rows] == ["A", "A.2"]
    assert (rows[0].training_entries, rows[0].training_minutes) == (1, 60)
    assert rows[1].training_entries == 0


def test_unknown_tag_ids_on_entries_are_ignored() -> None:
    stray = _entry("stray", "training", "2025-01-01", "Z.9")
    rows = coverage([stray], _TAGS, "any", {EntryId("stray"): 60})
    assert all(r.status == CoverageStatus.NONE for r in rows)


def test_a_cell_lists_the_entries_it_counts_most_recent_first() -> None:
    tags = load_catalog().competencies
    assert cell_entries(ENTRIES, tags, TagId("C1"), CoverageColumn.TRAINING) == (
        "t3", "t2", "t1")
    assert cell_entries(ENTRIES, tags, TagId("C1.02"), CoverageColumn.TRAINING) == ("t1",)
    assert cell_entries(ENTRIES, tags, TagId("C8"), CoverageColumn.OTHER) == ("sup1",)
    assert cell_entries(ENTRIES, tags, TagId("C8"), CoverageColumn.ANY) == ("sup1", "t2")
    assert cell_entries(ENTRIES, tags, TagId("C2"), CoverageColumn.ANY) == ()
    rows = _rows("imhs")
    for tag_id, row in rows.items():
        listed = cell_entries(ENTRIES, tags, TagId(tag_id), CoverageColumn.TRAINING)
        assert len(listed) == row.training_entries, tag_id
        assert len(cell_entries(ENTRIES, tags, TagId(tag_id), CoverageColumn.OTHER)) == (
            row.other_entries), tag_id


def test_json_form_holds_the_documented_keys() -> None:
    rows = coverage(ENTRIES, load_catalog().competencies, "ifa", MINUTES)
    doc = coverage_json(rows)
    first = doc[0]
    assert first == {
        "area": "C1", "label": "Theoretical Foundations", "level": 1, "parent": None,
        "training_entries": 3, "training_minutes": 570, "other_entries": 0,
        "latest": "2026-07-01", "status": "training evidence", "confirmed": True,
        "note": None,
    }
    by_area = {d["area"]: d for d in doc}
    assert by_area["C1.02"]["parent"] == "C1"
    assert by_area["C1.02"]["level"] == 2
    assert by_area["C2"]["latest"] is None
    assert by_area["C2"]["status"] == "no evidence"
    assert by_area["C8"]["note"] == REFERENCE_RATINGS_NOTE
    assert by_area["C4.03"]["confirmed"] is False


def test_rows_use_the_category_own_wording() -> None:
    assert _rows("ifa")["C1.04"].label == "Relationship-focused practice"
    assert _rows("imhs")["C1.04"].label == "Relationship-focused, therapeutic practice"


class _Light(NamedTuple):
    """A row without bodies, as a service may read it for a large journal."""

    id: EntryId
    kind: str
    date: dt.date
    competencies: tuple[TagId, ...]


def test_light_rows_give_the_same_grid_as_entries() -> None:
    light = [_Light(e.id, e.kind, e.date, e.competencies) for e in ENTRIES]
    tags = load_catalog().competencies
    assert coverage(light, tags, "ifa", MINUTES) == coverage(ENTRIES, tags, "ifa", MINUTES)
    assert cell_entries(light, tags, TagId("C1"), CoverageColumn.TRAINING) == (
        "t3", "t2", "t1")
