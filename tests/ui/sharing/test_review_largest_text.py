"""The review screen at the largest text size in a 1024x700 window: the entry gets the room."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reflectjournal.ui.sharing.review_dialog import ReviewDialog
from tests.helpers.desk import desk_journals
from tests.helpers.gui import open_session


@pytest.mark.usefixtures("largest")
def test_the_entry_text_gets_the_room_at_the_largest_text(
    qtbot: QtBot, tmp_path: Path, runtime_dir: Path,
) -> None:
    desk_journals(tmp_path).close()
    session = open_session(tmp_path / "supervisor")
    dialog = ReviewDialog(session)
    qtbot.addWidget(dialog)
    dialog.resize(1024, 700)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.text.toPlainText() != "")
    # The window keeps the size it was given: nothing in it needs more than 1024 pixels.
    assert dialog.minimumSizeHint().width() <= 1024
    assert (dialog.width(), dialog.height()) == (1024, 700)
    # The entry's text has more than a third of the height and half the width; before, the
    # comments and sessions below it left it a line and a half (and the window grew to 1772).
    assert dialog.text.height() >= 700 // 3
    assert dialog.text.width() >= 1024 // 2
    assert dialog.text.height() >= 5 * dialog.text.fontMetrics().lineSpacing()
    # What was pushed below scrolls, and is still all there.
    area = dialog.desk_area
    assert area.widget().isAncestorOf(dialog.send_button)
    area.ensureWidgetVisible(dialog.send_button)
    dialog.close()
    session.shutdown()


def test_at_usual_sizes_the_lower_part_shows_whole(
    qtbot: QtBot, tmp_path: Path, runtime_dir: Path,
) -> None:
    desk_journals(tmp_path).close()
    session = open_session(tmp_path / "supervisor")
    dialog = ReviewDialog(session)
    qtbot.addWidget(dialog)
    dialog.resize(1100, 700)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.text.toPlainText() != "")
    area = dialog.desk_area
    assert area.viewport().height() >= area.widget().minimumSizeHint().height()
    assert dialog.text.height() >= 14 * dialog.text.fontMetrics().lineSpacing()
    dialog.close()
    session.shutdown()
