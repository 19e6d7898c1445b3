"""What a kind change keeps, without Qt."""

from __future__ import annotations

from reflectjournal.domain import kind_change
from reflectjournal.resources import load_catalog

CATALOG = load_catalog()
SESSION = CATALOG.kind("session")
REFLECTION = CATALOG.kind("reflection")
TRAINING = CATALOG.kind("training")


def test_fields_the_new_kind_lacks_are_kept_aside_and_come_back() -> None:
    typed = {"setting": "home", "client_code": None, "present": []}
    away = kind_change.split_fields(REFLECTION, typed, {})
    assert away.shown == {}
    assert away.kept == {"setting": "home"}  # empty values are not worth keeping
    back = kind_change.split_fields(SESSION, away.shown, away.kept)
    assert back.shown == {"setting": "home"}
    assert back.kept == {}


def test_a_value_typed_now_wins_over_one_kept_from_earlier() -> None:
    split = kind_change.split_fields(SESSION, {"setting": "clinic"}, {"setting": "home",
                                                                     "provider": "ZTT"})
    assert split.shown == {"setting": "clinic"}
    assert split.kept == {"provider": "ZTT"}


def test_other_answers_are_those_the_kind_does_not_ask() -> None:
    session_prompt = SESSION.prompt_set.prompts[0].id
    training_prompt = TRAINING.prompt_set.prompts[0].id
    answers = {session_prompt: "seen", training_prompt: "learnt", "retired": "old", "x": "  "}
    assert kind_change.other_answers(SESSION, answers) == {training_prompt: "learnt",
                                                           "retired": "old"}
    assert set(kind_change.all_prompts(CATALOG)) >= {session_prompt, training_prompt}


def test_the_words_name_what_was_kept() -> None:
    assert kind_change.change_words(SESSION, REFLECTION, 0, 0) == ""
    words = kind_change.change_words(SESSION, REFLECTION, 2, 1)
    assert words == (f"Kind changed from {SESSION.label} to {REFLECTION.label}: 2 answers "
                     "kept below, under \"Kept from another kind\" and 1 field kept aside.")
    kept = kind_change.kept_fields_words(REFLECTION, {"setting": "home", "gone": 1}, CATALOG)
    assert kept.startswith(f"Kept aside, not saved with a {REFLECTION.label} entry: Setting, gone.")
    assert kind_change.kept_fields_words(REFLECTION, {}, CATALOG) == ""
