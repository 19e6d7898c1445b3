"""Date-ordered row keys."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from reflectjournal.domain.sort_key import SEQUENCE_BITS, date_of_key, first_key, last_key

DAY = dt.date(2026, 3, 7)
_SETTINGS = settings(max_examples=200, deadline=None, database=None)


def test_keys_of_a_day_span_its_sequence_range() -> None:
    assert first_key(DAY) == DAY.toordinal() << 32
    assert last_key(DAY) - first_key(DAY) == 2**SEQUENCE_BITS - 1
    assert date_of_key(first_key(DAY)) == DAY
    assert date_of_key(last_key(DAY)) == DAY


def test_next_day_starts_right_after_the_last_key() -> None:
    assert first_key(DAY + dt.timedelta(days=1)) == last_key(DAY) + 1


def test_extreme_dates_fit_a_signed_64_bit_rowid() -> None:
    assert first_key(dt.date.min) > 0
    assert last_key(dt.date.max) < 2**63 - 1
    assert date_of_key(last_key(dt.date.max)) == dt.date.max


@_SETTINGS
@given(st.dates(), st.integers(0, 2**SEQUENCE_BITS - 1))
def test_every_sequence_number_maps_back_to_its_day(day: dt.date, sequence: int) -> None:
    assert date_of_key(first_key(day) + sequence) == day


@_SETTINGS
@given(st.dates(), st.dates())
def test_key_order_follows_date_order(a: dt.date, b: dt.date) -> None:
    if a < b:
        assert last_key(a) < first_key(b)
    else:
        assert first_key(b) <= first_key(a)
