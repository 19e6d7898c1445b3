"""The command-line syntax of `template` (cli/template_commands.py runs it)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TypeVar

from reflectjournal.cli import arg_types as t

Parser = TypeVar("Parser", bound=argparse.ArgumentParser)  # cli/parser.py's OneLineParser
_PROMPT_HELP = "the prompt's id, label or number (template show lists them)"
_TEMPLATE_HELP = ("which of the kind's templates: its id or name, or built-in (default: the "
                  "kind's default)")


def _which(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--template", type=t.name, metavar="ID_OR_LABEL", help=_TEMPLATE_HELP)


def add_parser(sub: argparse._SubParsersAction[Parser]) -> None:
    """Add `template` and its actions to the command parser."""
    template = sub.add_parser(
        "template", help="your templates per kind: list, new, rename, delete, default, show, "
        "hide, reword, add, export, import")
    acts = template.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = acts.add_parser("list", help="every template: id, kind, name, the default marked")
    listing.add_argument("--format", choices=("text", "json"), default="text")
    show = acts.add_parser("show", help="a kind's prompts in order, hidden ones marked")
    show.add_argument("kind", type=t.name, metavar="KIND")
    show.add_argument("--format", choices=("text", "json"), default="text")
    _which(show)
    new = acts.add_parser("new", help="add a template of a kind: the built-in prompts, or "
                          "those an entry answered")
    new.add_argument("kind", type=t.name, metavar="KIND")
    new.add_argument("--label", type=t.name, required=True, metavar="NAME")
    new.add_argument("--from-entry", type=t.name, metavar="ID",
                     help="entry id (or a unique prefix of it)")
    rename = acts.add_parser("rename", help="give a template another name")
    rename.add_argument("id", type=t.name, metavar="ID", help="the template's id (list shows it)")
    rename.add_argument("--label", type=t.name, required=True, metavar="NAME")
    delete = acts.add_parser("delete", help="forget a template (entries keep their answers)")
    delete.add_argument("id", type=t.name, metavar="ID", help="the template's id")
    default = acts.add_parser("default", help="make a template the one new entries of its "
                              "kind ask")
    default.add_argument("id", type=t.name, metavar="ID", help="the template's id")
    for action, words in (("hide", "stop asking a prompt (answers to it stay)"),
                          ("unhide", "ask a hidden prompt again")):
        one = acts.add_parser(action, help=words)
        one.add_argument("kind", type=t.name, metavar="KIND")
        one.add_argument("prompts", type=t.name, nargs="+", metavar="PROMPT", help=_PROMPT_HELP)
        _which(one)
    move = acts.add_parser("move", help="put a prompt at another place")
    move.add_argument("kind", type=t.name, metavar="KIND")
    move.add_argument("prompt", type=t.name, metavar="PROMPT", help=_PROMPT_HELP)
    # Past the last place means last (domain/templates.moved); the parser loads no domain
    # module, so that the unlock window paints first.
    move.add_argument("position", type=t.whole_number(1, 999, "a position"),
                      metavar="N", help="1 for first")
    _which(move)
    reword = acts.add_parser("reword", help="change a prompt's label or question (entries "
                             "written before keep the words they answered)")
    reword.add_argument("kind", type=t.name, metavar="KIND")
    reword.add_argument("prompt", type=t.name, metavar="PROMPT", help=_PROMPT_HELP)
    reword.add_argument("--label", type=t.name)
    reword.add_argument("--text", help="the question")
    _which(reword)
    add = acts.add_parser("add", help="add a prompt of your own at the end")
    add.add_argument("kind", type=t.name, metavar="KIND")
    add.add_argument("--label", type=t.name, required=True)
    add.add_argument("--text", required=True, help="the question")
    _which(add)
    trim = acts.add_parser("trim", help="hide the prompts none of your recent entries of "
                           "the kind answered")
    trim.add_argument("kind", type=t.name, metavar="KIND")
    _which(trim)
    reset = acts.add_parser("reset", help="make the built-in prompts the kind's default again "
                            "(your templates stay)")
    reset.add_argument("kind", type=t.name, metavar="KIND")
    from_entry = acts.add_parser("from-entry", help="add a template of the prompts an entry "
                                 "answered")
    from_entry.add_argument("id", type=t.name, help="entry id (or a unique prefix of it)")
    from_entry.add_argument("--kind", type=t.name, help="for another kind than the entry's")
    from_entry.add_argument("--label", type=t.name, metavar="NAME",
                            help="its name (default: from the entry's title)")
    export = acts.add_parser("export", help="write one template to an UNENCRYPTED file")
    export.add_argument("kind", type=t.name, metavar="KIND")
    _which(export)
    export.add_argument("-o", "--output", type=Path, metavar="FILE",
                        help="file to write (default: standard output)")
    imp = acts.add_parser("import", help="add a template file as a new template of its kind")
    imp.add_argument("file", type=Path, metavar="FILE")
    imp.add_argument("--replace", action="store_true",
                     help="replace the kind's template of the same name instead")
    imp.add_argument("--dry-run", action="store_true",
                     help="show what it would change and change nothing")
