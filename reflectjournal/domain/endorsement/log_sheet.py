"""A printable RSC log for a supervisor who does not use the app (spec 2.7, paper fallback).

One page per provider: the sessions the user logged with them (date, minutes, individual or
group, mode, about the RSC the user provides), a blank column for the supervisor's initials,
blank rows for sessions not logged yet, and signature lines. The user has it signed, keeps
the paper (or a scan), and marks those sessions "confirmed (printed signature)".

Nothing from any reflection is on it: no title, no text, no prompt answers, no client codes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from reflectjournal.domain.endorsement.records import ProviderRecord, SupervisionField
from reflectjournal.domain.entry import Entry
from reflectjournal.domain.printable import Document, Heading, Notes, Paragraph, Table
from reflectjournal.domain.wording import count_words

BLANK_ROWS = 4
COLUMNS = ("Date", "Minutes", "Individual / group", "Mode", "About my RSC",
           "Supervisor's initials")
SUPERVISION_KIND = "supervision"

_FORMAT = {"individual": "Individual", "group": "Group"}
_MODE = {"in-person": "In person", "virtual": "Virtual"}


def _row(entry: Entry) -> tuple[str, ...]:
    fields = entry.fields
    about = fields.get(SupervisionField.ABOUT_OWN_RSC)
    return (entry.date.isoformat(), str(entry.duration_minutes or ""),
            _FORMAT.get(str(fields.get(SupervisionField.FORMAT, "")), ""),
            _MODE.get(str(fields.get(SupervisionField.MODE, "")), ""),
            "yes" if about is True else "no" if about is False else "", "")


def log_sheet(provider: ProviderRecord, entries: Iterable[Entry], applicant: str,
              today: dt.date) -> Document:
    """Return the log of the user's sessions with provider, oldest first, to be signed."""
    sessions = sorted((e for e in entries if e.kind == SUPERVISION_KIND
                       and e.fields.get(SupervisionField.PROVIDER_ID) == provider.id),
                      key=lambda e: (e.date, e.id))
    total = sum(e.duration_minutes or 0 for e in sessions)
    held = provider.qualification_on(today)
    rows = tuple(_row(e) for e in sessions) + (("",) * len(COLUMNS),) * BLANK_ROWS
    who = applicant.strip() or "the supervisee named by the supervisor below"
    return Document(
        title="Reflective supervision / consultation log",
        subtitle=f"Sessions of {who} with {provider.name} · printed {today.isoformat()}",
        blocks=(
            Paragraph(f"Provider: {provider.name}. Qualification as recorded by the "
                      f"supervisee: {held.value}. Please correct anything that is wrong, "
                      f"initial each session you provided, and sign below."),
            Table(COLUMNS, rows, figures=frozenset({1})),
            Paragraph(f"{count_words(len(sessions), 'session', 'sessions')} logged, "
                      f"{count_words(total, 'minute', 'minutes')} "
                      f"({total / 60:.2f} hours)."),
            Heading(2, "Statement"),
            Paragraph("I provided the reflective supervision / consultation initialled above "
                      "to the supervisee named at the top, on the dates and for the minutes "
                      "shown. During that time I held the qualification I write here:"),
            Notes(1),
            Paragraph("Supervisor's name, signature and date:"),
            Notes(2),
        ),
        notice="A log of supervision hours from ReflectJournal: dates and minutes only, no "
               "reflection content.",
    )
