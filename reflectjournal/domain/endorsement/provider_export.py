"""Provider records in the JSON export (an optional top-level `providers` list).

Supervision entries name their provider by record id, which means nothing in another
journal; the export carries the records its entries name, so an import into another journal
recreates them (same id, name and qualification history). Readers of version 1 that predate
the list ignore it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from reflectjournal.domain.endorsement.records import (
    ProviderRecord,
    Qualification,
    QualificationSpan,
)
from reflectjournal.domain.errors import ImportFormatError

MAX_PROVIDERS = 10_000
_ID = re.compile(r"[0-9a-f]{32}")


def providers_json(records: Iterable[ProviderRecord]) -> list[dict[str, Any]]:
    """Return provider records as export JSON values (no contact key: it is this journal's)."""
    return [{"id": r.id, "name": r.name, "notes": r.notes,
             "qualifications": [{"qualification": s.qualification.value,
                                 "since": s.since.isoformat()} for s in r.qualifications]}
            for r in records]


def parse_providers(value: Any) -> tuple[ProviderRecord, ...]:
    """Read the export's `providers` list (absent: none), or raise naming the bad value."""
    if value is None:
        return ()
    if not isinstance(value, list) or len(value) > MAX_PROVIDERS:
        raise ImportFormatError(f"providers: expected a list of at most {MAX_PROVIDERS}.")
    records = []
    for i, raw in enumerate(value):
        at = f"providers[{i}]"
        if not isinstance(raw, dict):
            raise ImportFormatError(f"{at}: expected an object.")
        provider_id, name, notes = raw.get("id"), raw.get("name"), raw.get("notes", "")
        if not isinstance(provider_id, str) or not _ID.fullmatch(provider_id):
            raise ImportFormatError(f"{at}.id: expected 32 lower-case hex digits.")
        if not isinstance(name, str) or not name.strip() or len(name) > 200:
            raise ImportFormatError(f"{at}.name: expected a name of 1 to 200 characters.")
        if not isinstance(notes, str) or len(notes) > 2000:
            raise ImportFormatError(f"{at}.notes: expected text of at most 2000 characters.")
        spans = raw.get("qualifications", [])
        if not isinstance(spans, list) or len(spans) > 100:
            raise ImportFormatError(f"{at}.qualifications: expected a list.")
        records.append(ProviderRecord(provider_id, " ".join(name.split()),
                                      tuple(_span(s, f"{at}.qualifications[{j}]")
                                            for j, s in enumerate(spans)), None, notes))
    return tuple(records)


def _span(raw: Any, at: str) -> QualificationSpan:
    if not isinstance(raw, dict):
        raise ImportFormatError(f"{at}: expected an object.")
    try:
        return QualificationSpan(Qualification(str(raw.get("qualification"))),
                                 dt.date.fromisoformat(str(raw.get("since"))))
    except ValueError:
        raise ImportFormatError(f"{at}: expected a known qualification and a since-date "
                                "(YYYY-MM-DD).") from None
