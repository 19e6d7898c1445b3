"""Export to JSON and Markdown (unencrypted copies), and import of a JSON export."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reflectjournal.domain import exchange
from reflectjournal.domain.clock import utc_now
from reflectjournal.domain.endorsement.records import SupervisionField
from reflectjournal.domain.errors import ImportFormatError
from reflectjournal.domain.ids import EntryId
from reflectjournal.domain.kind_fit import FitReport, fit_to_kind
from reflectjournal.domain.search import EVERYTHING, EntryFilter
from reflectjournal.domain.taxonomy import Catalog
from reflectjournal.services.entries import Entries
from reflectjournal.services.provider_import import plan_providers
from reflectjournal.services.tags import Tags
from reflectjournal.store import entries as entry_sql
from reflectjournal.store import providers as provider_sql
from reflectjournal.store import tags as tag_sql
from reflectjournal.store.database import Database

CHECKPOINT_AFTER = 1000
"""An import adding more entries than this moves its WAL into the database at once."""


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import did."""

    added: int
    skipped: int
    notes: tuple[str, ...] = ()  # fields dropped, answers kept without their prompt


class Exchange:
    """Copies of one open journal's entries in the export formats, and imports."""

    def __init__(self, db: Database, catalog: Catalog, entries: Entries, tags: Tags) -> None:
        self._db = db
        self._catalog = catalog
        self._entries = entries
        self._tags = tags

    def export_json(self, where: EntryFilter = EVERYTHING, query: str = "") -> bytes:
        """Return the chosen entries as export-format JSON (unencrypted!)."""
        entries = self._entries.get_many(self._entries.selected(where, query))
        with self._db.transaction():
            providers = provider_sql.all_providers(self._db)
        return exchange.to_json(entries, self._tags.all(), utc_now(), providers)

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

    def import_json(self, data: bytes) -> ImportResult:
        """Import an export file in one transaction; entries whose id exists are skipped."""
        result = self.write_document(exchange.parse_json(data))
        self.settle(result)
        return result

    def write_document(self, document: exchange.ExportDocument) -> ImportResult:
        """Add a document's tags and new entries in one transaction (or a savepoint of one).

        Every import writes through here (JSON exports and other apps' files alike), so all
        share one rule: an entry whose id exists is skipped, never overwritten; fields the
        entry's kind does not define are dropped and told (domain/kind_fit.py).
        """
        kinds = {k.id: k for k in self._catalog.kinds}
        fit = FitReport()
        entries = []
        linked = plan_providers(self._db, document.entries, document.providers)
        for i, entry in enumerate(linked.entries):
            if entry.kind not in kinds:
                raise ImportFormatError(f"entries[{i}].kind: unknown entry kind '{entry.kind}'.")
            entries.append(fit_to_kind(entry, kinds[entry.kind], f"entries[{i}]", fit))
        added = skipped = 0
        with self._db.transaction():
            known = {t.id: t for t in tag_sql.all_tags(self._db)}
            for tag in document.tags:
                if tag.id in known and known[tag.id].family != tag.family:
                    raise ImportFormatError(
                        f"Tag '{tag.id}' is a {tag.family} tag in the file but a "
                        f"{known[tag.id].family} tag here; nothing was imported."
                    )
                if tag.id not in known:
                    tag_sql.ensure_tag(self._db, tag)
            for entry in entries:
                if entry_sql.exists(self._db, entry.id):
                    skipped += 1
                    continue
                linked.make_for(self._db, entry)
                entry_sql.insert(self._db, entry)
                added += 1
        return ImportResult(added, skipped, (*fit.lines(), *linked.notes()))

    def settle(self, result: ImportResult) -> None:
        """After a large import has committed, move its WAL into the database at once."""
        if result.added > CHECKPOINT_AFTER:
            self._db.checkpoint()
