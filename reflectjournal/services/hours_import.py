"""Import of a spreadsheet of past trainings and RSC sessions (CSV): preview first, one write.

The file is read and parsed whole before anything is written (domain/endorsement/
backlog_csv.py), so a file that cannot be read writes nothing. Each row's entry id derives
from the row (backlog_entries.py) and the write goes through the path every import takes
(Exchange.write_entries), so importing the file again adds only new rows. Providers are
matched to this journal's records by name, case and spacing aside; the others become new
records, made in the same transaction as the first entry naming them.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from reflectjournal.domain.clock import utc_now
from reflectjournal.domain.endorsement.backlog_cells import DateOrder
from reflectjournal.domain.endorsement.backlog_csv import (
    MAX_CSV_BYTES,
    HoursFile,
    parse_hours_csv,
    provider_key,
)
from reflectjournal.domain.endorsement.backlog_entries import HoursPreview, row_entry, row_id
from reflectjournal.domain.endorsement.records import ProviderRecord
from reflectjournal.services import foreign_sources
from reflectjournal.services.exchange import Exchange, ImportResult
from reflectjournal.store import entries as entry_sql
from reflectjournal.store import ledger_entries
from reflectjournal.store import providers as provider_sql
from reflectjournal.store.database import Database


def read_hours_file(path: Path, order: DateOrder = "auto") -> HoursFile:
    """Read and parse a CSV of past hours whole (at most MAX_CSV_BYTES)."""
    return parse_hours_csv(foreign_sources.read_file(path, MAX_CSV_BYTES), order)


class HoursImport:
    """Previews and imports of spreadsheets of past hours into one open journal."""

    def __init__(self, db: Database, exchange: Exchange) -> None:
        self._db = db
        self._exchange = exchange

    def preview(self, path: Path, order: DateOrder = "auto") -> HoursPreview:
        """Read a file and say what importing it would do; nothing is written."""
        return self.preview_of(read_hours_file(path, order))

    def preview_of(self, file: HoursFile) -> HoursPreview:
        """Say what importing an already-read file would do."""
        with self._db.transaction():
            already = frozenset(r.line for r in file.rows
                                if entry_sql.exists(self._db, row_id(r)))
            records = self._records()
            logged = frozenset(
                r.line for r in file.rows
                if r.kind == "supervision" and r.line not in already
                and provider_key(r.provider) in records
                and ledger_entries.sessions_on(self._db, r.date,
                                               records[provider_key(r.provider)].id))
        return HoursPreview(file, already, {k: p.name for k, p in records.items()}, logged)

    def import_file(self, file: HoursFile) -> ImportResult:
        """Import an already-read file in one transaction; rows imported before stay."""
        now = utc_now()
        with self._db.transaction():
            records = {k: p.id for k, p in self._records().items()}
            made: dict[str, ProviderRecord] = {}
            entries = []
            for row in file.rows:
                key = provider_key(row.provider)
                if key and key not in records:
                    record = ProviderRecord(uuid.uuid4().hex, " ".join(row.provider.split()))
                    made[record.id] = record
                    records[key] = record.id
                entries.append(row_entry(row, records.get(key) if key else None, now))
            # A record is stored with the first new entry naming it (never for a row
            # imported before), so a second import makes none twice.
            written = self._exchange.write_entries((), entries, tuple(made.values()))
        self._exchange.settle(written)
        return written

    def _records(self) -> dict[str, ProviderRecord]:
        """Return the journal's provider records by matched name (the first of a name)."""
        out: dict[str, ProviderRecord] = {}
        for record in provider_sql.all_providers(self._db):
            out.setdefault(provider_key(record.name), record)
        return out
