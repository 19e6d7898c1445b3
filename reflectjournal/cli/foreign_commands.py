"""`import --from jrnl|dayone|markdown`: another app's file or folder, preview first."""

from __future__ import annotations

import argparse
import datetime as dt
import zoneinfo
from pathlib import Path

from reflectjournal.cli.common import open_journal, say
from reflectjournal.domain.errors import InvalidInputError
from reflectjournal.domain.foreign.entries import preview_lines
from reflectjournal.domain.wording import count_words
from reflectjournal.services.foreign_import import read_source
from reflectjournal.services.journal import JournalOptions


def _zone(name: str | None) -> dt.tzinfo | None:
    if not name:
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise InvalidInputError(f"'{name}' is not a time zone.",
                                "Give one like Europe/Berlin or America/New_York.") from None


def cmd_import_foreign(args: argparse.Namespace, folder: Path, options: JournalOptions) -> int:
    """Show what importing another app's file would do, then import it (unless --dry-run)."""
    # Read and parse before the passphrase is asked for: a wrong file costs no unlock.
    source = read_source(args.source, args.file, _zone(args.zone))
    with open_journal(args, folder, options) as journal:
        imports = journal.foreign_import
        for line in preview_lines(imports.preview_of(source)):
            say(line)
        if args.dry_run:
            say("Dry run: nothing was imported.")
            return 0
        result = imports.import_journal(source)
    say(f"Imported {count_words(result.added, 'entry', 'entries')}; skipped "
        f"{result.skipped:,} imported before.")
    return 0
