"""Endorsement records on the command line: `profile`, `provider`, `amend`, `unlink-confirmation`.

Usage errors (a bad date, an unknown category or qualification) exit 2 with one plain line,
as argparse does for its own; the journal is not opened for them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reflectjournal.cli import output
from reflectjournal.cli.common import open_journal, say, write_output
from reflectjournal.cli.terminal import read_stdin_text
from reflectjournal.domain.endorsement.records import (
    Degree,
    Profile,
    ProviderRecord,
    Qualification,
    Track,
)
from reflectjournal.domain.entry import parse_date
from reflectjournal.domain.errors import InvalidInputError
from reflectjournal.domain.printable import to_markdown
from reflectjournal.domain.wording import count_words
from reflectjournal.services.journal import JournalOptions
from reflectjournal.services.providers import HELD_THROUGHOUT, parse_qualification

EXIT_USAGE = 2


class UsageError(Exception):
    """A command line that cannot mean anything; told in one line, exit status 2."""


def _date(text: str | None, option: str) -> dt.date | None:
    if text is None:
        return None
    try:
        return parse_date(text)
    except ValueError as exc:
        raise UsageError(f"{option}: {exc}") from None


def _qualification(text: str) -> Qualification:
    try:
        return parse_qualification(text)
    except InvalidInputError as exc:
        raise UsageError(f"--qualification: {exc}") from None


def _yes(text: str | None) -> bool | None:
    return None if text is None else text == "yes"


def _usage(run: Any) -> Any:
    """Turn a UsageError into one line on stderr and exit status 2."""
    def command(args: argparse.Namespace, folder: Path, options: JournalOptions) -> int:
        try:
            return int(run(args, folder, options))
        except UsageError as exc:
            print(f"reflectjournal {args.command}: error: {exc}", file=sys.stderr)
            return EXIT_USAGE
    command.__doc__ = run.__doc__
    return command


def profile_json(profile: Profile) -> dict[str, Any]:
    """Return the profile as JSON values (dates as YYYY-MM-DD, unset as null)."""
    def day(d: dt.date | None) -> str | None:
        return d.isoformat() if d else None
    return {
        "category": profile.category, "track": profile.track.value,
        "degree": profile.degree.value, "degree_date": day(profile.degree_date),
        "bachelors_prepared": profile.bachelors_prepared, "provides_rsc": profile.provides_rsc,
        "endorsed": profile.endorsed, "endorsed_since": day(profile.endorsed_since),
        "submission_date": day(profile.submission_date), "rule_set": profile.rule_set,
    }


@_usage
def cmd_profile(args: argparse.Namespace, folder: Path, options: JournalOptions) -> int:
    """Change or show the Endorsement profile."""
    if args.action == "set":
        changes = {
            "category": args.category, "track": Track(args.track) if args.track else None,
            "degree": Degree(args.degree) if args.degree else None,
            "degree_date": _date(args.degree_date, "--degree-date"),
            "bachelors_prepared": _yes(args.bachelors_prepared),
            "provides_rsc": _yes(args.provides_rsc), "endorsed": args.endorsed,
            "endorsed_since": _date(args.endorsed_since, "--endorsed-since"),
            "submission_date": _date(args.submission_date, "--submission-date"),
        }
        if all(v is None for v in changes.values()):
            raise UsageError("give at least one value to set, e.g. --category imhs")
        with open_journal(args, folder, options) as journal:
            journal.profile.update(**changes)
        say("Profile updated.")
        return 0
    with open_journal(args, folder, options) as journal:
        values = profile_json(journal.profile.get())
    if args.format == "json":
        print(output.dump_json(values))
        return 0
    for key, value in values.items():
        shown = "not set" if value is None else ("yes" if value is True else
                                                 "no" if value is False else value)
        print(f"{key.replace('_', ' '):<19} {shown}")
    return 0


def provider_json(record: ProviderRecord, entries: int) -> dict[str, Any]:
    """Return a provider as JSON values."""
    return {
        "id": record.id, "name": record.name, "contact_key": record.contact_key,
        "qualifications": [
            {"qualification": s.qualification.value,
             "since": None if s.since == HELD_THROUGHOUT else s.since.isoformat()}
            for s in record.qualifications],
        "entries": entries, "notes": record.notes,
    }


@_usage
def cmd_provider(args: argparse.Namespace, folder: Path, options: JournalOptions) -> int:
    """Add, qualify, rename, link, list or merge provider records."""
    qualification = _qualification(args.qualification) if getattr(
        args, "qualification", None) else None
    since = _date(getattr(args, "since", None), "--since")
    with open_journal(args, folder, options) as journal:
        providers = journal.providers
        if args.action == "add":
            record = providers.add(args.name, qualification, since, args.contact)
            print(record.id)
            if args.contact:  # a link made with the record: the same offer as `link`
                _offer_merge(record, providers.merge_offer(record.id, args.contact),
                             providers.entry_count)
            return 0
        if args.action == "qualify":
            assert qualification is not None  # required by the parser
            assert since is not None
            record = providers.qualify(args.provider, qualification, since)
            say(f"{record.name} holds {qualification.value} from {since.isoformat()}.")
            return 0
        if args.action == "rename":
            record = providers.rename(args.provider, args.name)
            say(f"Renamed {record.id[:8]} to {record.name}.")
            return 0
        if args.action == "link":
            record = providers.link_contact(args.provider, args.contact)
            say(f"{record.name} is {'linked to ' + args.contact if args.contact else 'unlinked'}.")
            if args.contact:
                _offer_merge(record, providers.merge_offer(record.id, args.contact),
                             providers.entry_count)
            return 0
        if args.action == "log-sheet":
            name = args.name if args.name is not None else journal.sharing.my_name()
            sheet = journal.endorsement.log_sheet(args.provider, name, dt.date.today())
            write_output(args.output, to_markdown(sheet).encode("utf-8"))
            if args.output is not None:
                say(f"Wrote {args.output} (unencrypted: dates and minutes of your sessions "
                    "with this provider, nothing from any reflection).")
            return 0
        if args.action == "merge":
            merge = providers.merge(args.source, args.survivor)
            moved = count_words(merge.entries, "entry", "entries")
            say(f"Merged {merge.from_name} into {merge.into_name}: {moved} moved. "
                "The merge is logged.")
            return 0
        rows = [(r, providers.entry_count(r.id)) for r in providers.all()]
    if args.format == "json":
        print(output.dump_json([provider_json(r, n) for r, n in rows]))
        return 0
    for record, count in rows:
        held = "; ".join(
            s.qualification.value + ("" if s.since == HELD_THROUGHOUT else f" from {s.since}")
            for s in record.qualifications) or "qualification not recorded"
        linked = "  (linked contact)" if record.contact_key else ""
        entries = count_words(count, "entry", "entries")
        print(f"{record.id[:8]}  {record.name}  [{held}]  {entries}{linked}")
    if not rows:
        say("No providers yet. Add one with: reflectjournal provider add NAME --qualification Q")
    return 0


def _offer_merge(record: ProviderRecord, others: list[ProviderRecord],
                 entry_count: Callable[[str], int]) -> None:
    """Name the records that may be the same person, with the command that merges each."""
    for other in others:
        entries = count_words(entry_count(other.id), "entry", "entries")
        say(f"hint: '{other.name}' ({other.id[:8]}, {entries}) may be the same person. "
            f"To merge it into this record: reflectjournal provider merge {other.id[:8]} "
            f"{record.id[:8]}")


def cmd_amend(args: argparse.Namespace, folder: Path, options: JournalOptions) -> int:
    """Add a dated note to an entry, or list its notes."""
    text = read_stdin_text() if args.text == "-" else args.text
    with open_journal(args, folder, options) as journal:
        if text is None:
            for note in journal.confirmations.amendments(args.id):
                print(f"{note.written_at:%Y-%m-%d %H:%M}  {note.text}")
            return 0
        note = journal.confirmations.amend(args.id, text)
    say(f"Amendment added to {note.entry_id[:8]} ({note.written_at:%Y-%m-%d %H:%M}).")
    return 0


def cmd_unlink_confirmation(args: argparse.Namespace, folder: Path,
                            options: JournalOptions) -> int:
    """Detach the signed confirmation from an entry (the statement itself is kept)."""
    with open_journal(args, folder, options) as journal:
        entry = journal.confirmations.unlink(args.id)
    say(f"The confirmation is unlinked from {entry.id[:8]}; it now reads as logged by you and "
        "can be edited. The signed statement stays in your records.")
    return 0
