"""Which automatic backups are kept, when one is due, and when the last one is too old."""

from __future__ import annotations

import datetime as dt

from reflectjournal.domain.backup_schedule import (
    Retention,
    automatic_due,
    stale_warning,
    to_keep,
)

NOW = dt.datetime(2026, 12, 3, 12, 0, tzinfo=dt.UTC)  # a Thursday


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=dt.UTC)


def test_a_year_of_daily_backups_keeps_7_days_4_weeks_12_months_and_the_last_day() -> None:
    today = NOW.date()
    made = [at(today - dt.timedelta(days=n)) for n in range(400)] + [at(today, 11)]
    kept = to_keep(made, NOW)
    d = dt.date
    expected = {at(today), at(today, 11)}  # younger than a day
    expected |= {at(d(2026, 12, n)) for n in (2, 1)}
    expected |= {at(d(2026, 11, n)) for n in (30, 29, 28, 27)}
    expected |= {at(d(2026, 11, 22)), at(d(2026, 11, 15))}  # the Sundays ending earlier weeks
    expected |= {at(d(2026, m, n)) for m, n in (
        (10, 31), (9, 30), (8, 31), (7, 31), (6, 30), (5, 31), (4, 30), (3, 31), (2, 28),
        (1, 31))}
    assert kept == expected
    assert len(kept) == 20


def test_few_backups_are_all_kept() -> None:
    made = [at(dt.date(2026, 1, 5)), at(dt.date(2026, 6, 1)), at(dt.date(2026, 12, 1))]
    assert to_keep(made, NOW) == set(made)


def test_of_several_on_one_day_long_ago_only_the_newest_stays() -> None:
    day = dt.date(2026, 10, 7)
    made = [at(day, 8), at(day, 13), at(day, 20)]
    assert to_keep(made, NOW) == {at(day, 20)}


def test_a_smaller_rule_keeps_less() -> None:
    today = NOW.date()
    made = [at(today - dt.timedelta(days=n)) for n in range(1, 30)]
    kept = to_keep(made, NOW, Retention(daily=2, weekly=0, monthly=0))
    assert kept == {at(today - dt.timedelta(days=1)), at(today - dt.timedelta(days=2))}


def test_an_automatic_backup_is_due_once_a_day() -> None:
    assert automatic_due(None, NOW)
    assert not automatic_due(NOW - dt.timedelta(hours=23, minutes=59), NOW)
    assert automatic_due(NOW - dt.timedelta(hours=24), NOW)
    # A clock set back must not stop backups for as long as it is behind.
    assert automatic_due(NOW + dt.timedelta(days=3), NOW)


def test_the_last_backup_is_stale_after_a_week() -> None:
    assert stale_warning(NOW - dt.timedelta(days=7), NOW) == ""
    assert "8 days old" in stale_warning(NOW - dt.timedelta(days=8), NOW)
    assert "no verified backup" in stale_warning(None, NOW)
