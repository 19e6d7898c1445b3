"""Helpers to run the command line in this process (fast KDF) or as a real subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from reflectjournal.cli.main import run
from reflectjournal.services.journal import Journal
from tests.conftest import FAST, FLOOR, PASSPHRASE


@dataclass
class Result:
    """What a command printed and returned."""

    status: int
    out: str
    err: str


CliRunner = Callable[..., Result]


@pytest.fixture
def cli(
    journal_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> CliRunner:
    """Run `reflectjournal --journal <journal_dir> ARGS` in this process with fast KDF."""
    monkeypatch.setenv("REFLECTJOURNAL_PASSPHRASE", PASSPHRASE)

    def invoke(*args: str, stdin: str = "", env: dict[str, str] | None = None) -> Result:
        for key, value in (env or {}).items():
            monkeypatch.setenv(key, value)
        monkeypatch.setattr("sys.stdin", _Stdin(stdin))
        capsys.readouterr()
        status = run(["--journal", str(journal_dir), *args], options=FAST)
        captured = capsys.readouterr()
        return Result(status, captured.out, captured.err)

    return invoke


class _Stdin:
    """A non-terminal standard input holding given text."""

    def __init__(self, text: str) -> None:
        self._text = text

    def read(self) -> str:
        text, self._text = self._text, ""
        return text

    def isatty(self) -> bool:
        return False


def isolated_env(home: Path, **extra: str) -> dict[str, str]:
    """Return an environment whose home, XDG folders and temp folder all live under home."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REFLECTJOURNAL_", "XDG_"))}
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[name] = str(home / name.lower())
    tmp = home / "tmp"
    tmp.mkdir(parents=True, exist_ok=True)
    env.update(HOME=str(home), TMPDIR=str(tmp), QT_QPA_PLATFORM="offscreen", **extra)
    return env


def run_subprocess(
    args: Sequence[str], env: dict[str, str], stdin: str = "", timeout: float = 60
) -> Result:
    """Run the real command line as a new process."""
    done = subprocess.run(
        [sys.executable, "-m", "reflectjournal", *args], input=stdin, env=env,
        capture_output=True, text=True, timeout=timeout, check=False,
    )
    return Result(done.returncode, done.stdout, done.stderr)


@pytest.fixture
def floor_journal(journal_dir: Path) -> Path:
    """Create (and close) a journal the real command line can open in about 0.1 s."""
    Journal.create(journal_dir, PASSPHRASE, FLOOR)[0].close()
    return journal_dir


def folder_bytes(folder: Path) -> dict[str, bytes]:
    """Return every file under folder with its content."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


