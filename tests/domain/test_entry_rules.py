"""Applying changes to an entry: the rules alone, with no journal (tag families handed in)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from reflectjournal.domain.entry import (
    MAX_DURATION_MINUTES,
    MAX_TEXT_CHARS,
    MAX_TITLE_CHARS,
    Entry,
    EntryChanges,
)
from reflectjournal.domain.entry_rules import apply_changes, blank_entry, checked_tags
from reflectjournal.domain.errors import InvalidInputError
from reflectjournal.domain.ids import EntryId, TagId
from reflectjournal.domain.taxonomy import Catalog, TagFamily
from reflectjournal.resources import load_catalog

NOW = dt.datetime(2026, 3, 5, 9, 0, tzinfo=dt.UTC)
TODAY = dt.date(2026, 3, 5)
FAMILIES: dict[str, TagFamily] = {"C1": "competency", "G1": "theme", "u-home": "user"}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    """Return the shipped catalog (plain data, read once)."""
    return load_catalog()


def _family(tag_id: TagId) -> TagFamily:
    if tag_id not in FAMILIES:
        raise InvalidInputError(f"Unknown tag id '{tag_id}'.")
    return FAMILIES[tag_id]


def _new(catalog: Catalog, **values: object) -> Entry:
    changes = EntryChanges(**{"kind": "reflection", **values})  # type: ignore[arg-type]
    return apply_changes(blank_entry(EntryId("e1"), changes, TODAY, NOW), changes, catalog,
                         _family)


def test_a_new_entry_starts_blank_on_today_unless_dated(catalog: Catalog) -> None:
    entry = _new(catalog)
    assert (entry.kind, entry.date, entry.title, entry.body) == ("reflection", TODAY, "", "")
    assert entry.created_at == entry.modified_at == NOW
    assert _new(catalog, date=dt.date(2026, 1, 2)).date == dt.date(2026, 1, 2)


def test_a_new_entry_needs_a_kind() -> None:
    with pytest.raises(InvalidInputError, match="needs a kind"):
        blank_entry(EntryId("e1"), EntryChanges(title="no kind"), TODAY, NOW)


def test_titles_are_trimmed_and_inner_whitespace_folded(catalog: Catalog) -> None:
    assert _new(catalog, title="  Feeding \n at   the table ").title == "Feeding at the table"


@pytest.mark.parametrize(
    ("values", "words"),
    [
        ({"title": "x" * (MAX_TITLE_CHARS + 1)}, "title"),
        ({"body": "x" * (MAX_TEXT_CHARS + 1)}, "text"),
        ({"answers": {"baby": "x" * (MAX_TEXT_CHARS + 1)}}, "text"),
        ({"answers": {"no_such_prompt": "words"}}, "Unknown prompt"),
        ({"duration_minutes": MAX_DURATION_MINUTES + 1}, "duration"),
        ({"duration_minutes": -5}, "duration"),
        ({"kind": "session", "fields": {"setting": "on the moon"}}, "not a valid value"),
        ({"themes": (TagId("C1"),)}, "not a theme tag"),
        ({"tags": (TagId("nowhere"),)}, "Unknown tag"),
    ],
)
def test_invalid_values_are_refused_with_the_reason(
    catalog: Catalog, values: dict[str, object], words: str
) -> None:
    with pytest.raises(InvalidInputError, match=words):
        _new(catalog, **values)


def test_blank_answers_are_dropped_and_zero_minutes_clears_the_duration(
    catalog: Catalog
) -> None:
    entry = _new(catalog, answers={"baby": "the mother", "echoes": "  "}, duration_minutes=50)
    assert entry.answers == {"baby": "the mother"}
    assert entry.duration_minutes == 50
    cleared = apply_changes(entry, EntryChanges(duration_minutes=0), catalog, _family)
    assert cleared.duration_minutes is None


def test_values_not_given_stay_as_they_were(catalog: Catalog) -> None:
    entry = _new(catalog, title="Kept", body="words", starred=True, themes=(TagId("G1"),))
    changed = apply_changes(entry, EntryChanges(body="new words"), catalog, _family)
    assert changed == replace(entry, body="new words")


def test_a_stored_answer_to_a_retired_prompt_stays_editable(catalog: Catalog) -> None:
    entry = replace(_new(catalog), answers={"retired_prompt": "written long ago"})
    changed = apply_changes(entry, EntryChanges(title="edited"), catalog, _family)
    assert changed.answers == {"retired_prompt": "written long ago"}


def test_a_stored_field_value_passes_as_it_is(catalog: Catalog) -> None:
    entry = replace(_new(catalog, kind="session"), fields={"setting": "a setting since retired"})
    changed = apply_changes(entry, EntryChanges(title="edited"), catalog, _family)
    assert changed.fields == {"setting": "a setting since retired"}
    with pytest.raises(InvalidInputError):
        apply_changes(entry, EntryChanges(fields={"setting": "another retired one"}),
                      catalog, _family)


def test_changing_kind_keeps_only_the_fields_the_new_kind_has(catalog: Catalog) -> None:
    entry = _new(catalog, kind="supervision-given", fields={"supervisee": "B.", "format": "group"})
    changed = apply_changes(entry, EntryChanges(kind="supervision"), catalog, _family)
    assert (changed.kind, changed.fields) == ("supervision", {"format": "group"})


def test_tags_are_checked_against_their_family_and_kept_once(catalog: Catalog) -> None:
    entry = _new(catalog, competencies=(TagId("C1"), TagId("C1")), tags=(TagId("u-home"),))
    assert (entry.competencies, entry.tags) == (("C1",), ("u-home",))


def test_the_tag_lookup_is_not_asked_when_no_tags_change() -> None:
    def lookup(tag_id: TagId) -> TagFamily:
        raise AssertionError(f"asked about {tag_id}")

    assert checked_tags(None, (TagId("C1"),), "competency", lookup) == ("C1",)
