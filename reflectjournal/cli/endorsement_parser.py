"""The command-line syntax of `profile`, `provider`, `amend`, `unlink-confirmation`, `progress`.

Apart from the commands (cli/endorsement_commands.py) so that building the parser loads no
service code.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TypeVar

from reflectjournal.cli import arg_types as t
from reflectjournal.domain.endorsement.records import CATEGORY_IDS, Degree, Qualification, Track

_YES_NO = ("yes", "no")
Parser = TypeVar("Parser", bound=argparse.ArgumentParser)  # cli/parser.py's OneLineParser


def qualification(text: str) -> str:
    """Return a qualification id as the rules spell it, matched in any case."""
    for known in Qualification:
        if known.value.casefold() == text.strip().casefold():
            return known.value
    raise argparse.ArgumentTypeError(
        f"unknown qualification '{text}' (one of: {', '.join(q.value for q in Qualification)})")


def add_parsers(sub: argparse._SubParsersAction[Parser]) -> None:
    """Add the Endorsement record commands to the command parser."""
    profile = sub.add_parser("profile", help="your Endorsement profile (category, degree, ...)")
    actions = profile.add_subparsers(dest="action", metavar="ACTION", required=True)
    set_ = actions.add_parser("set", help="change the values given; the others stay")
    set_.add_argument("--category", choices=CATEGORY_IDS, metavar="ID",
                      help=f"target category: {', '.join(CATEGORY_IDS)}")
    set_.add_argument("--track", choices=[t.value for t in Track])
    set_.add_argument("--degree", choices=[d.value for d in Degree if d != Degree.NONE])
    set_.add_argument("--degree-date", type=t.calendar_date, metavar="D", help="YYYY-MM-DD")
    set_.add_argument("--bachelors-prepared", choices=_YES_NO)
    set_.add_argument("--provides-rsc", choices=_YES_NO)
    set_.add_argument("--endorsed", choices=CATEGORY_IDS, metavar="ID",
                      help="the category you hold")
    set_.add_argument("--endorsed-since", type=t.calendar_date, metavar="D", help="YYYY-MM-DD")
    set_.add_argument("--submission-date", type=t.calendar_date, metavar="D",
                      help="when you intend to apply (picks the rule version)")
    show = actions.add_parser("show", help="print the profile")
    show.add_argument("--format", choices=("text", "json"), default="text")

    provider = sub.add_parser("provider", help="your RSC providers and their qualifications")
    acts = provider.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = acts.add_parser("add", help="add a provider record")
    add.add_argument("name", type=t.name)
    add.add_argument("--qualification", required=True, type=qualification, metavar="Q",
                     help=", ".join(q.value for q in Qualification))
    add.add_argument("--since", type=t.calendar_date, metavar="D",
                     help="held from this date (default: for every session logged)")
    add.add_argument("--contact", type=t.name, metavar="NAME",
                     help="link to this verified contact")
    qualify = acts.add_parser("qualify", help="record a qualification from a date")
    qualify.add_argument("provider", type=t.name, metavar="NAME_OR_ID")
    qualify.add_argument("--qualification", required=True, type=qualification, metavar="Q")
    qualify.add_argument("--since", required=True, type=t.calendar_date, metavar="D")
    rename = acts.add_parser("rename", help="change a provider's name")
    rename.add_argument("provider", type=t.name, metavar="NAME_OR_ID")
    rename.add_argument("name", type=t.name)
    link = acts.add_parser("link", help="link a provider to a verified contact")
    link.add_argument("provider", type=t.name, metavar="NAME_OR_ID")
    link.add_argument("--contact", type=t.name, metavar="NAME",
                      help="the contact (leave out to unlink)")
    listing = acts.add_parser("list", help="list providers")
    listing.add_argument("--format", choices=("text", "json"), default="text")
    merge = acts.add_parser("merge", help="fold one record into another (entries follow)")
    merge.add_argument("source", type=t.name, metavar="FROM")
    merge.add_argument("survivor", type=t.name, metavar="INTO")
    sheet = acts.add_parser("log-sheet", help="a printable log of your sessions with a "
                            "provider, to initial and sign on paper (Markdown)")
    sheet.add_argument("provider", type=t.name, metavar="NAME_OR_ID")
    sheet.add_argument("--name", type=t.name, metavar="NAME",
                       help="your name on the sheet (default: your contact card's)")
    sheet.add_argument("-o", "--output", type=Path, metavar="FILE",
                       help="file to write (default: standard output)")

    amend = sub.add_parser("amend", help="add a dated note to an entry (signed hours stay)")
    amend.add_argument("id", help="entry id (or a unique prefix of it)")
    amend.add_argument("--text", help="the note ('-' reads standard input; leave out to list)")
    unlink = sub.add_parser("unlink-confirmation",
                            help="detach a signed confirmation so the session can be edited")
    unlink.add_argument("id", help="entry id (or a unique prefix of it)")


renewal_year = t.whole_number(1990, 2200, "a year")


def add_progress_parser(sub: argparse._SubParsersAction[Parser]) -> None:
    """Add `progress` (cli/progress_command.py runs it) to the command parser."""
    p = sub.add_parser("progress", help="hours and competencies toward Endorsement")
    p.add_argument("--category", choices=CATEGORY_IDS, metavar="ID",
                   help=f"one of {', '.join(CATEGORY_IDS)} (default: the one in your profile)")
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
