"""Competency levels per category, confirmed and retired flags, theme sources and aliases,
prompt credits: the shipped data (written from spec sections 1.3-1.6) and strict parsing."""

from __future__ import annotations

from typing import Any

import pytest

from reflectjournal.domain.ids import TagId
from reflectjournal.domain.taxonomy import (
    Tag,
    linked_tags,
    parse_competencies,
    parse_prompt_sets,
    parse_themes,
)
from reflectjournal.resources import load_catalog

CATEGORIES = ("ifa", "ifs", "imhs", "imhm-c", "imhm-p", "imhm-rf", "i-ecfrs",
              "ecfa", "ecfs", "ecmhs", "ecmhm-c", "ecmhm-p", "ecmhm-rf")


def _tf(category: str) -> list[str]:
    return [t.id for t in load_catalog().competencies
            if t.parent == "C1" and t.applies_to(category)]


def test_theoretical_foundations_per_category_follow_the_sourced_lists() -> None:
    # Spec C1/C2: IFA 7 items; IFS adds disorders of infancy; IMHS adds theories of change
    # and adult disorders; Mentors add adult learning, statistics, research & evaluation.
    ifa = ["C1.01", "C1.02", "C1.03", "C1.04", "C1.05", "C1.06", "C1.10"]
    ifs = ["C1.01", "C1.02", "C1.03", "C1.04", "C1.05", "C1.06", "C1.07", "C1.10"]
    imhs = [f"C1.{n:02d}" for n in range(1, 11)]
    mentor = [f"C1.{n:02d}" for n in range(1, 14)]
    assert _tf("ifa") == ifa
    assert _tf("ifs") == ifs
    assert _tf("imhs") == imhs
    for category in ("imhm-c", "imhm-p", "imhm-rf"):
        assert _tf(category) == mentor
    # The Early Childhood categories mirror their Infant counterparts.
    assert (_tf("ecfa"), _tf("ecfs"), _tf("ecmhs"), _tf("ecmhm-c")) == (ifa, ifs, imhs, mentor)


def test_mentor_areas_and_items_apply_to_mentors_only() -> None:
    by_id = {t.id: t for t in load_catalog().competencies}
    for tag_id in ("C9", "C10", "C10.01", "C11", "C1.11", "C1.12", "C1.13"):
        tag = by_id[TagId(tag_id)]
        assert [c for c in CATEGORIES if tag.applies_to(c)] == [
            "imhm-c", "imhm-p", "imhm-rf", "ecmhm-c", "ecmhm-p", "ecmhm-rf",
        ], tag_id
    assert by_id[TagId("C1.13")].label == "Research & evaluation"  # kept apart from C11
    assert by_id[TagId("C11")].label == "Research & Evaluation"


def test_the_eight_confirmed_areas_apply_to_every_category() -> None:
    by_id = {t.id: t for t in load_catalog().competencies}
    for area in (f"C{i}" for i in range(1, 9)):
        assert all(by_id[TagId(area)].applies_to(c) for c in CATEGORIES), area


def test_relationship_based_therapies_carry_the_endorsement_wording_from_imhs_up() -> None:
    # Spec C5.
    tag = {t.id: t for t in load_catalog().competencies}[TagId("C4.09")]
    assert "parent-infant/young child relationship-based therapies and practices" in tag.aliases
    assert not tag.applies_to("ifa")
    assert not tag.applies_to("ifs")
    assert tag.applies_to("imhs")
    assert tag.applies_to("imhm-c")
    assert tag.applies_to("ecmhs")


def test_confirmed_flags_follow_the_audit() -> None:
    # Spec C3 and C4: these were under-claimed; the [M] ones stay unconfirmed.
    by_id = {t.id: t for t in load_catalog().competencies}
    confirmed = ["C4.01", "C4.02", "C4.04", "C4.06", "C4.08", "C4.10", "C5.01", "C5.02",
                 "C5.03", "C5.05", "C7.01", "C7.02", "C7.03", "C8.01", "C8.02", "C8.03",
                 "C8.05", "C10", "C10.01"]
    unconfirmed = ["C4.03", "C4.05", "C4.07", "C5.04", "C5.06", "C5.07", "C5.08", "C7.04",
                   "C7.05", "C8.04", "C8.06", "C9", "C11"]
    assert [i for i in confirmed if not by_id[TagId(i)].confirmed] == []
    assert [i for i in unconfirmed if by_id[TagId(i)].confirmed] == []


def test_reference_ratings_mark_reflection_working_with_others_and_thinking() -> None:
    marked = {t.label for t in load_catalog().competencies if t.reference_ratings}
    assert marked == {"Reflection", "Working with Others", "Thinking"}


def test_existing_competency_ids_are_all_still_shipped() -> None:
    # Ids are permanent (entries refer to them): the audit adds, never renames.
    ids = {t.id for t in load_catalog().competencies}
    before = {f"C{i}" for i in range(1, 12)} | {f"C1.{n:02d}" for n in range(1, 11)} | {
        "C2.01", "C2.02", "C2.03", "C3.01", "C3.02", "C6.01", "C6.02", "C6.03",
    } | {f"C4.{n:02d}" for n in range(1, 11)} | {f"C5.{n:02d}" for n in range(1, 9)} | {
        f"C7.{n:02d}" for n in range(1, 6)} | {f"C8.{n:02d}" for n in range(1, 7)}
    assert before <= ids


_CATS = ["ifa", "imhs"]


def test_parse_competencies_reads_levels_confirmed_and_retired() -> None:
    tags = parse_competencies({"categories": _CATS, "area": [{
        "id": "C1", "label": "Area", "reference_ratings": True, "knowledge": [
            {"id": "C1.01", "label": "All", "confirmed": False},
            {"id": "C1.02", "label": "Only IMHS", "levels": ["imhs"], "retired": True},
        ]}]}, "competencies.toml")
    assert tags == (
        Tag(TagId("C1"), "competency", "Area", levels=("ifa", "imhs"), reference_ratings=True),
        Tag(TagId("C1.01"), "competency", "All", parent=TagId("C1"), confirmed=False,
            levels=("ifa", "imhs")),
        Tag(TagId("C1.02"), "competency", "Only IMHS", parent=TagId("C1"), retired=True,
            levels=("imhs",)),
    )


def test_a_knowledge_area_inherits_its_area_levels() -> None:
    tags = parse_competencies({"categories": _CATS, "area": [{
        "id": "C9", "label": "Mentor", "levels": ["imhs"],
        "knowledge": [{"id": "C9.01", "label": "Child"}]}]}, "competencies.toml")
    assert [t.levels for t in tags] == [("imhs",), ("imhs",)]


def test_a_file_without_categories_applies_every_tag_everywhere() -> None:
    (tag,) = parse_competencies({"area": [{"id": "C1", "label": "Area"}]}, "x.toml")
    assert tag.levels == ()
    assert tag.applies_to("anything")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"categories": _CATS, "area": [{"id": "C1", "label": "A", "levels": ["imsh"]}]},
         r"x.toml: area\[0\]: 'levels' must name categories from: ifa, imhs"),
        ({"area": [{"id": "C1", "label": "A", "levels": ["ifa"]}]},
         r"'levels' must name categories from: none: list them in 'categories' first"),
        ({"categories": _CATS, "area": [{"id": "C1", "label": "A", "levels": []}]},
         r"area\[0\]: 'levels'"),
        # A knowledge area cannot apply where its area does not.
        ({"categories": _CATS, "area": [{"id": "C1", "label": "A", "levels": ["imhs"],
                                         "knowledge": [{"id": "C1.01", "label": "k",
                                                        "levels": ["ifa"]}]}]},
         r"area\[0\].knowledge\[0\]: 'levels' must name categories from: imhs"),
        ({"categories": ["ifa", "ifa"], "area": []}, "duplicate id 'ifa'"),
        # TOML users write "false" in quotes; bool("false") would be True.
        ({"area": [{"id": "C1", "label": "A", "confirmed": "false"}]}, "'confirmed'"),
        ({"area": [{"id": "C1", "label": "A", "retired": 1}]}, "'retired'"),
    ],
)
def test_parse_competencies_rejects_bad_levels_and_flags(
    data: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        parse_competencies(data, "x.toml")


def test_every_theme_names_its_source_and_mixed_groups_say_so() -> None:
    # Spec T1/T2: G6-G8 and A2 come from other work than their group's paper.
    by_id = {t.id: t for t in load_catalog().themes}
    assert all(t.source for t in by_id.values())
    assert "Fraiberg" in by_id[TagId("G1")].source
    for tag_id, wanted in (("G6", "Lieberman"), ("G7", "Diversity-Informed Tenets"),
                           ("G8", "Felitti"), ("A1", "2005"), ("A3", "2005"),
                           ("A2", "Benevolent Childhood Experiences")):
        assert wanted in by_id[TagId(tag_id)].source, tag_id
    assert "Fraiberg" not in by_id[TagId("G8")].source
    assert "Narayan" in by_id[TagId("A2")].source


def test_parallel_process_themes_are_linked_not_split() -> None:
    # Spec T4: both ids stay (entries carry them) and each finds the other.
    themes = load_catalog().themes
    assert {t.id: t.alias_of for t in themes if t.alias_of} == {"R4": "P2"}
    assert linked_tags(TagId("P2"), themes) == ("R4",)
    assert linked_tags(TagId("R4"), themes) == ("P2",)
    assert linked_tags(TagId("G1"), themes) == ()
    assert linked_tags(TagId("nope"), themes) == ()


_GROUP = [{"id": "g", "label": "G"}]


def test_parse_themes_reads_source_alias_and_retired() -> None:
    tags = parse_themes({"group": _GROUP, "theme": [
        {"id": "A", "group": "g", "label": "a", "source": "Someone, 2001"},
        {"id": "B", "group": "g", "label": "b", "alias_of": "A", "retired": True},
    ]}, "themes.toml")
    assert [(t.source, t.alias_of, t.retired) for t in tags] == [
        ("Someone, 2001", None, False), ("", "A", True),
    ]


@pytest.mark.parametrize(
    "themes",
    [
        [{"id": "A", "group": "g", "label": "a", "alias_of": "Z"}],
        [{"id": "A", "group": "g", "label": "a", "alias_of": "A"}],
        [{"id": "A", "group": "g", "label": "a", "alias_of": "B"},
         {"id": "B", "group": "g", "label": "b", "alias_of": "C"},
         {"id": "C", "group": "g", "label": "c"}],
    ],
)
def test_parse_themes_refuses_an_alias_to_nothing_itself_or_an_alias(
    themes: list[dict[str, Any]],
) -> None:
    with pytest.raises(ValueError, match="'alias_of' must name another theme"):
        parse_themes({"group": _GROUP, "theme": themes}, "themes.toml")


def test_what_so_what_now_what_credits_borton_and_driscoll() -> None:
    # Spec P1: the three questions are Borton's (1970), adapted by Driscoll.
    sets = {s.id: s for s in load_catalog().prompt_sets}
    assert sets["driscoll"].credit == "Borton; Driscoll"
    assert sets["gibbs"].credit == "Gibbs"
    assert sets["driscoll"].label == "What? So what? Now what?"


def test_the_training_prompts_ask_which_competency_areas_it_built() -> None:
    # Spec P4; earlier prompt ids keep their place (answers are stored under them).
    training = load_catalog().kind("training").prompt_set
    assert [p.id for p in training.prompts] == [
        "key_ideas", "link_to_practice", "will_try", "questions_left", "competency_areas",
    ]
    assert training.prompts[-1].text == "Which competency areas did this training build, and how?"


def test_parse_prompt_sets_reads_a_credit() -> None:
    (parsed,) = parse_prompt_sets({"prompt_set": [{
        "id": "s", "label": "S", "credit": "Borton; Driscoll",
        "prompt": [{"id": "p", "label": "P", "text": "?"}]}]}, "prompts.toml")
    assert parsed.credit == "Borton; Driscoll"
    with pytest.raises(ValueError, match=r"prompt_set\[0\]: 'credit'"):
        parse_prompt_sets({"prompt_set": [{"id": "s", "label": "S", "credit": 3,
                                           "prompt": []}]}, "prompts.toml")


def test_an_item_carries_the_ifa_wording_for_ifa() -> None:
    # Spec C1: IFA's list says "Relationship-focused practice", not "... therapeutic practice".
    tag = {t.id: t for t in load_catalog().competencies}[TagId("C1.04")]
    assert tag.label_for("ifa") == "Relationship-focused practice"
    assert tag.label_for("ecfa") == "Relationship-focused practice"
    assert tag.label_for("imhs") == "Relationship-focused, therapeutic practice"


@pytest.mark.parametrize("label_for", [{"ifs": "x"}, {"ifa": ""}, "x", {"ifa": 3}])
def test_parse_competencies_refuses_a_wording_for_a_category_it_does_not_apply_to(
    label_for: Any,
) -> None:
    data = {"categories": _CATS, "area": [{"id": "C1", "label": "A", "knowledge": [
        {"id": "C1.01", "label": "k", "levels": ["ifa"], "label_for": label_for}]}]}
    with pytest.raises(ValueError, match=r"knowledge\[0\]: 'label_for' must map categories"):
        parse_competencies(data, "x.toml")
