"""The applicant's profile (category, degree, Endorsement held ...), inside the journal."""

from __future__ import annotations

from typing import Any

from reflectjournal.domain.endorsement.profile_values import (
    changed_profile,
    profile_from_values,
    profile_values,
)
from reflectjournal.domain.endorsement.records import Profile
from reflectjournal.store import profile as sql
from reflectjournal.store.database import Database


class ProfileService:
    """Read and change the profile of one open journal."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def get(self) -> Profile:
        """Return the profile (every value unset in a new journal)."""
        with self._db.transaction():
            return profile_from_values(sql.read(self._db))

    def set(self, profile: Profile) -> Profile:
        """Replace the whole profile."""
        with self._db.transaction():
            sql.write(self._db, profile_values(profile))
        return profile

    def update(self, **changes: Any) -> Profile:
        """Change the values given (None leaves one as it is); raise if the result is invalid."""
        with self._db.transaction():
            profile = changed_profile(profile_from_values(sql.read(self._db)), **changes)
            sql.write(self._db, profile_values(profile))
        return profile
