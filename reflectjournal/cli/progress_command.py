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

from reflectjournal.cli.common import open_journal, say, write_output
from reflectjournal.domain.endorsement.summary import table_csv
from reflectjournal.domain.printable import to_markdown
from reflectjournal.services.progress import ProgressOptions

if TYPE_CHECKING:
    from reflectjournal.services.journal import JournalOptions

def cmd_progress(args: argparse.Namespace, folder: Path, options: JournalOptions) -> int:
    """Print or write the progress report."""
    wanted = ProgressOptions(
        category=args.category, renewal_year=args.renewal,
        as_of=dt.date.fromisoformat(args.as_of) if args.as_of else None,
        count_independent=args.count_independent)
    with open_journal(args, folder, options) as journal:
        report = journal.endorsement.progress(wanted)
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
