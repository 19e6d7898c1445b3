"""Running the command line in tests: results, an isolated environment, subprocesses."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Result:
    """What a command printed and returned."""

    status: int
    out: str
    err: str


CliRunner = Callable[..., Result]


class FakeStdin:
    """A non-terminal standard input holding given text (or bytes, read through `buffer`)."""

    def __init__(self, text: str | bytes) -> None:
        raw = text if isinstance(text, bytes) else text.encode("utf-8", "surrogateescape")
        self._text = raw.decode("utf-8", "surrogateescape")
        self.buffer = io.BytesIO(raw)

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
    args: Sequence[str], env: dict[str, str], stdin: str = "", timeout: float = 60,
    prefix: Sequence[str] = (),
) -> Result:
    """Run the real command line as a new process (prefix: a wrapper such as setpriv)."""
    done = subprocess.run(
        [*prefix, sys.executable, "-m", "reflectjournal", *args], input=stdin, env=env,
        capture_output=True, text=True, timeout=timeout, check=False,
    )
    return Result(done.returncode, done.stdout, done.stderr)
