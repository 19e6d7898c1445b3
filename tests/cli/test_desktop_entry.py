"""`reflectjournal --install-desktop-entry` puts a valid entry, icon and metainfo in the menu."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reflectjournal.resources import resource_path
from reflectjournal.services.desktop_entry import APP_ID, desktop_file
from tests.helpers.cli import isolated_env, run_subprocess

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux desktops")


def _validate(tool: str, *args: str) -> None:
    if shutil.which(tool) is None:
        pytest.fail(f"{tool} is missing: .ci/run installs it (desktop-file-utils, appstream)")
    done = subprocess.run([tool, *args], capture_output=True, text=True, timeout=60,
                          check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_install_writes_valid_files_that_start_the_app_and_uninstall_removes_them(
    tmp_path: Path
) -> None:
    env = isolated_env(tmp_path / "home")
    data = Path(env["XDG_DATA_HOME"])
    done = run_subprocess(["--install-desktop-entry"], env)
    assert done.status == 0, done.err
    entry = data / "applications" / f"{APP_ID}.desktop"
    icon = data / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    metainfo = data / "metainfo" / f"{APP_ID}.metainfo.xml"
    for path in (entry, icon, metainfo):
        assert str(path) in done.out
        assert path.is_file()
    _validate("desktop-file-validate", str(entry))
    _validate("appstreamcli", "validate", "--no-net", str(metainfo))

    [exec_line] = [line for line in entry.read_text().splitlines() if line.startswith("Exec=")]
    command = shlex.split(exec_line.removeprefix("Exec="))
    assert command[0] == sys.executable
    started = subprocess.run([*command, "--version"], capture_output=True, text=True,
                             env=env, timeout=60, check=False)
    assert started.returncode == 0, started.stderr

    removed = run_subprocess(["--uninstall-desktop-entry"], env)
    assert removed.status == 0
    assert not entry.exists()
    assert not icon.exists()
    assert not metainfo.exists()


def test_the_shipped_files_validate_as_they_are() -> None:
    _validate("desktop-file-validate", str(resource_path("desktop", f"{APP_ID}.desktop")))
    _validate("appstreamcli", "validate", "--no-net",
              str(resource_path("desktop", f"{APP_ID}.metainfo.xml")))


def test_an_interpreter_path_with_spaces_is_quoted() -> None:
    text = desktop_file("/opt/Reflect Journal/bin/python3")
    assert 'Exec="/opt/Reflect Journal/bin/python3" -m reflectjournal' in text
    assert shlex.split(text.split("Exec=")[1].splitlines()[0])[0] == (
        "/opt/Reflect Journal/bin/python3")


def test_a_frozen_app_starts_itself_without_dash_m() -> None:
    text = desktop_file("/opt/reflectjournal/reflectjournal", frozen=True)
    exec_line = text.split("Exec=")[1].splitlines()[0]
    assert exec_line == "/opt/reflectjournal/reflectjournal"
    assert "TryExec=/opt/reflectjournal/reflectjournal" in text
