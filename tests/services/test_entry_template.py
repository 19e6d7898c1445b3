"""A saved entry opens, to edit, on the kind's template its answers were written on."""

from __future__ import annotations

from dataclasses import replace

from reflectjournal.domain.entry import Entry, EntryChanges
from reflectjournal.domain.template_names import answered
from reflectjournal.domain.templates import TemplatePrompt
from reflectjournal.services.journal import Journal
from reflectjournal.services.templates import KindTemplate


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
