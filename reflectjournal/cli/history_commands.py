"""Saved versions and the trash: `history`, `restore-version`, `trash`."""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from reflectjournal.cli import output
from reflectjournal.cli.common import open_journal, say
from reflectjournal.cli.terminal import interactive_stdin
from reflectjournal.domain.errors import InvalidInputError
from reflectjournal.domain.taxonomy import Catalog
from reflectjournal.domain.text import entry_as_text
from reflectjournal.domain.versions import TRASH_DAYS, EntryVersion, FieldChange, changed_fields
from reflectjournal.services.journal import Journal, JournalOptions


def cmd_history(args: argparse.Namespace, folder: Path, options: JournalOptions) -> int:
    """List an entry's saved versions, or show one against the current."""
    with open_journal(args, folder, options) as journal:
        history = journal.entries.history(args.id)
        labels = journal.tag_labels()
        catalog = journal.catalog
    if args.number is not None:
        return _show_version(args, history, labels, catalog)
    if args.format == "json":
        print(output.dump_json([
            {"version": v.number, "saved_at": v.saved_at.isoformat(), "current": v.current,
             "changed": [c.label for c in _changes(older, v, labels, catalog)],
             "entry": output.entry_json(v.entry, labels)}
            for older, v in zip([None, *history], history, strict=False)
        ]))
        return 0
    for older, version in zip([None, *history], history, strict=False):
        changed = ", ".join(c.label for c in _changes(older, version, labels, catalog))
        note = "first saved" if older is None else f"changed: {changed or 'nothing'}"
        current = "  (current)" if version.current else ""
        print(f"{version.number:>3}  {version.saved_at:%Y-%m-%d %H:%M}  "
              f"{version.entry.title or '(untitled)'}  [{note}]{current}")
    say(f"Show one with: reflectjournal history {args.id} N; "
        f"bring one back with: reflectjournal restore-version {args.id} N")
    return 0


def _show_version(args: argparse.Namespace, history: list[EntryVersion],
                  labels: Mapping[str, str], catalog: Catalog) -> int:
    chosen = next((v for v in history if v.number == args.number), None)
    if chosen is None:
        raise InvalidInputError(f"The entry has no version {args.number}.",
                                f"It has versions 1 to {history[-1].number}.")
    current = history[-1]
    differences = changed_fields(chosen.entry, current.entry, labels, catalog)
    if args.format == "json":
        doc: dict[str, Any] = {
            "version": chosen.number, "saved_at": chosen.saved_at.isoformat(),
            "current": chosen.current, "entry": output.entry_json(chosen.entry, labels),
            "differences_from_current": [
                {"part": c.label, "this_version": c.before, "current": c.after}
                for c in differences],
        }
        print(output.dump_json(doc))
        return 0
    state = "the current version" if chosen.current else f"of {current.number}"
    print(f"Version {chosen.number} {state}, saved {chosen.saved_at:%Y-%m-%d %H:%M}")
    print()
    print(entry_as_text(chosen.entry, labels, catalog))
    if not chosen.current:
        print()
        print(f"What differs from the current version ({current.number}):")
        for change in differences or [FieldChange("nothing", "", "")]:
            if change.label == "nothing":
                print("  nothing")
                continue
            print(f"  {change.label}:")
            print(f"    this version: {_one_line(change.before)}")
            print(f"    current:      {_one_line(change.after)}")
    return 0


def cmd_restore_version(args: argparse.Namespace, folder: Path, options: JournalOptions) -> int:
    """Save an earlier version again as the entry's newest."""
    with open_journal(args, folder, options) as journal:
        entry = journal.entries.restore_version(args.id, args.number)
        newest = journal.entries.history(entry.id)[-1].number
    say(f"Version {args.number} of {entry.id} is the entry again, saved as version {newest}. "
        "Nothing was lost: every earlier version is still in its history.")
    return 0


def cmd_trash(args: argparse.Namespace, folder: Path, options: JournalOptions) -> int:
    """List the trash, restore an entry from it, or empty it."""
    with open_journal(args, folder, options) as journal:
        if args.action == "restore":
            entry = journal.entries.restore_from_trash(args.id)
            say(f"Restored {entry.id} ({entry.date}, {entry.title or 'untitled'}) "
                "with its versions.")
            return 0
        if args.action == "empty":
            return _empty(args, journal)
        trashed = journal.entries.trash()
        labels = journal.tag_labels()
    if args.format == "json":
        print(output.dump_json([
            {**output.entry_json(t.entry, labels), "deleted_at": t.deleted_at.isoformat(),
             "purged_after": t.purged_after.isoformat(), "earlier_versions": t.versions}
            for t in trashed
        ]))
        return 0
    for t in trashed:
        print(f"{t.entry.id[:8]}  {t.entry.date.isoformat()}  {t.entry.kind:<17} "
              f"{t.entry.title or '(untitled)'}  (deleted {t.deleted_at:%Y-%m-%d %H:%M}, "
              f"kept until {t.purged_after:%Y-%m-%d})")
    if not trashed:
        say(f"The trash is empty. Deleted entries stay here for {TRASH_DAYS} days.")
    return 0


def _empty(args: argparse.Namespace, journal: Journal) -> int:
    count = len(journal.entries.trash())
    if count == 0:
        say("The trash is already empty.")
        return 0
    if not args.yes:
        if not interactive_stdin():
            raise InvalidInputError("Add --yes to empty the trash without a terminal to "
                                    "confirm on.")
        answer = input(f"Forget the {count} entries in the trash and all their versions "
                       "for good? [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            say("Nothing was deleted.")
            return 1
    forgotten = journal.entries.empty_trash()
    entries = "1 entry" if forgotten == 1 else f"{forgotten} entries"
    say(f"Emptied the trash: {entries} and their versions are gone for good.")
    return 0


def _changes(older: EntryVersion | None, version: EntryVersion, labels: Mapping[str, str],
             catalog: Catalog) -> list[FieldChange]:
    if older is None:
        return []
    return changed_fields(older.entry, version.entry, labels, catalog)


def _one_line(text: str, limit: int = 200) -> str:
    flat = " ".join(text.split()) or "(empty)"
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
