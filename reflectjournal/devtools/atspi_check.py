"""Walk the app's accessibility tree as Orca does: over AT-SPI, in a real X session.

    python -m reflectjournal.devtools.atspi_check

`ui/accessibility.py` checks Qt's accessibility interfaces in-process; this checks what
actually reaches a screen reader: the demo journal runs under Xvfb on a private D-Bus session
with the AT-SPI registry, and a separate client (the system's python3 with pyatspi, the
library Orca itself uses) walks every showing node of the main window and lists each control
without a name. Only the main window: a button that opens a modal dialog does not answer
AT-SPI's action call until the dialog closes, so the dialogs and the editor are checked
in-process by `python -m reflectjournal.ui.accessibility`, over the same Qt interfaces that
Qt's AT-SPI bridge exports.
Debian and Ubuntu: `apt install xvfb dbus-daemon at-spi2-core python3-pyatspi`.
Exits 0 when every control has a name, 1 when some have none, 2 when a tool is missing.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SYSTEM_PYTHON = "/usr/bin/python3"
TOOLS = ("Xvfb", "dbus-run-session")

# Run by the system's python3 (pyatspi is a Debian package, not a wheel). It waits for the
# app and for the state asked for, then prints one JSON line.
WALKER = r"""
import json, sys, time
import pyatspi

want, deadline = sys.argv[1], time.time() + float(sys.argv[2])
CONTROLS = {pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_CHECK_BOX, pyatspi.ROLE_RADIO_BUTTON,
            pyatspi.ROLE_COMBO_BOX, pyatspi.ROLE_TEXT, pyatspi.ROLE_PASSWORD_TEXT,
            pyatspi.ROLE_SPIN_BUTTON, pyatspi.ROLE_LIST, pyatspi.ROLE_TREE,
            pyatspi.ROLE_TABLE, pyatspi.ROLE_TREE_TABLE, pyatspi.ROLE_SLIDER,
            pyatspi.ROLE_PAGE_TAB, pyatspi.ROLE_TOGGLE_BUTTON}
# Their children are rows and items, named by the model's own text.
HOLDERS = {pyatspi.ROLE_LIST, pyatspi.ROLE_TREE, pyatspi.ROLE_TABLE, pyatspi.ROLE_TREE_TABLE,
           pyatspi.ROLE_COMBO_BOX, pyatspi.ROLE_MENU_BAR, pyatspi.ROLE_PAGE_TAB_LIST}

def showing(node):
    return node.getState().contains(pyatspi.STATE_SHOWING)

def walk(node, path, found):
    try:
        role, name = node.getRole(), (node.name or "").strip()
        if not showing(node):
            return
        if role in CONTROLS:
            found["controls"].append([node.getRoleName(), name])
            if not name:
                found["unnamed"].append(node.getRoleName() + " in " + " / ".join(path[-3:]))
        found["names"].add(name)
        if role in HOLDERS and role != pyatspi.ROLE_PAGE_TAB_LIST:
            return
        for i in range(node.childCount):
            walk(node.getChildAtIndex(i), path + ([name] if name else []), found)
    except Exception as error:  # a node that went away while walked
        found["errors"].append(repr(error))

def app():
    for candidate in pyatspi.Registry.getDesktop(0):
        if candidate is not None and (candidate.name or "") == "ReflectJournal":
            return candidate

before = None  # walk until two walks agree: the window may still be filling
while True:
    found = {"controls": [], "unnamed": [], "names": set(), "errors": []}
    target = app()
    if target is not None:
        walk(target, [], found)
    if (want in found["names"] and found["controls"] == before) or time.time() > deadline:
        break
    before = found["controls"] if want in found["names"] else None
    time.sleep(1)
found["ready"] = want in found["names"]
found["names"] = len(found["names"])
print(json.dumps(found))
"""


def _walk(want: str, seconds: float, env: dict[str, str]) -> dict[str, object]:
    done = subprocess.run([SYSTEM_PYTHON, "-c", WALKER, want, str(seconds)], env=env,
                          capture_output=True, text=True, timeout=seconds + 60, check=False)
    lines = done.stdout.strip().splitlines()
    if not lines:
        raise RuntimeError(f"the AT-SPI walker printed nothing: {done.stderr[-500:]}")
    result: dict[str, object] = json.loads(lines[-1])
    return result


def _inside(display: str) -> int:
    """On the private bus: start the demo app and walk its main window."""
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb",
           "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1"}
    with tempfile.TemporaryDirectory(prefix="reflectjournal-atspi-") as home:
        app_env = {**env, "HOME": home, "XDG_CONFIG_HOME": f"{home}/config",
                   "XDG_DATA_HOME": f"{home}/data", "XDG_STATE_HOME": f"{home}/state",
                   "XDG_RUNTIME_DIR": home}
        app = subprocess.Popen([sys.executable, "-m", "reflectjournal", "--demo"], env=app_env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            states = []
            # The demo journal is made and unlocked on its own: then the list and the
            # toolbar's New entry button are showing.
            states.append(("main window", _walk("New entry", 120, env)))
        finally:
            app.terminate()
            try:
                app.wait(timeout=20)
            except subprocess.TimeoutExpired:
                app.kill()
    missing = 0
    for label, found in states:
        controls, unnamed = found["controls"], found["unnamed"]
        if not isinstance(controls, list) or not isinstance(unnamed, list):
            raise RuntimeError("the AT-SPI walker's report is not what it writes")
        print(f"{label}: {'reached' if found['ready'] else 'NOT reached'}; "
              f"{len(controls)} controls showing, {len(unnamed)} without a name")
        for line in unnamed:
            print(f"  no name: {line}")
        if os.environ.get("ATSPI_CHECK_LIST"):
            for role, name in controls:
                print(f"  {role}: {name}")
        missing += len(unnamed) + (0 if found["ready"] else 1)
    return 1 if missing else 0


def main(argv: list[str] | None = None) -> int:
    """Start Xvfb and a private D-Bus session, then walk the app inside them."""
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["--inside"]:
        return _inside(args[1])
    absent = [tool for tool in TOOLS if shutil.which(tool) is None]
    walker_ok = Path(SYSTEM_PYTHON).exists() and subprocess.run(
        [SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True, check=False).returncode == 0
    if absent or not walker_ok:
        print("Needs " + ", ".join(absent + ([] if walker_ok else ["python3-pyatspi"]))
              + ": apt install xvfb dbus-daemon at-spi2-core python3-pyatspi",
              file=sys.stderr)
        return 2
    read, write = os.pipe()
    xvfb = subprocess.Popen(
        [str(shutil.which("Xvfb")), "-displayfd", str(write), "-screen", "0", "1024x700x24"],
        pass_fds=(write,), stderr=subprocess.DEVNULL)
    os.close(write)
    try:
        with os.fdopen(read) as pipe:
            display = ":" + pipe.readline().strip()
        return subprocess.run([str(shutil.which("dbus-run-session")), "--", sys.executable, "-m",
                               "reflectjournal.devtools.atspi_check", "--inside", display],
                              timeout=600, check=False).returncode
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=20)


if __name__ == "__main__":
    sys.exit(main())
