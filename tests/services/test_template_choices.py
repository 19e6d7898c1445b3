"""Several named templates per kind: listed in order, one the default, names unique per kind."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from reflectjournal.domain.entry import EntryChanges
from reflectjournal.domain.errors import InvalidInputError
from reflectjournal.domain.templates import TemplatePrompt
from reflectjournal.services.journal import Journal
from tests.helpers.journals import open_journal


def _asked(journal: Journal, kind: str = "session") -> list[str]:
    return [p.label for p in journal.catalog.kind(kind).prompt_set.prompts]


def test_two_templates_of_a_kind_list_in_order_and_the_default_is_what_new_entries_ask(
    journal_dir: Path, journal: Journal,
) -> None:
    old = journal.add_entry(EntryChanges(kind="session", title="Before",
                                         answers={"baby": "She reached for the cup"}))
    visit = journal.templates.new("session", "After a home visit")
    assert visit.template.id.startswith("t-")
    assert len(visit.template.id) == 10
    assert visit.is_default  # the kind's first of the user's
    dyadic = journal.templates.new("session", "Dyadic session")
    assert not dyadic.is_default
    journal.templates.save(replace(dyadic.template, prompts=(
        TemplatePrompt("", "The dyad", "What passed between them?"),)))
    listing = journal.templates.of_kind("session")
    assert [(k.template.label, k.custom, k.is_default) for k in listing] == [
        ("Guided session reflection", False, False), ("After a home visit", True, True),
        ("Dyadic session", True, False)]
    assert _asked(journal)[0] == "The baby's side"  # "After a home visit" is the built-in's copy
    journal.templates.make_default(dyadic.template.id)
    assert _asked(journal) == ["The dyad"]
    assert journal.templates.get("session").template.label == "Dyadic session"
    assert journal.templates.get("session", "after a HOME visit").template.id == (
        visit.template.id)
    renamed = journal.templates.rename(dyadic.template.id, "Parent and baby")
    assert (renamed.template.id, renamed.is_default) == (dyadic.template.id, True)
    assert journal.get_entry(old.id) == old  # no entry changes with a template
    journal.close()
    with open_journal(journal_dir) as again:
        assert _asked(again) == ["The dyad"]
        after = again.templates.delete(dyadic.template.id)
        assert not after.custom  # deleting the default makes the built-in one the default
        assert _asked(again)[0] == "The baby's side"
        assert [k.template.label for k in again.templates.of_kind("session")] == [
            "Guided session reflection", "After a home visit"]
        assert again.get_entry(old.id) == old


@pytest.mark.parametrize("label", ["", "   ", "x" * 121, "DYADIC session", "dyadic\u202esession",
                                   "built-in", "t-12ab34cd"])
def test_names_are_one_to_120_characters_and_unique_per_kind_whatever_the_case(
    journal: Journal, label: str,
) -> None:
    journal.templates.new("session", "Dyadic session")
    with pytest.raises(InvalidInputError):
        journal.templates.new("session", label)
    assert len(journal.templates.of_kind("session")) == 2  # nothing was added


def test_a_name_may_be_used_once_per_kind_and_rename_checks_it_too(journal: Journal) -> None:
    journal.templates.new("session", "Dyadic")
    other_kind = journal.templates.new("reflection", "dyadic")  # another kind: allowed
    assert other_kind.template.label == "dyadic"
    second = journal.templates.new("session", "Second")
    with pytest.raises(InvalidInputError, match="already"):
        journal.templates.rename(second.template.id, "DYADIC")
    assert journal.templates.rename(second.template.id, "x" * 120).template.label == "x" * 120
    with pytest.raises(InvalidInputError, match="2 templates are named"):
        journal.templates.find("dyadic")  # two kinds have one: only its id names it


def test_a_template_from_an_entry_is_new_and_the_default_stays(journal: Journal) -> None:
    visit = journal.templates.new("session", "After a home visit")
    entry = journal.add_entry(EntryChanges(kind="session", title="Porch visit",
                                           answers={"echoes": "a", "between": "b"}))
    made = journal.templates.from_entry(entry, label="Dyadic session")
    assert [p.id for p in made.template.shown] == ["echoes", "between"]
    assert not made.is_default
    named = journal.templates.from_entry(entry)
    assert named.template.label == "From “Porch visit”"
    assert journal.templates.get("session") == visit  # nothing was replaced
    assert [k.template.label for k in journal.templates.of_kind("session")][1:] == [
        "After a home visit", "Dyadic session", "From “Porch visit”"]
    assert journal.get_entry(entry.id) == entry


def test_an_import_adds_a_template_or_replaces_the_one_of_its_label_after_a_preview(
    journal: Journal, other: Journal,
) -> None:
    mine = journal.templates.new("session", "Dyadic session")
    journal.templates.save(replace(mine.template, prompts=(
        TemplatePrompt("", "The dyad", "What passed between them?"),)))
    data = journal.templates.export("session", "Dyadic session")
    kept = other.templates.new("session", "dyadic SESSION")
    preview = other.templates.preview_import(data)
    assert preview.replaces == kept
    added = other.templates.import_file(data)  # without replacing: a second one, numbered
    assert added.template.label == "Dyadic session (2)"
    assert other.templates.get("session", kept.template.id) == kept
    replaced = other.templates.import_file(data, replace_same=True)
    assert (replaced.template.id, replaced.template.label) == (kept.template.id,
                                                               "dyadic SESSION")
    assert [p.label for p in replaced.template.prompts] == ["The dyad"]
    assert replaced.is_default  # it was, and stays
    assert len(other.templates.of_kind("session")) == 3
