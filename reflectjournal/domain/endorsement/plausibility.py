"""Why a received session confirmation is held for the user instead of counting (issue 18).

A signature proves who confirmed a session, not that the session is believable: a verified
provider's key can be misused, or a supervisor can slip. So a confirmation that no ordinary
session would look like is held, with a plain reason, until the user decides. The same
reasons are shown on unverified claims, so the user sees everything odd at once.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reflectjournal.domain.endorsement.records import ProviderRecord

MAX_SESSION_MINUTES = 180
# About a month of weekly individual RSC is 4-5 h; 40 h at once is far beyond any month a
# supervisor could confirm, so a bundle carrying more is held whole (issue 18).
MAX_BUNDLE_MINUTES = 40 * 60


@dataclass(frozen=True, slots=True)
class ProposedSession:
    """One confirmation as the bundle states it."""

    id: str
    date: dt.date
    minutes: int
    format: str  # individual | group


def _hours(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d} min" if rest else f"{hours} h"


def hold_reasons(sessions: Sequence[ProposedSession], provider: ProviderRecord | None,
                 confirmed_days: Iterable[dt.date], today: dt.date) -> dict[str, list[str]]:
    """Return, per session id, the plain reasons it is held (absent: nothing odd).

    `confirmed_days` holds one date per individual session already confirmed with this
    provider, so a second one on the same day is noticed across bundles too.
    """
    reasons: dict[str, list[str]] = {s.id: [] for s in sessions}
    per_day = Counter(confirmed_days)
    per_day.update(s.date for s in sessions if s.format != "group")
    first = provider.qualifications[0].since if provider and provider.qualifications else None
    total = sum(s.minutes for s in sessions)
    for s in sessions:
        why = reasons[s.id]
        if s.minutes > MAX_SESSION_MINUTES:
            why.append(f"it lasts {_hours(s.minutes)}; a session over 3 hours is unusual")
        if s.format != "group" and per_day[s.date] > 1:
            why.append(f"it is one of {per_day[s.date]} individual sessions with the same "
                       f"provider on {s.date.isoformat()}")
        if s.date > today:
            why.append(f"it is dated {s.date.isoformat()}, in the future")
        if first is not None and s.date < first:
            why.append(f"it is dated {s.date.isoformat()}, before the provider's first "
                       f"recorded qualification ({first.isoformat()})")
        if total > MAX_BUNDLE_MINUTES:
            why.append(f"the reply adds {_hours(total)} at once, more than a month's worth "
                       f"(over {MAX_BUNDLE_MINUTES // 60} h)")
    return {sid: why for sid, why in reasons.items() if why}
