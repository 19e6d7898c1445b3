"""Reading supervision and training entries for the ledger, and per-session RSC eligibility.

Fields are read through SupervisionField / TrainingField (records.py). Entries written
before a field existed lack it; each default below says what such an entry is taken to be.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from reflectjournal.domain.endorsement.records import (
    Confirmation,
    Degree,
    Profile,
    ProviderRecord,
    Qualification,
    SupervisionField,
    TrainingField,
)
from reflectjournal.domain.endorsement.results import REASON_WORDS, Reason
from reflectjournal.domain.endorsement.rules import CategoryRule
from reflectjournal.domain.entry import Entry, FieldValue
from reflectjournal.domain.ids import EntryId

SUPERVISION_KIND = "supervision"
SUPERVISION_GIVEN_KIND = "supervision-given"
TRAINING_KIND = "training"
SESSION_KIND = "session"
INFANT_AGE_BANDS = frozenset({"prenatal", "0-6m", "7-11m", "12-23m", "24-35m"})
_DEGREE_RANK = {Degree.NONE: 0, Degree.BACHELOR: 1, Degree.MASTER: 2, Degree.DOCTORATE: 3}
_DEGREE_WORDS = {Degree.BACHELOR: "bachelor's", Degree.MASTER: "master's"}


def month_index(day: dt.date) -> int:
    """Return a month as one integer, so spans are differences (spec R5)."""
    return day.year * 12 + day.month - 1


def month_text(index: int) -> str:
    """Return YYYY-MM for a month index."""
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def month_words(index: int) -> str:
    """Return a month index as words: 'Feb 2026'."""
    return dt.date(index // 12, index % 12 + 1, 1).strftime("%b %Y")


def hours_words(minutes: int | float) -> str:
    """Return minutes as hours with up to two decimals: 90 -> '1.5 h' (spec 2.4)."""
    text = f"{minutes / 60:.2f}".rstrip("0").rstrip(".")
    return f"{text} h"


def _text(fields: Mapping[str, FieldValue], key: str) -> str:
    value = fields.get(key)
    return value.strip() if type(value) is str else ""


def _hours_minutes(fields: Mapping[str, FieldValue], key: str) -> int:
    value = fields.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        return 0
    return round(value * 60)


_YES = frozenset({"yes", "true", "1", "y"})
_YES_TEXT = frozenset({"yes", "Yes", "YES", "true", "True", "y", "1"})
_NO_FLAGS: frozenset[str] = frozenset()
_NOT_FLAGS = frozenset({TrainingField.SPONSOR.value, TrainingField.DATE_END.value})
# Plain-text keys: a StrEnum member hashes like its text, but a plain str is quicker to
# look up, and these run once per supervision or training entry.
_PROVIDER, _FORMAT, _PEER = (SupervisionField.PROVIDER_ID.value, SupervisionField.FORMAT.value,
                             SupervisionField.PEER.value)
_TYPE, _ABOUT_OWN = SupervisionField.SUPERVISION_TYPE.value, SupervisionField.ABOUT_OWN_RSC.value
_FOCUS, _CONFIRMATION = SupervisionField.FOCUS.value, SupervisionField.CONFIRMATION.value
_FACE, _INDEPENDENT = (TrainingField.HOURS_FACE_TO_FACE.value,
                       TrainingField.HOURS_INDEPENDENT.value)
_SPONSOR, _COUNTS = TrainingField.SPONSOR.value, TrainingField.COUNTS.value


def _is_set(value: FieldValue) -> bool:
    """Return whether a bool field's stored value means yes."""
    return value is True or (type(value) is str and value.strip().lower() in _YES)


@dataclass(frozen=True, slots=True)
class Session:
    """A supervision-received entry as the ledger sees it (built once per computation)."""

    id: EntryId
    date: dt.date
    minutes: int
    provider_id: str | None
    format: str
    peer: bool
    kind: str  # reflective | consultation | administrative
    about_own: bool
    focus: str  # "" when the entry predates the field
    confirmation: str
    person: str | None = None  # whom the sessions are grouped by: see provider_identities

    @classmethod
    def of(cls, entry: Entry, group_factor: float) -> Session:
        """Read a supervision entry; a group session's minutes times the group factor."""
        f = entry.fields
        fmt = _text(f, _FORMAT) or "individual"
        minutes = entry.duration_minutes or 0
        if group_factor != 1.0 and fmt == "group":
            minutes = round(minutes * group_factor)
        peer, about = f.get(_PEER), f.get(_ABOUT_OWN)
        provider = _text(f, _PROVIDER) or None
        return cls(
            entry.id, entry.date, minutes, provider, fmt,
            peer is not None and _is_set(peer),
            # The kind is "Supervision received (RSC)": an entry from before the type field
            # existed was logged as RSC [I].
            _text(f, _TYPE) or "reflective",
            about is not None and _is_set(about),
            _text(f, _FOCUS),
            _text(f, _CONFIRMATION) or Confirmation.HAND_LOGGED.value,
            provider,
        )


@dataclass(frozen=True, slots=True)
class Training:
    """A training entry as the ledger sees it."""

    id: EntryId
    date: dt.date
    title: str
    sponsor: str
    face_minutes: int
    independent_minutes: int
    flags: frozenset[str]
    counts: bool

    @classmethod
    def of(cls, entry: Entry) -> Training:
        """Read a training entry; every bool field set on it is a flag parts can ask for."""
        f = entry.fields
        found = [k for k, v in f.items() if v is True or (
            type(v) is str and v in _YES_TEXT and k not in _NOT_FLAGS)]
        flags = frozenset(found) if found else _NO_FLAGS
        counts = f.get(_COUNTS)
        return cls(
            entry.id, entry.date, entry.title.strip(), _text(f, _SPONSOR),
            _hours_minutes(f, _FACE), _hours_minutes(f, _INDEPENDENT), flags,
            counts is None or _is_set(counts),
        )


def provider_identities(records: Mapping[str, ProviderRecord]) -> dict[str, str]:
    """Return, per provider record id, the id its sessions are grouped under (spec R3).

    Identity is the record, or the verified contact a record links to: two records linked
    to one signing key are one person even before the user merges them, and are grouped
    under the oldest-named (smallest) record id. Names never decide identity.
    """
    by_key: dict[str, str] = {}
    for rid in sorted(records):
        key = records[rid].contact_key
        if key:
            by_key.setdefault(key, rid)
    return {rid: by_key.get(r.contact_key or "", rid) for rid, r in records.items()}


class Eligibility:
    """Per-session RSC eligibility for one category version and profile (spec R1)."""

    def __init__(self, rule: CategoryRule, profile: Profile,
                 providers: Mapping[str, ProviderRecord],
                 qualifying: frozenset[Qualification] | None = None,
                 check_degree: bool = True) -> None:
        self.rule = rule
        self.profile = profile
        self.providers = providers
        self.qualifying = qualifying or rule.providers_for(profile.bachelors_prepared)
        self.check_degree = check_degree and rule.rsc_post_degree is not Degree.NONE

    def reason(self, s: Session) -> tuple[Reason, str] | None:
        """Return why `s` cannot count, with the words, or None if it is eligible."""
        if s.peer:
            return Reason.PEER, REASON_WORDS[Reason.PEER]
        if s.kind != "reflective":
            kind = {"consultation": "case consultation",
                    "administrative": "administrative supervision"}.get(s.kind, s.kind)
            return Reason.NOT_REFLECTIVE, f"{kind}, not reflective supervision/consultation"
        record = self.providers.get(s.provider_id) if s.provider_id else None
        if record is None:
            return Reason.PROVIDER_UNKNOWN, "no provider record is chosen for this session"
        held = record.qualification_on(s.date)
        if held not in self.qualifying:
            if held is Qualification.UNKNOWN:
                if record.qualifications and s.date < record.qualifications[0].since:
                    first = record.qualifications[0]
                    return (Reason.PROVIDER_NOT_QUALIFIED,
                            f"{record.name} is recorded as {first.qualification.value} only "
                            f"from {first.since.isoformat()}")
                return (Reason.PROVIDER_UNKNOWN,
                        f"{record.name}'s qualification on that date is not known")
            return (Reason.PROVIDER_NOT_QUALIFIED,
                    f"{record.name} held {held.value} then; {self.rule.label} needs one of "
                    f"{', '.join(sorted(q.value for q in self.qualifying))}")
        degree = self._degree_reason(s.date)
        if degree is not None:
            return Reason.BEFORE_DEGREE, degree
        # An entry from before the focus field existed is not excluded for it [I].
        if s.focus and s.focus not in self.rule.rsc_focus:
            return (Reason.AGE_FOCUS, f"focus {s.focus}; {self.rule.label} counts "
                    f"{' or '.join(sorted(self.rule.rsc_focus))}")
        return None

    def _degree_reason(self, day: dt.date) -> str | None:
        if not self.check_degree:
            return None
        needed = self.rule.rsc_post_degree
        words = _DEGREE_WORDS.get(needed, needed.value)
        if _DEGREE_RANK[self.profile.degree] < _DEGREE_RANK[needed]:
            return f"your profile records no {words} degree (or higher)"
        if self.profile.degree_date is not None and day < self.profile.degree_date:
            return f"before your degree was completed ({self.profile.degree_date.isoformat()})"
        return None
