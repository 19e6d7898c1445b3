"""The profile as stored text, and the checks a change must pass (pure)."""

from __future__ import annotations

import datetime as dt

import pytest

from reflectjournal.domain.endorsement.profile_values import (
    changed_profile,
    profile_from_values,
    profile_values,
)
from reflectjournal.domain.endorsement.records import Degree, Profile, Track
from reflectjournal.domain.errors import InvalidInputError


def test_values_round_trip_and_unknown_keys_survive() -> None:
    profile = Profile(category="ecmhs", track=Track.ECMH, degree=Degree.DOCTORATE,
                      degree_date=dt.date(2015, 5, 30), bachelors_prepared=True,
                      provides_rsc=True, endorsed="imhs", endorsed_since=dt.date(2020, 1, 2),
                      submission_date=dt.date(2027, 3, 1), extra={"newer_key": "kept"})
    values = profile_values(profile)
    assert values["degree_date"] == "2015-05-30"
    assert values["bachelors_prepared"] == "yes"
    assert values["newer_key"] == "kept"
    assert profile_from_values(values) == profile
    assert "category" not in profile_values(Profile())  # unset values are not stored


def test_a_value_that_does_not_parse_reads_as_unset() -> None:
    read = profile_from_values({"degree": "phd", "degree_date": "June", "track": "imh"})
    assert (read.degree, read.degree_date, read.track) == (Degree.NONE, None, Track.IMH)


def test_changes_are_checked() -> None:
    base = Profile()
    assert changed_profile(base, category="imhm-c", degree=None).category == "imhm-c"
    with pytest.raises(InvalidInputError, match="Unknown Endorsement category 'imh'"):
        changed_profile(base, category="imh")
    with pytest.raises(InvalidInputError, match="has no 'colour'"):
        changed_profile(base, colour="blue")
    with pytest.raises(InvalidInputError, match="needs the category held"):
        changed_profile(base, endorsed_since=dt.date(2020, 1, 1))
    with pytest.raises(InvalidInputError, match="needs the degree"):
        changed_profile(base, degree_date=dt.date(2020, 1, 1))
