"""Foreign entries as ReflectJournal entries, and what a preview of them tells."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from reflectjournal.domain.entry import Entry
from reflectjournal.domain.foreign.model import ForeignEntry, ForeignJournal, Skipped, entry_id
from reflectjournal.domain.ids import TagId
from reflectjournal.domain.wording import count_words

IMPORT_KIND = "reflection"
"""The kind foreign entries become: free text with a title, as other apps keep them."""


def to_entry(journal: ForeignJournal, entry: ForeignEntry,
             tag_ids: Mapping[str, TagId]) -> Entry:
    """Return the entry to store; tag_ids maps each case-folded tag label to its id."""
    return Entry(
        id=entry_id(journal.source, entry.source_id), kind=IMPORT_KIND,
        date=entry.written_at.date(), title=entry.title, body=entry.body, answers={},
        fields={}, duration_minutes=None, competencies=(), themes=(),
        tags=tuple(dict.fromkeys(tag_ids[t.casefold()] for t in entry.tags)),
        starred=entry.starred, created_at=entry.written_at,
        modified_at=entry.modified_at or entry.written_at,
    )


def tag_labels(entries: Iterable[ForeignEntry]) -> dict[str, str]:
    """Return every tag label used, keyed by its case-folded form, first spelling kept."""
    labels: dict[str, str] = {}
    for entry in entries:
        for tag in entry.tags:
            labels.setdefault(tag.casefold(), tag)
    return labels


@dataclass(frozen=True, slots=True)
class ImportPreview:
    """What importing a source would do; nothing has been written yet."""

    journal: ForeignJournal
    new: int  # entries not imported before
    already: int  # entries a previous import of this source added
    first: dt.date | None
    last: dt.date | None
    new_tags: tuple[str, ...]  # user tags that will be created
    skipped: tuple[Skipped, ...]

    @property
    def total(self) -> int:
        """Return how many entries the source holds that can be imported."""
        return len(self.journal.entries)


def preview(journal: ForeignJournal, existing: Iterable[str],
            known_labels: Iterable[str]) -> ImportPreview:
    """Return the preview, given the ids already in the journal and its user tags' labels."""
    present = set(existing)
    ids = {entry_id(journal.source, e.source_id): e for e in journal.entries}
    fresh = [e for i, e in ids.items() if i not in present]
    dates = [e.written_at.date() for e in journal.entries]
    known = {label.casefold() for label in known_labels}
    new_tags = tuple(sorted((label for key, label in tag_labels(fresh).items()
                             if key not in known), key=str.casefold))
    return ImportPreview(journal, len(fresh), len(ids) - len(fresh), min(dates, default=None),
                         max(dates, default=None), new_tags, journal.skipped)


MAX_SKIPPED_SHOWN = 20


def preview_lines(p: ImportPreview) -> list[str]:
    """Return the preview in plain sentences, for the command line and the dialog."""
    lines = [f"{count_words(p.total, 'entry', 'entries')} found"
             + (f", from {p.first.isoformat()} to {p.last.isoformat()}."
                if p.first and p.last else ".")]
    if p.already:
        lines.append(f"{count_words(p.already, 'entry was', 'entries were')} imported before and "
                     "will be left as they are.")
    lines.append(f"{count_words(p.new, 'entry', 'entries')} will be added as free reflections.")
    if p.new_tags:
        lines.append(f"{count_words(len(p.new_tags), 'tag', 'tags')} will be created: "
                     + ", ".join(p.new_tags) + ".")
    lines += p.journal.notes
    if p.skipped:
        lines.append(f"Not imported ({len(p.skipped):,}):")
        lines += [f"  - {s.what}: {s.why}" for s in p.skipped[:MAX_SKIPPED_SHOWN]]
        if len(p.skipped) > MAX_SKIPPED_SHOWN:
            lines.append(f"  - and {len(p.skipped) - MAX_SKIPPED_SHOWN:,} more")
    return lines
