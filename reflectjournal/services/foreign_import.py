"""Import from other apps (jrnl, Day One, Markdown, Word/Docs): preview first, then one write.

A source is read and parsed whole before anything is written, so a parse error writes
nothing. Each foreign entry gets an id derived from its source (domain/foreign/model.py),
and the write goes through the same path as our own JSON import (Exchange.write_document),
so re-importing a source adds only what is new. Tags become user tags, matched to the
journal's by name whatever the case.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reflectjournal.domain.errors import InvalidInputError
from reflectjournal.domain.exchange import ExportDocument
from reflectjournal.domain.foreign import entries as foreign_entries
from reflectjournal.domain.foreign.dayone import parse_dayone
from reflectjournal.domain.foreign.documents import parse_documents
from reflectjournal.domain.foreign.entries import ImportPreview
from reflectjournal.domain.foreign.jrnl import parse_jrnl
from reflectjournal.domain.foreign.markdown import parse_markdown
from reflectjournal.domain.foreign.model import SOURCE_KINDS, ForeignJournal, SourceKind, entry_id
from reflectjournal.domain.ids import TagId
from reflectjournal.services import document_sources, foreign_sources
from reflectjournal.services.exchange import Exchange, ImportResult
from reflectjournal.store import entries as entry_sql
from reflectjournal.store import tags as tag_sql
from reflectjournal.store.database import Database


def read_source(source: str, path: Path, zone: dt.tzinfo | None = None) -> ForeignJournal:
    """Read and parse a source whole; zone is for times kept without one (None: local)."""
    if source == "jrnl":
        return parse_jrnl(foreign_sources.read_file(path), zone)
    if source == "dayone":
        return parse_dayone(foreign_sources.read_dayone_zip(path))
    if source == "markdown":
        notes, skipped = foreign_sources.read_markdown_folder(path)
        return parse_markdown(notes, skipped, zone)
    if source == "word":
        documents, skipped, one_file = document_sources.read_documents(path)
        return parse_documents(documents, skipped, zone, strict=one_file)
    raise InvalidInputError(f"Unknown source '{source}'.",
                            "Choose one of: " + ", ".join(SOURCE_KINDS) + ".")


class ForeignImport:
    """Previews and imports of other apps' files into one open journal."""

    def __init__(self, db: Database, exchange: Exchange) -> None:
        self._db = db
        self._exchange = exchange

    def preview(self, source: SourceKind, path: Path,
                zone: dt.tzinfo | None = None) -> ImportPreview:
        """Read a source and say what importing it would do; nothing is written."""
        return self.preview_of(read_source(source, path, zone))

    def preview_of(self, journal: ForeignJournal) -> ImportPreview:
        """Say what importing an already-read source would do."""
        ids = [entry_id(journal.source, e.source_id) for e in journal.entries]
        existing = [i for i in ids if entry_sql.exists(self._db, i)]
        labels = [t.label for t in tag_sql.all_tags(self._db) if t.family == "user"]
        return foreign_entries.preview(journal, existing, labels)

    def import_source(self, source: SourceKind, path: Path,
                      zone: dt.tzinfo | None = None) -> ImportResult:
        """Read a source and import it in one transaction."""
        return self.import_journal(read_source(source, path, zone))

    def import_journal(self, journal: ForeignJournal) -> ImportResult:
        """Import an already-read source in one transaction; entries imported before stay."""
        with self._db.transaction():
            fresh = [e for e in journal.entries
                     if not entry_sql.exists(self._db, entry_id(journal.source, e.source_id))]
            tag_ids = self._tag_ids(foreign_entries.tag_labels(fresh))
            entries = tuple(foreign_entries.to_entry(journal, e, tag_ids) for e in fresh)
            written = self._exchange.write_document(ExportDocument(entries, ()))
        self._exchange.settle(written)
        return ImportResult(written.added, written.skipped + len(journal.entries) - len(fresh))

    def _tag_ids(self, labels: dict[str, str]) -> dict[str, TagId]:
        """Return the user tag for each label, creating those the journal lacks."""
        ids = {t.label.casefold(): t.id for t in tag_sql.all_tags(self._db)
               if t.family == "user"}
        for key, label in labels.items():
            if key not in ids:
                ids[key] = tag_sql.add_user_tag(self._db, label).id
        return ids
