"""The quick parse that opens the desktop app agrees with the full parser."""

from __future__ import annotations

from pathlib import Path

import pytest

from reflectjournal.cli.parser import app_only_options, build_parser


@pytest.mark.parametrize("argv", [[], ["--journal", "j"], ["--journal=j"], ["--demo"],
                                  ["--demo", "--journal", "j"]])
def test_a_line_that_only_opens_the_app_is_parsed_without_the_full_parser(
        argv: list[str]) -> None:
    quick = app_only_options(argv)
    full = build_parser().parse_args(argv)
    assert quick is not None
    assert full.command is None
    assert (quick.journal, quick.demo) == (full.journal, full.demo)
    assert quick.journal in (None, Path("j"))


@pytest.mark.parametrize("argv", [["list"], ["--help"], ["--version"], ["--jour", "j"],
                                  ["--journal"], ["--passphrase-file", "f"],
                                  ["--demo", "search", "x"], ["stray"]])
def test_anything_else_goes_to_the_full_parser(argv: list[str]) -> None:
    # The full parser then runs the command, or reports the mistake with its usage.
    assert app_only_options(argv) is None
