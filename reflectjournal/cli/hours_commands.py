"""`import --from csv FILE`: a spreadsheet of past trainings and RSC sessions, preview first."""

from __future__ import annotations

import argparse
from pathlib import Path

from reflectjournal.cli.common import open_journal, say
from reflectjournal.domain.endorsement.backlog_entries import preview_lines
from reflectjournal.domain.errors import InvalidInputError
from reflectjournal.domain.wording import count_words
from reflectjournal.services.hours_import import read_hours_file
from reflectjournal.services.journal import JournalOptions


def cmd_import_hours(args: argparse.Namespace, folder: Path, options: JournalOptions) -> int:
    """Show what importing a CSV of past hours would do, then import it (unless --dry-run)."""
    if args.zone:
        raise InvalidInputError("--zone does not go with --from csv: its dates have no time.")
    # Read and parse before the passphrase is asked for: a wrong file costs no unlock.
    hours = read_hours_file(args.file, args.dates)
    with open_journal(args, folder, options) as journal:
        imports = journal.hours_import
        for line in preview_lines(imports.preview_of(hours)):
            say(line)
        if args.dry_run:
            say("Dry run: nothing was imported.")
            return 0
        result = imports.import_file(hours)
    say(f"Imported {count_words(result.added, 'row', 'rows')}; skipped {result.skipped:,} "
        "imported before.")
    for note in result.notes:
        say(note)
    say("See what counts: reflectjournal progress")
    return 0
