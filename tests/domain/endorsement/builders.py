"""Small builders for ledger tests: real domain Entry values, providers and profiles."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from reflectjournal.domain.endorsement.ledger import compute_progress
from reflectjournal.domain.endorsement.records import (
    Degree,
    Profile,
    ProviderRecord,
    Qualification,
    QualificationSpan,
)
from reflectjournal.domain.endorsement.results import Progress
from reflectjournal.domain.entry import Entry, FieldValue
from reflectjournal.domain.ids import EntryId
from reflectjournal.resources import load_rule_set

D = dt.date.fromisoformat
_STAMP = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
H = 60  # minutes in an hour, so tests read in hours


def entry(entry_id: str, kind: str, day: str, *, minutes: int | None = None, title: str = "",
          fields: dict[str, FieldValue] | None = None,
          created: dt.datetime = _STAMP) -> Entry:
    values: dict[str, Any] = {
        "id": EntryId(entry_id), "kind": kind, "date": D(day), "title": title,
        "body": "", "answers": {}, "fields": fields or {}, "duration_minutes": minutes,
        "competencies": (), "themes": (), "tags": (), "starred": False,
        "created_at": created, "modified_at": created,
    }
    return Entry(**values)


def sup(entry_id: str, day: str, minutes: int, provider: str | None = "A",
        **fields: FieldValue) -> Entry:
    """A supervision-received entry; reflective, individual, not peer unless told."""
    values: dict[str, FieldValue] = {"format": "individual", "peer": False,
                                     "supervision_type": "reflective"}
    if provider is not None:
        values["provider_id"] = provider
    values.update(fields)
    return entry(entry_id, "supervision", day, minutes=minutes, fields=values)


def monthly(prefix: str, provider: str, first: str, months: int, minutes: int,
            **fields: FieldValue) -> list[Entry]:
    """One session on the 10th of each month for `months` months from `first` (YYYY-MM)."""
    year, month = int(first[:4]), int(first[5:7])
    found = []
    for i in range(months):
        y, m = divmod(year * 12 + month - 1 + i, 12)
        found.append(sup(f"{prefix}{i:02d}", f"{y:04d}-{m + 1:02d}-10", minutes, provider,
                         **fields))
    return found


def training(entry_id: str, day: str, hours: float, *, independent: float = 0,
             title: str = "", **flags: FieldValue) -> Entry:
    fields: dict[str, FieldValue] = {"hours_face_to_face": hours}
    if independent:
        fields["hours_independent"] = independent
    fields.update(flags)
    return entry(entry_id, "training", day, title=title, fields=fields)


def provider(pid: str, name: str | None = None,
             *spans: tuple[Qualification, str]) -> ProviderRecord:
    held = spans or ((Qualification.IMHS, "2010-01-01"),)
    return ProviderRecord(id=pid, name=name or pid,
                          qualifications=tuple(QualificationSpan(q, D(d)) for q, d in held))


PROVIDERS = (provider("A", "Avery"), provider("B", "Blake"), provider("C", "Casey"))
MENTORS = tuple(provider(p, n, (Qualification.IMHM_C, "2010-01-01"))
                for p, n in (("A", "Avery"), ("B", "Blake")))


def profile(category: str | None = "imhs", **changes: Any) -> Profile:
    values: dict[str, Any] = {"category": category, "degree": Degree.MASTER,
                              "degree_date": D("2015-06-01")}
    values.update(changes)
    return Profile(**values)


def progress(entries: Iterable[Entry], *, category: str | None = None,
             providers: Iterable[ProviderRecord] = PROVIDERS, as_of: str = "2026-06-30",
             prof: Profile | None = None, **kwargs: Any) -> Progress:
    """Compute with the shipped rules; the category defaults to the profile's (else imhs)."""
    return compute_progress(entries, providers, prof or profile(category or "imhs"),
                            load_rule_set(),
                            D(as_of), category=category, **kwargs)


def reasons(result: Progress) -> dict[str, str]:
    """Return entry id -> reason of every excluded session."""
    return {e.entry_id: e.reason.value for e in result.rsc.excluded}
