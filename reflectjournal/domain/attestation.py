"""A supervisor's signed period attestation (spec 2.7): sessions and hours over a period.

"Between D1 and D2 I provided N sessions, H hours, of reflective supervision/consultation to
[supervisee], individually / in a group; during that time I held [qualification]." The
supervisor's app computes N and H from the sessions it confirmed to that supervisee, so the
attestation and the per-session statements cannot disagree; it is signed like a session
statement and travels in the reply. The supervisee's summary lists it as supporting evidence.
No client content is ever in it.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass

from reflectjournal.domain.errors import BundleFormatError, ImportFormatError, InvalidInputError
from reflectjournal.domain.exchange import JsonReader

ATTESTATION_FORMAT = "reflectjournal-period-attestation"
VERSION = 1
MAX_ATTESTATIONS = 50  # in one reply
MAX_DECLARATION_CHARS = 300
FORMATS = ("individual", "group", "individual and group")


@dataclass(frozen=True, slots=True)
class PeriodAttestation:
    """What the supervisor attests for one supervisee and period (inclusive dates)."""

    id: str
    supervisor_key: bytes
    supervisee_key: bytes
    date_from: dt.date
    date_to: dt.date
    sessions: int
    minutes: int
    format: str  # one of FORMATS
    declaration: str  # the supervisor's qualification during the period, in their words
    made_on: dt.date

    def words(self, supervisor: str, supervisee: str) -> str:
        """Return the attestation as the sentence the supervisor signed."""
        hours = f"{self.minutes / 60:.2f}".rstrip("0").rstrip(".")
        how = {"individual": "individually", "group": "in a group"}.get(
            self.format, "individually and in a group")
        held = f"; during that time I held {self.declaration}" if self.declaration else ""
        return (f"Between {self.date_from.isoformat()} and {self.date_to.isoformat()} I "
                f"provided {self.sessions} sessions, {hours} hours, of reflective "
                f"supervision/consultation to {supervisee}, {how}{held}. ({supervisor}, "
                f"{self.made_on.isoformat()})")


def tally(sessions: Iterable[tuple[dt.date, int, str]], date_from: dt.date,
          date_to: dt.date) -> tuple[int, int, str]:
    """Return (sessions, minutes, format) of the (date, minutes, format) rows in the period."""
    if date_to < date_from:
        raise InvalidInputError("The period ends before it starts.")
    inside = [(m, f) for d, m, f in sessions if date_from <= d <= date_to]
    if not inside:
        raise InvalidInputError("You confirmed no sessions with this supervisee in that "
                                "period; confirm them first (confirm-session).")
    formats = {f for _, f in inside}
    shown = formats.pop() if len(formats) == 1 else "individual and group"
    return len(inside), sum(m for m, _ in inside), shown


def attestation_bytes(a: PeriodAttestation) -> bytes:
    """Serialise an attestation: the exact bytes the supervisor signs."""
    return json.dumps({
        "format": ATTESTATION_FORMAT, "version": VERSION, "id": a.id,
        "supervisor_key": base64.b64encode(a.supervisor_key).decode("ascii"),
        "supervisee_key": base64.b64encode(a.supervisee_key).decode("ascii"),
        "from": a.date_from.isoformat(), "to": a.date_to.isoformat(),
        "sessions": a.sessions, "minutes": a.minutes, "format_of_sessions": a.format,
        "declaration": a.declaration, "made_on": a.made_on.isoformat(),
    }, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def parse_attestation(data: bytes) -> PeriodAttestation:
    """Parse an attestation, or raise BundleFormatError naming what is wrong."""
    try:
        r = JsonReader(json.loads(data.decode("utf-8")), "")
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise BundleFormatError("A period attestation in the reply is not valid JSON.") from None
    try:
        if r.obj().get("format") != ATTESTATION_FORMAT or r.field("version").value != VERSION:
            raise BundleFormatError("A period attestation in the reply has an unknown format.")
        found = PeriodAttestation(
            id=str(r.field("id").entry_id()),
            supervisor_key=r.field("supervisor_key").base64(32, "a signing key"),
            supervisee_key=r.field("supervisee_key").base64(32, "a signing key"),
            date_from=r.field("from").date(), date_to=r.field("to").date(),
            sessions=r.field("sessions").integer(1, 10_000),
            minutes=r.field("minutes").integer(1, 10_000 * 24 * 60),
            format=r.field("format_of_sessions").choice(FORMATS),
            declaration=r.field("declaration").text(MAX_DECLARATION_CHARS),
            made_on=r.field("made_on").date(),
        )
    except ImportFormatError as exc:
        raise BundleFormatError(f"A period attestation is malformed: {exc.message}") from None
    if found.date_to < found.date_from:
        raise BundleFormatError("A period attestation ends before it starts.")
    return found
