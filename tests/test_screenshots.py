"""The screenshot script still renders every screen: it drives the real dialogs, so a
refactor that renames what it reaches breaks here rather than on the next release."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.helpers.cli import isolated_env

SCRIPT = Path(__file__).resolve().parent.parent / "docs" / "screenshots" / "render.py"


def test_the_screenshot_script_renders_every_screen_in_both_themes(tmp_path: Path) -> None:
    out = tmp_path / "shots"
    out.mkdir()
    done = subprocess.run([sys.executable, str(SCRIPT), str(out)], env=isolated_env(tmp_path),
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    # The agenda is a page of a printed PDF, not a screen this script renders.
    shipped = {p.name for p in SCRIPT.parent.glob("*.png")} - {"light-agenda.png"}
    rendered = {p.name for p in out.glob("*.png")}
    assert rendered == shipped
    assert all(p.stat().st_size > 10_000 for p in out.glob("*.png"))
