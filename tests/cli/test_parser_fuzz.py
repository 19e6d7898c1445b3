"""Generated command lines through the real parser and commands: usage errors or success only.

Whatever a person (or a script) types, `run` answers 0, 1 (a problem to act on) or 2 (a usage
error) with plain lines, never an internal error.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reflectjournal.cli.main import run
from reflectjournal.domain.entry import EntryChanges
from reflectjournal.services.journal import Journal
from tests.helpers.cli import FakeStdin
from tests.helpers.journals import FAST, PASSPHRASE

TRICKY = ["2026-02-30", "2026-1-1", "0000-00-00", "10000-01-01", "1900-02-29", "２０２６-０１-０１",
          "2026-03-07", "9223372036854775808", "-1", "0", "1", "60", "1e9",
          "99999999999999999999999", "session", "supervision", "json", "text", "markdown",
          "setting=home", "=", "baby=", "baby=x", "new", "-", "", "a\x1b[31m", "\u202e",
          "caf\udce9", "G5", "Reflection", "feeding", "newest", "relevance", "ENTRY"]
VALUE = st.one_of(st.sampled_from(TRICKY), st.text(max_size=12),
                  st.integers(-10**25, 10**25).map(str))
FILTERS = ["--kind", "--competency", "--theme", "--tag", "--from", "--to", "--starred"]
ENTRY = ["--date", "--title", "--competency", "--theme", "--tag", "--duration", "--body",
         "--answer", "--field", "--client-code", "--star", "--unstar"]
# Each command: its positionals (how many) and the options it takes.
GRAMMAR: dict[str, tuple[int, list[str]]] = {
    "add": (0, ["--kind", *ENTRY]), "edit": (1, ["--kind", *ENTRY, "--replace-tags"]),
    "list": (0, [*FILTERS, "--format", "--limit", "--sort"]),
    "search": (1, [*FILTERS, "--format", "--limit", "--sort"]),
    "show": (1, ["--format"]), "tags": (0, ["--family", "--format", "--add", "--retire"]),
    "history": (2, ["--format"]), "restore-version": (2, []),
    "trash": (1, ["--format"]), "export": (0, [*FILTERS, "--format", "--query"]),
    "contact": (2, ["--code", "--format"]), "watch-list": (0, ["--add", "--remove"]),
    "received": (1, []), "delete": (1, ["--yes"]), "comment": (1, ["--text"]),
    "confirm-session": (1, ["--minutes", "--date", "--format"]),
}


@st.composite
def command_lines(draw: st.DrawFn) -> list[str]:
    """A command, some positionals, then option-value pairs drawn from its grammar."""
    command = draw(st.sampled_from(sorted(GRAMMAR)))
    positionals, options = GRAMMAR[command]
    argv = [command, *draw(st.lists(VALUE, max_size=positionals))]
    for option, value in draw(st.lists(st.tuples(st.sampled_from(options or ["--help"]),
                                                 VALUE), max_size=5)):
        argv += [option] if option in ("--yes", "--star", "--unstar", "--starred",
                                       "--replace-tags") else [option, value]
    return argv


ENTRY_PREFIX = ""


@pytest.fixture(scope="module")
def journal_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("fuzz") / "journal"
    journal, _ = Journal.create(folder, PASSPHRASE, FAST)
    with journal:
        entry = journal.add_entry(EntryChanges(kind="session", title="One", body="b"))
    global ENTRY_PREFIX  # the generated lines name the real entry
    ENTRY_PREFIX = entry.id[:8]
    return folder


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(argv=command_lines())
def test_generated_command_lines_never_end_in_an_internal_error(
    journal_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    argv: list[str],
) -> None:
    monkeypatch.setenv("REFLECTJOURNAL_PASSPHRASE", PASSPHRASE)
    monkeypatch.setattr("sys.stdin", FakeStdin(""))
    capsys.readouterr()
    try:
        argv = [ENTRY_PREFIX if a == "ENTRY" else a for a in argv]
        status = run(["--journal", str(journal_dir), *argv], options=FAST)
    except SystemExit as exc:  # argparse: --help (0) or a usage error (2)
        status = exc.code if isinstance(exc.code, int) else 2
    err = capsys.readouterr().err
    assert status in (0, 1, 2), err
    assert "internal error" not in err
    assert "Traceback" not in err
