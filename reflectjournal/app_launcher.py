"""Start the desktop app, imported only when no command is given (Qt loads lazily)."""

from __future__ import annotations

import sys
from pathlib import Path


def launch_app(folder: Path, *, demo: bool) -> int:
    """Open the desktop app on a journal folder; return its exit status."""
    try:
        from reflectjournal.ui.app import run_app  # type: ignore[import-untyped,unused-ignore]
    except ImportError as exc:
        print(f"reflectjournal: the desktop app cannot start ({exc}).", file=sys.stderr)
        print("Use a command instead; see: reflectjournal --help", file=sys.stderr)
        return 1
    status: int = run_app(folder, demo=demo)
    return status
