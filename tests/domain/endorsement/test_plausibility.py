"""Which received confirmations are held, and the plain reason for each."""

from __future__ import annotations

import datetime as dt

from reflectjournal.domain.endorsement.plausibility import ProposedSession, hold_reasons
from reflectjournal.domain.endorsement.records import (
    ProviderRecord,
    Qualification,
    QualificationSpan,
)

D = dt.date
TODAY = D(2026, 12, 3)
LEE = ProviderRecord("p1", "Dr. Lee", (QualificationSpan(Qualification.IMHS, D(2026, 1, 1)),))


def _s(sid: str, day: D, minutes: int = 60, form: str = "individual") -> ProposedSession:
    return ProposedSession(sid, day, minutes, form)


def test_ordinary_sessions_are_not_held() -> None:
    weekly = [_s(str(i), D(2026, 11, 2) + dt.timedelta(days=7 * i)) for i in range(4)]
    assert hold_reasons(weekly, LEE, [], TODAY) == {}
    assert hold_reasons([_s("a", D(2026, 11, 2), 180)], LEE, [], TODAY) == {}  # 3 h exactly


def test_each_implausible_session_is_held_with_its_reason() -> None:
    held = hold_reasons([_s("long", D(2026, 11, 2), 181), _s("future", D(2026, 12, 4)),
                         _s("early", D(2025, 12, 31)), _s("ok", D(2026, 11, 9))],
                        LEE, [], TODAY)
    assert held == {
        "long": ["it lasts 3 h 01 min; a session over 3 hours is unusual"],
        "future": ["it is dated 2026-12-04, in the future"],
        "early": ["it is dated 2025-12-31, before the provider's first recorded "
                  "qualification (2026-01-01)"],
    }


def test_a_second_individual_session_a_day_is_held_but_groups_are_not() -> None:
    day = D(2026, 11, 2)
    held = hold_reasons([_s("a", day), _s("b", day), _s("g", day, form="group")],
                        LEE, [], TODAY)
    assert set(held) == {"a", "b"}
    assert held["a"] == ["it is one of 2 individual sessions with the same provider on "
                         "2026-11-02"]
    # One already confirmed that day in an earlier reply counts too.
    assert set(hold_reasons([_s("c", day)], LEE, [day], TODAY)) == {"c"}


def test_a_reply_over_forty_hours_is_held_whole_and_no_qualification_means_no_date_check(
) -> None:
    many = [_s(str(i), D(2025, 1, 6) + dt.timedelta(days=7 * i), 120) for i in range(21)]
    held = hold_reasons(many, ProviderRecord("p2", "New"), [], TODAY)
    assert len(held) == 21
    assert all(r == ["the reply adds 42 h at once, more than a month's worth (over 40 h)"]
               for r in held.values())
    assert hold_reasons(many[:20], None, [], TODAY) == {}  # 40 h exactly
