"""Say which system libraries Qt's X11 platform plugin lacks, before Qt aborts on them.

When the xcb plugin cannot be loaded, Qt ends the process (qFatal) naming only the first
library it missed, and on some versions not even that. So before the QApplication is made
the app loads the plugin's own library itself: if that works (nearly always) Qt's later load
is free, and if not, `ldd` lists every library the plugin and its Qt library link and cannot
find, the way QT_DEBUG_PLUGINS=1 would show them one at a time.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

# The library names the xcb plugin links that stock installs lack, and the package holding
# each on Debian/Ubuntu, Fedora and Arch.
PACKAGES: Mapping[str, tuple[str, str, str]] = {
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor", "xcb-util-cursor"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm", "xcb-util-wm"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image", "xcb-util-image"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms", "xcb-util-keysyms"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil",
                                "xcb-util-renderutil"),
    "libxcb-render.so.0": ("libxcb-render0", "libxcb", "libxcb"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb", "libxcb"),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util", "xcb-util"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb", "libxcb"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11", "libxkbcommon-x11"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon", "libxkbcommon"),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb", "libxcb"),
    "libxcb-shm.so.0": ("libxcb-shm0", "libxcb", "libxcb"),
    "libxcb-sync.so.1": ("libxcb-sync1", "libxcb", "libxcb"),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0", "libxcb", "libxcb"),
    "libxcb.so.1": ("libxcb1", "libxcb", "libxcb"),
    "libX11.so.6": ("libx11-6", "libX11", "libx11"),
    # Debian 13 and Ubuntu 24.04 call it libglib2.0-0t64, which provides this name.
    "libglib-2.0.so.0": ("libglib2.0-0", "glib2", "glib2"),
    "libgthread-2.0.so.0": ("libglib2.0-0", "glib2", "glib2"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb", "libx11"),
    "libEGL.so.1": ("libegl1", "libglvnd-egl", "libglvnd"),
    "libGL.so.1": ("libgl1", "libglvnd-glx", "libglvnd"),
    "libfontconfig.so.1": ("libfontconfig1", "fontconfig", "fontconfig"),
    "libdbus-1.so.3": ("libdbus-1-3", "dbus-libs", "dbus"),
}


def xcb_will_be_used(environ: Mapping[str, str] = os.environ) -> bool:
    """Return whether Qt will load its X11 plugin (not offscreen, not Wayland, on Linux)."""
    if not sys.platform.startswith("linux"):
        return False
    asked = environ.get("QT_QPA_PLATFORM", "")
    if asked:
        return asked.split(";")[0].split(":")[0] == "xcb"
    return not environ.get("WAYLAND_DISPLAY")


def xcb_libraries() -> tuple[Path, ...]:
    """Return the xcb plugin and the Qt library it links, as the installed PySide6 has them."""
    import PySide6  # the package alone: no Qt module, so nothing loads a platform plugin

    qt = Path(PySide6.__file__).parent / "Qt"
    return (qt / "lib" / "libQt6XcbQpa.so.6", qt / "plugins" / "platforms" / "libqxcb.so")


def loads(library: Path) -> bool:
    """Return whether the dynamic loader can load library with everything it links."""
    import ctypes  # here: start-up pays for it only on Linux with X11

    try:
        ctypes.CDLL(str(library), mode=os.RTLD_LAZY)
    except OSError:
        return False
    return True


def not_found(libraries: tuple[Path, ...]) -> list[str]:
    """Return the names of the linked libraries `ldd` cannot find, in the order it lists them."""
    import shutil
    import subprocess

    ldd = shutil.which("ldd")
    if ldd is None:
        return []
    missing: list[str] = []
    for library in libraries:
        listed = subprocess.run([ldd, str(library)], capture_output=True, text=True,
                                timeout=20, check=False).stdout
        for line in listed.splitlines():
            name, _, where = line.strip().partition(" => ")
            if where.strip() == "not found" and name not in missing:
                missing.append(name)
    return missing


def missing_message(missing: list[str]) -> str:
    """Say in plain words what to install, for the three families of distributions."""
    def packages(which: int) -> str:
        names = dict.fromkeys(PACKAGES[name][which] for name in missing if name in PACKAGES)
        return " ".join(names)

    unknown = [name for name in missing if name not in PACKAGES]
    lines = [f"ReflectJournal cannot open its window: Qt's X11 platform plugin needs system "
             f"libraries that are not installed ({', '.join(missing)})."]
    if len(unknown) < len(missing):
        lines += [f"  Debian, Ubuntu: sudo apt install {packages(0)}",
                  f"  Fedora:         sudo dnf install {packages(1)}",
                  f"  Arch:           sudo pacman -S {packages(2)}"]
    if unknown:
        lines.append(f"  Install the packages that provide: {', '.join(unknown)}")
    lines.append("The README's quick start lists every library the app needs.")
    return "\n".join(lines)


def platform_problem(environ: Mapping[str, str] = os.environ) -> str:
    """Return what to tell before starting Qt if its platform plugin cannot load, else ""."""
    if not xcb_will_be_used(environ):
        return ""
    libraries = xcb_libraries()
    if not all(path.exists() for path in libraries) or all(loads(p) for p in libraries):
        return ""  # a PySide6 laid out otherwise: let Qt tell
    missing = not_found(libraries)
    if not missing:
        return ""  # not a missing library: Qt's own message says more
    return missing_message(missing)
