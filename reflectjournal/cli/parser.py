"""The argument parser for `reflectjournal [--journal DIR] COMMAND`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from reflectjournal import __version__
from reflectjournal.cli import arg_types as t
from reflectjournal.cli import claims_parser, endorsement_parser, loop_parser, template_parser
from reflectjournal.domain.endorsement.backlog_cells import DATE_ORDERS
from reflectjournal.domain.foreign.model import SOURCE_KINDS
from reflectjournal.domain.search import RANKED_MATCHES

EPILOG = """\
examples:
  reflectjournal init
  reflectjournal add --kind session --title "Home visit" --competency "Observation & listening" \\
      --theme G5 --tag feeding --duration 60 --body "What I noticed ..."
  reflectjournal search "bottle*" --kind session --from 2026-01-01
  reflectjournal list --competency Reflection --format json
  reflectjournal export --format markdown -o reflections.md
  reflectjournal contact card --name "Sam Rivera" -o sam.rjcard
  reflectjournal share --to "Dr. Ada Obi" --kind session --from 2026-11-01 \\
      -o supervision-2026-11.rjb
Passphrases: a prompt without echo on a terminal; for scripts REFLECTJOURNAL_PASSPHRASE or
--passphrase-file (init takes the journal's first passphrase from these too; passwd and
recover take the new one from REFLECTJOURNAL_NEW_PASSPHRASE or --new-passphrase-file).
"""


def app_only_options(argv: Sequence[str] | None) -> argparse.Namespace | None:
    """Parse a command line that only opens the desktop app; None for anything else.

    Making every command's parser costs the app's start about 6 ms; a line with a
    command, help, a typo or an error goes to the full parser, which reports it.
    """
    quick = argparse.ArgumentParser(add_help=False, allow_abbrev=False, exit_on_error=False)
    quick.add_argument("--journal", type=Path)
    quick.add_argument("--demo", action="store_true")
    try:
        args, rest = quick.parse_known_args(sys.argv[1:] if argv is None else argv)
    except argparse.ArgumentError:
        return None
    return None if rest else args


class OneLineParser(argparse.ArgumentParser):
    """A parser whose usage errors are one plain line naming the problem (exit status 2).

    argparse's own form prints the whole usage block first, which buries the one line that
    says what was wrong; `--help` still shows the usage. Subparsers inherit the class.
    """

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see: {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    """Return the parser for every command."""
    parser = OneLineParser(
        prog="reflectjournal",
        description="An offline, encrypted reflective-practice journal. "
        "With no command, opens the desktop app.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--journal", type=Path, metavar="DIR",
                        help="journal folder (default: $REFLECTJOURNAL_JOURNAL or the user data "
                        "folder)")
    parser.add_argument("--passphrase-file", type=Path, metavar="FILE",
                        help="read the passphrase from the first line of FILE")
    parser.add_argument("--new-passphrase-file", type=Path, metavar="FILE",
                        help="read a new passphrase from the first line of FILE")
    parser.add_argument("--demo", action="store_true",
                        help="open the desktop app on a throwaway journal with sample entries")
    entry = parser.add_mutually_exclusive_group()
    entry.add_argument("--install-desktop-entry", action="store_true",
                       help="put ReflectJournal in this user's applications menu (Linux)")
    entry.add_argument("--uninstall-desktop-entry", action="store_true",
                       help="take it out of the menu again")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    sub.add_parser("init", help="create a new journal and show its recovery key once")

    add = sub.add_parser("add", help="add an entry (text from --body or standard input)")
    _entry_options(add, adding=True)
    sub.add_parser("edit", help="change an entry; same options as add")
    edit = sub.choices["edit"]
    edit.add_argument("id", type=t.name, help="entry id (or a unique prefix of it)")
    _entry_options(edit, adding=False)

    listing = sub.add_parser("list", help="list entries, newest first")
    _filter_options(listing)
    _output_options(listing, sorts=("newest", "oldest"))

    show = sub.add_parser("show", help="show one entry")
    show.add_argument("id", type=t.name, help="entry id (or a unique prefix of it)")
    show.add_argument("--format", choices=("text", "json", "markdown"), default="text")

    delete = sub.add_parser("delete", help="delete an entry")
    delete.add_argument("id", type=t.name, help="entry id (or a unique prefix of it)")
    delete.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    _history_parsers(sub)

    search = sub.add_parser("search", help="full-text search with snippets")
    search.add_argument("query", help='words; "quotes" for phrases; word* for prefixes')
    _filter_options(search)
    _output_options(search, sorts=("relevance", "newest", "oldest"))

    tags = sub.add_parser("tags", help="list tags with counts; add, rename or retire them")
    tags.add_argument("--family", choices=("competency", "theme", "user"))
    tags.add_argument("--format", choices=("text", "json"), default="text")
    tags.add_argument("--add", type=t.name, metavar="NAME", help="create a user tag")
    tags.add_argument("--rename", nargs=2, metavar=("TAG", "NEW_NAME"),
                      help="rename a tag (its id and entries stay)")
    tags.add_argument("--retire", metavar="TAG", help="hide a tag from pickers; entries keep it")
    tags.add_argument("--unretire", metavar="TAG", help="bring a retired tag back")

    export = sub.add_parser("export", help="write entries to an UNENCRYPTED JSON or Markdown file")
    export.add_argument("--format", choices=("json", "markdown"), default="json")
    export.add_argument("-o", "--output", type=Path, metavar="FILE",
                        help="file to write (default: standard output)")
    export.add_argument("--query", default="", help="only entries matching this search")
    _filter_options(export)
    export.add_argument("--skip-check", action="store_true",
                        help="write without the identifier check (the warning says so)")

    imp = sub.add_parser(
        "import", help="import a JSON export, or with --from another app's file or folder "
                       "(entries imported before are skipped)")
    imp.add_argument("file", type=Path, metavar="FILE_OR_DIR")
    imp.add_argument("--from", dest="source", choices=(*SOURCE_KINDS, "csv"),
                     help="jrnl: its journal file or `jrnl --export json`; dayone: Day One's "
                          "JSON export .zip; markdown: a folder of notes (Obsidian ...); "
                          "word: a .docx or .odt file (Word, Google Docs, LibreOffice) or a "
                          "folder of them; csv: a spreadsheet of past trainings and RSC "
                          "sessions (docs/import-hours-csv.md)")
    imp.add_argument("--dry-run", action="store_true",
                     help="with --from: show what would be imported and import nothing")
    imp.add_argument("--zone", metavar="TZ",
                     help="with --from: the time zone of times kept without one (jrnl, "
                          "Markdown, Word; default: this computer's), e.g. Europe/Berlin")
    imp.add_argument("--dates", choices=DATE_ORDERS, default="auto",
                     help="with --from csv: how to read dates like 03/04/2024 (default: as "
                          "the file shows, else day first in a ';' file, month first in a ',' "
                          "one; the preview says which)")

    passwd = sub.add_parser(
        "passwd", help="change the passphrase (instant: the database is not rewritten)")
    passwd.add_argument(
        "--rotate-key", action="store_true",
        help="also re-encrypt the database under a new data key (a verified backup first) "
             "and make a new recovery key, so that old copies of journal.key stop opening "
             "it: use after a passphrase or key file may have leaked")
    sub.add_parser("recover", help="unlock with the recovery key and set a new passphrase")
    sub.add_parser("check", help="verify the journal's integrity")
    recovery = sub.add_parser("new-recovery-key", help="replace the recovery key")
    recovery.set_defaults(command="new-recovery-key")

    backup = sub.add_parser("backup", help="write a verified encrypted backup")
    backup.add_argument("-o", "--output", type=Path, metavar="FILE",
                        help="backup file (default: a new file in the journal's backups folder)")
    where = backup.add_mutually_exclusive_group()
    where.add_argument("--folder", type=Path, metavar="DIR",
                       help="from now on keep backups (automatic ones too) in DIR, e.g. on "
                            "an external drive, and write this one there")
    where.add_argument("--journal-folder", action="store_true",
                       help="from now on keep backups in the journal's own folder again")

    restore = sub.add_parser("restore", help="restore a backup (the current state is "
                             "backed up first)")
    restore.add_argument("file", type=Path)
    _sharing_parsers(sub)
    endorsement_parser.add_parsers(sub)
    endorsement_parser.add_progress_parser(sub)
    claims_parser.add_parsers(sub)
    loop_parser.add_parsers(sub)
    template_parser.add_parser(sub)
    return parser


def _history_parsers(sub: argparse._SubParsersAction[OneLineParser]) -> None:
    """Add the commands of saved versions and the trash."""
    history = sub.add_parser("history", help="list an entry's saved versions, or show one "
                             "against the current")
    history.add_argument("id", type=t.name, help="entry id (or a unique prefix of it)")
    history.add_argument("number", nargs="?", type=t.version_number, metavar="N",
                         help="show version N and what differs from the current one")
    history.add_argument("--format", choices=("text", "json"), default="text")
    again = sub.add_parser("restore-version", help="make version N of an entry its newest "
                           "(a new save: no version is lost)")
    again.add_argument("id", type=t.name, help="entry id (or a unique prefix of it)")
    again.add_argument("number", type=t.version_number, metavar="N",
                       help="version number shown by history")
    trash = sub.add_parser("trash", help="list deleted entries (kept 30 days); restore or "
                           "empty")
    trash.add_argument("--format", choices=("text", "json"), default="text")
    actions = trash.add_subparsers(dest="action", metavar="ACTION")
    actions.add_parser("list", help="list deleted entries, the most recent first")
    restore = actions.add_parser("restore", help="put a deleted entry back, with its versions")
    restore.add_argument("id", type=t.name,
                         help="entry id (or a unique prefix of it), shown by trash")
    empty = actions.add_parser("empty", help="forget every deleted entry for good")
    empty.add_argument("--yes", action="store_true", help="do not ask for confirmation")


def _entry_options(p: argparse.ArgumentParser, *, adding: bool) -> None:
    p.add_argument("--kind", required=adding, help="session, supervision, supervision-given, "
                   "supervision-prep, training, work, reflection or self-care")
    p.add_argument("--date", type=t.calendar_date, help="YYYY-MM-DD (default today; digits of "
                   "any script are read as 0-9)")
    p.add_argument("--title")
    p.add_argument("--competency", action="append", default=[], type=t.name, metavar="NAME_OR_ID",
                   help="competency or knowledge area (repeatable)")
    p.add_argument("--theme", action="append", default=[], type=t.name, metavar="NAME_OR_ID",
                   help="theme such as G1 or 'Unresolved loss' (repeatable)")
    p.add_argument("--tag", action="append", default=[], type=t.name, metavar="T",
                   help="your own tag, created if new (repeatable)")
    p.add_argument("--duration", type=t.duration, metavar="MINUTES")
    p.add_argument("--body", help="free text ('-' reads standard input)")
    p.add_argument("--answer", action="append", default=[], metavar="PROMPT=TEXT",
                   help="answer to a guided prompt, e.g. baby='She looked for her mother'")
    p.add_argument("--field", action="append", default=[], metavar="FIELD=VALUE",
                   help="kind-specific field, e.g. setting=home, present=infant,parent")
    p.add_argument("--provider", type=t.name, metavar="NAME_OR_ID",
                   help="supervision: your RSC provider's record (see: provider list)")
    p.add_argument("--client-code", metavar="CODE",
                   help="client code to reuse, or 'new' for a fresh random one")
    star = p.add_mutually_exclusive_group()
    star.add_argument("--star", dest="starred", action="store_const", const=True)
    star.add_argument("--unstar", dest="starred", action="store_const", const=False)
    if adding:
        p.add_argument("--template", type=t.name, metavar="ID_OR_LABEL",
                       help="which of the kind's templates to answer (default: its default); "
                       "--answer may then name its prompts by label or number")
    if not adding:
        p.add_argument("--replace-tags", action="store_true",
                       help="replace the entry's tags with those given (default: add to them)")


def _filter_options(p: argparse.ArgumentParser, *, to_flag: str = "--to") -> None:
    p.add_argument("--kind", action="append", default=[], help="entry kind (repeatable: any of)")
    p.add_argument("--competency", action="append", default=[], type=t.name, metavar="NAME_OR_ID",
                   help="a level-1 area also matches its knowledge areas (repeatable: all of)")
    p.add_argument("--theme", action="append", default=[], type=t.name, metavar="NAME_OR_ID")
    p.add_argument("--tag", action="append", default=[], type=t.name, metavar="T")
    p.add_argument("--from", dest="date_from", type=t.calendar_date, metavar="YYYY-MM-DD")
    # share's --to names the recipient, so its end date is --until.
    p.add_argument(to_flag, dest="date_to", type=t.calendar_date, metavar="YYYY-MM-DD")
    p.add_argument("--starred", action="store_true")


def _received_parser(sub: argparse._SubParsersAction[OneLineParser]) -> None:
    """Add `received`: what supervisees shared, searched and filtered, or the caseload."""
    received = sub.add_parser(
        "received", help="list, search and filter entries others shared with you")
    received.add_argument("id", nargs="?", type=t.name, help="show this received entry")
    received.add_argument("--search", metavar="Q", default="",
                          help='words; "quotes" for phrases; word* for prefixes')
    received.add_argument("--supervisee", action="append", default=[], type=t.name,
                          metavar="NAME", help="a contact's name or key fingerprint (repeatable:"
                          " any of)")
    received.add_argument("--kind", action="append", default=[], help="entry kind (any of)")
    received.add_argument("--competency", action="append", default=[], type=t.name,
                          metavar="NAME_OR_ID", help="a level-1 area also matches its knowledge"
                          " areas (repeatable: all of)")
    received.add_argument("--theme", action="append", default=[], type=t.name,
                          metavar="NAME_OR_ID")
    received.add_argument("--from", dest="date_from", type=t.calendar_date, metavar="YYYY-MM-DD")
    received.add_argument("--to", dest="date_to", type=t.calendar_date, metavar="YYYY-MM-DD")
    read = received.add_mutually_exclusive_group()
    read.add_argument("--unread", dest="read", action="store_false", default=None,
                      help="only entries not shown yet")
    read.add_argument("--read", dest="read", action="store_true", default=None,
                      help="only entries shown before")
    answered = received.add_mutually_exclusive_group()
    answered.add_argument("--unanswered", dest="answered", action="store_false", default=None,
                          help="only entries you have not commented on")
    answered.add_argument("--answered", dest="answered", action="store_true", default=None,
                          help="only entries you have commented on")
    received.add_argument("--caseload", action="store_true",
                          help="each supervisee: unread, unanswered, last session, hours")
    received.add_argument("--year", type=t.year, metavar="YYYY",
                          help="the calendar year of --caseload's hours (default: this one)")
    received.add_argument("--format", choices=("text", "json"), default="text")
    received.add_argument("--limit", type=t.limit, metavar="N", help="print at most N")


def _output_options(p: argparse.ArgumentParser, sorts: tuple[str, ...]) -> None:
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--limit", type=t.limit, metavar="N", help="print at most N (default: all)")
    ranked = (f"; relevance ranks the newest {RANKED_MATCHES:,} matches, older ones follow"
              " newest first" if "relevance" in sorts else "")
    p.add_argument("--sort", choices=sorts, default=sorts[0],
                   help=f"default: {sorts[0]}{ranked}")


def _sharing_parsers(sub: argparse._SubParsersAction[OneLineParser]) -> None:
    """Add the commands of the supervision round trip."""
    contact = sub.add_parser("contact", help="your contact card, and the people you share with")
    actions = contact.add_subparsers(dest="action", metavar="ACTION", required=True)
    card = actions.add_parser("card", help="write your contact card (public keys and name)")
    card.add_argument("--name", type=t.name,
                      help="your name as others know you (asked once, then kept)")
    card.add_argument("--role", type=t.name, help="e.g. 'Home visitor' or 'Reflective supervisor'")
    card.add_argument("-o", "--output", type=Path, metavar="FILE",
                      help="file to write (default: standard output)")
    add = actions.add_parser("add", help="import someone's card; prints the pairing code")
    add.add_argument("file", type=Path)
    verify = actions.add_parser("verify", help="mark a contact verified once the codes match")
    verify.add_argument("name", type=t.name, help="the name as on their card")
    verify.add_argument("--code", required=True, help="the code they read out to you")
    listing = actions.add_parser("list", help="list contacts, verified or not")
    listing.add_argument("--format", choices=("text", "json"), default="text")
    remove = actions.add_parser("remove", help="forget a contact")
    remove.add_argument("name", type=t.name)

    watch = sub.add_parser("watch-list", help="names and places the check before sharing "
                           "always flags (kept encrypted)")
    watch.add_argument("--add", action="append", default=[], type=t.name, metavar="NAME")
    watch.add_argument("--remove", action="append", default=[], type=t.name,
                       metavar="NAME")

    allow = sub.add_parser("allow-list", help="terms you cleared as not an identifier: the "
                           "check no longer flags them in this journal (kept encrypted)")
    allow.add_argument("--add", action="append", default=[], type=t.name, metavar="TERM")
    allow.add_argument("--remove", action="append", default=[], type=t.name, metavar="TERM")
    allow.add_argument("--clear", action="store_true", help="forget every cleared term")

    share = sub.add_parser("share", help="write an encrypted, signed bundle for a supervisor")
    share.add_argument("--to", type=t.name, metavar="NAME", help="a verified contact")
    share.add_argument("--passphrase", action="store_true",
                       help="no pairing: lock with six new words to tell in person")
    share.add_argument("--id", action="append", default=[], type=t.name, metavar="ID",
                       help="an entry to share (repeatable); otherwise filters choose")
    share.add_argument("--query", default="", help="entries matching this search")
    _filter_options(share, to_flag="--until")
    share.add_argument("--include", action="append", default=[], metavar="PART",
                       help="also send this part, e.g. client_code or tags")
    share.add_argument("--exclude", action="append", default=[], metavar="PART",
                       help="do not send this part, e.g. body or feelings")
    share.add_argument("--exact-dates", action="store_true",
                       help="send full dates (default: month only)")
    share.add_argument("--message", help="a covering note for the supervisor")
    share.add_argument("--redact-flags", action="store_true",
                       help="replace every flagged possible identifier with a placeholder")
    share.add_argument("--allow-flag", action="append", default=[], metavar="ID",
                       help="keep a flagged text that is not an identifier (repeatable)")
    share.add_argument("--remember-allowed", action="store_true",
                       help="put the --allow-flag texts on the allow-list once written")
    share.add_argument("--dry-run", action="store_true",
                       help="print exactly what would leave, and the flags; write nothing")
    share.add_argument("-o", "--output", type=Path, metavar="FILE",
                       default=None, help="bundle file, e.g. supervision-2026-11.rjb")

    receive = sub.add_parser("receive", help="open a bundle of entries or of comments")
    receive.add_argument("file", type=Path)
    _received_parser(sub)

    comment = sub.add_parser("comment", help="comment on a received entry (or bundle)")
    comment.add_argument("id", type=t.name,
                         help="received entry id, or a bundle id for an overall comment")
    comment.add_argument("--text", required=True, help="the comment ('-' reads standard input)")
    comment.add_argument("--question", action="store_true",
                         help="ask it as a question: it stays on their agenda until answered")

    confirm = sub.add_parser("confirm-session",
                             help="confirm a supervision session, signed, for the sender "
                             "(several ids: one group session, a statement for each)")
    confirm.add_argument("id", type=t.name, nargs="+",
                         help="received entry or bundle id of the supervisee (one per person)")
    confirm.add_argument("--date", type=t.calendar_date, help="YYYY-MM-DD (default today)")
    confirm.add_argument("--minutes", type=t.minutes, required=True)
    confirm.add_argument("--format", choices=("individual", "group"),
                         help="individual (the default for one id) or group (for several)")
    confirm.add_argument("--mode", choices=("in-person", "virtual"))
    confirm.add_argument("--about-own-rsc", choices=("yes", "no"),
                         help="the session was about the RSC the supervisee provides")
    confirm.add_argument("--focus", choices=("0-3", "3-6", "both"),
                         help="the ages the session was about")
    confirm.add_argument("--declaration", type=t.name, metavar="TEXT",
                         help="your own qualification, e.g. 'IMH-E Mentor-Clinical since 2014'")

    attest = sub.add_parser("attest-period", help="sign a period attestation for a "
                            "supervisee: sessions and hours you confirmed between two dates")
    attest.add_argument("id", type=t.name, help="received entry or bundle id of the supervisee")
    attest.add_argument("--from", dest="date_from", type=t.calendar_date, required=True,
                        metavar="YYYY-MM-DD")
    attest.add_argument("--to", dest="date_to", type=t.calendar_date, required=True,
                        metavar="YYYY-MM-DD")
    attest.add_argument("--declaration", type=t.name, metavar="TEXT",
                        help="your qualification during the period, e.g. 'IMH-E Mentor-Clinical'")
    attestations = sub.add_parser("attestations", help="period attestations received and given")
    attestations.add_argument("--format", choices=("text", "json"), default="text")

    reply = sub.add_parser("reply", help="write your comments and sessions back, signed")
    reply.add_argument("--to", required=True, type=t.name, metavar="NAME")
    reply.add_argument("--passphrase", action="store_true",
                       help="lock with six new words to tell in person")
    reply.add_argument("--again", action="store_true",
                       help="write the last reply to them once more (the first file was lost)")
    reply.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
