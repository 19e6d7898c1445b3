"""The printable summary's training and RSC tables, with the columns a reviewer reads.

Trainings as the application's training tab lists them: dates, name, sponsor, face-to-face
and independent hours, continuing-education credits, the flags the ledger's parts ask for,
and what counted; trainings that do not count in their own table with the reason. Sessions
grouped by provider (name, qualification history, role), each with its format, mode,
whether it was about the RSC the applicant provides, and how it is confirmed; excluded
sessions in their own table with their reason. Every total row is the ledger's own figure
(a test holds them equal), so the printed sums and the Progress screen never disagree.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence

from reflectjournal.domain.endorsement.records import (
    Confirmation,
    ProviderRecord,
    SupervisionField,
    TrainingField,
)
from reflectjournal.domain.endorsement.results import Progress
from reflectjournal.domain.endorsement.sessions import SUPERVISION_KIND, TRAINING_KIND, Training
from reflectjournal.domain.endorsement.sessions import hours_words as hours
from reflectjournal.domain.entry import Entry
from reflectjournal.domain.printable import Heading, Paragraph, Table

Block = Heading | Paragraph | Table
ENTERED_LATER = "entered_later"  # as backlog_csv marks an imported row
FLAG_WORDS = (("about_rsc", "RSC"), ("dei", "DEI"), ("didactic", "didactic"))
_CONFIRMED = {Confirmation.SIGNED.value: "verified signature",
              Confirmation.PRINTED_SIGNATURE.value: "printed signature",
              Confirmation.HAND_LOGGED.value: "hand-logged"}
_NOT_NEEDED = "not needed"  # qualifying, but not in the selection that meets the rule
MODE_WORDS = {"in-person": "in person", "virtual": "virtual"}
TRAINING_COLUMNS = ("Dates", "Training (sponsor)", "Face to face", "Independent",
                    "CE credits", "Flags", "Counted")
NOT_COUNTED_COLUMNS = ("Dates", "Training", "Hours", "Why not")


def key_fingerprint(hex_key: str) -> str:
    """Return a signing key's short label, as contact cards show it (SHA-256, 12 digits)."""
    return hashlib.sha256(bytes.fromhex(hex_key)).hexdigest()[:12]


def confirmed_words(entry: Entry, keys: Mapping[str, str]) -> str:
    """How a session is evidenced; a verified signature names its key, a backlog row says
    it was entered later."""
    value = str(entry.fields.get(SupervisionField.CONFIRMATION.value) or "")
    words = _CONFIRMED.get(value, "hand-logged")
    key = keys.get(str(entry.fields.get(SupervisionField.PROVIDER_ID.value, "") or ""))
    if value == Confirmation.SIGNED and key:
        words += f", key {key_fingerprint(key)}"
    if entry.fields.get(ENTERED_LATER) is True:
        words += ", entered later"
    return words


def _dates(entry: Entry) -> str:
    end = entry.fields.get(TrainingField.DATE_END.value)
    start = entry.date.isoformat()
    return f"{start} to {end}" if isinstance(end, str) and end and end != start else start


def training_tables(progress: Progress,
                    entries: Sequence[Entry]) -> tuple[Table | None, Table | None]:
    """The counted trainings with their flags and a total row, and those not counted with
    the reason (None where there are none): the summary prints them, the Progress screen's
    Training tab lists them."""
    t = progress.training
    excluded = {e.entry_id: e for e in t.excluded}
    rows: list[tuple[str, ...]] = []
    face = independent = counted = 0
    not_counted: list[tuple[str, ...]] = []
    for e in sorted((e for e in entries if e.kind == TRAINING_KIND), key=lambda e: (e.date, e.id)):
        seen = Training.of(e)
        name = e.title or "(training)"
        if e.id in excluded:
            why = excluded[e.id]
            not_counted.append((_dates(e), name, hours(why.minutes), why.detail))
            continue
        if e.id not in t.counted:
            continue
        face += seen.face_minutes
        independent += seen.independent_minutes
        counted += t.counted[e.id]
        # The sponsor under the name, as the training tab pairs them: a column of its own
        # would squeeze the names into one word a line.
        rows.append((_dates(e), f"{name} ({seen.sponsor})" if seen.sponsor else name,
                     hours(seen.face_minutes),
                     hours(seen.independent_minutes) if seen.independent_minutes else "",
                     str(e.fields.get("ce_credits", "") or ""),
                     ", ".join(word for key, word in FLAG_WORDS if key in seen.flags),
                     hours(t.counted[e.id])))
    counted_table = None
    if rows:
        rows.append(("Total", "", hours(face), hours(independent) if independent else "",
                     "", "", hours(counted)))
        counted_table = Table(TRAINING_COLUMNS, tuple(rows), figures=frozenset({2, 3, 6}))
    return counted_table, (Table(NOT_COUNTED_COLUMNS, tuple(not_counted),
                                 figures=frozenset({2}))
                           if not_counted else None)


def independent_words(progress: Progress) -> str:
    """Say that independent learning is listed and not counted (empty when it counts)."""
    independent = progress.training.independent_minutes
    if not independent or progress.count_independent:
        return ""
    return (f"Independent learning ({hours(independent)}) is listed and not counted: "
            "check with your association whether it counts.")


def training_blocks(progress: Progress, entries: Sequence[Entry]) -> list[Block]:
    """The counted trainings with their parts and a total row; then those not counted."""
    counted, not_counted = training_tables(progress, entries)
    blocks: list[Block] = []
    if counted is not None:
        blocks.append(counted)
        if independent_words(progress):
            blocks.append(Paragraph(independent_words(progress)))
    if not_counted is not None:
        blocks += [Heading(3, "Trainings not counted"), not_counted]
    return blocks


def _qualification_words(record: ProviderRecord | None) -> str:
    if record is None or not record.qualifications:
        return "qualification not recorded"
    return "; ".join(f"{span.qualification.value} from {span.since.isoformat()}"
                     for span in record.qualifications)


def rsc_blocks(progress: Progress, entries: Sequence[Entry],
               providers: Sequence[ProviderRecord], keys: Mapping[str, str]) -> list[Block]:
    """Sessions by provider (counted, or qualifying and not needed), then those excluded."""
    r = progress.rsc
    counted = set(r.counted_entries)
    excluded = {e.entry_id: e for e in r.excluded}
    records = {p.id: p for p in providers}
    roles = {p.id: p.role.value for p in r.providers}
    groups: dict[str, list[Entry]] = {}
    left_out: list[tuple[str, ...]] = []
    left_out_minutes = 0
    for e in sorted((e for e in entries if e.kind == SUPERVISION_KIND),
                    key=lambda e: (e.date, e.id)):
        provider = str(e.fields.get(SupervisionField.PROVIDER_ID.value, "") or "")
        if e.id in excluded:
            why = excluded[e.id]
            left_out_minutes += why.minutes
            name = records[provider].name if provider in records else "(no provider)"
            # How it is confirmed stays with it: a signed session that does not count is
            # still evidence the reviewer may ask about.
            left_out.append((e.date.isoformat(), name, str(why.minutes),
                             str(e.fields.get(SupervisionField.FORMAT.value) or "individual"),
                             why.detail, confirmed_words(e, keys)))
        else:
            groups.setdefault(provider, []).append(e)
    order = [p.id for p in r.providers if p.id in groups]
    order += sorted((p for p in groups if p not in order),
                    key=lambda p: (records[p].name.casefold() if p in records else "", p))
    blocks: list[Block] = []
    total = 0
    for provider in order:
        record = records.get(provider)
        role = roles.get(provider)
        blocks.append(Heading(3, (record.name if record else "(no provider)")
                              + f" · {_qualification_words(record)}"
                              + (f" · {role}" if role else "")))
        rows: list[tuple[str, ...]] = []
        mine = 0
        for e in groups[provider]:
            f = e.fields
            is_counted = e.id in counted
            minutes = e.duration_minutes or 0
            mine += minutes if is_counted else 0
            rows.append((e.date.isoformat(), str(minutes),
                         str(f.get(SupervisionField.FORMAT.value) or "individual"),
                         MODE_WORDS.get(str(f.get(SupervisionField.MODE.value) or ""), ""),
                         "yes" if f.get(SupervisionField.ABOUT_OWN_RSC.value) is True else "",
                         "yes" if is_counted else _NOT_NEEDED,
                         confirmed_words(e, keys)))
        total += mine
        rows.append(("Counted", str(mine), "", "", "", hours(mine), ""))
        blocks.append(Table(("Date", "Minutes", "Format", "Mode", "About own RSC", "Counted",
                             "Confirmed"), tuple(rows), figures=frozenset({1})))
    if groups:
        blocks.append(Paragraph(f"Counted from all providers: {hours(total)} of "
                                f"{hours(r.required_minutes)} required."))
    if left_out:
        left_out.append(("Total", "", str(left_out_minutes), "", hours(left_out_minutes), ""))
        blocks += [Heading(3, "Sessions not counted"),
                   Table(("Date", "Provider", "Minutes", "Format", "Why not", "Confirmed"),
                         tuple(left_out), figures=frozenset({2}))]
    return blocks
