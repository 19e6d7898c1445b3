"""The one-call shortcuts on Journal that callers written before the split still use.

Each delegates to one of the journal's focused services (`entries`, `tags`, `exchange`,
`backups`, `keys`); new code calls those services directly. Journal inherits these, so a
shortcut adds nothing that the service does not already do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from reflectjournal.domain.search import EVERYTHING, EntryFilter, SortOrder
from reflectjournal.domain.taxonomy import linked_tags

if TYPE_CHECKING:
    from pathlib import Path

    from reflectjournal.domain.draft import Draft
    from reflectjournal.domain.entry import Entry, EntryChanges, EntrySummary
    from reflectjournal.domain.ids import EntryId, TagId
    from reflectjournal.domain.taxonomy import Catalog, Tag, TagFamily
    from reflectjournal.services.backups import Backups, HealthReport
    from reflectjournal.services.entries import Entries
    from reflectjournal.services.exchange import Exchange
    from reflectjournal.services.keys import Keys
    from reflectjournal.services.tags import Tags


class JournalShortcuts:
    """Journal's older methods, each a call on one of its services."""

    # Set by Journal.__init__.
    catalog: Catalog
    keys: Keys
    exchange: Exchange
    backups: Backups
    _entries: Entries
    _tags: Tags

    def change_passphrase(self, current: str, new: str) -> None:
        """Rewrap the data key under a new passphrase; the database is not touched."""
        self.keys.change_passphrase(current, new)

    def new_recovery_key(self) -> str:
        """Replace the recovery key; the old one stops working. Return the new one."""
        return self.keys.new_recovery_key()

    def add_entry(self, changes: EntryChanges, entry_id: EntryId | None = None) -> Entry:
        """Create an entry from the given values."""
        return self._entries.add(changes, entry_id)

    def update_entry(self, entry_id: EntryId, changes: EntryChanges) -> Entry:
        """Change an entry's values; unchanged values stay."""
        return self._entries.update(entry_id, changes)

    def delete_entry(self, entry_id: EntryId) -> Entry:
        """Move an entry to the trash and return it, so the caller can offer undo."""
        return self._entries.delete(entry_id)

    def restore_entry(self, entry: Entry) -> None:
        """Put back an entry returned by delete_entry (undo)."""
        self._entries.restore(entry)

    def save_entry(self, entry_id: EntryId | None, changes: EntryChanges,
                   tag_labels: Sequence[str] | None = None, template: str = "") -> Entry:
        """Save the editor's entry, and the template it asked, and drop its draft,
        atomically (see Entries.save)."""
        return self._entries.save(entry_id, changes, tag_labels, template)

    def save_draft(self, entry_id: EntryId, changes: EntryChanges,
                   tag_labels: Sequence[str] = (), template: str = "") -> Draft:
        """Keep the editor's unsaved state of one entry, and the template it asked."""
        return self._entries.save_draft(entry_id, changes, tag_labels, template)

    def draft(self, entry_id: EntryId) -> Draft | None:
        """Return the kept draft of an entry (new or existing), if any."""
        return self._entries.draft(entry_id)

    def drafts(self) -> list[Draft]:
        """Return every kept draft, the most recent first (offered back after a crash)."""
        return self._entries.drafts()

    def discard_draft(self, entry_id: EntryId) -> None:
        """Forget an entry's draft."""
        self._entries.discard_draft(entry_id)

    def get_entry(self, id_or_prefix: str) -> Entry:
        """Return an entry by full id or unique prefix."""
        return self._entries.get(id_or_prefix)

    def get_entries(self, ids: Sequence[EntryId]) -> list[Entry]:
        """Return full entries for the given ids, in that order."""
        return self._entries.get_many(ids)

    def list_entries(
        self, where: EntryFilter = EVERYTHING, order: SortOrder = SortOrder.NEWEST,
        limit: int | None = None, offset: int = 0,
    ) -> list[EntrySummary]:
        """Return list rows (no bodies), newest first unless asked otherwise."""
        return self._entries.summaries(where, order, limit, offset)

    def count_entries(
        self, where: EntryFilter = EVERYTHING, query: str = "", *, prefix_last: bool = False
    ) -> int:
        """Return how many entries pass the filter and match the query."""
        return self._entries.count(where, query, prefix_last=prefix_last)

    def search(
        self, query: str, where: EntryFilter = EVERYTHING,
        order: SortOrder = SortOrder.RELEVANCE, limit: int | None = None, offset: int = 0,
        *, prefix_last: bool = False,
    ) -> list[EntrySummary]:
        """Full-text search with snippets; an empty query lists entries instead."""
        return self._entries.search(query, where, order, limit, offset, prefix_last=prefix_last)

    def client_codes(self) -> list[str]:
        """Return client codes already used, most recent first, for reuse."""
        return self._entries.client_codes()

    def tag_labels(self) -> dict[str, str]:
        """Return every tag id's current label."""
        return self._tags.labels()

    def tag_counts(self) -> dict[TagId, int]:
        """Return how many entries carry each tag (children not rolled up)."""
        return self._tags.counts()

    def kind_counts(self) -> dict[str, int]:
        """Return how many entries there are of each kind."""
        return self._tags.kind_counts()

    def resolve_tag(self, name_or_id: str, family: TagFamily, *, create: bool = False) -> Tag:
        """Find a tag by id, name or alias; create a user tag if asked to."""
        return self._tags.resolve(name_or_id, family, create=create)

    def tag_group(self, tag: Tag) -> tuple[TagId, ...]:
        """Return a filter group: the tag, its children for a level-1 area, and its aliases.

        An alias (a theme's `alias_of`, e.g. R4 and P2 "Parallel process") names the same
        idea, so a filter on either finds entries tagged with either.
        """
        return self._tags.group(tag) + linked_tags(tag.id, self.catalog.themes)

    def add_user_tag(self, label: str) -> Tag:
        """Create a user tag (or return the existing one with that name)."""
        return self._tags.add_user_tag(label)

    def rename_tag(self, tag_id: TagId, label: str) -> Tag:
        """Rename a tag; its id and its entries stay."""
        return self._tags.rename(tag_id, label)

    def retire_tag(self, tag_id: TagId, retired: bool = True) -> Tag:
        """Hide a tag from pickers; entries that have it keep it."""
        return self._tags.retire(tag_id, retired)

    def export_json(self, where: EntryFilter = EVERYTHING, query: str = "") -> bytes:
        """Return the chosen entries as export-format JSON (unencrypted!)."""
        return self.exchange.export_json(where, query)

    def export_markdown(self, where: EntryFilter = EVERYTHING, query: str = "") -> str:
        """Return the chosen entries as Markdown (unencrypted!)."""
        return self.exchange.export_markdown(where, query)

    def markdown(self, ids: Sequence[EntryId]) -> str:
        """Return the given entries as Markdown."""
        return self.exchange.markdown(ids)

    def check(self) -> HealthReport:
        """Checkpoint, then verify every page's MAC, the b-trees and the search index."""
        return self.backups.check()

    def last_check(self) -> dt.datetime | None:
        """Return when `check` last ran on this journal."""
        return self.backups.last_check()

    def last_backup(self) -> dt.datetime | None:
        """Return when the last verified backup was written."""
        return self.backups.last_backup()

    def backup(self, dest: Path | None = None) -> Path:
        """Write a verified, encrypted backup (with the key file) and return its path."""
        return self.backups.backup(dest)
