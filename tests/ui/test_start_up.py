"""The unlock window paints before the journal's heavier parts are loaded.

Start-up time itself is measured by the benchmark (benchmarks/gui.py); this guards what
makes it fast, through the real entry point in a fresh process.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from reflectjournal.services.journal import Journal
from tests.helpers.cli import isolated_env
from tests.helpers.journals import FLOOR, PASSPHRASE

# Runs `reflectjournal --journal DIR`; just before the app builds the journal page (two
# loop turns after the first paint) it reports what was loaded, then quits.
_PROBE = """
import enum, json, sys

made = []  # the Python enums PySide makes, by name; Qt's own are made on first use
create = enum.EnumType._create_

def counting(cls, *args, **kwargs):
    # Python 3.11 passes the new enum's name first; 3.12 and later pass it as class_name.
    made.append(kwargs.get("class_name", args[0] if args else None))
    return create(cls, *args, **kwargs)

enum.EnumType._create_ = counting

from PySide6.QtWidgets import QApplication
from reflectjournal.cli.main import run
from reflectjournal.ui import app as gui

first_paint = gui.after_first_paint

def reporting(widget, then):
    def report():
        print(json.dumps({
            "modules": sorted(sys.modules),
            "journal_page_built": widget._journal_page is not None,
            "qt_namespace_used": "AlignmentFlag" in made,
        }), flush=True)
        QApplication.quit()
    first_paint(widget, report)

gui.after_first_paint = reporting
sys.exit(run(["--journal", sys.argv[1]]))
"""

# Loaded only once the unlock form is on screen: the journal page and its editor, the
# database and cryptography, icons (QtSvg), printing, the set-up and recovery pages.
_LATER = (
    "reflectjournal.ui.journal.journal_page", "reflectjournal.ui.journal.editor",
    "reflectjournal.ui.journal.entry_table", "reflectjournal.services.journal", "sqlcipher3",
    "cryptography", "reflectjournal.ui.look.icons", "PySide6.QtSvg", "PySide6.QtPrintSupport",
    "reflectjournal.ui.widgets.new_passphrase_form", "reflectjournal.ui.start.recover_page",
    "reflectjournal.ui.start.first_run_pages", "reflectjournal.domain.taxonomy",
    "reflectjournal.ui.look.app_style", "reflectjournal.ui.journal.list_controller",
    "reflectjournal.ui.journal.editing", "reflectjournal.ui.journal.actions",
    "reflectjournal.ui.sharing.menu", "reflectjournal.ui.copies.menu",
)


def test_the_unlock_window_paints_before_the_journal_is_loaded(
        tmp_path: Path, journal_dir: Path) -> None:
    Journal.create(journal_dir, PASSPHRASE, FLOOR)[0].close()
    done = subprocess.run([sys.executable, "-c", _PROBE, str(journal_dir)],
                          env=isolated_env(tmp_path / "home"), capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.splitlines()[-1])
    assert not report["journal_page_built"]
    assert sorted(set(_LATER) & set(report["modules"])) == []
    # Its first use makes ninety-odd Python enums at once, about 25 ms (passphrase_field.py).
    assert not report["qt_namespace_used"]
