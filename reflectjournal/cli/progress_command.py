"""`reflectjournal progress`: hours and competencies toward Endorsement, in four formats.

Text for reading, JSON for scripts (docs/progress-json.md), CSV for a spreadsheet, Markdown for
a printable summary. JSON, CSV and Markdown written with -o are unencrypted copies the user
asked for by name; they hold no reflection text (services/progress.py).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING

from reflectjournal.cli import arg_types as t
from reflectjournal.cli.common import open_journal, say, write_output
from reflectjournal.domain.endorsement.summary import table_csv
from reflectjournal.domain.printable import to_markdown
from reflectjournal.services.progress import ProgressOptions

if TYPE_CHECKING:
    from reflectjournal.cli.parser import OneLineParser
    from reflectjournal.services.journal import JournalOptions

renewal_year = t.whole_number(1990, 2200, "a year")


def add_progress_parser(sub: argparse._SubParsersAction[OneLineParser]) -> None:
    """Add `progress` to the command line."""
    p = sub.add_parser("progress", help="hours and competencies toward Endorsement")
    p.add_argument("--category", type=t.name, metavar="ID",
                   help="e.g. imhs or ecmhm-c (default: the one in your profile)")
    p.add_argument("--as-of", type=t.calendar_date, metavar="YYYY-MM-DD",
                   help="count as of this day (default today)")
    p.add_argument("--renewal", type=renewal_year, metavar="YEAR",
                   help="the renewal requirements of one calendar year")
    p.add_argument("--count-independent", action="store_true",
                   help="count independent study toward training hours")
    p.add_argument("--format", choices=("text", "json", "csv", "markdown"), default="text")
    p.add_argument("--name", type=t.name, metavar="NAME",
                   help="your name on the summary (default: your contact card's)")
    p.add_argument("-o", "--output", type=Path, metavar="FILE",
                   help="file to write (default: standard output)")


def cmd_progress(args: argparse.Namespace, folder: Path, options: JournalOptions) -> int:
    """Print or write the progress report."""
    wanted = ProgressOptions(
        category=args.category, renewal_year=args.renewal,
        as_of=dt.date.fromisoformat(args.as_of) if args.as_of else None,
        count_independent=args.count_independent)
    with open_journal(args, folder, options) as journal:
        report = journal.progress(wanted)
        name = args.name if args.name is not None else journal.sharing.my_name()
    if args.format == "json":
        text = json.dumps(report.json(), ensure_ascii=False, indent=2) + "\n"
    elif args.format == "csv":
        text = table_csv(report.table())
    elif args.format == "markdown":
        text = to_markdown(report.document(name, dt.date.today()))
    else:
        text = "\n".join(report.text_lines()) + "\n"
    write_output(args.output, text.encode("utf-8"))
    if args.output is not None:
        say(f"Wrote {args.output} (unencrypted: delete it when you no longer need it).")
    return 0
