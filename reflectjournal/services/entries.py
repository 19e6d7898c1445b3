"""Entries and their drafts: write, read, list, count and search; versions and the trash."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import replace

from reflectjournal.domain.clock import utc_now
from reflectjournal.domain.draft import Draft, template_from_column, template_to_column
from reflectjournal.domain.endorsement.locking import check_edit
from reflectjournal.domain.endorsement.records import SupervisionField
from reflectjournal.domain.entry import Entry, EntryChanges, EntrySummary
from reflectjournal.domain.entry_rules import apply_changes, blank_entry
from reflectjournal.domain.errors import EntryNotFoundError, InvalidInputError
from reflectjournal.domain.ids import EntryId, new_entry_id
from reflectjournal.domain.search import EVERYTHING, EntryFilter, SortOrder, to_fts_query
from reflectjournal.domain.taxonomy import Catalog
from reflectjournal.domain.versions import EntryVersion, TrashedEntry, same_content, trash_cutoff
from reflectjournal.services.tags import Tags
from reflectjournal.store import drafts as draft_sql
from reflectjournal.store import entries as entry_sql
from reflectjournal.store import entry_search, word_forms
from reflectjournal.store import history as history_sql
from reflectjournal.store import providers as provider_sql
from reflectjournal.store.database import Database

_FORMS_KEPT = 256
"""How many searched words' forms Entries keeps (a search box's words, not a vocabulary)."""


class Entries:
    """The entries of one open journal; every method that writes is one transaction."""

    def __init__(self, db: Database, catalog: Catalog, tags: Tags) -> None:
        self._db = db
        self._catalog = catalog
        self._tags = tags
        # The forms of the words searched for, kept until the journal changes: search as
        # you type asks again for every earlier word at each keystroke, and the lookup was
        # most of what a search adds to its SQL (a rare word's search took 1.2x the SQL).
        self._forms: dict[str, tuple[str, ...]] = {}
        self._forms_stamp = db.change_stamp()

    def use_catalog(self, catalog: Catalog) -> None:
        """Follow the journal's catalog after the user's templates changed its prompts."""
        self._catalog = catalog

    def add(self, changes: EntryChanges, entry_id: EntryId | None = None, *,
            confirmed: bool = False) -> Entry:
        """Create an entry from the given values (`confirmed`: made by a signed confirmation)."""
        blank = blank_entry(entry_id or new_entry_id(), changes, dt.date.today(), utc_now())
        entry = self._apply(blank, changes)
        with self._db.transaction():
            self._check(None, entry, confirmed)
            entry_sql.insert(self._db, entry)
        return entry

    def update(self, entry_id: EntryId, changes: EntryChanges, *,
               confirmed: bool = False) -> Entry:
        """Change an entry's values; unchanged values stay; the state replaced is kept.

        A session signed by its provider refuses changes to its hours, unless `confirmed`:
        the change comes from attaching or unlinking the signed confirmation itself.
        """
        with self._db.transaction():
            before = entry_sql.get(self._db, entry_id)
            entry = replace(self._apply(before, changes), modified_at=utc_now())
            self._check(before, entry, confirmed)
            self._write(before, entry)
        return entry

    def delete(self, entry_id: EntryId) -> Entry:
        """Move an entry to the trash and return it, so the caller can offer undo."""
        with self._db.transaction():
            entry = entry_sql.get(self._db, entry_id)
            history_sql.trash(self._db, entry_id, utc_now())
        return entry

    def restore(self, entry: Entry) -> None:
        """Put back an entry returned by delete (undo): from the trash, as it was."""
        with self._db.transaction():
            if entry_sql.exists(self._db, entry.id):
                return
            if history_sql.trashed_entry(self._db, entry.id) is not None:
                history_sql.untrash(self._db, entry.id)
            else:
                entry_sql.insert(self._db, entry)

    def save(self, entry_id: EntryId | None, changes: EntryChanges,
             tag_labels: Sequence[str] | None = None, template: str = "") -> Entry:
        """Save the editor's entry and drop its draft, atomically.

        The entry is new when entry_id is None or names no entry yet (the editor gives a
        new entry its id up front, so its draft and the entry share it).

        tag_labels, when given, become the entry's user tags (new labels create tags).
        `template`, when given, is the one the editor asked ("built-in" or "t-..."): editing
        the entry opens it again.
        """
        with self._db.transaction():
            if tag_labels is not None:
                changes = replace(changes, tags=tuple(
                    self._tags.resolve(label, "user", create=True).id for label in tag_labels))
            if entry_id is not None and not entry_sql.exists(self._db, entry_id) and \
                    history_sql.trashed_entry(self._db, entry_id) is not None:
                # A draft kept of an entry deleted since: saving it brings the entry back,
                # its state in the trash becoming a version, rather than a second copy.
                history_sql.untrash(self._db, entry_id)
            if entry_id is None or not entry_sql.exists(self._db, entry_id):
                entry = self.add(changes, entry_id)
            else:
                entry = self.update(entry_id, changes)
            if template:
                entry_sql.set_template(self._db, entry.id, template_to_column(template))
            draft_sql.delete(self._db, entry.id)
        return entry

    def template(self, entry_id: EntryId) -> str:
        """Return the template an entry was saved from; "" when it does not say (saved
        before schema 18, or not from the editor)."""
        with self._db.transaction():
            return template_from_column(entry_sql.template(self._db, entry_id))

    def save_draft(self, entry_id: EntryId, changes: EntryChanges,
                   tag_labels: Sequence[str] = (), template: str = "") -> Draft:
        """Keep the editor's unsaved state of one entry in the encrypted journal (autosave);
        `template` is the one its editor asked ("built-in" or "t-...")."""
        draft = Draft(entry_id, changes, utc_now(), tuple(tag_labels), template)
        with self._db.transaction():
            draft_sql.save(self._db, draft)
        return draft

    def draft(self, entry_id: EntryId) -> Draft | None:
        """Return the kept draft of an entry (new or existing), if any."""
        return draft_sql.load(self._db, entry_id)

    def drafts(self) -> list[Draft]:
        """Return every kept draft, the most recent first (offered back after a crash)."""
        return draft_sql.load_all(self._db)

    def discard_draft(self, entry_id: EntryId) -> None:
        """Forget an entry's draft."""
        with self._db.transaction():
            draft_sql.delete(self._db, entry_id)

    def get(self, id_or_prefix: str) -> Entry:
        """Return an entry by full id or unique prefix."""
        return entry_sql.get(self._db, entry_sql.resolve_id(self._db, id_or_prefix))

    def get_many(self, ids: Sequence[EntryId]) -> list[Entry]:
        """Return full entries for the given ids, in that order."""
        return entry_sql.get_many(self._db, ids)

    def summaries(
        self, where: EntryFilter = EVERYTHING, order: SortOrder = SortOrder.NEWEST,
        limit: int | None = None, offset: int = 0,
    ) -> list[EntrySummary]:
        """Return list rows (no bodies), newest first unless asked otherwise."""
        if order == SortOrder.RELEVANCE:
            order = SortOrder.NEWEST
        return entry_sql.list_summaries(self._db, where, order, limit, offset)

    def count(
        self, where: EntryFilter = EVERYTHING, query: str = "", *, prefix_last: bool = False
    ) -> int:
        """Return how many entries pass the filter and match the query."""
        match = self._match(query, prefix_last=prefix_last) if query.strip() else None
        if match is None:
            return entry_sql.count(self._db, where)
        return entry_search.count_matches(self._db, match, where)

    def search(
        self, query: str, where: EntryFilter = EVERYTHING,
        order: SortOrder = SortOrder.RELEVANCE, limit: int | None = None, offset: int = 0,
        *, prefix_last: bool = False,
    ) -> list[EntrySummary]:
        """Full-text search with snippets; an empty query lists entries instead."""
        match = self._match(query, prefix_last=prefix_last)
        if not match:
            return self.summaries(where, order, limit, offset)
        return entry_search.search(self._db, match, where, order, limit, offset)

    def stream(
        self, query: str, where: EntryFilter = EVERYTHING,
        order: SortOrder = SortOrder.RELEVANCE, limit: int | None = None,
    ) -> Iterator[EntrySummary]:
        """Yield what search (or, for an empty query, a listing) returns, as it is found."""
        # A listing (no query) reads RELEVANCE as newest first.
        match = self._match(query) or None
        return entry_search.stream_summaries(self._db, match, where, order, limit)

    def stream_json(
        self, query: str, where: EntryFilter = EVERYTHING,
        order: SortOrder = SortOrder.RELEVANCE, limit: int | None = None,
    ) -> Iterator[bytes]:
        """Yield whole entries as the command line's JSON lines (UTF-8), in stream's order.

        Each line says what cli.output.entry_json says of the entry, with its snippet when
        searching; SQLite writes it (store/entry_json.py says why).
        """
        match = self._match(query) or None
        return entry_search.stream_json(self._db, match, where, order, limit)

    def word_forms(self, word: str) -> list[str]:
        """Return the journal's other forms of a word, which a search for it also finds."""
        stamp = self._db.change_stamp()
        if stamp != self._forms_stamp:
            self._forms.clear()
            self._forms_stamp = stamp
        found = self._forms.get(word)
        if found is None:
            if len(self._forms) >= _FORMS_KEPT:
                self._forms.clear()
            found = self._forms[word] = tuple(word_forms.forms(self._db, word))
        return list(found)

    def _match(self, query: str, *, prefix_last: bool = False) -> str:
        """Return the FTS5 expression for a query, its plain words widened to their forms."""
        return to_fts_query(query, prefix_last=prefix_last,
                            forms=self.word_forms)

    def selected(self, where: EntryFilter = EVERYTHING, query: str = "") -> list[EntryId]:
        """Return the ids a filter and query choose, oldest first (what an export takes)."""
        if query.strip():
            rows = self.search(query, where, SortOrder.OLDEST)
        else:
            rows = self.summaries(where, SortOrder.OLDEST)
        return [r.id for r in rows]

    def client_codes(self) -> list[str]:
        """Return client codes already used, most recent first, for reuse."""
        return entry_sql.client_codes(self._db)

    def history(self, id_or_prefix: str) -> list[EntryVersion]:
        """Return every saved version of an entry, oldest first; the last is the current."""
        try:
            current = self.get(id_or_prefix)
        except EntryNotFoundError:
            if history_sql.in_trash(self._db, id_or_prefix):
                raise EntryNotFoundError(
                    f"The entry '{id_or_prefix}' is in the trash.",
                    "Restore it from the trash first; its versions come back with it.",
                ) from None
            raise
        kept = history_sql.versions(self._db, current.id)
        number = kept[-1].number + 1 if kept else 1
        return [*kept, EntryVersion(number, current.modified_at, current, current=True)]

    def version(self, id_or_prefix: str, number: int) -> EntryVersion:
        """Return one saved version of an entry (numbers are shown by history)."""
        for candidate in self.history(id_or_prefix):
            if candidate.number == number:
                return candidate
        raise EntryNotFoundError(f"The entry has no version {number}.",
                                 "Version numbers are shown by history.")

    def restore_version(self, id_or_prefix: str, number: int) -> Entry:
        """Save an earlier version again as the entry's newest; history only grows."""
        with self._db.transaction():
            chosen = self.version(id_or_prefix, number)
            if chosen.current:
                return chosen.entry
            before = entry_sql.get(self._db, chosen.entry.id)
            # Restored as it was saved, without the rules of today's catalog: it was valid
            # then, and a retired prompt or tag must come back rather than be refused.
            entry = replace(chosen.entry, created_at=before.created_at, modified_at=utc_now())
            check_edit(before, entry)
            self._write(before, entry)
            draft_sql.delete(self._db, entry.id)
        return entry

    def trash(self) -> list[TrashedEntry]:
        """Return the deleted entries still kept, the most recently deleted first."""
        return history_sql.trashed(self._db)

    def restore_from_trash(self, id_or_prefix: str) -> Entry:
        """Put a deleted entry back into the journal, with its versions."""
        with self._db.transaction():
            entry_id = history_sql.resolve_trashed(self._db, id_or_prefix)
            if entry_sql.exists(self._db, entry_id):
                raise InvalidInputError(
                    "An entry with this id is in the journal again (saved or imported since).",
                    "Its deleted copy stays in the trash; compare them before emptying it.")
            return history_sql.untrash(self._db, entry_id)

    def empty_trash(self) -> int:
        """Forget every entry in the trash and its versions; return how many."""
        with self._db.transaction():
            ids = history_sql.all_trashed(self._db)
            history_sql.forget(self._db, ids)
            if ids:
                word_forms.prune(self._db)
        return len(ids)

    def purge_trash(self) -> int:
        """Forget entries deleted more than TRASH_DAYS ago; return how many."""
        with self._db.transaction():
            ids = history_sql.trashed_before(self._db, trash_cutoff(utc_now()))
            history_sql.forget(self._db, ids)
            if ids:
                word_forms.prune(self._db)
        return len(ids)

    def _write(self, before: Entry, entry: Entry) -> None:
        """Overwrite an entry, keeping the state it replaces as a version first."""
        if not same_content(before, entry):
            history_sql.keep_version(self._db, entry.id)
        entry_sql.update(self._db, entry)

    def _check(self, before: Entry | None, entry: Entry, confirmed: bool) -> None:
        """Refuse edits a signature locks, and a provider id naming no provider record."""
        if not confirmed:
            check_edit(before, entry)
        provider = entry.fields.get(SupervisionField.PROVIDER_ID)
        new = before is None or before.fields.get(SupervisionField.PROVIDER_ID) != provider
        if provider is not None and new and (
                not isinstance(provider, str) or provider_sql.get(self._db, provider) is None):
            raise InvalidInputError(f"No provider record has the id '{provider}'.",
                                        "Pick one from: reflectjournal provider list.")

    def _apply(self, entry: Entry, changes: EntryChanges) -> Entry:
        return apply_changes(entry, changes, self._catalog, self._tags.family_of)
