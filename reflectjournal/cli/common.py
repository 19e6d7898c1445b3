"""What every command shares: its signature, status lines, opening the journal, filters."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from reflectjournal.cli import secrets
from reflectjournal.domain.entry import parse_date
from reflectjournal.domain.errors import InvalidInputError
from reflectjournal.domain.search import EntryFilter
from reflectjournal.services.files import write_chosen_file
from reflectjournal.services.journal import Journal, JournalOptions

Command = Callable[[argparse.Namespace, Path, JournalOptions], int]


def say(text: str) -> None:
    """Print a status line to stderr, leaving stdout to the data."""
    print(text, file=sys.stderr)


def open_journal(args: argparse.Namespace, folder: Path, options: JournalOptions) -> Journal:
    """Open the journal with the passphrase from --passphrase-file, the environment or a prompt.

    A damaged recovery slot is told on every unlock (stderr), until a new key replaces it.
    """
    journal = Journal.open(folder, secrets.current_passphrase(args.passphrase_file), options)
    warning = journal.key_file_warning()
    if warning:
        print(f"reflectjournal: warning: {warning}", file=sys.stderr)
    return journal


def write_output(path: Path | None, data: bytes) -> None:
    """Write text data to the file (atomically) or, without one, to stdout."""
    if path is None:
        sys.stdout.write(data.decode("utf-8"))
    else:
        write_chosen_file(path, data)


def entry_filter(args: argparse.Namespace, journal: Journal) -> EntryFilter:
    """Return the filter named by --kind, --competency, --theme, --tag, dates, --starred."""
    groups = [journal.tag_group(journal.resolve_tag(n, "competency")) for n in args.competency]
    groups += [journal.tag_group(journal.resolve_tag(n, "theme")) for n in args.theme]
    groups += [(journal.resolve_tag(n, "user").id,) for n in args.tag]
    try:
        date_from = parse_date(args.date_from) if args.date_from else None
        date_to = parse_date(args.date_to) if args.date_to else None
    except ValueError as exc:
        raise InvalidInputError(str(exc)) from None
    return EntryFilter(
        kinds=tuple(journal.catalog.kind(k).id for k in args.kind),
        date_from=date_from, date_to=date_to, tag_groups=tuple(groups), starred=args.starred,
    )
