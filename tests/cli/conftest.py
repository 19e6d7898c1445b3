"""Helpers to run the command line in this process (fast KDF) or as a real subprocess."""

from __future__ import annotations

from pathlib import Path

import pytest

from reflectjournal.cli.main import run
from reflectjournal.services.journal import Journal
from tests.helpers.cli import CliRunner, FakeStdin, Result
from tests.helpers.journals import FAST, FLOOR, PASSPHRASE


@pytest.fixture
def cli(
    journal_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> CliRunner:
    """Run `reflectjournal --journal <journal_dir> ARGS` in this process with fast KDF."""
    monkeypatch.setenv("REFLECTJOURNAL_PASSPHRASE", PASSPHRASE)

    def invoke(*args: str, stdin: str = "", env: dict[str, str] | None = None) -> Result:
        for key, value in (env or {}).items():
            monkeypatch.setenv(key, value)
        monkeypatch.setattr("sys.stdin", FakeStdin(stdin))
        capsys.readouterr()
        status = run(["--journal", str(journal_dir), *args], options=FAST)
        captured = capsys.readouterr()
        return Result(status, captured.out, captured.err)

    return invoke


@pytest.fixture
def floor_journal(journal_dir: Path) -> Path:
    """Create (and close) a journal the real command line can open in about 0.1 s."""
    Journal.create(journal_dir, PASSPHRASE, FLOOR)[0].close()
    return journal_dir


