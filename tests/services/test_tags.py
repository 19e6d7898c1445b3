"""Tags: resolving names, user tags, renaming, retiring and the shipped taxonomy's sync."""

from __future__ import annotations

from dataclasses import replace

import pytest

from reflectjournal.domain.errors import InvalidInputError
from reflectjournal.domain.ids import TagId
from reflectjournal.domain.search import EntryFilter
from reflectjournal.services.journal import Journal
from reflectjournal.store import tags as tag_sql
from reflectjournal.store.database import Database
from tests.helpers.journals import add_entry, entry_ids


def test_unknown_tag_names_suggest_close_matches(journal: Journal) -> None:
    with pytest.raises(InvalidInputError, match="Unknown competency 'Atachment'") as info:
        journal.resolve_tag("Atachment", "competency")
    assert "Attachment, separation, trauma, grief & loss" in info.value.hint
    with pytest.raises(InvalidInputError, match="Unknown theme"):
        journal.resolve_tag("G99", "theme")


def test_resolve_tag_by_id_label_and_alias(journal: Journal) -> None:
    assert journal.resolve_tag("c4.10", "competency").id == "C4.10"
    assert journal.resolve_tag("RSC", "competency").id == "C4.10"
    assert journal.resolve_tag("re-enactment", "theme").id == "G2"


def test_user_tags_are_created_once(journal: Journal) -> None:
    tag = journal.add_user_tag("  Home   visits ")
    assert tag.id.startswith("u-")
    assert (tag.family, tag.label) == ("user", "Home visits")
    assert journal.add_user_tag("HOME VISITS").id == tag.id
    assert journal.resolve_tag("new one", "user", create=True).label == "new one"
    assert [t.label for t in journal.tags("user")] == ["Home visits", "new one"]
    with pytest.raises(InvalidInputError):
        journal.resolve_tag("missing", "user")


@pytest.mark.parametrize("label", ["", "   ", "x" * 81])
def test_user_tag_names_must_be_reasonable(journal: Journal, label: str) -> None:
    with pytest.raises(InvalidInputError):
        journal.add_user_tag(label)


def test_renaming_a_tag_keeps_its_id_and_entries(journal: Journal) -> None:
    tag = journal.add_user_tag("NICU")
    entry = add_entry(journal, tags=(tag.id,))
    renamed = journal.rename_tag(tag.id, "Hospital")
    assert renamed.id == tag.id
    assert journal.get_entry(entry.id).tags == (tag.id,)
    assert journal.tag_labels()[tag.id] == "Hospital"
    assert journal.resolve_tag("hospital", "user").id == tag.id
    with pytest.raises(InvalidInputError):
        journal.rename_tag(TagId("u-00000000"), "x")


def test_retired_tags_stay_on_entries_and_in_filters(journal: Journal) -> None:
    tag = journal.add_user_tag("Old project")
    entry = add_entry(journal, tags=(tag.id,))
    assert journal.retire_tag(tag.id).retired
    assert tag.id not in [t.id for t in journal.tags("user", include_retired=False)]
    assert journal.get_entry(entry.id).tags == (tag.id,)
    where = EntryFilter(tag_groups=((tag.id,),))
    assert entry_ids(journal.list_entries(where)) == [entry.id]
    assert journal.add_user_tag("old project").id == tag.id  # naming it again revives it
    assert not journal.tags("user")[0].retired


def test_taxonomy_sync_retires_tags_the_resources_drop(journal: Journal) -> None:
    entry = add_entry(journal, competencies=(TagId("C4.03"),), themes=(TagId("G1"),))
    shipped = journal.catalog.competencies + journal.catalog.themes
    db: Database = journal._db
    with db.transaction():
        tag_sql.sync_builtin(db, [t for t in shipped if t.id != "G1"])
    g1 = tag_sql.get(db, TagId("G1"))
    assert g1.retired
    assert g1.label == "Unresolved loss"
    assert journal.get_entry(entry.id).themes == ("G1",)
    assert "G1" not in [t.id for t in journal.tags("theme", include_retired=False)]
    assert entry_ids(journal.list_entries(EntryFilter(tag_groups=((TagId("G1"),),)))) == [entry.id]
    with db.transaction():
        tag_sql.sync_builtin(db, shipped)
    assert not tag_sql.get(db, TagId("G1")).retired


def test_taxonomy_sync_keeps_a_label_the_user_chose(journal: Journal) -> None:
    journal.rename_tag(TagId("C4.03"), "Empathy")
    db: Database = journal._db
    with db.transaction():
        tag_sql.sync_builtin(db, journal.catalog.competencies + journal.catalog.themes)
    assert journal.tag_labels()["C4.03"] == "Empathy"
    assert journal.tag_labels()["C4.02"] == "Screening & assessment"


def test_taxonomy_sync_leaves_user_tags_alone(journal: Journal) -> None:
    tag = journal.add_user_tag("Mine")
    db: Database = journal._db
    with db.transaction():
        tag_sql.sync_builtin(db, [])
    assert not tag_sql.get(db, tag.id).retired
    assert tag_sql.get(db, TagId("C1")).retired


def test_taxonomy_sync_retires_a_tag_the_resources_mark_retired(journal: Journal) -> None:
    # The data files' guidance: keep the tag and add `retired = true`; it leaves the pickers
    # and entries keep it; without the key again it comes back.
    entry = add_entry(journal, competencies=(TagId("C4.03"),))
    shipped = journal.catalog.competencies + journal.catalog.themes
    marked = [replace(t, retired=True) if t.id == "C4.03" else t for t in shipped]
    db: Database = journal._db
    with db.transaction():
        tag_sql.sync_builtin(db, marked)
    c403 = tag_sql.get(db, TagId("C4.03"))
    assert c403.retired
    assert c403.label == "Responding with empathy"
    assert "C4.03" not in [t.id for t in journal.tags("competency", include_retired=False)]
    assert journal.get_entry(entry.id).competencies == ("C4.03",)
    with db.transaction():
        tag_sql.sync_builtin(db, shipped)
    assert not tag_sql.get(db, TagId("C4.03")).retired


def test_a_new_journal_has_the_mentor_and_administration_tags(journal: Journal) -> None:
    ids = {t.id for t in journal.tags("competency", include_retired=False)}
    assert {"C1.11", "C1.12", "C1.13", "C10.01"} <= ids


def test_a_theme_filter_finds_entries_tagged_with_its_alias(journal: Journal) -> None:
    # R4 "Parallel Process" (RIOS) and P2 "Parallel process": one idea, two permanent ids.
    p2 = add_entry(journal, themes=(TagId("P2"),))
    r4 = add_entry(journal, themes=(TagId("R4"),))
    add_entry(journal, themes=(TagId("G1"),))
    for name in ("P2", "R4"):
        group = journal.tag_group(journal.resolve_tag(name, "theme"))
        found = entry_ids(journal.list_entries(EntryFilter(tag_groups=(group,))))
        assert sorted(found) == sorted([p2.id, r4.id])
    g1 = journal.tag_group(journal.resolve_tag("G1", "theme"))
    assert g1 == ("G1",)
