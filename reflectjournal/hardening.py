"""Process-wide protections: no core dumps, and error logs that never hold content."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import platformdirs

from reflectjournal import APP_NAME


def harden_process() -> None:
    """Disable core dumps, which would hold decrypted entries and keys; files private."""
    if os.name == "posix":
        # Whatever the user's umask (even 000), nothing this process makes is readable by
        # others: the journal's own files are also made 0600 one by one (store/files.py).
        os.umask(0o077)
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def log_path() -> Path:
    """Return the error log's path."""
    return platformdirs.user_log_path(APP_NAME, appauthor=False) / "errors.log"


def log_internal_error(exc: BaseException) -> Path:
    """Append where an unexpected error happened: type, files, lines, functions.

    The exception's message and the source lines are left out on purpose: either could
    carry a title or a passage of an entry.
    """
    import datetime as dt  # only after a bug: the app's start does without them
    import traceback

    path = log_path()
    frames = [
        f"  {Path(f.filename).name}:{f.lineno} in {f.name}"
        for f in traceback.extract_tb(exc.__traceback__)
    ]
    record = "\n".join([f"{dt.datetime.now(dt.UTC).isoformat()} {type(exc).__name__}", *frames])
    with contextlib.suppress(OSError):
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as handle:
            handle.write(record + "\n")
    return path
