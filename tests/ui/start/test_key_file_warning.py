"""After unlocking, a damaged recovery slot is told on the journal page until replaced."""

from __future__ import annotations

import base64
import json
from pathlib import Path

from pytestqt.qtbot import QtBot

from reflectjournal.ui.main_window import MainWindow
from tests.helpers.gui import call_inline, unlock


def test_the_journal_page_says_to_make_a_new_recovery_key_until_one_is_made(
    qtbot: QtBot, window: MainWindow, filled_journal: Path
) -> None:
    key_file = filled_journal / "journal.key"
    doc = json.loads(key_file.read_bytes())
    salt = bytearray(base64.b64decode(doc["slots"]["recovery"]["salt"]))
    salt[0] ^= 1
    doc["slots"]["recovery"]["salt"] = base64.b64encode(bytes(salt)).decode()
    key_file.write_text(json.dumps(doc))
    unlock(qtbot, window)
    note = window.journal_page.note
    qtbot.waitUntil(lambda: "make a new recovery key" in note.text())
    assert note.isVisible()
    call_inline(window.session, lambda journal: journal.new_recovery_key())
    window.check_key_file()
    qtbot.waitUntil(lambda: not note.isVisible())
