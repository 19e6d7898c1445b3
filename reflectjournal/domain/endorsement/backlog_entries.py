"""Rows of a spreadsheet of past hours as entries, and the preview that says what each becomes.

An entry's id is a UUID 5 of the row's source id (backlog_csv.py: kind, date, provider or
sponsor, format, title, and which of the same it is), fixed for good, so importing the file
again adds only rows that are new. Providers are matched to the journal's records by name,
case and spacing aside; a name no record has becomes a new record, and the preview says which.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from reflectjournal.domain.endorsement.backlog_csv import BacklogRow, HoursFile, provider_key
from reflectjournal.domain.endorsement.records import SupervisionField, TrainingField
from reflectjournal.domain.endorsement.sessions import hours_words
from reflectjournal.domain.endorsement.similar_names import similar_names
from reflectjournal.domain.entry import Entry
from reflectjournal.domain.ids import EntryId
from reflectjournal.domain.wording import count_words

# Fixed for ever: re-importing a file finds the entries it added before by these ids.
_NAMESPACE = uuid.UUID("3b0f6c1e-9d2a-5c47-8e1b-7a4d2f6e9c30")


def row_id(row: BacklogRow) -> EntryId:
    """Return the stable entry id of a row."""
    return EntryId(str(uuid.uuid5(_NAMESPACE, f"hours-csv\n{row.source_id}")))


def row_entry(row: BacklogRow, provider_id: str | None, now: dt.datetime) -> Entry:
    """Return the entry a row becomes (created now: it is entered later than it happened)."""
    fields = dict(row.fields)
    if provider_id is not None:
        fields[SupervisionField.PROVIDER_ID.value] = provider_id
    return Entry(
        id=row_id(row), kind=row.kind, date=row.date, title=row.title, body=row.body,
        answers={}, fields=fields,
        duration_minutes=row.minutes if row.kind == "supervision" else None,
        competencies=(), themes=(), tags=(), starred=False, created_at=now, modified_at=now)


@dataclass(frozen=True, slots=True)
class HoursPreview:
    """What importing a spreadsheet of past hours would do; nothing has been written yet."""

    file: HoursFile
    already: frozenset[int]  # lines of rows imported before
    records: Mapping[str, str]  # provider_key -> the name of the record it matches
    logged: frozenset[int]  # lines of sessions the journal already has on that day and provider

    @property
    def new(self) -> int:
        """Return how many rows would be added."""
        return len(self.file.rows) - len(self.already)

    def new_records(self) -> dict[str, str]:
        """Return the provider names that will become new records, by key, first spelling
        kept (as the import names the record)."""
        names: dict[str, str] = {}
        for row in self.file.rows:
            key = provider_key(row.provider)
            if row.line not in self.already and key and key not in self.records:
                names.setdefault(key, " ".join(row.provider.split()))
        return names

    def look_alike(self) -> list[tuple[str, str]]:
        """Return (new name, other name) pairs that may be one person typed two ways (spec
        2.9.3): each new record against the journal's records and the other new ones."""
        new = list(self.new_records().values())
        pairs = []
        for i, name in enumerate(new):
            others = [*new[i + 1:], *sorted(set(self.records.values()))]
            pairs += [(name, other) for other in others if similar_names(name, other)]
        return pairs


def _yes(fields: Mapping[str, object], key: str) -> bool:
    return fields.get(key) is True


def row_words(row: BacklogRow, preview: HoursPreview, new: Mapping[str, str]) -> str:
    """Return what a row becomes, in words."""
    f = row.fields
    if row.kind == "training":
        parts = [f"{hours_words(row.minutes)} face-to-face"]
        if row.independent_minutes:
            parts.append(f"{hours_words(row.independent_minutes)} independent")
        end = f.get(TrainingField.DATE_END.value)
        flags = [word for key, word in (("about_rsc", "about RSC"), ("dei", "DEI"),
                                        ("didactic", "didactic")) if _yes(f, key)]
        if f.get(TrainingField.COUNTS.value) is False:
            flags.append("marked as not counting")
        sponsor = f.get(TrainingField.SPONSOR.value)
        return (f"training {row.date.isoformat()}" + (f" to {end}" if end else "")
                + (f" '{row.title}'" if row.title else "") + (f" by {sponsor}" if sponsor else "")
                + f": {', '.join(parts)}" + (f" ({', '.join(flags)})" if flags else ""))
    s = SupervisionField
    details = [str(f.get(s.FORMAT.value, "individual"))]
    if f.get(s.MODE.value):
        details.append("in person" if f[s.MODE.value] == "in-person" else str(f[s.MODE.value]))
    kind = f.get(s.SUPERVISION_TYPE.value, "reflective")
    if kind != "reflective":
        details.append(f"{kind} (never counts)")
    if _yes(f, s.PEER.value):
        details.append("peer (never counts)")
    if _yes(f, s.ABOUT_OWN_RSC.value):
        details.append("about the RSC I provide")
    if f.get(s.FOCUS.value):
        details.append(f"age focus {f[s.FOCUS.value]}")
    if f.get(s.CONFIRMATION.value) == "printed-signature":
        details.append("printed signature")
    key = provider_key(row.provider)
    if not key:
        who = "no provider (will not count until you pick one)"
    elif key in preview.records:
        who = f"with {preview.records[key]} (your record)"
    else:
        who = f"with {new.get(key, row.provider)} (a new provider record)"
    words = (f"RSC session {row.date.isoformat()}, {hours_words(row.minutes)} {who}, "
             + ", ".join(details))
    if row.line in preview.logged:
        words += "; you logged a session that day with this provider: flagged as a possible " \
                 "duplicate until you resolve it"
    return words


def preview_lines(p: HoursPreview) -> list[str]:
    """Return the preview in plain sentences: every row and every refused row, by line."""
    rows, f = p.file.rows, p.file
    trainings = sum(r.kind == "training" for r in rows)
    sessions = len(rows) - trainings
    lines = [f"{count_words(len(rows), 'row', 'rows')} can be imported "
             f"({count_words(trainings, 'training', 'trainings')}, "
             f"{count_words(sessions, 'RSC session', 'RSC sessions')}); "
             f"{len(f.refused):,} refused. Each is marked 'entered later'."]
    if p.already:
        one = len(p.already) == 1
        lines.append(f"{count_words(len(p.already), 'row was', 'rows were')} imported before and "
                     f"will be left as {'it is' if one else 'they are'}.")
    new = p.new_records()
    if new:
        lines.append(f"{count_words(len(new), 'new provider record', 'new provider records')} will "
                     "be made (names matched to yours whatever the case): "
                     + ", ".join(new.values()) + ". Add each one's qualification "
                     "(Providers, or reflectjournal provider qualify) so their sessions count.")
    for name, other in p.look_alike():
        # Offered, never done: two people can share a surname (similar_names says why).
        lines.append(f"'{name}' and '{other}' may be one person typed two ways: if so, merge "
                     f"them after importing (Providers > Merge, or reflectjournal provider "
                     f"merge \"{name}\" \"{other}\").")
    lines.append("Columns read: " + ", ".join(f"{h} as {c.value}" for h, c in f.columns) + ".")
    if f.ignored:
        lines.append("Columns not read: " + ", ".join(f.ignored) + ".")
    lines += f.notes
    lines.append("Rows:")
    for row in rows:
        state = "imported before" if row.line in p.already else row_words(row, p, new)
        lines.append(f"  line {row.line}: {state}")
    if f.refused:
        lines.append(f"Refused ({len(f.refused):,}):")
        lines += [f"  line {r.line}: {r.reason}" for r in f.refused]
    return lines
