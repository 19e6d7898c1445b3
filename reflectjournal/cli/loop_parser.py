"""The command-line syntax of the supervision loop: `bring` and `agenda` (issue 15).

Apart from the commands (cli/loop_commands.py) so that building the parser loads no
service code.
"""

from __future__ import annotations

import argparse
from typing import TypeVar

Parser = TypeVar("Parser", bound=argparse.ArgumentParser)  # cli/parser.py's OneLineParser


def add_parsers(sub: argparse._SubParsersAction[Parser]) -> None:
    """Add the supervision loop's commands to the command parser."""
    bring = sub.add_parser("bring", help="mark an entry to bring to supervision (it stays on "
                           "your agenda until you say it was talked about)")
    bring.add_argument("id", help="entry id (or a unique prefix of it)")
    bring.add_argument("--done", action="store_true",
                       help="it was talked about: take it off the agenda")

    agenda = sub.add_parser("agenda", help="what your next supervision carries forward: "
                            "questions from your supervisor and your own marks, oldest first")
    agenda.add_argument("--answered", metavar="ITEM",
                        help="take one item off the agenda (q12: a question, m3: a mark)")
    agenda.add_argument("--format", choices=("text", "json"), default="text")
