"""The progress reports: JSON keys the issue names, the text report's words, the changes
between two results, and that no entry content reaches any of them (canary strings)."""

from __future__ import annotations

import json

from reflectjournal.domain.endorsement.changes import changes
from reflectjournal.domain.endorsement.coverage import coverage
from reflectjournal.domain.endorsement.records import Degree, Qualification
from reflectjournal.domain.endorsement.report_json import progress_json
from reflectjournal.domain.endorsement.report_text import progress_lines
from reflectjournal.domain.endorsement.results import Progress
from reflectjournal.domain.entry import Entry
from reflectjournal.domain.ids import TagId
from reflectjournal.resources import load_catalog
from tests.domain.endorsement.builders import (
    PROVIDERS,
    D,
    entry,
    monthly,
    profile,
    progress,
    provider,
    sup,
    training,
)

CANARY_TITLE = "CANARY-TITLE-7f3a"
CANARY_BODY = "CANARY-BODY-91c2"
CANARY_CODE = "CANARYCODE5"
REASONS = {"peer", "provider-not-qualified", "provider-unknown", "before-degree",
           "not-reflective", "age-focus", "outside-window", "third-provider", "outside-year"}


def _journal() -> list[Entry]:
    body = entry("s1", "session", "2025-03-01", title=CANARY_TITLE,
                 fields={"client_code": CANARY_CODE, "age_band": "0-6m"})
    tagged = training("t1", "2025-02-01", 6, title=CANARY_TITLE, provider="Sponsor")
    tagged = Entry(**{**{f: getattr(tagged, f) for f in tagged.__slots__},
                      "body": CANARY_BODY, "competencies": (TagId("C1.02"),)})
    return [
        *monthly("a", "A", "2025-01", 12, 110), *monthly("b", "B", "2025-01", 12, 100),
        *monthly("c", "C", "2025-01", 12, 70),
        sup("peer", "2025-02-02", 60, peer=True), body, tagged,
        training("t2", "2025-02-01", 6, title=CANARY_TITLE, provider="Sponsor"),
    ]


def _both() -> tuple[Progress, dict[str, object], list[str]]:
    entries = _journal()
    result = progress(entries)
    rows = coverage(entries, load_catalog().competencies, result.competency_list,
                    result.training.counted)
    return result, progress_json(result, rows), progress_lines(result, rows)


def test_json_holds_every_key_the_issue_lists() -> None:
    _result, data, _lines = _both()
    json.dumps(data)  # JSON-ready all the way down
    rsc = data["rsc"]
    assert isinstance(rsc, dict)
    assert rsc["status"] == "not met"
    for key in ("required_minutes", "eligible_minutes", "counted_minutes", "months",
                "max_two_provider_minutes_in_window"):
        assert isinstance(rsc[key], int), key
    assert rsc["first_possible_month"] == "2026-06"
    assert [set(p) >= {"id", "name", "minutes", "role"} for p in rsc["providers"]] == [True] * 3
    assert {p["role"] for p in rsc["providers"]} == {"main", "second", "not used"}
    assert all(set(e) >= {"entry_id", "minutes", "reason"} for e in rsc["excluded"])
    assert {e["reason"] for e in rsc["excluded"]} <= REASONS
    training = data["training"]
    assert isinstance(training, dict)
    assert training["status"] == "not met"
    assert isinstance(training["counted_minutes"], int)
    assert isinstance(training["independent_minutes"], int)
    assert isinstance(training["parts"], list)
    cover = data["coverage"]
    assert isinstance(cover, list)
    assert all(set(c) >= {"area", "training_entries", "training_minutes", "latest"}
               for c in cover)
    assert data["families_0_36_months"] == 1
    duplicates = data["duplicates"]
    assert isinstance(duplicates, list)
    assert {d["kind"] for d in duplicates} == {"training"}


def test_json_training_parts_carry_flag_minutes_and_met() -> None:
    entries = [training("r", "2025-04-01", 15, about_rsc=True)]
    result = progress(entries, category="imhm-c",
                      prof=profile("imhm-c", submission_date=D("2026-01-01")))
    parts = progress_json(result, ())["training"]["parts"]
    assert {(p["flag"], p["required_minutes"], p["counted_minutes"], p["met"])
            for p in parts} == {("about_rsc", 900, 900, True), ("dei", 180, 0, False)}


def test_no_entry_content_reaches_the_reports() -> None:
    _result, data, lines = _both()
    text = json.dumps(data) + "\n".join(lines)
    for canary in (CANARY_TITLE, CANARY_BODY, CANARY_CODE):
        assert canary not in text


def test_text_report_says_statuses_reasons_and_caveats_in_words() -> None:
    result, _data, lines = _both()
    text = "\n".join(lines)
    assert result.provenance in lines
    assert "helps you track hours toward Endorsement" in text
    assert "eligible" not in text  # spec 2.10 wording
    assert "approved" not in text
    assert "Reflective supervision/consultation (RSC): not met" in text
    assert "Missing: 8 h more with Avery or Blake, of which more than 3 h with Avery" in text
    assert "peer supervision never counts" in text
    assert "[I] " in text
    assert "ReflectJournal's own convention" in text
    assert "First month it can be met: Jun 2026" in text
    assert "Reviewers rely mainly on your reference ratings here." in text


def test_text_report_for_a_category_without_rsc_says_recommended() -> None:
    lines = progress_lines(progress([], category="ifa"))
    assert "Reflective supervision/consultation (RSC): not required (recommended)" in lines


def test_changes_before_a_switch_from_ifs_to_imhs() -> None:
    providers = (*PROVIDERS, provider("M", "Morgan", (Qualification.IFS_MASTERS, "2010-01-01")))
    prof = profile("ifs", degree=Degree.MASTER, bachelors_prepared=True)
    entries = monthly("m", "M", "2025-01", 12, 120)
    lines = changes(progress(entries, category="ifs", prof=prof, providers=providers),
                    progress(entries, category="imhs", prof=prof, providers=providers))
    assert ("Category: Infant Family Specialist (ifs) \N{RIGHTWARDS ARROW} "
            "Infant Mental Health Specialist (imhs)") in lines
    assert "RSC: met \N{RIGHTWARDS ARROW} not met" in lines
    assert "RSC required: 24 h \N{RIGHTWARDS ARROW} 50 h" in lines
    assert ("12 sessions, 24 h, no longer count: the provider did not hold a qualifying "
            "Endorsement on that date") in lines
    assert "Also needed now: The two-part written exam" in lines


def test_changes_under_another_rule_version() -> None:
    entries = [training("g", "2023-03-01", 30)]
    old = progress(entries, category="imhm-c",
                   prof=profile("imhm-c", submission_date=D("2023-11-01")))
    new = progress(entries, category="imhm-c",
                   prof=profile("imhm-c", submission_date=D("2024-02-01")))
    lines = changes(old, new)
    assert "Training required: 30 h \N{RIGHTWARDS ARROW} 48 h" in lines
    assert "Newly required: 3 h diversity, equity and inclusion" in lines
    assert changes(new, new) == []


def test_every_json_key_is_documented() -> None:
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[3] / "docs" / "progress-json.md").read_text(
        encoding="utf-8")
    _result, data, _lines = _both()
    keys = set(data)
    for section in ("rsc", "training", "rule_set"):
        value = data[section]
        assert isinstance(value, dict)
        keys |= set(value)
    missing = sorted(k for k in keys if f"`{k}`" not in doc)
    assert missing == []


def test_user_facing_words_never_say_eligible() -> None:
    # Spec 2.10: "helps you track hours", never "eligible", "compliant" or "approved"; the
    # paths with no session at all and a renewal year included.
    results = [progress([], category="ifs"), progress([], category="imhm-c"),
               progress([], prof=profile("imhs", endorsed="imhs"), renewal_year=2026),
               _both()[0]]
    for result in results:
        text = "\n".join(progress_lines(result)).lower()
        for word in ("eligible", "compliant", "approved"):
            assert word not in text


def test_an_unconfirmed_name_is_marked_and_explained_in_plain_words() -> None:
    # It read "(unconfirmed label)", words a clinician had to guess at.
    result, _data, lines = _both()
    rows = coverage(_journal(), load_catalog().competencies, result.competency_list,
                    result.training.counted)
    unconfirmed = [row for row in rows if not row.confirmed]
    assert unconfirmed  # the shipped catalogue has some (spec C6)
    assert not any("unconfirmed label" in line for line in lines)
    assert any(line.strip().startswith(f"{unconfirmed[0].label} *:") for line in lines)
    assert lines.count("  * Name not confirmed: we found no public source that gives this "
                       "competency's name, so your application may word it differently.") == 1
