"""`--install-desktop-entry` and `--uninstall-desktop-entry`: the app in the menu, or not."""

from __future__ import annotations

import sys

from reflectjournal.services import desktop_entry


def run(remove: bool) -> int:
    """Install or remove this user's desktop entry and say which files changed."""
    if not sys.platform.startswith("linux"):
        print("reflectjournal: a desktop entry is for Linux desktops; on this system, start "
              "the app with the reflectjournal command.", file=sys.stderr)
        return 1
    try:
        changed = desktop_entry.uninstall() if remove else desktop_entry.install()
    except OSError as exc:
        print(f"reflectjournal: the desktop entry could not be written "
              f"({exc.strerror or type(exc).__name__}).", file=sys.stderr)
        return 1
    verb = "Removed" if remove else "Installed"
    for path in changed:
        print(f"{verb} {path}")
    if not remove:
        print("ReflectJournal is in your applications menu (under Office).")
    return 0
