"""The RSC ledger of an initial application: spec 2.4 R1-R9 and its worked forms.

Each expectation is worked out from the spec text; hours are written as hours * H.
"""

from __future__ import annotations

import dataclasses

from reflectjournal.domain.endorsement.records import (
    Degree,
    ProviderRecord,
    Qualification,
)
from reflectjournal.domain.endorsement.report_text import pace_needed
from reflectjournal.domain.endorsement.results import Role, Status
from reflectjournal.domain.endorsement.rules import WindowUnit
from reflectjournal.resources import load_rule_set
from tests.domain.endorsement.builders import (
    MENTORS,
    PROVIDERS,
    D,
    H,
    compute_progress,
    monthly,
    profile,
    progress,
    provider,
    reasons,
    sup,
)

IFS = profile("ifs", degree=Degree.BACHELOR)


def _roles(result: object) -> dict[str, tuple[str, int]]:
    rsc = result.rsc  # type: ignore[attr-defined]
    return {p.id: (p.role.value, p.minutes) for p in rsc.providers}


# ---- the worked forms of spec 2.4 ----------------------------------------------------------

def test_form_24_required_12_and_12_is_not_met_exactly_half_is_no_majority() -> None:
    entries = monthly("a", "A", "2025-01", 12, 60) + monthly("b", "B", "2025-01", 12, 60)
    result = progress(entries, category="ifs", prof=IFS)
    assert result.rsc.status is Status.NOT_MET
    assert result.rsc.required_minutes == 24 * H
    checks = {c.id: c.passed for c in result.rsc.checks}
    assert checks == {"majority": False, "total": True, "span": True}
    assert result.rsc.max_two_provider_minutes_in_window == 24 * H
    assert any("more than half" in line for line in result.rsc.missing)


def test_form_24_required_12_5_and_11_5_is_met() -> None:
    a = [sup(f"a{m}", f"2025-{m:02d}-05", 150, "A") for m in (1, 3, 6, 9, 12)]  # 12.5 h
    b = [sup(f"b{m}", f"2025-{m:02d}-07", 115, "B") for m in (2, 4, 6, 8, 10, 12)]  # 11.5 h
    result = progress(a + b, category="ifs", prof=IFS)
    assert result.rsc.status is Status.MET
    assert result.rsc.counted_minutes == 24 * H
    assert _roles(result) == {"A": ("main", 750), "B": ("second", 690)}
    assert result.rsc.missing == ()
    assert result.rsc.first_possible_month is None


def test_form_50_required_30_and_30_is_met_on_the_required_hours() -> None:
    entries = monthly("a", "A", "2025-01", 12, 150) + monthly("b", "B", "2025-01", 12, 150)
    result = progress(entries)
    assert result.rsc.status is Status.MET
    # Counted total: all of P1's and P2's sessions in the window (R8), not trimmed to 50.
    assert result.rsc.counted_minutes == 60 * H
    assert result.rsc.months == 12


def test_form_50_required_22_20_14_is_not_met_and_says_what_is_missing() -> None:
    entries = (monthly("a", "A", "2025-01", 12, 110) + monthly("b", "B", "2025-01", 12, 100)
               + monthly("c", "C", "2025-01", 12, 70))
    result = progress(entries)
    assert result.rsc.status is Status.NOT_MET
    assert result.rsc.max_two_provider_minutes_in_window == 42 * H
    assert "8 h more with Avery or Blake, of which more than 3 h with Avery" in result.rsc.missing
    assert {r for e, r in reasons(result).items() if e.startswith("c")} == {"third-provider"}


def test_form_50_required_40_10_5_is_met_with_a_and_b_and_c_not_used() -> None:
    entries = (monthly("a", "A", "2025-01", 12, 200) + monthly("b", "B", "2025-01", 12, 50)
               + monthly("c", "C", "2025-01", 12, 25))
    result = progress(entries)
    assert result.rsc.status is Status.MET
    assert _roles(result) == {"A": ("main", 40 * H), "B": ("second", 10 * H),
                              "C": ("not used", 5 * H)}
    assert result.rsc.counted_minutes == 50 * H
    assert set(reasons(result).values()) == {"third-provider"}


# ---- R5 the window -----------------------------------------------------------------------

def test_january_to_december_spans_12_months_and_passes() -> None:
    result = progress(monthly("a", "A", "2025-01", 12, 120), category="ifs", prof=IFS)
    assert result.rsc.status is Status.MET
    assert result.rsc.months == 12
    assert _roles(result) == {"A": ("main", 24 * H)}


def test_24_hours_in_6_months_do_not_qualify_yet() -> None:
    result = progress(monthly("a", "A", "2025-03", 6, 240), category="ifs", prof=IFS,
                      as_of="2025-08-31")
    assert result.rsc.status is Status.NOT_MET
    assert {c.id: c.passed for c in result.rsc.checks}["span"] is False
    assert ("sessions span 6 months; the first month that can complete the 12-month span is "
            "Feb 2026") in result.rsc.missing
    assert result.rsc.first_possible_month == "2026-02"


def test_sessions_in_one_month_span_1_month_in_words() -> None:
    # A new user read "Sessions span 1 months".
    result = progress(monthly("a", "A", "2026-05", 1, 120), category="ifs", prof=IFS)
    assert result.rsc.months == 1
    [span] = [line for line in result.rsc.missing if "span" in line]
    assert span.startswith("sessions span 1 month; the first month"), span
    [check] = [c for c in result.rsc.checks if c.id == "span"]
    assert "span 1 month (May 2026 to May 2026)" in check.words, check.words


def test_only_24_calendar_months_count_and_older_sessions_are_outside_the_window() -> None:
    result = progress(monthly("a", "A", "2023-01", 30, 60), category="ifs", prof=IFS)
    assert result.rsc.status is Status.MET
    assert result.rsc.months == 24
    assert result.rsc.counted_minutes == 24 * H
    assert result.rsc.eligible_minutes == 30 * H
    excluded = reasons(result)
    assert excluded == {f"a{i:02d}": "outside-window" for i in range(6)}  # Jan-Jun 2023


def test_the_day_precise_window_is_a_setting() -> None:
    rules = load_rule_set()
    days = dataclasses.replace(rules, conventions=dataclasses.replace(
        rules.conventions, window_unit=WindowUnit.DAYS))
    # 10 Jan 2025 to 5 Jan 2026: 12 calendar months, but not 12 months less a day.
    entries = [*monthly("a", "A", "2025-01", 12, 120)[:-1], sup("last", "2026-01-05", 120)]
    by_months = compute_progress(entries, PROVIDERS, IFS, rules, D("2026-06-30"))
    by_days = compute_progress(entries, PROVIDERS, IFS, days, D("2026-06-30"))
    assert by_months.rsc.status is Status.MET
    assert by_days.rsc.status is Status.NOT_MET


# ---- R1 eligibility and reasons (2.9 items 4, 7 and 9) ------------------------------------

def test_every_excluded_session_has_its_reason() -> None:
    providers = (
        *PROVIDERS,
        provider("M", "Morgan", (Qualification.IFS_MASTERS, "2010-01-01")),
        provider("L", "Lee", (Qualification.IMHS, "2025-03-01")),  # endorsed later
        provider("X", "Rex", (Qualification.IMHS, "2010-01-01"),
                 (Qualification.NOT_ENDORSED, "2025-06-01")),  # lapsed
        ProviderRecord(id="Q", name="Quinn"),  # nothing recorded
    )
    entries = [
        *monthly("ok", "A", "2025-01", 12, 60),
        sup("peer", "2025-02-01", 60, peer=True),
        sup("consult", "2025-02-02", 60, supervision_type="consultation"),
        sup("admin", "2025-02-03", 60, supervision_type="administrative"),
        sup("none", "2025-02-04", 60, provider=None),
        sup("ghost", "2025-02-05", 60, provider="Z"),
        sup("masters-ifs", "2025-02-06", 60, provider="M"),
        sup("before-since", "2025-02-07", 60, provider="L"),
        sup("after-lapse", "2025-07-07", 60, provider="X"),
        sup("unknown-q", "2025-02-08", 60, provider="Q"),
        sup("pre-degree", "2015-01-10", 60),
        sup("ec-focus", "2025-02-09", 60, focus="3-6"),
        sup("both-focus", "2025-02-10", 60, focus="both"),
    ]
    result = progress(entries, providers=providers)
    assert reasons(result) == {
        "peer": "peer", "consult": "not-reflective", "admin": "not-reflective",
        "none": "provider-unknown", "ghost": "provider-unknown",
        "masters-ifs": "provider-not-qualified", "before-since": "provider-not-qualified",
        "after-lapse": "provider-not-qualified", "unknown-q": "provider-unknown",
        "pre-degree": "before-degree", "ec-focus": "age-focus",
    }
    assert all(e.minutes == 60 and e.detail for e in result.rsc.excluded)
    assert result.rsc.eligible_minutes == 13 * H  # 12 monthly + the "both" focus session


def test_a_bachelors_prepared_ifs_applicant_may_count_a_masters_ifs() -> None:
    providers = (provider("M", "Morgan", (Qualification.IFS_MASTERS, "2010-01-01")),)
    entries = monthly("m", "M", "2025-01", 12, 120)
    prepared = progress(entries, category="ifs", providers=providers,
                        prof=profile("ifs", degree=Degree.BACHELOR, bachelors_prepared=True))
    other = progress(entries, category="ifs", providers=providers,
                     prof=profile("ifs", degree=Degree.BACHELOR))
    assert prepared.rsc.status is Status.MET
    assert other.rsc.status is Status.NOT_MET
    assert set(reasons(other).values()) == {"provider-not-qualified"}


def test_mentor_clinical_needs_a_mentor_clinical_provider() -> None:
    entries = monthly("a", "A", "2025-01", 12, 250, about_own_rsc=True)
    prof = profile("imhm-c", submission_date=D("2026-06-01"))
    imhs_only = progress(entries, category="imhm-c", prof=prof)
    assert set(reasons(imhs_only).values()) == {"provider-not-qualified"}
    assert progress(entries, category="imhm-c", prof=prof,
                    providers=MENTORS).rsc.status is Status.MET


def test_group_minutes_count_in_full() -> None:
    entries = monthly("a", "A", "2025-01", 12, 120, format="group", group_size=6)
    assert progress(entries, category="ifs", prof=IFS).rsc.counted_minutes == 24 * H


# ---- R7 Mentor-Clinical hours about the RSC the applicant provides -----------------------

def test_mentor_clinical_needs_25_received_hours_about_own_rsc() -> None:
    prof = profile("imhm-c", submission_date=D("2026-06-01"))
    about = monthly("y", "A", "2025-01", 6, 250, about_own_rsc=True)  # 25 h about own RSC
    other = monthly("n", "A", "2025-07", 6, 250)
    met = progress(about + other, category="imhm-c", prof=prof, providers=MENTORS)
    assert met.rsc.status is Status.MET
    assert met.rsc.about_own_minutes == 25 * H
    short = progress(about[:5] + other + [sup("n-extra", "2025-06-20", 250)],
                     category="imhm-c", prof=prof, providers=MENTORS)
    assert short.rsc.status is Status.NOT_MET
    assert {c.id: c.passed for c in short.rsc.checks}["about-own"] is False
    assert "4.17 h more about the RSC you provide, with Avery" in short.rsc.missing


# ---- R8 choice, R9 pace, first month, ageing ------------------------------------------------

def test_the_selection_with_the_latest_last_session_is_chosen() -> None:
    entries = monthly("old", "A", "2021-01", 12, 120) + monthly("new", "B", "2024-01", 12, 120)
    result = progress(entries, category="ifs", prof=IFS)
    assert result.rsc.status is Status.MET
    assert result.rsc.window_first == D("2024-01-10")
    assert _roles(result)["B"] == ("main", 24 * H)
    assert set(reasons(result).values()) == {"outside-window"}
    assert result.rsc.aged_out_minutes == 24 * H


def test_two_hours_a_month_can_never_reach_50_hours() -> None:
    result = progress(monthly("a", "A", "2025-09", 10, 120))
    pace = result.rsc.pace
    assert pace is not None
    assert pace.current_minutes_per_month == 120
    assert not pace.reachable_at_current_pace
    # 30 h still needed over the 14 months after June 2026 that the window still holds.
    assert pace.months_left == 14
    assert pace.needed_minutes_per_month == 129  # 1800 / 14, rounded up


def test_first_possible_month_without_any_session_is_a_year_away() -> None:
    result = progress([], category="ifs", prof=IFS, as_of="2026-03-15")
    assert result.rsc.status is Status.NOT_MET
    assert result.rsc.first_possible_month == "2027-02"
    assert result.rsc.missing  # says what is needed
    assert result.rsc.pace is not None


def test_hours_ageing_out_of_the_window_are_said() -> None:
    result = progress(monthly("a", "A", "2024-06", 25, 60))
    assert result.rsc.aged_out_minutes == 60  # June 2024 is 25 months before June 2026
    first = result.rsc.ageing[0]
    assert (first.month, first.minutes, first.last_month) == ("2024-07", 60, "2026-06")
    assert [a.month for a in result.rsc.ageing] == ["2024-07", "2024-08", "2024-09"]


def test_timeline_sorts_minutes_into_counted_excluded_and_aged_out() -> None:
    entries = (monthly("old", "A", "2021-01", 12, 120) + monthly("new", "A", "2024-01", 12, 120)
               + [sup("peer", "2024-02-01", 45, peer=True)])
    timeline = {m.month: m for m in progress(entries, category="ifs", prof=IFS).rsc.timeline}
    assert (timeline["2021-01"].aged_out, timeline["2021-01"].counted) == (120, 0)
    assert (timeline["2024-02"].counted, timeline["2024-02"].excluded) == (120, 45)


def test_entries_may_be_any_iterable_of_any_kinds() -> None:
    entries = monthly("a", "A", "2025-01", 12, 120)
    result = progress(iter(entries), category="ifs", prof=IFS)
    assert result.rsc.status is Status.MET
    assert result.rsc.counted_entries == tuple(e.id for e in entries)
    assert _roles(result)["A"][0] == Role.MAIN.value


def test_month_arithmetic_clamps_to_the_last_day() -> None:
    from reflectjournal.domain.endorsement.rsc_window import add_months, span_months

    assert add_months(D("2025-01-31"), 1) == D("2025-02-28")
    assert add_months(D("2024-01-31"), 1) == D("2024-02-29")
    assert add_months(D("2025-03-15"), -3) == D("2024-12-15")
    assert span_months(D("2025-01-31"), D("2025-12-01")) == 12


def test_a_window_closing_this_month_asks_for_what_this_month_still_needs() -> None:
    # 2 h a month since July 2024: by June 2026 the 24-month window holds 48 h of the 50 h.
    result = progress(monthly("a", "A", "2024-07", 24, 120))
    pace = result.rsc.pace
    assert pace is not None
    assert (pace.months_left, pace.needed_minutes_per_month) == (0, 2 * H)
    assert pace_needed(pace) == ("2 h more needed by the end of this month, when the window "
                                 "your counted sessions start closes")
    assert pace_needed(dataclasses.replace(pace, months_left=3)) == (
        "2 h a month needed over the next 3 months")
