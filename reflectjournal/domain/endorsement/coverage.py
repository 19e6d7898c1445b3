"""Competency coverage: which areas a clinician's entries already show evidence for (spec 2.6).

Rows are the target category's competency areas, each followed by its knowledge areas. The
grid counts and dates evidence; it never scores it, because a "% complete" invites the
tick-box logging that e-portfolio users complain about. Training minutes are the ledger's
counted minutes, supplied by the caller, so this module and the ledger agree by construction.
The other-evidence column can come counted already (`OtherEvidence`, one per row): a journal
holds tens of thousands of tagged notes and reflections, and counting them in SQL
(store/evidence.py) is what keeps the Progress screen fast; `other_evidence` counts the same
thing from entries, and tests hold the two to each other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol, TypeVar

from reflectjournal.domain.errors import InvalidInputError
from reflectjournal.domain.ids import EntryId, TagId
from reflectjournal.domain.taxonomy import Tag

TRAINING_KIND = "training"
OTHER_EVIDENCE_KINDS = frozenset({"session", "supervision", "reflection"})
"""Kinds counted as other evidence: sessions, RSC received and reflections (count only)."""

REFERENCE_RATINGS_NOTE = "Reviewers rely mainly on your reference ratings here."
"""Shown on areas marked `reference_ratings` (spec C7) instead of presenting a gap to fill."""

UNCONFIRMED_MARK = " *"
UNCONFIRMED_NOTE = ("* Name not confirmed: we found no public source that gives this "
                    "competency's name, so your application may word it differently.")
"""The marker after a name whose `confirmed` flag is false (spec C6), and its footnote: it
read "(unconfirmed label)", words a clinician had to guess at."""

JsonValue = str | int | bool | None
_T = TypeVar("_T")


class TaggedEntry(Protocol):
    """What the grid reads of an entry; an `Entry` is one, and so is a lighter row.

    The service can hand over (id, kind, date, competencies) rows without loading bodies.
    """

    @property
    def id(self) -> EntryId: ...
    @property
    def kind(self) -> str: ...
    @property
    def date(self) -> dt.date: ...
    @property
    def competencies(self) -> tuple[TagId, ...]: ...


class CoverageStatus(StrEnum):
    """What kind of evidence a row has; the values are what exports show."""

    NONE = "no evidence"
    TRAINING = "training evidence"
    OTHER_ONLY = "other evidence only"


class CoverageColumn(StrEnum):
    """Which entries a clicked cell lists."""

    TRAINING = "training"  # the training entries and training hours cells
    OTHER = "other"  # the other evidence cell
    ANY = "any"  # the most recent and status cells


@dataclass(frozen=True, slots=True)
class OtherEvidence:
    """One row's other-evidence count and the date of its latest such entry."""

    entries: int
    latest: dt.date | None


@dataclass(frozen=True, slots=True)
class CoverageRow:
    """One area or knowledge area of the grid."""

    tag_id: TagId
    label: str
    parent: TagId | None
    training_entries: int
    training_minutes: int
    other_entries: int
    latest: dt.date | None
    status: CoverageStatus
    confirmed: bool  # False: mark the name (UNCONFIRMED_MARK) and give the footnote
    note: str = ""

    @property
    def level(self) -> int:
        """Return 1 for an area, 2 for a knowledge area."""
        return 1 if self.parent is None else 2


def coverage(entries: Iterable[TaggedEntry], tags: Sequence[Tag], category: str,
             training_minutes: Mapping[EntryId, int],
             other: Mapping[TagId, OtherEvidence] | None = None) -> tuple[CoverageRow, ...]:
    """Return the grid's rows for `category`, areas each followed by their knowledge areas.

    A knowledge-area tag also counts for its area, and an entry counts once per row however
    many of the area's items it carries; a training's full counted minutes go to every row
    it reaches (no splitting). Retired tags get no row of their own, but an entry tagged with
    a retired knowledge area still counts for its area. Entries of kinds that are neither
    training nor other evidence (self-care, supervision given ...) are not counted. With
    `other` given (counted per row by the caller, as `other_evidence` counts), `entries` are
    read for their trainings only.
    """
    shown = _shown_tags(tags, category)
    tallies = {t.id: _Tally() for t in shown}
    reach = {tag_id: tuple(tallies[r] for r in rows if r in tallies)
             for tag_id, rows in row_reach(tags).items()}
    counted = {TRAINING_KIND} if other is not None else {TRAINING_KIND, *OTHER_EVIDENCE_KINDS}
    for entry in entries:
        if entry.kind in counted and entry.competencies:
            is_training = entry.kind == TRAINING_KIND
            minutes = training_minutes.get(entry.id, 0) if is_training else 0
            for tally in _reached(entry, reach):
                tally.add(entry.date, is_training, minutes)
    for tag_id, evidence in (other or {}).items():
        if tag_id in tallies:
            tallies[tag_id].add_other(evidence)
    return tuple(tallies[tag.id].row(tag, category) for tag in shown)


def other_evidence(entries: Iterable[TaggedEntry],
                   tags: Sequence[Tag]) -> dict[TagId, OtherEvidence]:
    """Return each row's other-evidence count and latest date, counted from entries.

    The rule store/evidence.py counts in SQL, for rows of every category: an entry of an
    other-evidence kind counts once for each row its competency tags reach.
    """
    reach = {tag_id: tuple(rows) for tag_id, rows in row_reach(tags).items()}
    counts: dict[TagId, int] = {}
    latest: dict[TagId, dt.date] = {}
    for entry in entries:
        if entry.kind not in OTHER_EVIDENCE_KINDS or not entry.competencies:
            continue
        for row in _reached(entry, reach):
            counts[row] = counts.get(row, 0) + 1
            if row not in latest or entry.date > latest[row]:
                latest[row] = entry.date
    return {row: OtherEvidence(count, latest[row]) for row, count in counts.items()}


def _reached(entry: TaggedEntry, reach: Mapping[TagId, tuple[_T, ...]]) -> Iterable[_T]:
    """Return what an entry's tags reach, each once (an area and its item count once)."""
    if len(entry.competencies) == 1:
        return reach.get(entry.competencies[0], ())
    return {r for c in entry.competencies for r in reach.get(c, ())}


class _Tally:
    """One row's running counts while the entries are read."""

    __slots__ = ("latest", "minutes", "other", "training")

    def __init__(self) -> None:
        self.training = 0
        self.minutes = 0
        self.other = 0
        self.latest: dt.date | None = None

    def add(self, day: dt.date, is_training: bool, minutes: int) -> None:
        """Count one entry that reaches this row."""
        if is_training:
            self.training += 1
            self.minutes += minutes
        else:
            self.other += 1
        if self.latest is None or day > self.latest:
            self.latest = day

    def add_other(self, evidence: OtherEvidence) -> None:
        """Count other evidence counted elsewhere (in SQL)."""
        self.other += evidence.entries
        if evidence.latest is not None and (self.latest is None or evidence.latest > self.latest):
            self.latest = evidence.latest

    def row(self, tag: Tag, category: str) -> CoverageRow:
        """Return the finished row for `tag`, worded for `category`."""
        if self.training:
            status = CoverageStatus.TRAINING
        elif self.other:
            status = CoverageStatus.OTHER_ONLY
        else:
            status = CoverageStatus.NONE
        return CoverageRow(
            tag_id=tag.id, label=tag.label_for(category), parent=tag.parent,
            training_entries=self.training, training_minutes=self.minutes,
            other_entries=self.other, latest=self.latest, status=status,
            confirmed=tag.confirmed,
            note=REFERENCE_RATINGS_NOTE if tag.reference_ratings else "",
        )


def cell_entries(entries: Iterable[TaggedEntry], tags: Sequence[Tag], tag_id: TagId,
                 column: CoverageColumn) -> tuple[EntryId, ...]:
    """Return the entries behind one cell, most recent first (the same ones its count counts)."""
    kinds = {
        CoverageColumn.TRAINING: {TRAINING_KIND},
        CoverageColumn.OTHER: OTHER_EVIDENCE_KINDS,
        CoverageColumn.ANY: OTHER_EVIDENCE_KINDS | {TRAINING_KIND},
    }[column]
    reaching = reaching_tags(tags, tag_id)
    found = [e for e in entries if e.kind in kinds and reaching.intersection(e.competencies)]
    found.sort(key=lambda e: e.id)  # sorts are stable: same-day entries stay in id order
    found.sort(key=lambda e: e.date, reverse=True)
    return tuple(e.id for e in found)


def coverage_json(rows: Iterable[CoverageRow]) -> list[dict[str, JsonValue]]:
    """Return the rows as `progress --format json` writes them (documented in docs/coverage.md)."""
    return [
        {
            "area": row.tag_id,
            "label": row.label,
            "level": row.level,
            "parent": row.parent,
            "training_entries": row.training_entries,
            "training_minutes": row.training_minutes,
            "other_entries": row.other_entries,
            "latest": row.latest.isoformat() if row.latest else None,
            "status": row.status.value,
            "confirmed": row.confirmed,
            "note": row.note or None,
        }
        for row in rows
    ]


def category_ids(tags: Iterable[Tag]) -> tuple[str, ...]:
    """Return the category ids the tags' levels name, in first-seen order."""
    return tuple(dict.fromkeys(level for tag in tags for level in tag.levels))


def _shown_tags(tags: Sequence[Tag], category: str) -> list[Tag]:
    """Return the rows' tags: each applicable area, then its applicable knowledge areas."""
    competencies = [t for t in tags if t.family == "competency"]
    known = category_ids(competencies)
    if known and category not in known:
        raise InvalidInputError(f"Unknown category '{category}'.",
                                f"Categories: {', '.join(known)}.")
    shown: list[Tag] = []
    for area in competencies:
        if area.parent is not None or area.retired or not area.applies_to(category):
            continue
        shown.append(area)
        shown.extend(t for t in competencies
                     if t.parent == area.id and not t.retired and t.applies_to(category))
    return shown


def row_reach(tags: Iterable[Tag]) -> dict[TagId, tuple[TagId, ...]]:
    """Return, per competency tag id, the rows an entry tagged with it counts for."""
    return {t.id: (t.id,) if t.parent is None else (t.id, t.parent)
            for t in tags if t.family == "competency"}


def reaching_tags(tags: Iterable[Tag], row: TagId) -> set[TagId]:
    """Return the competency tag ids whose entries count for `row` (it and its items)."""
    return {t for t, rows in row_reach(tags).items() if row in rows}
