"""The shipped taxonomy, tag lookup, field validation and strict parsing of the data files."""

from __future__ import annotations

from typing import Any

import pytest

from reflectjournal.domain.entry import FieldValue
from reflectjournal.domain.errors import InvalidInputError
from reflectjournal.domain.ids import TagId
from reflectjournal.domain.taxonomy import (
    Choice,
    FieldSpec,
    Tag,
    parse_competencies,
    parse_kinds,
    parse_prompt_sets,
    parse_themes,
    resolve_tag,
)
from reflectjournal.resources import load_catalog

CONFIRMED_AREAS = [f"C{i}" for i in range(1, 9)]
GHOST_ANGEL_PRACTITIONER = [f"G{i}" for i in range(1, 9)] + ["A1", "A2", "A3", "P1", "P2", "P3"]
KINDS = [
    "session", "supervision", "supervision-given", "supervision-prep",
    "training", "work", "reflection", "self-care",
]


def test_catalog_has_the_eight_confirmed_areas_first_each_with_knowledge_areas() -> None:
    competencies = load_catalog().competencies
    level1 = [t.id for t in competencies if t.level == 1]
    assert level1[:8] == CONFIRMED_AREAS
    for area in CONFIRMED_AREAS:
        children = [t.id for t in competencies if t.parent == area]
        assert children, area
        assert children == [f"{area}.{n:02d}" for n in range(1, len(children) + 1)]


def test_catalog_lists_mentor_areas_after_the_confirmed_ones_only_administration_with_children(
) -> None:
    # Spec C3: the crosswalk confirms Administration with its one knowledge area, Program
    # management; Leading and Research & Evaluation have no known knowledge areas.
    competencies = load_catalog().competencies
    level1 = [t.id for t in competencies if t.level == 1]
    assert level1[8:] == ["C9", "C10", "C11"]
    assert not [t for t in competencies if t.parent in ("C9", "C11")]
    assert [(t.id, t.label) for t in competencies if t.parent == "C10"] == [
        ("C10.01", "Program management"),
    ]


def test_catalog_knowledge_areas_carry_their_labels_and_aliases() -> None:
    by_id = {t.id: t for t in load_catalog().competencies}
    # Ten shared Theoretical Foundations items plus the three Mentor-only ones (spec C2).
    assert len([t for t in by_id.values() if t.parent == "C1"]) == 13
    assert by_id[TagId("C4.03")].label == "Responding with empathy"
    assert by_id[TagId("C4.03")].level == 2
    assert by_id[TagId("C1.10")].aliases == ("cultural humility",)
    assert all(t.family == "competency" for t in by_id.values())


def test_catalog_has_ghost_angel_and_practitioner_themes_with_meanings() -> None:
    themes = load_catalog().themes
    core = [t for t in themes if t.group in ("ghosts", "angels", "practitioner")]
    assert [t.id for t in core] == GHOST_ANGEL_PRACTITIONER
    assert all(t.family == "theme" and t.meaning for t in core)
    assert {t.id: t.label for t in core}[TagId("G1")] == "Unresolved loss"


def test_catalog_has_eight_kinds_each_with_its_own_prompt_set() -> None:
    catalog = load_catalog()
    assert [k.id for k in catalog.kinds] == KINDS
    for kind in catalog.kinds:
        assert kind.prompt_set.id == kind.id
        assert kind.prompt_set.prompts
        assert all(p.text for p in kind.prompt_set.prompts)
    assert [p.id for p in catalog.kind("session").prompt_set.prompts][:3] == [
        "baby", "family_story", "between",
    ]


def test_catalog_keeps_alternative_prompt_sets_and_a_version() -> None:
    catalog = load_catalog()
    assert {"baby-lens", "driscoll", "gibbs"} <= {s.id for s in catalog.prompt_sets}
    # The version changed with the levels and new tags: journals re-read the files only then.
    assert catalog.version == "2026.12+2026.12"


def test_catalog_kind_fields_and_duration_flags() -> None:
    catalog = load_catalog()
    session = catalog.kind("session")
    assert [f.id for f in session.fields] == [
        "setting", "service", "present", "age_band", "client_code", "feelings",
    ]
    assert session.uses_duration
    assert session.hours == "direct"
    assert not catalog.kind("training").uses_duration
    assert catalog.kind("reflection").fields == ()


def test_catalog_kind_found_by_label_case_insensitively() -> None:
    assert load_catalog().kind("  session REFLECTION ").id == "session"


def test_catalog_unknown_kind_lists_the_kinds() -> None:
    with pytest.raises(InvalidInputError, match="Unknown entry kind 'diary'") as info:
        load_catalog().kind("diary")
    assert "session" in info.value.hint
    assert "self-care" in info.value.hint


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("C4.03", "C4.03"),
        ("c4.03", "C4.03"),
        ("Responding with empathy", "C4.03"),
        ("  responding   WITH empathy ", "C4.03"),
        ("cultural humility", "C1.10"),
        ("rsc", "C4.10"),
        ("REFLECTIVE CONSULTATION", "C4.10"),
    ],
)
def test_resolve_tag_by_id_label_or_alias(name: str, expected: str) -> None:
    assert resolve_tag(name, load_catalog().competencies, "competency").id == expected


def test_resolve_tag_suggests_close_labels_for_a_typo() -> None:
    with pytest.raises(InvalidInputError, match="Unknown theme 'Unresolvd los'") as info:
        resolve_tag("Unresolvd los", load_catalog().themes, "theme")
    assert "Did you mean: Unresolved loss" in info.value.hint


def test_resolve_tag_suggests_labels_containing_a_partial_word() -> None:
    with pytest.raises(InvalidInputError) as info:
        resolve_tag("attachment", load_catalog().competencies, "competency")
    assert "Attachment, separation, trauma, grief & loss" in info.value.hint


def test_resolve_tag_without_close_match_points_to_the_list() -> None:
    with pytest.raises(InvalidInputError) as info:
        resolve_tag("zzqxv", load_catalog().competencies, "competency")
    assert info.value.hint.startswith("List them with:")
    assert "competency" in info.value.hint


def test_resolve_tag_only_searches_the_given_tags() -> None:
    with pytest.raises(InvalidInputError):
        resolve_tag("G1", load_catalog().competencies, "competency")


_CHOICES = (Choice("home", "Home"), Choice("clinic", "Clinic"))


@pytest.mark.parametrize(
    ("spec", "value", "expected"),
    [
        (FieldSpec("f", "Flag", "bool"), True, True),
        (FieldSpec("f", "Flag", "bool"), False, False),
        (FieldSpec("m", "Minutes", "minutes"), 0, 0),
        (FieldSpec("m", "Minutes", "minutes"), 1440, 1440),
        (FieldSpec("h", "Hours", "hours"), 2, 2.0),
        (FieldSpec("h", "Hours", "hours"), 16.5, 16.5),
        (FieldSpec("h", "Hours", "hours"), 1000, 1000.0),
        (FieldSpec("t", "Text", "text"), "", ""),
        (FieldSpec("t", "Text", "text"), "x" * 2000, "x" * 2000),
        (FieldSpec("c", "Setting", "choice", _CHOICES), "home", "home"),
        (FieldSpec("c", "Present", "multi", _CHOICES), [], []),
        (FieldSpec("c", "Present", "multi", _CHOICES), ["clinic", "home", "clinic"],
         ["clinic", "home"]),
    ],
)
def test_field_validate_accepts_and_canonicalises(
    spec: FieldSpec, value: FieldValue, expected: FieldValue
) -> None:
    result = spec.validate(value)
    assert result == expected
    assert type(result) is type(expected)


@pytest.mark.parametrize(
    ("spec", "value"),
    [
        (FieldSpec("f", "Flag", "bool"), 1),
        (FieldSpec("f", "Flag", "bool"), "yes"),
        (FieldSpec("m", "Minutes", "minutes"), -1),
        (FieldSpec("m", "Minutes", "minutes"), 1441),
        (FieldSpec("m", "Minutes", "minutes"), 1.5),
        (FieldSpec("m", "Minutes", "minutes"), True),
        (FieldSpec("h", "Hours", "hours"), -0.5),
        (FieldSpec("h", "Hours", "hours"), 1000.5),
        (FieldSpec("h", "Hours", "hours"), "2"),
        (FieldSpec("h", "Hours", "hours"), True),
        (FieldSpec("t", "Text", "text"), "x" * 2001),
        (FieldSpec("t", "Text", "text"), 5),
        (FieldSpec("c", "Setting", "choice", _CHOICES), "Home"),
        (FieldSpec("c", "Setting", "choice", _CHOICES), ["home"]),
        (FieldSpec("c", "Present", "multi", _CHOICES), "home"),
        (FieldSpec("c", "Present", "multi", _CHOICES), ["home", "office"]),
    ],
)
def test_field_validate_rejects_with_the_label(spec: FieldSpec, value: FieldValue) -> None:
    with pytest.raises(InvalidInputError, match=spec.label):
        spec.validate(value)


def test_field_validate_names_the_allowed_choices() -> None:
    spec = FieldSpec("c", "Setting", "choice", _CHOICES)
    with pytest.raises(InvalidInputError, match=r"\(one of: home, clinic\)"):
        spec.validate("garden")


def test_kind_validate_fields_rejects_a_field_the_kind_lacks() -> None:
    training = load_catalog().kind("training")
    assert training.validate_fields({"hours_face_to_face": 3}) == {"hours_face_to_face": 3.0}
    with pytest.raises(InvalidInputError, match="no field 'setting'") as info:
        training.validate_fields({"setting": "home"})
    assert "hours_face_to_face" in str(info.value)


# Strict parsing of broken data files.


def _area(**extra: Any) -> dict[str, Any]:
    return {"id": "C1", "label": "Area", **extra}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"area": [{"id": "C1"}]}, r"competencies.toml: area\[0\]: 'label' must be a non-empty"),
        ({"area": [{"id": "", "label": "x"}]}, r"competencies.toml: area\[0\]: 'id'"),
        ({"area": [_area(knowledge=[{"id": "C1.01", "label": "a"}, {"label": "b"}])]},
         r"competencies.toml: area\[0\].knowledge\[1\]: 'id'"),
        ({"area": "C1"}, "competencies.toml: 'area' must be a list of tables"),
        ({"area": [_area(knowledge={"id": "C1.01"})]},
         r"competencies.toml: area\[0\]: 'knowledge' must be a list of tables"),
        ({"area": [_area(), _area()]}, "competencies.toml: duplicate id 'C1'"),
        ({"area": [_area(knowledge=[{"id": "C1", "label": "dup"}])]},
         "competencies.toml: duplicate id 'C1'"),
    ],
)
def test_parse_competencies_names_file_and_key(data: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_competencies(data, "competencies.toml")


@pytest.mark.parametrize("aliases", ["RSC", [1, 2], [""]])
def test_parse_competencies_rejects_aliases_that_are_not_a_list_of_names(aliases: Any) -> None:
    # A bare string would become one-letter aliases, so "r" would resolve to this tag.
    data = {"area": [_area(aliases=aliases)]}
    with pytest.raises(ValueError, match=r"competencies.toml: area\[0\]: 'aliases'"):
        parse_competencies(data, "competencies.toml")


def test_parse_competencies_builds_levels() -> None:
    tags = parse_competencies(
        {"area": [_area(aliases=["one"], knowledge=[{"id": "C1.01", "label": "Child"}])]},
        "competencies.toml",
    )
    assert tags == (
        Tag(TagId("C1"), "competency", "Area", aliases=("one",)),
        Tag(TagId("C1.01"), "competency", "Child", parent=TagId("C1")),
    )


_GROUPS = [{"id": "ghosts", "label": "Ghosts"}]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"group": _GROUPS, "theme": [{"id": "G1", "group": "angels", "label": "x"}]},
         r"themes.toml: theme\[0\]: unknown group 'angels'"),
        ({"group": _GROUPS, "theme": [{"id": "G1", "group": "ghosts"}]},
         r"themes.toml: theme\[0\]: 'label'"),
        ({"group": _GROUPS, "theme": [{"id": "G1", "group": "ghosts", "label": "x",
                                       "meaning": 3}]},
         r"themes.toml: theme\[0\]: 'meaning'"),
        ({"group": _GROUPS, "theme": [{"id": "G1", "group": "ghosts", "label": "x"}] * 2},
         "themes.toml: duplicate id 'G1'"),
        ({"group": [{"label": "no id"}], "theme": []}, "themes.toml: 'id'"),
    ],
)
def test_parse_themes_names_file_and_key(data: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_themes(data, "themes.toml")


def _prompt_set(set_id: str = "s", prompts: Any = None) -> dict[str, Any]:
    if prompts is None:
        prompts = [{"id": "p", "label": "P", "text": "Why?"}]
    return {"id": set_id, "label": "Set", "prompt": prompts}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"prompt_set": [_prompt_set(prompts=[{"id": "p", "label": "P"}])]},
         r"prompts.toml: prompt_set\[0\].prompt\[0\]: 'text'"),
        ({"prompt_set": [_prompt_set(prompts=[{"id": "p", "label": "P", "text": "?"}] * 2)]},
         r"prompts.toml: prompt_set\[0\]: duplicate id 'p'"),
        ({"prompt_set": [_prompt_set(), _prompt_set()]}, "prompts.toml: duplicate id 's'"),
        ({"prompt_set": [{"label": "Set"}]}, r"prompts.toml: prompt_set\[0\]: 'id'"),
    ],
)
def test_parse_prompt_sets_names_file_and_key(data: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_prompt_sets(data, "prompts.toml")


def _kinds_data(**kind: Any) -> dict[str, Any]:
    return {
        "field": [{"id": "setting", "label": "Setting", "type": "choice",
                   "choices": [{"id": "home", "label": "Home"}]}],
        "kind": [{"id": "session", "label": "Session", "prompt_set": "s",
                  "fields": ["setting"], **kind}],
    }


def test_parse_kinds_builds_fields_and_prompts() -> None:
    sets = parse_prompt_sets({"prompt_set": [_prompt_set()]}, "prompts.toml")
    (kind,) = parse_kinds(_kinds_data(uses_duration=True), sets, "entry_kinds.toml")
    assert kind.prompt_set is sets[0]
    assert kind.field("setting").choices == (Choice("home", "Home"),)
    assert kind.uses_duration
    assert kind.hours == "none"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_kinds_data(prompt_set="missing"),
         r"entry_kinds.toml: kind\[0\]: unknown prompt_set 'missing'"),
        (_kinds_data(fields=["setting", "mood"]),
         r"entry_kinds.toml: kind\[0\]: unknown field 'mood'"),
        ({**_kinds_data(), "field": [{"id": "x", "label": "X", "type": "colour"}]},
         r"entry_kinds.toml: field\[0\]: unknown type 'colour'"),
        ({**_kinds_data(), "field": [{"id": "x", "type": "text"}]},
         r"entry_kinds.toml: field\[0\]: 'label'"),
        ({**_kinds_data(), "kind": _kinds_data()["kind"] * 2},
         "entry_kinds.toml: duplicate id 'session'"),
        (_kinds_data(label=""), r"entry_kinds.toml: kind\[0\]: 'label'"),
    ],
)
def test_parse_kinds_names_file_and_key(data: dict[str, Any], message: str) -> None:
    sets = parse_prompt_sets({"prompt_set": [_prompt_set()]}, "prompts.toml")
    with pytest.raises(ValueError, match=message):
        parse_kinds(data, sets, "entry_kinds.toml")


@pytest.mark.parametrize(
    ("kind", "key"),
    [
        # TOML users write "false" in quotes; bool("false") would be True.
        ({"uses_duration": "false"}, "uses_duration"),
        # A misspelt hours category would silently stop entries counting toward hours.
        ({"hours": "rsc-recieved"}, "hours"),
    ],
)
def test_parse_kinds_rejects_values_outside_the_documented_set(
    kind: dict[str, Any], key: str
) -> None:
    sets = parse_prompt_sets({"prompt_set": [_prompt_set()]}, "prompts.toml")
    with pytest.raises(ValueError, match=rf"entry_kinds.toml: kind\[0\]: .*'?{key}'?"):
        parse_kinds(_kinds_data(**kind), sets, "entry_kinds.toml")


def test_theme_groups_keep_their_labels_in_file_order() -> None:
    from reflectjournal.resources import load_catalog

    catalog = load_catalog()
    ids = [group.id for group in catalog.theme_groups]
    assert ids[:3] == ["ghosts", "angels", "practitioner"]
    assert {theme.group for theme in catalog.themes} <= set(ids)
    assert all(group.label and group.description for group in catalog.theme_groups)
