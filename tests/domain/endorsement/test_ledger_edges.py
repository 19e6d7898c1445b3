"""Spec 2.9 edge cases as the ledger sees them, the renewal ledger (2.5), and bad input.

Storage-side items (attaching a confirmation, the merge itself, locking after signing,
CSV import) belong to the records service; here the ledger's part of each is tested.
"""

from __future__ import annotations

import datetime as dt

import pytest

from reflectjournal.domain.endorsement.records import Degree, Qualification
from reflectjournal.domain.endorsement.results import Status
from reflectjournal.domain.errors import InvalidInputError
from tests.domain.endorsement.builders import (
    MENTORS,
    PROVIDERS,
    D,
    H,
    entry,
    monthly,
    profile,
    progress,
    provider,
    reasons,
    sup,
    training,
)

IFS = profile("ifs", degree=Degree.BACHELOR)


def test_two_hand_logs_of_one_session_are_flagged_and_both_counted() -> None:  # 2.9.1
    entries = [*monthly("a", "A", "2025-01", 12, 60), sup("again", "2025-03-10", 60)]
    result = progress(entries, category="ifs", prof=IFS)
    assert result.rsc.counted_minutes == 13 * H
    [dup] = [d for d in result.duplicates if d.kind == "supervision"]
    assert set(dup.entry_ids) == {"a02", "again"}
    # Another format on the same day is another session.
    group = [*monthly("a", "A", "2025-01", 12, 60), sup("g", "2025-03-10", 60, format="group")]
    assert not progress(group, category="ifs", prof=IFS).duplicates


def test_a_signed_confirmation_counts_like_any_session() -> None:  # 2.9.2
    entries = monthly("a", "A", "2025-01", 12, 120, confirmation="signed")
    assert progress(entries, category="ifs", prof=IFS).rsc.status is Status.MET


def test_provider_identity_is_the_record_not_the_name() -> None:  # 2.9.3, R3
    spelt = (provider("lee1", "Dr. Lee"), provider("lee2", "Jordan Lee"))
    entries = monthly("a", "lee1", "2025-01", 12, 60) + monthly("b", "lee2", "2025-01", 12, 60)
    assert progress(entries, category="ifs", prof=IFS, providers=spelt).rsc.status \
        is Status.NOT_MET  # 12 h + 12 h: no majority
    merged = monthly("a", "lee1", "2025-01", 12, 60) + [
        sup(f"b{i}", e.date.isoformat(), 60, "lee1", format="group")
        for i, e in enumerate(monthly("x", "lee1", "2025-01", 12, 60))]
    result = progress(merged, category="ifs", prof=IFS, providers=spelt[:1])
    assert result.rsc.status is Status.MET
    # Two records with one name stay two providers.
    twins = (provider("k1", "A. Kim"), provider("k2", "A. Kim"))
    twin_entries = monthly("a", "k1", "2025-01", 12, 60) + monthly("b", "k2", "2025-01", 12, 60)
    assert progress(twin_entries, category="ifs", prof=IFS, providers=twins).rsc.status \
        is Status.NOT_MET


def test_a_change_of_category_recomputes_from_the_same_entries() -> None:  # 2.9.5
    providers = (*PROVIDERS, provider("M", "Morgan", (Qualification.IFS_MASTERS, "2010-01-01")))
    prof = profile("ifs", degree=Degree.MASTER, degree_date=D("2024-06-01"),
                   bachelors_prepared=True)
    entries = [*monthly("m", "M", "2024-07", 12, 60), *monthly("a", "A", "2023-01", 30, 60)]
    as_ifs = progress(entries, category="ifs", prof=prof, providers=providers)
    as_imhs = progress(entries, category="imhs", prof=prof, providers=providers)
    assert as_ifs.rsc.required_minutes == 24 * H
    assert as_imhs.rsc.required_minutes == 50 * H
    imhs_reasons = reasons(as_imhs)
    assert {imhs_reasons[f"m{i:02d}"] for i in range(12)} == {"provider-not-qualified"}
    assert imhs_reasons["a00"] == "before-degree"  # before the master's of June 2024
    assert "m00" not in reasons(as_ifs)  # a master's IFS counts for a bachelor's-prepared IFS
    # IMHS -> IFS halves the requirement but keeps the window rule.
    short = progress(monthly("a", "A", "2026-01", 6, 300), category="ifs", prof=IFS)
    assert {c.id: c.passed for c in short.rsc.checks}["span"] is False


def test_the_submission_date_picks_the_rule_version_and_results_are_stamped() -> None:  # 2.9.6
    late = progress([], category="imhm-c", prof=profile("imhm-c", submission_date=D("2024-03-01")))
    early = progress([], category="imhm-c",
                     prof=profile("imhm-c", submission_date=D("2023-11-01")))
    assert late.training.required_minutes == 48 * H
    assert early.training.required_minutes == 30 * H
    assert late.rule_set == "alliance-baseline"
    assert late.rule_version
    assert late.provenance.endswith("your association may differ.")
    assert late.rule_effective_from == D("2024-01-01")


def test_peer_case_and_administrative_supervision_are_listed_never_counted() -> None:  # 2.9.7
    entries = [sup("p", "2025-01-10", 60, peer=True),
               sup("c", "2025-01-11", 60, supervision_type="consultation"),
               sup("d", "2025-01-12", 60, supervision_type="administrative")]
    result = progress(entries, category="ifs", prof=IFS)
    assert reasons(result) == {"p": "peer", "c": "not-reflective", "d": "not-reflective"}
    assert result.rsc.counted_minutes == 0
    assert result.rsc.eligible_minutes == 0


def test_received_and_given_on_one_day_with_one_provider_are_flagged() -> None:  # 2.9.8
    entries = [sup("r", "2025-05-05", 90, format="group"),
               entry("g", "supervision-given", "2025-05-05", minutes=90,
                     fields={"provider_id": "A", "format": "group"})]
    kinds = {d.kind: d.entry_ids for d in progress(entries, category="ifs", prof=IFS).duplicates}
    assert kinds == {"co-facilitated": ("r", "g")}


def test_before_the_degree_and_another_age_focus_are_excluded() -> None:  # 2.9.9
    prof = profile("imhs", degree_date=D("2025-01-01"))
    entries = [sup("early", "2024-12-31", 60), sup("on", "2025-01-01", 60),
               sup("older", "2025-02-01", 60, focus="3-6")]
    result = progress(entries, prof=prof)
    assert reasons(result) == {"early": "before-degree", "older": "age-focus"}
    # An Early Childhood applicant counts the 3-6 session and not a 0-3 one.
    ec = progress([sup("older", "2025-02-01", 60, focus="3-6"),
                   sup("baby", "2025-02-02", 60, focus="0-3")],
                  category="ecmhs", prof=profile("ecmhs", track="ecmh"))
    assert reasons(ec) == {"baby": "age-focus"}
    # A bachelor's degree does not open an IMHS ledger at all.
    bachelor = progress([sup("s", "2025-02-01", 60)], prof=profile("imhs", degree=Degree.BACHELOR))
    assert reasons(bachelor) == {"s": "before-degree"}


def test_the_same_training_logged_twice_is_a_possible_duplicate() -> None:  # 2.9.10
    entries = [training("t1", "2025-04-01", 6, title="Ghosts in the nursery", provider="AIMH"),
               training("t2", "2025-04-01", 6, title="ghosts in the nursery ", provider="aimh"),
               training("t3", "2025-04-02", 6, title="Ghosts in the nursery", provider="AIMH")]
    [dup] = progress(entries, category="ifa").duplicates
    assert (dup.kind, set(dup.entry_ids)) == ("training", {"t1", "t2"})


def test_a_backlogged_entry_counts_by_its_session_date() -> None:  # 2.9.11
    later = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
    entries = [entry(e.id, e.kind, e.date.isoformat(), minutes=e.duration_minutes,
                     fields=dict(e.fields), created=later)
               for e in monthly("a", "A", "2024-01", 12, 120)]
    result = progress(entries, category="ifs", prof=IFS)
    assert result.rsc.status is Status.MET
    assert result.rsc.window_first == D("2024-01-10")


def test_a_session_over_three_hours_asks_whether_it_was_training() -> None:  # 2.9.12
    entries = [sup("long", "2025-01-01", 181), sup("three", "2025-01-02", 180)]
    assert progress(entries, category="ifs", prof=IFS).long_sessions == ("long",)


# ---- renewal (2.5) -----------------------------------------------------------------------

ENDORSED_IMHS = profile("imhs", endorsed="imhs", endorsed_since=D("2020-05-01"))


def test_renewal_counts_the_calendar_year() -> None:
    entries = [*monthly("y", "A", "2026-01", 12, 60), sup("before", "2025-12-20", 60),
               sup("after", "2027-01-05", 60)]
    result = progress(entries, prof=ENDORSED_IMHS, renewal_year=2026, as_of="2026-12-31")
    assert result.rsc.status is Status.MET
    assert result.rsc.required_minutes == 12 * H
    assert result.rsc.counted_minutes == 12 * H
    assert reasons(result) == {"before": "outside-year", "after": "outside-year"}


def test_renewal_rsc_keeps_provider_eligibility_but_no_majority_rule() -> None:
    providers = (*PROVIDERS, provider("P", "Pat", (Qualification.NOT_ENDORSED, "2010-01-01")))
    entries = [*monthly("a", "A", "2026-01", 4, 60), *monthly("b", "B", "2026-01", 4, 60),
               *monthly("c", "C", "2026-01", 4, 60), sup("p", "2026-03-03", 60, provider="P")]
    result = progress(entries, prof=ENDORSED_IMHS, renewal_year=2026, as_of="2026-12-31",
                      providers=providers)
    assert result.rsc.status is Status.MET  # three providers of 4 h each
    assert reasons(result) == {"p": "provider-not-qualified"}


def test_renewal_not_met_says_what_is_missing_and_the_pace() -> None:
    result = progress(monthly("a", "A", "2026-01", 6, 60), prof=ENDORSED_IMHS,
                      renewal_year=2026, as_of="2026-06-30")
    assert result.rsc.status is Status.NOT_MET
    assert result.rsc.missing == ("6 h more RSC in 2026",)
    assert result.rsc.pace is not None
    assert result.rsc.pace.needed_minutes_per_month == 60  # 6 h over July-December


def test_renewal_training_15_hours_1_dei_and_3_about_rsc_for_providers() -> None:
    entries = [training("g", "2026-02-01", 14), training("d", "2026-03-01", 1, dei=True),
               training("old", "2025-03-01", 10)]
    result = progress(entries, prof=ENDORSED_IMHS, renewal_year=2026, as_of="2026-12-31")
    assert result.training.required_minutes == 15 * H
    assert result.training.status is Status.MET
    assert [e.reason for e in result.training.excluded] == ["outside-year"]
    provider_prof = profile("imhs", endorsed="imhs", endorsed_since=D("2020-05-01"),
                            provides_rsc=True)
    as_provider = progress(entries, prof=provider_prof, renewal_year=2026, as_of="2026-12-31")
    assert as_provider.training.status is Status.NOT_MET
    assert "3 h more training about providing RSC" in as_provider.training.missing


def test_mentor_clinical_renewal_rsc_ends_after_three_years_held() -> None:
    recent = profile("imhm-c", endorsed="imhm-c", endorsed_since=D("2024-03-01"))
    held = profile("imhm-c", endorsed="imhm-c", endorsed_since=D("2022-06-01"))
    assert progress([], prof=recent, renewal_year=2026, providers=MENTORS).rsc.status \
        is Status.NOT_MET
    result = progress([], prof=held, renewal_year=2026, providers=MENTORS)
    assert result.rsc.status is Status.NOT_REQUIRED
    assert result.rsc.recommended


def test_associates_and_policy_mentors_are_recommended_never_missing() -> None:
    for cid in ("ifa", "imhm-p", "imhm-rf"):
        result = progress([], prof=profile(cid, endorsed=cid), renewal_year=2026)
        assert result.rsc.status is Status.NOT_REQUIRED, cid
        assert result.rsc.recommended
        assert result.rsc.missing == ()
    initial = progress([], category="ifa")
    assert initial.rsc.status is Status.NOT_REQUIRED
    assert initial.rsc.recommended


# ---- bad input ---------------------------------------------------------------------------

def test_no_category_and_an_unknown_category_are_plain_errors() -> None:
    with pytest.raises(InvalidInputError, match="No Endorsement category"):
        progress([], prof=profile(None))
    with pytest.raises(InvalidInputError, match="Unknown Endorsement category 'imh-specialist'"):
        progress([], category="imh-specialist")


def test_families_of_infants_are_counted_from_distinct_client_codes() -> None:
    entries = [entry("s1", "session", "2025-01-01", fields={"client_code": "K7Q2",
                                                             "age_band": "0-6m"}),
               entry("s2", "session", "2025-02-01", fields={"client_code": "K7Q2",
                                                             "age_band": "7-11m"}),
               entry("s3", "session", "2025-02-01", fields={"client_code": "M3P9",
                                                             "age_band": "24-35m"}),
               entry("s4", "session", "2025-02-01", fields={"client_code": "Z1Z1",
                                                             "age_band": "3-5y"})]
    assert progress(entries, category="ifs", prof=IFS).families_0_36_months == 2


def test_families_declared_on_work_entries_and_seen_in_sessions_give_the_larger() -> None:
    work = [entry("w1", "work", "2020-01-01", fields={"families_0_36_months": 6}),
            entry("w2", "work", "2023-01-01", fields={"families_0_36_months": 5})]
    sessions = [entry(f"s{i}", "session", "2025-01-01",
                      fields={"client_code": f"K{i}", "age_band": "12-23m"}) for i in range(3)]
    assert progress(work, category="ifs", prof=IFS).families_0_36_months == 11
    assert progress(work + sessions, category="ifs", prof=IFS).families_0_36_months == 11
    many = [entry(f"s{i}", "session", "2025-01-01",
                  fields={"client_code": f"K{i}", "age_band": "0-6m"}) for i in range(14)]
    assert progress(work + many, category="ifs", prof=IFS).families_0_36_months == 14


def test_two_records_linked_to_one_contact_are_one_provider() -> None:  # R3
    from dataclasses import replace

    key = "ab" * 32
    linked = (replace(provider("lee1", "Dr. Lee"), contact_key=key),
              replace(provider("lee2", "Jordan Lee"), contact_key=key))
    entries = monthly("a", "lee1", "2025-01", 12, 60) + monthly("b", "lee2", "2025-01", 12, 60,
                                                                format="group")
    result = progress(entries, category="ifs", prof=IFS, providers=linked)
    assert result.rsc.status is Status.MET
    assert [(p.id, p.role.value, p.minutes) for p in result.rsc.providers] == [
        ("lee1", "main", 24 * H)]


def test_the_switch_for_specialists_who_provide_rsc_to_renew_with_a_mentor() -> None:
    from dataclasses import replace

    from reflectjournal.domain.endorsement.ledger import compute_progress
    from reflectjournal.resources import load_rule_set

    rules = load_rule_set()
    switched = replace(rules, renewals=tuple(
        replace(r, specialist_providing_rsc_needs_mentor=True) for r in rules.renewals))
    prof = profile("imhs", endorsed="imhs", endorsed_since=D("2020-05-01"), provides_rsc=True)
    entries = monthly("a", "A", "2026-01", 12, 60)  # A is an IMHS
    providers = PROVIDERS
    default = compute_progress(entries, providers, prof, rules, D("2026-12-31"),
                               renewal_year=2026)
    assert default.rsc.status is Status.MET
    mentor_only = compute_progress(entries, providers, prof, switched, D("2026-12-31"),
                                   renewal_year=2026)
    assert mentor_only.rsc.status is Status.NOT_MET
    assert set(reasons(mentor_only).values()) == {"provider-not-qualified"}
    assert compute_progress(entries, MENTORS, prof, switched, D("2026-12-31"),
                            renewal_year=2026).rsc.status is Status.MET
