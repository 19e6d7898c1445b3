"""The command-line syntax of `template` (cli/template_commands.py runs it)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TypeVar

from reflectjournal.cli import arg_types as t

Parser = TypeVar("Parser", bound=argparse.ArgumentParser)  # cli/parser.py's OneLineParser
_PROMPT_HELP = "the prompt's id, label or number (template show lists them)"


def add_parser(sub: argparse._SubParsersAction[Parser]) -> None:
    """Add `template` and its actions to the command parser."""
    template = sub.add_parser(
        "template", help="your prompts per kind: list, show, hide, reword, add, export, import")
    acts = template.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = acts.add_parser("list", help="every kind's template, yours or built-in")
    listing.add_argument("--format", choices=("text", "json"), default="text")
    show = acts.add_parser("show", help="a kind's prompts in order, hidden ones marked")
    show.add_argument("kind", type=t.name, metavar="KIND")
    show.add_argument("--format", choices=("text", "json"), default="text")
    for action, words in (("hide", "stop asking a prompt (answers to it stay)"),
                          ("unhide", "ask a hidden prompt again")):
        one = acts.add_parser(action, help=words)
        one.add_argument("kind", type=t.name, metavar="KIND")
        one.add_argument("prompts", type=t.name, nargs="+", metavar="PROMPT", help=_PROMPT_HELP)
    move = acts.add_parser("move", help="put a prompt at another place")
    move.add_argument("kind", type=t.name, metavar="KIND")
    move.add_argument("prompt", type=t.name, metavar="PROMPT", help=_PROMPT_HELP)
    # Past the last place means last (domain/templates.moved); the parser loads no domain
    # module, so that the unlock window paints first.
    move.add_argument("position", type=t.whole_number(1, 999, "a position"),
                      metavar="N", help="1 for first")
    reword = acts.add_parser("reword", help="change a prompt's label or question (entries "
                             "written before keep the words they answered)")
    reword.add_argument("kind", type=t.name, metavar="KIND")
    reword.add_argument("prompt", type=t.name, metavar="PROMPT", help=_PROMPT_HELP)
    reword.add_argument("--label", type=t.name)
    reword.add_argument("--text", help="the question")
    add = acts.add_parser("add", help="add a prompt of your own at the end")
    add.add_argument("kind", type=t.name, metavar="KIND")
    add.add_argument("--label", type=t.name, required=True)
    add.add_argument("--text", required=True, help="the question")
    trim = acts.add_parser("trim", help="hide the prompts none of your recent entries of "
                           "the kind answered")
    trim.add_argument("kind", type=t.name, metavar="KIND")
    reset = acts.add_parser("reset", help="ask the built-in prompts again")
    reset.add_argument("kind", type=t.name, metavar="KIND")
    from_entry = acts.add_parser("from-entry", help="make the prompts an entry answered its "
                                 "kind's template")
    from_entry.add_argument("id", type=t.name, help="entry id (or a unique prefix of it)")
    from_entry.add_argument("--kind", type=t.name, help="for another kind than the entry's")
    export = acts.add_parser("export", help="write a kind's template to an UNENCRYPTED file")
    export.add_argument("kind", type=t.name, metavar="KIND")
    export.add_argument("-o", "--output", type=Path, metavar="FILE",
                        help="file to write (default: standard output)")
    imp = acts.add_parser("import", help="make a template file its kind's template")
    imp.add_argument("file", type=Path, metavar="FILE")
    imp.add_argument("--dry-run", action="store_true",
                     help="show what it would change and change nothing")
