"""Competency coverage: which areas a clinician's entries already show evidence for (spec 2.6).

Rows are the target category's competency areas, each followed by its knowledge areas. The
grid counts and dates evidence; it never scores it, because a "% complete" invites the
tick-box logging that e-portfolio users complain about. Training minutes are the ledger's
counted minutes, supplied by the caller, so this module and the ledger agree by construction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from reflectjournal.domain.entry import Entry
from reflectjournal.domain.errors import InvalidInputError
from reflectjournal.domain.ids import EntryId, TagId
from reflectjournal.domain.taxonomy import Tag

TRAINING_KIND = "training"
OTHER_EVIDENCE_KINDS = frozenset({"session", "supervision", "reflection"})
"""Kinds counted as other evidence: sessions, RSC received and reflections (count only)."""

REFERENCE_RATINGS_NOTE = "Reviewers rely mainly on your reference ratings here."
"""Shown on areas marked `reference_ratings` (spec C7) instead of presenting a gap to fill."""

JsonValue = str | int | bool | None


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
    confirmed: bool  # False: show the "unconfirmed label" marker
    note: str = ""

    @property
    def level(self) -> int:
        """Return 1 for an area, 2 for a knowledge area."""
        return 1 if self.parent is None else 2


def coverage(entries: Iterable[Entry], tags: Sequence[Tag], category: str,
             training_minutes: Mapping[EntryId, int]) -> tuple[CoverageRow, ...]:
    """Return the grid's rows for `category`, areas each followed by their knowledge areas.

    A knowledge-area tag also counts for its area, and an entry counts once per row however
    many of the area's items it carries; a training's full counted minutes go to every row
    it reaches (no splitting). Retired tags get no row of their own, but an entry tagged with
    a retired knowledge area still counts for its area. Entries of kinds that are neither
    training nor other evidence (self-care, supervision given ...) are not counted.
    """
    shown = _shown_tags(tags, category)
    training: dict[TagId, list[Entry]] = {t.id: [] for t in shown}
    other: dict[TagId, list[Entry]] = {t.id: [] for t in shown}
    parents = _parents(tags)
    for entry in entries:
        if entry.kind == TRAINING_KIND:
            bucket = training
        elif entry.kind in OTHER_EVIDENCE_KINDS:
            bucket = other
        else:
            continue
        for row_id in _rows_reached(entry, parents):
            if row_id in bucket:
                bucket[row_id].append(entry)
    return tuple(_row(tag, category, training[tag.id], other[tag.id], training_minutes)
                 for tag in shown)


def cell_entries(entries: Iterable[Entry], tags: Sequence[Tag], tag_id: TagId,
                 column: CoverageColumn) -> tuple[EntryId, ...]:
    """Return the entries behind one cell, most recent first (the same ones its count counts)."""
    kinds = {
        CoverageColumn.TRAINING: {TRAINING_KIND},
        CoverageColumn.OTHER: OTHER_EVIDENCE_KINDS,
        CoverageColumn.ANY: OTHER_EVIDENCE_KINDS | {TRAINING_KIND},
    }[column]
    parents = _parents(tags)
    found = [e for e in entries if e.kind in kinds and tag_id in _rows_reached(e, parents)]
    found.sort(key=lambda e: e.id)
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


def _parents(tags: Iterable[Tag]) -> dict[TagId, TagId | None]:
    return {t.id: t.parent for t in tags if t.family == "competency"}


def _rows_reached(entry: Entry, parents: Mapping[TagId, TagId | None]) -> set[TagId]:
    """Return the tag ids an entry counts for: its competency tags and their areas."""
    reached: set[TagId] = set()
    for tag_id in entry.competencies:
        if tag_id not in parents:
            continue  # a tag this catalog does not know: no row, no area to roll up to
        reached.add(tag_id)
        parent = parents[tag_id]
        if parent is not None:
            reached.add(parent)
    return reached


def _row(tag: Tag, category: str, training: Sequence[Entry], other: Sequence[Entry],
         minutes: Mapping[EntryId, int]) -> CoverageRow:
    dates = [e.date for e in (*training, *other)]
    if training:
        status = CoverageStatus.TRAINING
    elif other:
        status = CoverageStatus.OTHER_ONLY
    else:
        status = CoverageStatus.NONE
    return CoverageRow(
        tag_id=tag.id, label=tag.label_for(category), parent=tag.parent,
        training_entries=len(training),
        training_minutes=sum(minutes.get(e.id, 0) for e in training),
        other_entries=len(other),
        latest=max(dates) if dates else None,
        status=status,
        confirmed=tag.confirmed,
        note=REFERENCE_RATINGS_NOTE if tag.reference_ratings else "",
    )
