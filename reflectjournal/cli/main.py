"""Entry point: parse arguments, run a command, turn errors into one plain line."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from reflectjournal.cli import terminal
from reflectjournal.cli.parser import app_only_options, build_parser
from reflectjournal.domain.errors import JournalError
from reflectjournal.hardening import harden_process, log_internal_error
from reflectjournal.services.folders import default_folder

if TYPE_CHECKING:
    import argparse
    from pathlib import Path

    from reflectjournal.cli.common import Command
    from reflectjournal.services.journal import JournalOptions

EXIT_USER_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERNAL_ERROR = 3
EXIT_INTERRUPTED = 130


def run(argv: Sequence[str] | None = None, options: JournalOptions | None = None) -> int:
    """Run one command line; return the exit status."""
    harden_process()
    bad = terminal.undecodable_argument(sys.argv[1:] if argv is None else argv)
    if bad is not None:
        print(f"reflectjournal: argument {bad} is not UTF-8 text; check the terminal's "
              "encoding (locale) and type it again.", file=sys.stderr)
        return EXIT_USAGE
    args = app_only_options(argv) or build_parser().parse_args(argv)
    folder = args.journal.expanduser() if args.journal else default_folder()
    if getattr(args, "install_desktop_entry", False) or getattr(
            args, "uninstall_desktop_entry", False):
        from reflectjournal.cli import desktop_entry

        return desktop_entry.run(remove=args.uninstall_desktop_entry)
    if getattr(args, "command", None) is None:
        from reflectjournal.app_launcher import launch_app

        return launch_app(folder, demo=args.demo)
    # Imported here, not at the top: starting the desktop app needs none of the commands.
    from reflectjournal.cli.registry import COMMANDS
    from reflectjournal.services.journal import JournalOptions

    with terminal.showing_controls(stdout=not terminal.prints_exact_data(args)):
        return _run_command(COMMANDS[args.command], args, folder, options or JournalOptions())


def _run_command(command: Command, args: argparse.Namespace, folder: Path,
                 options: JournalOptions) -> int:
    """Run the command, turning every failure into one plain line and an exit status."""
    try:
        return command(args, folder, options)
    except JournalError as exc:
        print(f"reflectjournal: {exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("reflectjournal: interrupted; nothing more was changed.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: log where it happened, never what was written
        log = log_internal_error(exc)
        print(f"reflectjournal: internal error ({type(exc).__name__}); nothing more was "
              f"changed. Details (no journal content) are in {log}.", file=sys.stderr)
        return EXIT_INTERNAL_ERROR
