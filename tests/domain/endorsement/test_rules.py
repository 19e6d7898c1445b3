"""The shipped rule set (spec 1.1, 1.7, 2.5) and the strict parser's errors.

Expected numbers come from the spec text (endorsement.md), not from the file.
"""

from __future__ import annotations

import copy
import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

import pytest

from reflectjournal.domain.endorsement.records import Degree, Qualification
from reflectjournal.domain.endorsement.rules import Mark, RuleTrack, WindowUnit
from reflectjournal.domain.endorsement.rules_parse import (
    MissingRuleKeyError,
    RuleFileError,
    RuleSchemaError,
    RuleTypeError,
    RuleValueError,
    UnknownRuleKeyError,
    parse_rule_set,
)
from reflectjournal.resources import load_rule_set, resource_path

D = dt.date.fromisoformat
ALL_IDS = ("ifa", "ifs", "imhs", "imhm-c", "imhm-p", "imhm-rf", "i-ecfrs", "ecfa", "ecfs",
           "ecmhs", "ecmhm-c", "ecmhm-p", "ecmhm-rf")


def _raw() -> dict[str, Any]:
    with resource_path("endorsement.toml").open("rb") as handle:
        return tomllib.load(handle)


def test_all_thirteen_categories_are_shipped() -> None:
    assert set(load_rule_set().category_ids()) == set(ALL_IDS)


def test_hours_are_integer_minutes_as_the_spec_gives_them() -> None:
    rules = load_rule_set()
    day = D("2026-06-01")
    assert rules.category("ifa", day).rsc_minutes == 0
    assert rules.category("ifa", day).training_minutes == 30 * 60
    assert rules.category("ifs", day).rsc_minutes == 24 * 60
    assert rules.category("imhs", day).rsc_minutes == 50 * 60
    assert rules.category("imhs", day).rsc_post_degree is Degree.MASTER
    assert rules.category("ifs", day).rsc_post_degree is Degree.BACHELOR
    assert rules.category("i-ecfrs", day).rsc_post_degree is Degree.NONE
    assert rules.category("i-ecfrs", day).rsc_minutes == 24 * 60
    assert rules.category("i-ecfrs", day).training_minutes == 48 * 60
    assert not rules.category("i-ecfrs", day).exam
    assert rules.category("imhs", day).exam
    for cid in ("ifs", "imhs", "imhm-c", "i-ecfrs", "ecfs", "ecmhs", "ecmhm-c"):
        assert rules.category(cid, day).window_months == (12, 24), cid


def test_mentor_clinical_versions_split_on_1_january_2024() -> None:
    rules = load_rule_set()
    new = rules.category("imhm-c", D("2024-01-01"))
    assert new.training_minutes == 48 * 60
    assert {(p.flags, p.minutes) for p in new.training_parts} == {
        (("about_rsc",), 15 * 60), (("dei",), 3 * 60)}
    old = rules.category("imhm-c", D("2023-12-31"))
    assert old.training_minutes == 30 * 60
    assert [(p.flags, p.minutes) for p in old.training_parts] == [
        (("about_rsc", "didactic"), 15 * 60)]
    for version in (old, new):
        # E1: 25 of the 50 RECEIVED hours are about the RSC the applicant provides.
        assert version.rsc_minutes == 50 * 60
        assert version.rsc_about_own_provision_minutes == 25 * 60
        assert version.rsc_providers == {Qualification.IMHM_C}


def test_provider_eligibility_per_category() -> None:
    rules = load_rule_set()
    ifs = rules.category("ifs", D("2026-01-01"))
    assert {Qualification.IMHS, Qualification.IMHM_C} <= ifs.providers_for(False)
    assert Qualification.IFS_MASTERS not in ifs.providers_for(False)
    assert Qualification.IFS_MASTERS in ifs.providers_for(True)
    # Reflective Supervisors may provide RSC to IFS applicants since 2022, not before.
    assert Qualification.I_ECFRS_EMERGING in ifs.providers_for(False)
    assert Qualification.I_ECFRS not in rules.category("ifs", D("2021-06-01")).providers_for(False)
    assert rules.category("imhs", D("2026-01-01")).rsc_providers == {
        Qualification.IMHS, Qualification.IMHM_C}
    assert rules.category("ecmhs", D("2026-01-01")).rsc_providers == {
        Qualification.IMHS, Qualification.ECMHS, Qualification.IMHM_C, Qualification.ECMHM_C}


def test_age_focus_follows_the_track() -> None:
    rules = load_rule_set()
    day = D("2026-01-01")
    assert rules.category("imhs", day).track is RuleTrack.IMH
    assert rules.category("imhs", day).rsc_focus == {"0-3", "both"}
    assert rules.category("ecmhs", day).rsc_focus == {"3-6", "both"}
    assert rules.category("i-ecfrs", day).rsc_focus == {"0-3", "3-6", "both"}


def test_mentor_policy_and_research_faculty_are_two_designations() -> None:
    rules = load_rule_set()
    day = D("2026-01-01")
    policy, research = rules.category("imhm-p", day), rules.category("imhm-rf", day)
    assert policy.label != research.label
    for rule in (policy, research):
        assert rule.training_minutes == 33 * 60
        assert rule.rsc_minutes == 0
        assert rule.rsc_recommended
        assert any(c.mark is Mark.PARTLY for c in rule.caveats)  # E16: 33 h partly confirmed


def test_renewal_rules() -> None:
    renewal = load_rule_set().renewal(D("2026-01-01"))
    assert renewal is not None
    assert renewal.training_minutes == 15 * 60
    assert renewal.dei_minutes == 60
    assert renewal.rsc_minutes == 12 * 60
    assert renewal.rsc_provider_about_rsc_minutes == 3 * 60
    assert {"ifs", "i-ecfrs", "imhs", "imhm-c"} <= renewal.rsc_categories
    assert renewal.mentor_rsc_ends_after_years == 3
    assert {"ifa", "imhm-p", "imhm-rf"} <= renewal.rsc_recommended_categories


def test_conventions_and_marks_are_data_with_plain_words() -> None:
    rules = load_rule_set()
    assert rules.conventions.window_unit is WindowUnit.CALENDAR_MONTHS
    assert rules.conventions.group_hour_factor == 1.0
    assert not rules.conventions.count_independent_training
    assert "ReflectJournal" in rules.mark_words(Mark.CONVENTION)
    assert "not confirmed" in rules.mark_words(Mark.UNCONFIRMED)
    assert {c.about for c in rules.caveats} >= {"window", "providers"}
    assert rules.provenance.startswith("Rules: Alliance baseline, version ")


def test_competency_list_names_a_category_of_competencies_toml() -> None:
    from reflectjournal.domain.endorsement.coverage import category_ids
    from reflectjournal.resources import load_catalog

    listed = set(category_ids(load_catalog().competencies))
    for rule in load_rule_set().categories:
        assert rule.competency_list in listed, rule.id


def test_date_before_the_oldest_version_gets_the_oldest() -> None:
    rules = load_rule_set()
    assert rules.category("imhm-c", D("2001-01-01")).effective_from == D("2010-01-01")
    with pytest.raises(KeyError):
        rules.category("nope", D("2026-01-01"))


def test_an_associations_own_file_replaces_the_rules(tmp_path: Path) -> None:
    text = resource_path("endorsement.toml").read_text(encoding="utf-8")
    text = text.replace('rule_set = "alliance-baseline"', 'rule_set = "example-aimh"')
    text = text.replace("rsc_hours = 24\n", "rsc_hours = 30\n")
    path = tmp_path / "example-aimh.toml"
    path.write_text(text, encoding="utf-8")
    rules = load_rule_set(path)
    assert rules.rule_set == "example-aimh"
    assert rules.category("ifs", D("2026-01-01")).rsc_minutes == 30 * 60


# ---- parser errors: each names the key ----------------------------------------------------

def _category(data: dict[str, Any], cid: str) -> dict[str, Any]:
    return next(c for c in data["category"] if c["id"] == cid)


def _fails(data: dict[str, Any], error: type[RuleFileError], key_part: str) -> RuleFileError:
    with pytest.raises(error) as caught:
        parse_rule_set(data, "test.toml")
    assert key_part in caught.value.key, caught.value.key
    assert str(caught.value).startswith("test.toml: ")
    return caught.value


def test_schema_1_is_refused() -> None:
    data = _raw()
    data["schema"] = 1
    _fails(data, RuleSchemaError, "schema")


def test_missing_key_is_named() -> None:
    data = _raw()
    del _category(data, "imhs")["rsc_hours"]
    err = _fails(data, MissingRuleKeyError, "rsc_hours")
    assert "(imhs)" in err.key


def test_misspelt_key_is_refused() -> None:
    data = _raw()
    _category(data, "ifs")["rsc_hour"] = 24
    _fails(data, UnknownRuleKeyError, "rsc_hour")


def test_wrong_type_is_named() -> None:
    data = _raw()
    _category(data, "imhs")["rsc_hours"] = "fifty"
    _fails(data, RuleTypeError, "rsc_hours")
    data = _raw()
    _category(data, "imhs")["window_months"] = [12]
    _fails(data, RuleTypeError, "window_months")
    data = _raw()
    _category(data, "imhs")["effective_from"] = "soon"
    _fails(data, RuleTypeError, "effective_from")


def test_bad_values_are_named() -> None:
    cases: list[tuple[str, str, Any]] = [
        ("imhs", "rsc_providers", ["IMHS", "Dr. Lee"]),
        ("imhs", "track", "adult"),
        ("imhs", "rsc_hours", 0.01),  # 0.6 minutes
        ("imhs", "window_months", [24, 12]),
        ("imhs", "rsc_focus", ["teen"]),
        ("imhs", "checklist", ["no-such-item"]),
        ("imhm-c", "rsc_about_own_provision_hours", 60),
    ]
    for cid, key, value in cases:
        data = _raw()
        _category(data, cid)[key] = value
        _fails(data, RuleValueError, key)


def test_rsc_category_without_providers_or_window_is_refused() -> None:
    data = _raw()
    del _category(data, "imhs")["rsc_providers"]
    _fails(data, MissingRuleKeyError, "rsc_providers")
    data = _raw()
    del _category(data, "imhs")["window_months"]
    _fails(data, MissingRuleKeyError, "window_months")


def test_overlapping_versions_are_refused() -> None:
    data = _raw()
    old = next(c for c in data["category"] if c["id"] == "imhm-c" and "effective_to" in c)
    old["effective_to"] = dt.date(2024, 6, 30)
    _fails(data, RuleValueError, "imhm-c")
    data = _raw()
    extra = copy.deepcopy(_category(data, "imhs"))
    extra["effective_from"] = dt.date(2030, 1, 1)
    data["category"].append(extra)  # the older imhs version has no end date
    _fails(data, RuleValueError, "imhs")


def test_unknown_renewal_category_and_mark_are_refused() -> None:
    data = _raw()
    data["renewal"][0]["rsc_categories"].append("imh-specialist")
    _fails(data, RuleValueError, "rsc_categories")
    data = _raw()
    data["caveat"][0]["mark"] = "X"
    _fails(data, RuleValueError, "caveat[0].mark")
    data = _raw()
    del data["marks"]["?"]
    _fails(data, MissingRuleKeyError, "marks.?")


def test_broken_toml_file_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text("schema = 2\n[[category]\n", encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        load_rule_set(path)
    assert caught.value.source == "mine.toml"
    assert "not valid TOML" in str(caught.value)
    with pytest.raises(RuleFileError, match="cannot be read"):
        load_rule_set(tmp_path / "missing.toml")
