"""The profile as stored text values, and the checks a change to it must pass.

Stored as one text value per key so that a key this version does not know (written by a
newer one) survives a read and a write, in `Profile.extra`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import fields, replace
from typing import Any

from reflectjournal.domain.endorsement.records import CATEGORY_IDS, Degree, Profile, Track
from reflectjournal.domain.errors import InvalidInputError

_DATES = ("degree_date", "endorsed_since", "submission_date")
_BOOLS = ("bachelors_prepared", "provides_rsc")
_KNOWN = tuple(f.name for f in fields(Profile) if f.name != "extra")


def profile_values(profile: Profile) -> dict[str, str]:
    """Return the profile as key/value text, leaving out what is not set."""
    values: dict[str, str] = dict(profile.extra)
    for name in _KNOWN:
        value = getattr(profile, name)
        if value is None:
            continue
        if isinstance(value, bool):
            values[name] = "yes" if value else "no"
        elif isinstance(value, dt.date):
            values[name] = value.isoformat()
        else:
            values[name] = str(value)
    return values


def profile_from_values(values: Mapping[str, str]) -> Profile:
    """Return the profile stored as these values; a value that does not parse reads as unset."""
    known: dict[str, Any] = {}
    for name in _KNOWN:
        if name not in values:
            continue
        text = values[name]
        try:
            if name in _DATES:
                known[name] = dt.date.fromisoformat(text)
            elif name in _BOOLS:
                known[name] = text == "yes"
            elif name == "track":
                known[name] = Track(text)
            elif name == "degree":
                known[name] = Degree(text)
            else:
                known[name] = text
        except ValueError:
            continue
    extra = {k: v for k, v in values.items() if k not in _KNOWN}
    return Profile(**known, extra=extra)


def changed_profile(profile: Profile, **changes: Any) -> Profile:
    """Return the profile with these changes, or raise InvalidInputError saying what is wrong.

    A change given as None leaves the value as it is; use `clear` names to unset one.
    """
    unknown = sorted(set(changes) - set(_KNOWN))
    if unknown:
        raise InvalidInputError(f"The profile has no '{unknown[0]}'.")
    given = {k: v for k, v in changes.items() if v is not None}
    for name in ("category", "endorsed"):
        if name in given and given[name] not in CATEGORY_IDS:
            raise InvalidInputError(f"Unknown Endorsement category '{given[name]}'.",
                                    f"Categories: {', '.join(CATEGORY_IDS)}.")
    updated = replace(profile, **given)
    if updated.endorsed_since is not None and updated.endorsed is None:
        raise InvalidInputError("An Endorsement date needs the category held.",
                                "Give --endorsed ID with --endorsed-since D.")
    if updated.degree_date is not None and updated.degree == Degree.NONE:
        raise InvalidInputError("A degree date needs the degree.",
                                "Give --degree bachelor|master|doctorate with it.")
    return updated
