"""Getting passphrases and recovery keys without echo, from a file or the environment."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from reflectjournal.cli.terminal import interactive_stdin
from reflectjournal.domain.errors import InvalidInputError
from reflectjournal.domain.passphrase import passphrase_problem
from reflectjournal.services.files import read_chosen_file

# Names of environment variables, not secrets.
ENV_PASSPHRASE = "REFLECTJOURNAL_PASSPHRASE"  # noqa: S105
ENV_NEW_PASSPHRASE = "REFLECTJOURNAL_NEW_PASSPHRASE"  # noqa: S105
ENV_RECOVERY_KEY = "REFLECTJOURNAL_RECOVERY_KEY"


def _from_file(path: Path) -> str:
    try:
        text = read_chosen_file(path, 64 * 1024, "passphrase file").decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInputError(f"The passphrase file {path} is not UTF-8 text.") from None
    line = text.split("\n", 1)[0].removesuffix("\r")
    if not line:
        raise InvalidInputError(f"The passphrase file {path} is empty.")
    return line


def _interactive() -> bool:
    return interactive_stdin()


def current_passphrase(file: Path | None) -> str:
    """Return the journal's passphrase from --passphrase-file, the environment or a prompt."""
    if file is not None:
        return _from_file(file)
    if os.environ.get(ENV_PASSPHRASE):
        return os.environ[ENV_PASSPHRASE]
    if _interactive():
        return getpass.getpass("Passphrase: ")
    raise InvalidInputError(
        "No passphrase given.",
        f"Run on a terminal, set {ENV_PASSPHRASE}, or use --passphrase-file FILE.",
    )


def new_passphrase(file: Path | None, env: str = ENV_NEW_PASSPHRASE) -> str:
    """Return a new passphrase, asked twice on a terminal, checked against the rules."""
    if file is not None:
        chosen = _from_file(file)
    elif os.environ.get(env):
        chosen = os.environ[env]
    elif _interactive():
        print("Choose a passphrase: at least 12 characters or 4 words.", file=sys.stderr)
        chosen = getpass.getpass("New passphrase: ")
        problem = passphrase_problem(chosen)
        if problem:
            raise InvalidInputError(problem)
        if getpass.getpass("Repeat it: ") != chosen:
            raise InvalidInputError("The two passphrases differ; nothing was changed.")
    else:
        raise InvalidInputError(
            "No new passphrase given.",
            f"Run on a terminal, set {env}, or use --new-passphrase-file FILE.",
        )
    problem = passphrase_problem(chosen)
    if problem:
        raise InvalidInputError(problem)
    return chosen


def recovery_key() -> str:
    """Return the recovery key from the environment or a prompt."""
    if os.environ.get(ENV_RECOVERY_KEY):
        return os.environ[ENV_RECOVERY_KEY]
    if _interactive():
        return getpass.getpass("Recovery key: ")
    raise InvalidInputError(
        "No recovery key given.", f"Run on a terminal or set {ENV_RECOVERY_KEY}."
    )
