"""The records the Endorsement ledger reads besides entries: the profile and RSC providers.

These are the contract between storage (store/, services/) and the ledger (domain/endorsement/
ledger.py): both sides build or read exactly these values. Entry fields the ledger reads are
named in `SupervisionField` and `TrainingField` so neither side spells them twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

from reflectjournal.domain.entry import Entry


class Degree(StrEnum):
    """Highest degree held (stored as the value)."""

    NONE = "none"
    BACHELOR = "bachelor"
    MASTER = "master"
    DOCTORATE = "doctorate"


class Track(StrEnum):
    """IMH-E (infants and toddlers, 0-3) or ECMH-E (children 3 up to 6)."""

    IMH = "imh"
    ECMH = "ecmh"


class Qualification(StrEnum):
    """What a provider held at a date, as far as RSC eligibility is concerned (spec 2.3)."""

    IMHS = "IMHS"
    IMHM_C = "IMHM-C"
    IFS_MASTERS = "IFS-masters"
    I_ECFRS = "I/ECFRS"
    I_ECFRS_EMERGING = "I/ECFRS-emerging"
    ECMHS = "ECMHS"
    ECMHM_C = "ECMHM-C"
    ECFS_MASTERS = "ECFS-masters"
    NOT_ENDORSED = "not-endorsed"
    UNKNOWN = "unknown"


class Confirmation(StrEnum):
    """How a supervision session's hours are evidenced (stored in the entry's `confirmation`)."""

    HAND_LOGGED = "hand-logged"
    SIGNED = "signed"  # a statement signed by a verified contact is attached
    PRINTED_SIGNATURE = "printed-signature"  # the user marked a paper log as signed


class SupervisionField(StrEnum):
    """Field ids on `supervision` (received) entries that the ledger reads."""

    PROVIDER_ID = "provider_id"  # text: a ProviderRecord.id; replaces free-text `supervisor`
    FORMAT = "format"  # choice: individual | group
    GROUP_SIZE = "group_size"  # integer, for information only (no group discount, E13)
    MODE = "mode"  # choice: in-person | virtual
    PEER = "peer"  # bool
    SUPERVISION_TYPE = "supervision_type"  # choice: reflective | consultation | administrative
    ABOUT_OWN_RSC = "about_own_rsc"  # bool: about the RSC I provide (Mentor-Clinical, E1)
    FOCUS = "focus"  # choice: 0-3 | 3-6 | both
    CONFIRMATION = "confirmation"  # choice: Confirmation values; absent = hand-logged


class TrainingField(StrEnum):
    """Field ids on `training` entries that the ledger reads."""

    SPONSOR = "provider"  # text: the organisation or trainer (kept under its old id)
    DATE_END = "date_end"  # text YYYY-MM-DD; absent = one-day training
    HOURS_FACE_TO_FACE = "hours_face_to_face"  # hours
    HOURS_INDEPENDENT = "hours_independent"  # hours
    ABOUT_RSC = "about_rsc"  # bool
    DEI = "dei"  # bool
    DIDACTIC = "didactic"  # bool
    COUNTS = "counts_for_endorsement"  # bool, default true
    CERTIFICATE_KEPT = "certificate_kept"  # bool


WORK_KIND = "work"
"""The entry kind for work experience (role, employer type, period, families served as a count)."""


class WorkField(StrEnum):
    """Field ids on `work` entries (the entry's date is the start of the period)."""

    ROLE = "role"  # text
    EMPLOYER_TYPE = "employer_type"  # choice
    DATE_END = "date_end"  # text YYYY-MM-DD; absent = still going on
    COMPENSATION = "compensation"  # choice: paid | volunteer
    POST_DEGREE = "post_degree"  # bool
    AGES_SERVED = "ages_served"  # multi: prenatal | 0-3 | 3-6 | older | adults
    SERVICE_FOCUS = "service_focus"  # multi: promotion | prevention | treatment
    FAMILIES_SERVED = "families_served"  # count, never names
    FAMILIES_0_36_MONTHS = "families_0_36_months"  # count, never names


SUPERVISION_KIND = "supervision"
TRAINING_KIND = "training"
LEDGER_KINDS = (SUPERVISION_KIND, TRAINING_KIND, WORK_KIND, "session", "supervision-given")
"""The entry kinds the ledger reads (Journal.endorsement_records returns only these): hours,
work, sessions for the families served (by client code and age band), and supervision given
(to spot a session logged on both sides)."""

CATEGORY_IDS = ("ifa", "ifs", "imhs", "imhm-c", "imhm-p", "imhm-rf", "i-ecfrs", "ecfa", "ecfs",
                "ecmhs", "ecmhm-c", "ecmhm-p", "ecmhm-rf")
"""The Endorsement category ids a profile may name (issue 12); rule sets use the same ids."""


@dataclass(frozen=True, slots=True)
class QualificationSpan:
    """A provider held `qualification` from `since` (inclusive) until the next span's `since`."""

    qualification: Qualification
    since: dt.date


@dataclass(frozen=True, slots=True)
class ProviderRecord:
    """An RSC provider as the user names them; identity is `id`, never the name (spec R3)."""

    id: str
    name: str
    qualifications: tuple[QualificationSpan, ...] = ()  # sorted by `since`
    contact_key: str | None = None  # signing key (hex) of a linked verified contact
    notes: str = ""

    def qualification_on(self, day: dt.date) -> Qualification:
        """Return what the provider held on `day` (UNKNOWN before the first span)."""
        held = Qualification.UNKNOWN
        for span in self.qualifications:
            if span.since <= day:
                held = span.qualification
        return held


@dataclass(frozen=True, slots=True)
class Profile:
    """The applicant's own facts the rules depend on (spec 2.3); stored encrypted."""

    category: str | None = None  # a category id of the rule set: ifa, ifs, imhs, imhm-c, ...
    track: Track = Track.IMH
    degree: Degree = Degree.NONE
    degree_date: dt.date | None = None
    bachelors_prepared: bool = False
    provides_rsc: bool = False
    endorsed: str | None = None  # category id held
    endorsed_since: dt.date | None = None
    submission_date: dt.date | None = None  # picks the rule version
    rule_set: str = "alliance-baseline"
    extra: dict[str, str] = field(default_factory=dict)  # forward-compatible keys kept as read


@dataclass(frozen=True, slots=True)
class ProviderMerge:
    """One logged merge: `from` was folded into `into`, and its entries followed."""

    from_id: str
    from_name: str
    into_id: str
    into_name: str
    entries: int
    merged_at: dt.datetime


@dataclass(frozen=True, slots=True)
class Amendment:
    """A dated note added to an entry whose hours a signature locks (never an edit of it)."""

    entry_id: str
    written_at: dt.datetime
    text: str


class EndorsementRecords(NamedTuple):
    """What the ledger reads from a journal: entries of LEDGER_KINDS (oldest first, without
    text or tags: see store/evidence.py), every provider, and the profile."""

    entries: list[Entry]
    providers: list[ProviderRecord]
    profile: Profile
