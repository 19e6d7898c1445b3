"""The command-line syntax of `claims` and `mark-printed-signature` (issue 18).

Apart from the commands (cli/claims_commands.py) so that building the parser loads no
service code.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TypeVar

Parser = TypeVar("Parser", bound=argparse.ArgumentParser)  # cli/parser.py's OneLineParser


def add_parsers(sub: argparse._SubParsersAction[Parser]) -> None:
    """Add the claim commands to the command parser."""
    claims = sub.add_parser(
        "claims", help="session confirmations held for your decision (they count for nothing)")
    acts = claims.add_subparsers(dest="action", metavar="ACTION")
    listing = acts.add_parser("list", help="list the claims (the default)")
    listing.add_argument("--all", action="store_true", help="also the accepted and rejected")
    listing.add_argument("--format", choices=("text", "json"), default="text")
    accept = acts.add_parser("accept", help="accept a claim knowingly: an unverified one "
                             "becomes a session logged by you, not a confirmed one")
    accept.add_argument("id", help="claim id (or a unique prefix of it)")
    reject = acts.add_parser("reject", help="reject a claim; it stays on record, uncounted")
    reject.add_argument("id", help="claim id (or a unique prefix of it)")

    signed = sub.add_parser(
        "signed-statements", help="print every received signed confirmation exactly as signed, "
        "with the signer's public key, so anyone can check it outside the app (JSON)")
    signed.add_argument("-o", "--output", type=Path, metavar="FILE",
                        help="write to this file (an unencrypted copy) instead of printing")

    printed = sub.add_parser("mark-printed-signature",
                             help="mark a supervision session as confirmed by the provider's "
                             "signature on a printed log")
    printed.add_argument("id", help="entry id (or a unique prefix of it)")
