"""The clock stored timestamps read."""

from __future__ import annotations

import datetime as dt

from reflectjournal.domain.clock import utc_now


def test_now_is_utc_to_the_second() -> None:
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    now = utc_now()
    after = dt.datetime.now(dt.UTC)
    assert now.tzinfo is dt.UTC
    assert now.microsecond == 0
    assert before <= now <= after
