"""A saved entry opens, to edit, on the kind's template it was saved from (schema 18), or
for one saved before, the template its answers were written on."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from reflectjournal.domain.entry import Entry, EntryChanges
from reflectjournal.domain.ids import EntryId
from reflectjournal.domain.template_names import answered
from reflectjournal.domain.templates import BUILTIN, TemplatePrompt
from reflectjournal.services.journal import Journal
from reflectjournal.services.templates import KindTemplate
from reflectjournal.store import schema
from tests.helpers.journals import FAST, PASSPHRASE, copy_stored_journal


def _two(journal: Journal) -> tuple[KindTemplate, KindTemplate]:
    """"After a home visit" (the default, the built-in prompts) and "Dyadic session"."""
    visit = journal.templates.new("session", "After a home visit")
    dyadic = journal.templates.new("session", "Dyadic session")
    dyadic = journal.templates.save(replace(dyadic.template, prompts=(
        TemplatePrompt("", "The dyad", "What passed between them?"),
        TemplatePrompt("", "My part", "What did I bring to it?"),
        TemplatePrompt("baby", "The baby's side", "If the baby could tell the story of this "
                       "visit, what would they say they felt or wanted?"))))
    return visit, dyadic


def _entry(journal: Journal, answers: dict[str, str], kind: str = "session") -> Entry:
    return journal.add_entry(EntryChanges(kind=kind, title="Kitchen floor", answers=answers))


def test_an_entry_opens_on_the_template_asking_most_of_its_answers(journal: Journal) -> None:
    _visit, dyadic = _two(journal)
    dyad, _part, baby = (p.id for p in dyadic.template.shown)
    assert baby == "baby"  # the wording the built-in prompts ask too
    entry = _entry(journal, {dyad: "They laughed together", baby: "She reached for me"})
    assert journal.templates.for_entry(entry) == dyadic


def test_a_tie_or_no_answers_opens_on_the_default(journal: Journal) -> None:
    visit, _dyadic = _two(journal)
    both_ask = _entry(journal, {"baby": "She reached for the cup"})
    assert journal.templates.for_entry(both_ask) == visit
    assert journal.templates.for_entry(_entry(journal, {})) == visit
    assert journal.templates.for_entry(_entry(journal, {"baby": "  \n"})) == visit


def test_a_deleted_template_gives_the_default_the_answers_untouched(journal: Journal) -> None:
    visit, dyadic = _two(journal)
    dyad, part, _baby = (p.id for p in dyadic.template.shown)
    entry = _entry(journal, {dyad: "They laughed together", part: "I waited"})
    journal.templates.delete(dyadic.template.id)
    assert journal.templates.for_entry(entry) == visit
    assert journal.get_entry(entry.id).answers == entry.answers


def test_the_built_in_template_when_it_is_the_one_asking_most(journal: Journal) -> None:
    # The user's default hides most built-in prompts; an entry written before answers them.
    visit, _dyadic = _two(journal)
    kept, *hidden = visit.template.shown
    journal.templates.save(replace(visit.template, prompts=tuple(
        replace(p, hidden=p != kept) for p in visit.template.prompts)))
    entry = _entry(journal, {p.id: "an answer" for p in hidden[:2]})
    chosen = journal.templates.for_entry(entry)
    assert chosen is not None
    assert (chosen.custom, chosen.is_default) == (False, False)


def test_a_kind_without_templates_of_the_users_and_an_unknown_kind(journal: Journal) -> None:
    reflection = _entry(journal, {}, kind="reflection")
    chosen = journal.templates.for_entry(reflection)
    assert chosen is not None
    assert (chosen.custom, chosen.is_default) == (False, True)
    assert journal.templates.for_entry(replace(reflection, kind="no-such-kind")) is None


def test_blank_answers_answer_nothing() -> None:
    assert answered({"a": "text", "b": "", "c": " \n\t", "d": "x"}) == ["a", "d"]
    assert answered({}) == []


def _first_visit(journal: Journal, visit: KindTemplate) -> KindTemplate:
    """A template begun from the default's prompts: its first two kept, one of its own."""
    first = journal.templates.new("session", "First visit", base=visit.template)
    keep = {p.id for p in first.template.shown[:2]}
    return journal.templates.save(replace(first.template, prompts=(
        *(replace(p, hidden=p.id not in keep) for p in first.template.prompts),
        TemplatePrompt("", "The home", "What did the home tell me?"))))


def test_the_template_saved_from_is_the_one_though_the_default_asks_as_much(
    journal_dir: Path, journal: Journal,
) -> None:
    visit, _dyadic = _two(journal)
    first = _first_visit(journal, visit)
    changes = EntryChanges(kind="session", title="Bath time",
                           answers={"baby": "She reached for the cup"})
    entry = journal.save_entry(None, changes, None, first.template.id)
    assert journal.templates.for_entry(entry) == visit  # what the answers alone say
    journal.close()
    with Journal.open(journal_dir, PASSPHRASE, FAST) as reopened:
        saved = reopened.get_entry(entry.id)
        assert reopened.entries.template(entry.id) == first.template.id
        assert reopened.templates.for_entry(saved, first.template.id) == first
        # Saved again from the editor on another template (a kind change): that one.
        reopened.save_entry(entry.id, EntryChanges(title="Bath time again"), None, BUILTIN)
        assert reopened.entries.template(entry.id) == BUILTIN
        # Saved without a template (the command line's edit): the one recorded stays.
        reopened.save_entry(entry.id, EntryChanges(title="Bath time, later"))
        assert reopened.entries.template(entry.id) == BUILTIN
        assert reopened.get_entry(entry.id).answers == {"baby": "She reached for the cup"}


def test_a_renamed_template_is_found_and_a_deleted_one_gives_the_default(
    journal: Journal,
) -> None:
    visit, dyadic = _two(journal)
    first = _first_visit(journal, visit)
    entry = journal.save_entry(None, EntryChanges(kind="session", answers={
        "baby": "She reached for the cup"}), None, first.template.id)
    renamed = journal.templates.rename(first.template.id, "The first one")
    assert journal.templates.for_entry(entry, journal.entries.template(entry.id)) == renamed
    journal.templates.delete(first.template.id)
    assert journal.templates.for_entry(entry, journal.entries.template(entry.id)) == visit
    # One of another kind than the entry's now (changed by the command line): the default.
    reflection = journal.save_entry(None, EntryChanges(kind="reflection"), None,
                                    dyadic.template.id)
    chosen = journal.templates.for_entry(reflection, journal.entries.template(reflection.id))
    assert chosen is not None
    assert (chosen.template.kind, chosen.is_default) == ("reflection", True)


def test_a_template_that_is_not_an_id_is_neither_stored_nor_read(journal: Journal) -> None:
    entry = journal.save_entry(None, EntryChanges(kind="session", title="kept"), None,
                               "Dyadic session")
    assert journal._db.scalar("SELECT template FROM entries") is None
    journal._db.execute("UPDATE entries SET template = 'After a home visit'")
    assert journal.entries.template(entry.id) == ""
    assert journal.get_entry(entry.id).title == "kept"  # the entry reads as ever


def test_a_version_17_entry_opens_on_the_template_its_answers_were_written_on(
    tmp_path: Path,
) -> None:
    folder = copy_stored_journal("journal-v17-entries", tmp_path)
    kitchen = EntryId("96dc18dc-6a6b-4ad8-8519-6237ada32fa7")
    porch = EntryId("5a6345c8-3164-4d72-9894-e5cb2e3de8cf")
    with Journal.open(folder, PASSPHRASE, FAST) as journal:
        assert journal.check().schema_version == schema.LATEST
        assert len(list((folder / "backups").glob("before-upgrade-*.rjbackup"))) == 1
        assert journal.entries.template(kitchen) == ""  # an entry of schema 17 did not say
        entry = journal.get_entry(kitchen)
        assert entry.answers == {"u-1f79b7a6": "They laughed together",
                                 "u-30c8b9d0": "I waited before speaking"}
        [_builtin, visit, dyadic] = journal.templates.of_kind("session")
        assert (visit.template.label, visit.is_default) == ("After a home visit", True)
        assert journal.templates.for_entry(entry) == dyadic
        assert journal.templates.for_entry(journal.get_entry(porch)) == visit
        # Saved from the editor today, it names its template.
        journal.save_entry(kitchen, EntryChanges(title="Kitchen floor"), None,
                           dyadic.template.id)
        assert journal.entries.template(kitchen) == dyadic.template.id
        assert [s.title for s in journal.list_entries()] == ["Kitchen floor", "Porch visit"]
        assert journal.check().ok
