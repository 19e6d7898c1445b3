"""The training ledger: spec 2.4 T1-T3 (counted minutes, disjoint flag parts)."""

from __future__ import annotations

from reflectjournal.domain.endorsement.results import Status
from tests.domain.endorsement.builders import D, H, entry, profile, progress, training

MENTOR = profile("imhm-c", submission_date=D("2026-06-01"))
MENTOR_2023 = profile("imhm-c", submission_date=D("2023-11-01"))


def _parts(result: object) -> dict[str, tuple[int, int, bool]]:
    parts = result.training.parts  # type: ignore[attr-defined]
    return {p.flag: (p.required_minutes, p.counted_minutes, p.met) for p in parts}


def test_independent_hours_are_listed_apart_and_not_counted_by_default() -> None:
    entries = [training("t1", "2026-01-10", 16.5, independent=6),
               training("t2", "2026-02-10", 10)]
    result = progress(entries, category="ifa")
    assert result.training.counted_minutes == round(26.5 * H)
    assert result.training.independent_minutes == 6 * H
    assert result.training.status is Status.NOT_MET
    assert "3.5 h more training" in result.training.missing
    counted = progress(entries, category="ifa", count_independent=True)
    assert counted.training.counted_minutes == round(32.5 * H)
    assert counted.training.status is Status.MET
    assert counted.training.counted == {"t1": round(22.5 * H), "t2": 10 * H}


def test_a_training_marked_not_counting_is_listed_as_excluded() -> None:
    entries = [training("t1", "2026-01-10", 30, counts_for_endorsement=False),
               training("t2", "2026-01-11", 30)]
    result = progress(entries, category="ifa")
    assert result.training.counted_minutes == 30 * H
    assert [(e.entry_id, e.reason, e.minutes) for e in result.training.excluded] == [
        ("t1", "not-counted", 30 * H)]


def test_mentor_48_hours_with_parts_met() -> None:
    entries = [training("g", "2025-03-01", 30), training("r", "2025-04-01", 15, about_rsc=True),
               training("d", "2025-05-01", 3, dei=True)]
    result = progress(entries, category="imhm-c", prof=MENTOR)
    assert result.training.required_minutes == 48 * H
    assert result.training.status is Status.MET
    assert _parts(result) == {"about_rsc": (15 * H, 15 * H, True), "dei": (3 * H, 3 * H, True)}


def test_an_hour_flagged_both_counts_once() -> None:
    # R = 12 about RSC only, D = 0, B = 3 both: R+B = 15 >= 15 and D+B = 3 >= 3, but
    # R+D+B = 15 < 18, so the parts together are not met (T2).
    entries = [training("g", "2025-03-01", 33), training("r", "2025-04-01", 12, about_rsc=True),
               training("b", "2025-05-01", 3, about_rsc=True, dei=True)]
    result = progress(entries, category="imhm-c", prof=MENTOR)
    assert result.training.counted_minutes == 48 * H
    assert _parts(result) == {"about_rsc": (15 * H, 15 * H, True), "dei": (3 * H, 3 * H, True)}
    assert not result.training.parts_together_met
    assert result.training.status is Status.NOT_MET
    assert any("counts for one only" in line for line in result.training.missing)
    fixed = progress([*entries, training("d", "2025-06-01", 3, dei=True)], category="imhm-c",
                     prof=MENTOR)
    assert fixed.training.status is Status.MET


def test_flagged_hours_above_a_part_flow_into_the_general_part() -> None:
    # 40 h about RSC and 8 h DEI: every part met and N = 48 (T2: "N >= t" is the general test).
    entries = [training("r", "2025-04-01", 40, about_rsc=True), training("d", "2025-05-01", 8,
                                                                           dei=True)]
    assert progress(entries, category="imhm-c", prof=MENTOR).training.status is Status.MET


def test_before_2024_mentor_training_needs_15_didactic_hours_about_rsc() -> None:
    entries = [training("g", "2023-01-01", 15), training("r", "2023-02-01", 15, about_rsc=True)]
    result = progress(entries, category="imhm-c", prof=MENTOR_2023, as_of="2023-10-01")
    assert result.training.required_minutes == 30 * H
    assert result.rule_effective_to == D("2023-12-31")
    assert _parts(result) == {"about_rsc+didactic": (15 * H, 0, False)}
    assert result.training.status is Status.NOT_MET
    didactic = [training("g", "2023-01-01", 15),
                training("r", "2023-02-01", 15, about_rsc=True, didactic=True)]
    assert progress(didactic, category="imhm-c", prof=MENTOR_2023,
                    as_of="2023-10-01").training.status is Status.MET


def test_typical_hours_are_context_only() -> None:
    result = progress([training("t", "2026-01-01", 30)], category="imhs")
    assert result.training.status is Status.MET
    assert result.training.typical_minutes == 75 * H


def test_trainings_after_the_as_of_date_do_not_count_yet() -> None:
    result = progress([training("t", "2026-09-01", 30)], category="ifa", as_of="2026-06-30")
    assert result.training.counted_minutes == 0
    assert result.training.excluded[0].reason == "after-as-of"


def test_text_yes_flags_from_the_command_line_are_read() -> None:
    entries = [entry("t", "training", "2025-01-01",
                     fields={"hours_face_to_face": 15.0, "about_rsc": "yes"}),
               training("g", "2025-01-02", 30), training("d", "2025-01-03", 3, dei="yes")]
    assert progress(entries, category="imhm-c", prof=MENTOR).training.status is Status.MET
