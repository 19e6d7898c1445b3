"""What changed between two versions, in words; how long the trash keeps an entry."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from reflectjournal.domain.entry import Entry
from reflectjournal.domain.ids import EntryId, TagId
from reflectjournal.domain.versions import (
    TRASH_DAYS,
    FieldChange,
    TrashedEntry,
    changed_fields,
    differences_text,
    same_content,
    trash_cutoff,
)
from reflectjournal.resources import load_catalog

NOW = dt.datetime(2026, 5, 1, 9, 0, tzinfo=dt.UTC)
BASE = Entry(
    id=EntryId("e"), kind="session", date=dt.date(2026, 3, 2), title="Visit", body="calm",
    answers={"baby": "slept"}, fields={"present": ["infant"], "setting": "home"},
    duration_minutes=None, competencies=(TagId("C4"),), themes=(), tags=(), starred=False,
    created_at=NOW, modified_at=NOW,
)


def test_changed_fields_lists_each_differing_part_in_editor_order() -> None:
    later = replace(BASE, title="Visit two", answers={"baby": "cried", "me": "tired"},
                    fields={"present": ["infant", "parent"]}, duration_minutes=30,
                    themes=(TagId("G1"),), starred=True)
    changes = changed_fields(BASE, later, {"G1": "Ghost"})
    assert [(c.label, c.before, c.after) for c in changes] == [
        ("Title", "Visit", "Visit two"), ("baby", "slept", "cried"), ("me", "", "tired"),
        ("Present", "infant", "infant, parent"), ("Setting", "home", ""),
        ("Minutes", "", "30"), ("Themes", "", "Ghost"), ("Starred", "no", "yes")]


def test_with_the_catalog_kinds_prompts_fields_and_choices_read_as_in_the_app() -> None:
    catalog = load_catalog()
    session = catalog.kind("session")
    setting = next(f for f in session.fields if f.choices)
    first, second = setting.choices[0], setting.choices[1]
    before = replace(BASE, fields={setting.id: first.id})
    after = replace(BASE, kind="reflection", fields={setting.id: second.id})
    changes = changed_fields(before, after, catalog=catalog)
    assert (changes[0].label, changes[0].before, changes[0].after) == (
        "Kind", session.label, catalog.kind("reflection").label)
    assert (changes[1].label, changes[1].before, changes[1].after) == (
        setting.label, first.label, second.label)


def test_same_content_ignores_the_times_only() -> None:
    assert same_content(BASE, replace(BASE, modified_at=NOW + dt.timedelta(hours=1)))
    assert not same_content(BASE, replace(BASE, body="calm."))
    assert not same_content(BASE, replace(BASE, fields={"present": ["infant"]}))


def test_differences_text_shows_both_values_in_full() -> None:
    text = differences_text([FieldChange("Text", "one\ntwo", "")], "version 1", "current")
    assert text == "Text\n  version 1: one\n             two\n  current:   (empty)"
    assert differences_text([], "a", "b") == "Nothing differs."


def test_the_trash_keeps_an_entry_for_thirty_days() -> None:
    assert TRASH_DAYS == 30
    assert trash_cutoff(NOW) == NOW - dt.timedelta(days=30)
    assert TrashedEntry(BASE, NOW, 0).purged_after == NOW + dt.timedelta(days=30)
