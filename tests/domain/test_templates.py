"""Templates: which prompts keep their id, and what the catalog asks after applying one."""

from __future__ import annotations

import itertools
from dataclasses import replace

import pytest

from reflectjournal.domain.errors import InvalidInputError
from reflectjournal.domain.kind_change import all_prompts
from reflectjournal.domain.prompt_use import count_use
from reflectjournal.domain.templates import (
    Template,
    TemplatePrompt,
    apply_templates,
    builtin_template,
    from_answers,
    hide,
    settle,
    summary_words,
    unused_prompts,
)
from reflectjournal.resources import load_catalog


def _ids() -> itertools.count[int]:
    return itertools.count(1)


def _settle(draft: Template) -> tuple[Template, tuple[object, ...]]:
    counter = _ids()
    return settle(draft, all_prompts(load_catalog()), lambda: f"u-{next(counter)}")


def test_an_unchanged_builtin_prompt_keeps_its_id_and_a_reworded_one_gets_a_new_one() -> None:
    session = builtin_template(load_catalog().kind("session"))
    first, second, *rest = session.prompts
    draft = replace(session, prompts=(replace(second, text="What did the baby show me?"),
                                      first, *rest))
    template, added = _settle(draft)
    assert template.prompts[0].id == "u-1"  # reworded: a new wording under a new id
    assert template.prompts[1].id == first.id == "baby"  # moved, same words: same id
    assert [p.id for p in added] == ["u-1"]
    assert added[0].label == second.label
    assert added[0].text == "What did the baby show me?"


def test_a_new_prompt_and_a_duplicate_get_ids_and_blank_or_odd_text_is_refused() -> None:
    draft = Template("reflection", "Mine", (TemplatePrompt("", "Sleep", "How did I  sleep?"),
                                            TemplatePrompt("", "Sleep", "How did I sleep?")))
    template, added = _settle(draft)
    assert [p.id for p in template.prompts] == ["u-1", "u-2"]
    assert template.prompts[0].text == "How did I sleep?"  # spaces and newlines folded
    assert len(added) == 2
    for label, text in (("", "x"), ("x", " \n"), ("x", "a\u202eb"), ("x" * 121, "x")):
        with pytest.raises(InvalidInputError):
            _settle(Template("reflection", "Mine", (TemplatePrompt("", label, text),)))
    with pytest.raises(InvalidInputError, match="at most 40"):
        _settle(Template("reflection", "Mine", (TemplatePrompt("", "a", "b"),) * 41))


def test_applying_a_template_changes_what_the_kind_asks_and_keeps_every_wording_known() -> None:
    catalog = load_catalog()
    session = builtin_template(catalog.kind("session"))
    reworded = replace(session.prompts[0], id="u-1", text="New question")
    mine = replace(session, label="My visits",
                   prompts=(reworded, *hide(session, [session.prompts[1].id]).prompts[1:]))
    applied = apply_templates(catalog, {"session": mine}, [reworded])
    kind = applied.kind("session")
    assert kind.prompt_set.label == "My visits"
    assert [p.id for p in kind.prompt_set.prompts] == [
        "u-1", *[p.id for p in session.prompts[2:]]]
    prompts = all_prompts(applied)
    assert prompts["baby"].text == session.prompts[0].text  # old answers keep their question
    assert prompts["u-1"].text == "New question"
    assert applied.kind("reflection") == catalog.kind("reflection")


def test_a_template_from_an_entry_asks_what_it_answered_in_its_order() -> None:
    catalog = load_catalog()
    kind = catalog.kind("session")
    base = builtin_template(kind)
    answers = {"echoes": "x", "baby": "y", "between": " ", "goal": "kept from another kind"}
    made = from_answers(kind, base, answers, all_prompts(catalog))
    known = all_prompts(catalog)
    expected = [k for k in ("echoes", "baby", "goal") if k in known]
    assert [p.id for p in made.shown] == expected
    assert len(made.prompts) == len(set(p.id for p in made.prompts))
    assert {p.id for p in made.prompts if p.hidden} == {p.id for p in base.prompts} - set(expected)
    with pytest.raises(InvalidInputError):
        from_answers(kind, base, {"between": "  "}, known)


def test_unused_prompts_need_enough_entries_to_tell() -> None:
    session = builtin_template(load_catalog().kind("session"))
    few = count_use([("session", {"baby": "a"})] * 2)
    assert unused_prompts(session, few) == ()
    enough = count_use([("session", {"baby": "a"})] * 3)
    assert unused_prompts(session, enough) == tuple(p.id for p in session.prompts[1:])
    assert summary_words(hide(session, unused_prompts(session, enough)), True) == (
        f"1 prompt, {len(session.prompts) - 1} hidden (yours)")


def test_words_put_back_as_they_were_take_the_known_id_again() -> None:
    session = builtin_template(load_catalog().kind("session"))
    first = session.prompts[0]
    template, added = _settle(replace(session, prompts=(replace(first, id="u-9"),)))
    assert [p.id for p in template.prompts] == [first.id]
    assert added == ()
    twice = replace(session, prompts=(first, replace(first, id="")))
    template, added = _settle(twice)
    assert [p.id for p in template.prompts] == [first.id, "u-1"]  # one id, one place
