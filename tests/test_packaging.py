"""The wheel carries resources/ and the locator finds them outside the checkout."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_installed_wheel_finds_its_resources(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(wheels), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )
    (wheel,) = wheels.glob("reflectjournal-*.whl")
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        assert "reflectjournal/_resources/competencies.toml" in names
        icons = sorted((ROOT / "resources" / "icons").glob("*.svg"))
        assert icons
        assert all(f"reflectjournal/_resources/icons/{svg.name}" in names for svg in icons)
        archive.extractall(site)
    code = (
        "import reflectjournal.resources as r\n"
        "print(r.resource_root())\n"
        "print(len(r.load_catalog().kinds))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env={"PYTHONPATH": str(site)},
        capture_output=True, text=True, check=True, timeout=60,
    )
    root, kinds = done.stdout.split()
    assert Path(root) == site / "reflectjournal" / "_resources"
    assert kinds == "8"  # session ... self-care, and work experience


def test_console_script_and_module_entry_points_agree() -> None:
    text = (ROOT / "pyproject.toml").read_text()
    assert 'reflectjournal = "reflectjournal.__main__:main"' in text
    done = subprocess.run([sys.executable, "-m", "reflectjournal", "--version"],
                          capture_output=True, text=True, check=True, timeout=60)
    assert done.stdout.startswith("reflectjournal ")
