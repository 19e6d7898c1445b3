"""What the editor holds, as the window saves it or keeps it as a draft."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from reflectjournal.domain.entry import EntryChanges, FieldValue
from reflectjournal.domain.ids import EntryId


@dataclass(frozen=True, slots=True)
class EditorValues:
    """Everything the editor holds, ready to save as an entry or keep as a draft.

    A new entry has its id from the start, so its draft and the saved entry share it.
    `revision` tells a late "saved" apart from one that covers the latest typing.
    """

    entry_id: EntryId
    changes: EntryChanges
    tag_labels: tuple[str, ...]
    revision: int
    # Fields of another kind, kept aside after a kind change: in the draft, not in the entry.
    kept_fields: Mapping[str, FieldValue] = field(default_factory=dict)
    template: str = ""  # the template asked ("built-in" or "t-..."), kept with the draft

    @property
    def draft_changes(self) -> EntryChanges:
        """The changes to keep as a draft: the entry's, plus any fields kept aside."""
        if not self.kept_fields:
            return self.changes
        return replace(self.changes, fields={**self.kept_fields, **(self.changes.fields or {})})
