"""Before Qt starts on X11, the app names every system library its plugin lacks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reflectjournal.ui.desktop.qt_libraries import (
    loads,
    missing_message,
    not_found,
    platform_problem,
    xcb_libraries,
    xcb_will_be_used,
)

pytestmark = pytest.mark.skipif(shutil.which("ldd") is None, reason="needs ldd (libc-bin)")


def _with_a_missing_library(tmp_path: Path) -> Path:
    """Copy the real xcb plugin, renaming one library it links to one that exists nowhere."""
    plugin, _qt_library = xcb_libraries()[1], xcb_libraries()[0]
    data = plugin.read_bytes()
    assert data.count(b"libxcb-cursor.so.0\0") == 1
    copy = tmp_path / "libqxcb.so"
    copy.write_bytes(data.replace(b"libxcb-cursor.so.0\0", b"libxcb-cursoQ.so.0\0"))
    return copy


def test_a_plugin_linking_a_library_that_is_not_there_is_told(tmp_path: Path) -> None:
    broken = _with_a_missing_library(tmp_path)
    assert not loads(broken)
    missing = not_found((broken,))
    assert "libxcb-cursoQ.so.0" in missing
    message = missing_message(missing)
    assert "libxcb-cursoQ.so.0" in message
    assert message.startswith("ReflectJournal cannot open its window")


def test_the_installed_plugin_is_told_only_when_it_cannot_load() -> None:
    problem = platform_problem({})
    if all(loads(library) for library in xcb_libraries()):
        assert problem == ""
    else:  # a machine with only what offscreen tests need
        for name in not_found(xcb_libraries()):
            assert name in problem


def test_the_packages_to_install_are_named_for_each_family() -> None:
    message = missing_message(["libxcb-cursor.so.0", "libxkbcommon-x11.so.0",
                               "libxcb-shape.so.0", "libxcb-xkb.so.1"])
    assert "sudo apt install libxcb-cursor0 libxkbcommon-x11-0 libxcb-shape0 libxcb-xkb1" in message
    assert "sudo dnf install xcb-util-cursor libxkbcommon-x11 libxcb" in message
    assert "sudo pacman -S xcb-util-cursor libxkbcommon-x11 libxcb" in message


@pytest.mark.parametrize(("environ", "xcb"), [
    ({}, True),
    ({"QT_QPA_PLATFORM": "offscreen"}, False),
    ({"QT_QPA_PLATFORM": "xcb"}, True),
    ({"QT_QPA_PLATFORM": "wayland;xcb"}, False),
    ({"WAYLAND_DISPLAY": "wayland-0"}, False),
])
def test_only_an_x11_start_is_checked(environ: dict[str, str], xcb: bool) -> None:
    assert xcb_will_be_used(environ) is xcb
