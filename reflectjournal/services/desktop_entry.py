"""Put the app in the desktop's menu for this user: a .desktop file, its icon, its AppStream data.

`reflectjournal --install-desktop-entry` after `pipx install` or `pip install` is what makes a
command-line install a desktop app. The files follow the freedesktop.org specifications (the
Desktop Entry spec, the icon theme spec's hicolor theme, AppStream metainfo) and go under
$XDG_DATA_HOME (~/.local/share), where desktops look for a user's own applications. The
shipped .desktop file says `Exec=reflectjournal` for packages; the per-user copy starts this
very interpreter instead, so it works whether or not the command is on the menu's PATH.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from reflectjournal.resources import resource_path

APP_ID = "io.github.reflectjournal.ReflectJournal"


def data_home() -> Path:
    """Return $XDG_DATA_HOME, or ~/.local/share as the spec says when it is unset."""
    configured = os.environ.get("XDG_DATA_HOME", "")
    if configured and Path(configured).is_absolute():
        return Path(configured)
    return Path.home() / ".local" / "share"


def _quoted(argument: str) -> str:
    """Quote one Exec argument as the Desktop Entry spec asks (reserved characters)."""
    if not any(c in argument for c in ' \t\n"\'\\><~|&;$*?#()`'):
        return argument
    escaped = "".join("\\" + c if c in '"`$\\' else c for c in argument)
    return f'"{escaped}"'


def desktop_file(python: str, *, frozen: bool = False) -> str:
    """Return the shipped .desktop file with Exec and TryExec pointing at this interpreter.

    frozen: python is the app itself (a PyInstaller build, packaging/), which takes no -m.
    """
    lines = []
    for line in resource_path("desktop", f"{APP_ID}.desktop").read_text().splitlines():
        if line.startswith("Exec="):
            line = f"Exec={_quoted(python)}" + ("" if frozen else " -m reflectjournal")
        elif line.startswith("TryExec="):
            line = f"TryExec={python}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def install(home: Path | None = None, python: str = sys.executable) -> list[Path]:
    """Write the desktop entry, icon and metainfo for this user; return the files written."""
    home = home or data_home()
    targets = {
        home / "applications" / f"{APP_ID}.desktop":
            desktop_file(python, frozen=getattr(sys, "frozen", False)).encode(),
        home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg":
            resource_path("icons", "app.svg").read_bytes(),
        home / "metainfo" / f"{APP_ID}.metainfo.xml":
            resource_path("desktop", f"{APP_ID}.metainfo.xml").read_bytes(),
    }
    for path, data in targets.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
    # Menus notice new entries by themselves; these refresh the caches where they exist.
    for tool, folder in (("update-desktop-database", home / "applications"),
                         ("gtk-update-icon-cache", home / "icons" / "hicolor")):
        if shutil.which(tool):
            subprocess.run([tool, "-q", str(folder)], capture_output=True, timeout=30,
                           check=False)
    return list(targets)


def uninstall(home: Path | None = None) -> list[Path]:
    """Remove what install wrote; return the files removed."""
    home = home or data_home()
    removed = []
    for path in (home / "applications" / f"{APP_ID}.desktop",
                 home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg",
                 home / "metainfo" / f"{APP_ID}.metainfo.xml"):
        if path.exists():
            path.unlink()
            removed.append(path)
    return removed
