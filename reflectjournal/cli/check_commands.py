"""The identifier check outside a bundle: the allow-list, and the check before an export."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from reflectjournal.cli.common import open_journal, say
from reflectjournal.domain.deidentify import kind_words
from reflectjournal.domain.errors import InvalidInputError
from reflectjournal.domain.share_selection import LocatedFlag
from reflectjournal.domain.wording import count_words
from reflectjournal.services.journal import Journal, JournalOptions
from reflectjournal.services.outbound_check import entry_titles

SKIPPED_WARNING = ("The identifier check was skipped (--skip-check): nothing looked for "
                   "names, places, dates or numbers in this copy.")


def cmd_allow_list(args: argparse.Namespace, folder: Path, options: JournalOptions) -> int:
    """Show or change the terms cleared as not an identifier in this journal."""
    changes = bool(args.add or args.remove or args.clear)
    if args.clear and (args.add or args.remove):
        raise InvalidInputError("Give --clear alone, or --add and --remove.")
    with open_journal(args, folder, options) as journal:
        sharing = journal.sharing
        if args.clear:
            terms = sharing.forget_allowed()
        else:
            if args.remove:
                sharing.forget_allowed(args.remove)
            terms = sharing.allow_terms(args.add) if args.add else sharing.allow_list()
    if changes:
        say(f"The allow-list has {count_words(len(terms), 'term', 'terms')}: the check does not "
            "flag them in this "
            "journal (terms on the watch-list are always flagged).")
        return 0
    for term in terms:
        print(term)
    if not terms:
        say("The allow-list is empty. A term you mark as not an identifier (share "
            "--allow-flag ID --remember-allowed, or the share window) is kept here.")
    return 0


def refuse_flagged_export(journal: Journal, flags: Sequence[LocatedFlag]) -> None:
    """List an export's flags on stderr and raise: nothing is written while any is found."""
    if not flags:
        return
    titles = entry_titles(journal, flags)
    for f in flags:
        entry = f.entry_id or ""
        where = f"{entry[:8]} {titles.get(entry) or '(no title)'}"
        say(f"{f.id}  {kind_words(f.flag.kind):<22} \"{f.flag.text}\"  in {where} "
            f"({f.location})  - {f.flag.why}")
    raise InvalidInputError(
        f"The check found {count_words(len(flags), 'possible identifier', 'possible identifiers')}"
        " in this copy; nothing was "
        "written. The check helps you spot identifiers; it cannot promise to find them all.",
        "Edit the entries, or clear a term that is not an identifier with: reflectjournal "
        "allow-list --add TERM. To write the copy as it is, add --skip-check.",
    )
