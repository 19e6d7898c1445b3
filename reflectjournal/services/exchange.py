"""Export to JSON and Markdown (unencrypted copies), and import of a JSON export."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import BinaryIO

from reflectjournal.domain import exchange
from reflectjournal.domain.clock import utc_now
from reflectjournal.domain.endorsement.records import ProviderRecord, SupervisionField
from reflectjournal.domain.entry import Entry
from reflectjournal.domain.errors import ImportFormatError
from reflectjournal.domain.ids import EntryId
from reflectjournal.domain.kind_fit import FitReport, fit_to_kind
from reflectjournal.domain.search import EVERYTHING, EntryFilter
from reflectjournal.domain.taxonomy import Catalog, Prompt, Tag
from reflectjournal.services.entries import Entries
from reflectjournal.services.provider_import import start_plan
from reflectjournal.services.tags import Tags
from reflectjournal.store import entries as entry_sql
from reflectjournal.store import providers as provider_sql
from reflectjournal.store import tags as tag_sql
from reflectjournal.store import templates as template_sql
from reflectjournal.store.database import Database

CHECKPOINT_AFTER = 1000
"""An import adding more entries than this moves its WAL into the database at once."""


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import did."""

    added: int
    skipped: int
    notes: tuple[str, ...] = ()  # fields dropped, answers kept without their prompt
    new_prompts: int = 0  # the user's prompt wordings the file brought (the catalog grew)


class Exchange:
    """Copies of one open journal's entries in the export formats, and imports."""

    def __init__(self, db: Database, catalog: Catalog, entries: Entries, tags: Tags) -> None:
        self._db = db
        self._catalog = catalog
        self._entries = entries
        self._tags = tags

    def use_catalog(self, catalog: Catalog) -> None:
        """Follow the journal's catalog after the user's templates changed its prompts."""
        self._catalog = catalog

    def export_json(self, where: EntryFilter = EVERYTHING, query: str = "") -> bytes:
        """Return the chosen entries as export-format JSON (unencrypted!)."""
        entries = self._entries.get_many(self._entries.selected(where, query))
        with self._db.transaction():
            providers = provider_sql.all_providers(self._db)
            wordings = template_sql.user_prompts(self._db)
        return exchange.to_json(entries, self._tags.all(), utc_now(), providers, wordings)

    def export_markdown(self, where: EntryFilter = EVERYTHING, query: str = "") -> str:
        """Return the chosen entries as Markdown (unencrypted!)."""
        return self.markdown(self._entries.selected(where, query))

    def markdown(self, ids: Sequence[EntryId]) -> str:
        """Return the given entries as Markdown."""
        cat = self._catalog
        return exchange.to_markdown(
            self._entries.get_many(ids),
            tag_labels=self._tags.labels(),
            kind_labels={k.id: k.label for k in cat.kinds},
            prompt_labels={p.id: p.label for s in cat.prompt_sets for p in s.prompts},
            field_labels={f.id: f.label for k in cat.kinds for f in k.fields},
            choice_labels={**{f.id: {c.id: c.label for c in f.choices}
                              for k in cat.kinds for f in k.fields},
                           # A supervision entry's provider reads as its record's name.
                           SupervisionField.PROVIDER_ID.value: self._provider_names()},
        )

    def _provider_names(self) -> dict[str, str]:
        with self._db.transaction():
            return {p.id: p.name for p in provider_sql.all_providers(self._db)}

    def import_json(self, data: bytes | BinaryIO) -> ImportResult:
        """Import an export file in one transaction; entries whose id exists are skipped.

        The file is read as it is written (bytes, or better a binary file, read a chunk at a
        time), so memory stays flat however many entries it holds.
        """
        if isinstance(data, bytes | bytearray):
            if len(data) > exchange.MAX_IMPORT_BYTES:
                raise ImportFormatError("The file is too large to be a ReflectJournal export.")
            data = io.BytesIO(data)  # shares the bytes, no copy
        try:
            document = exchange.read_export(data)
            result = self.write_entries(document.tags, document.entries, document.providers,
                                        document.prompts)
        except exchange.HeaderAfterEntries:
            # Rolled back; what the entries name came last, so read it all first.
            data.seek(0)
            document = exchange.read_export(data, whole=True)
            result = self.write_entries(document.tags, document.entries, document.providers,
                                        document.prompts)
        self.settle(result)
        return result

    def write_document(self, document: exchange.ExportDocument) -> ImportResult:
        """Add a document's tags and new entries in one transaction (or a savepoint of one)."""
        return self.write_entries(document.tags, document.entries, document.providers,
                                  document.prompts)

    def write_entries(
        self, tags: Iterable[Tag], entries: Iterable[Entry],
        providers: Sequence[ProviderRecord] = (), prompts: Sequence[Prompt] = (),
    ) -> ImportResult:
        """Add tags and new entries, as they come, in one transaction (or a savepoint of one).

        Every import writes through here (JSON exports and other apps' files alike), so all
        share one rule: an entry whose id exists is skipped, never overwritten; fields the
        entry's kind does not define are dropped and told (domain/kind_fit.py); supervision
        entries name provider records of this journal (services/provider_import.py); the
        user's prompt wordings that added entries answer are kept, so the answers show under
        their questions. An entry the catalogue cannot take stops the import with nothing
        written.
        """
        kinds = {k.id: k for k in self._catalog.kinds}
        fit = FitReport()
        linked = start_plan(self._db, providers)
        offered = {p.id: p for p in prompts}
        worded = {p.id for s in self._catalog.prompt_sets for p in s.prompts} | offered.keys()
        answered: set[str] = set()

        def note_answers(entry: Entry) -> None:
            answered.update(entry.answers)
            linked.make_for(self._db, entry)

        def fitted() -> Iterator[Entry]:
            for i, entry in enumerate(entries):
                entry = linked.link(entry)
                if entry.kind not in kinds:
                    raise ImportFormatError(
                        f"entries[{i}].kind: unknown entry kind '{entry.kind}'.")
                yield fit_to_kind(entry, kinds[entry.kind], f"entries[{i}]", fit, worded)

        with self._db.transaction():
            known = {t.id: t for t in tag_sql.all_tags(self._db)}
            for tag in tags:
                if tag.id in known and known[tag.id].family != tag.family:
                    raise ImportFormatError(
                        f"Tag '{tag.id}' is a {tag.family} tag in the file but a "
                        f"{known[tag.id].family} tag here; nothing was imported."
                    )
                if tag.id not in known:
                    tag_sql.ensure_tag(self._db, tag)
            # A provider record is made for the first new entry naming it, never a skipped one.
            added, skipped = entry_sql.insert_new(self._db, fitted(), on_new=note_answers)
            # A wording this journal has keeps its own text: an id names one wording forever.
            have = {p.id for p in template_sql.user_prompts(self._db)}
            new_prompts = [offered[i] for i in sorted(answered & offered.keys() - have)]
            template_sql.add_prompts(self._db, new_prompts)
        return ImportResult(added, skipped, (*fit.lines(), *linked.notes()), len(new_prompts))

    def settle(self, result: ImportResult) -> None:
        """After a large import has committed, move its WAL into the database at once."""
        if result.added > CHECKPOINT_AFTER:
            self._db.checkpoint()
