"""Through the windows: a mark and a question on the agenda until answered (issue 15)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from reflectjournal.ui.background.session import JournalSession
from reflectjournal.ui.background.tasks import SyncTasks
from reflectjournal.ui.main_window import MainWindow
from reflectjournal.ui.settings.options import Settings
from reflectjournal.ui.sharing.agenda_dialog import AgendaDialog
from reflectjournal.ui.sharing.caseload_dialog import CaseloadDialog
from reflectjournal.ui.sharing.review_dialog import ReviewDialog
from tests.helpers.bundles import share
from tests.helpers.desk import desk_journals
from tests.helpers.gui import call_inline, find_by_name, unlock
from tests.helpers.journals import FAST


def _window(qtbot: QtBot, folder: Path, settings: Path) -> MainWindow:
    window = MainWindow(JournalSession(folder, FAST, SyncTasks()), Settings(settings))
    qtbot.addWidget(window)
    window.show()
    unlock(qtbot, window)
    assert window.session.is_open
    return window


@pytest.fixture
def windows(qtbot: QtBot, tmp_path: Path, runtime_dir: Path) -> Iterator[tuple[MainWindow,
                                                                                MainWindow]]:
    desk_journals(tmp_path).close()  # Sam and Jo shared two entries each with Ada
    sam = _window(qtbot, tmp_path / "sam", tmp_path / "sam.ini")
    ada = _window(qtbot, tmp_path / "supervisor", tmp_path / "ada.ini")
    yield sam, ada
    sam.session.shutdown()
    ada.session.shutdown()


def _dialog(window: MainWindow, kind: type[Any]) -> Any:
    [dialog] = [d for d in window.findChildren(kind) if d.isVisible()]
    return dialog


def _row_of(window: MainWindow, title: str) -> int:
    model = window.journal_page.model
    return next(r for r in range(model.rowCount())
                if (s := model.summary(r)) is not None and s.title == title)


def _rows(model: Any) -> list[list[str]]:
    return [[str(model.index(r, c).data()) for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def _lines(model: Any) -> list[str]:
    return [str(model.index(r, 0).data()) for r in range(model.rowCount())]


def _origin(line: str) -> str:
    """Return who an agenda line comes from: "My mark", or "Question from <name>"."""
    return line.split(" · ", 1)[1].split(" on ")[0]


def test_a_mark_and_a_question_stay_on_the_agenda_until_answered(
    qtbot: QtBot, windows: tuple[MainWindow, MainWindow], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sam, ada = windows
    page = sam.journal_page
    qtbot.waitUntil(lambda: page.model.summary(0) is not None)
    sam.entries.select_only(_row_of(sam, "After a hard week"))
    qtbot.waitUntil(lambda: page.shown_id is not None)
    assert page.bring_row.isVisible()
    assert page.bring_button.accessibleName() == "Bring to supervision"
    # Keyboard: the Entry menu's action (Ctrl+Shift+B) on the entry read.
    assert sam.journal_actions.bring_action.shortcut().toString() == "Ctrl+Shift+B"
    sam.journal_actions.bring_action.trigger()
    assert page.brought
    assert page.bring_state.text() == "On your supervision agenda."
    sam.supervision.agenda_action.trigger()
    agenda = _dialog(sam, AgendaDialog)
    [mark] = _lines(agenda.model)
    assert mark.split(" · ", 1)[1] == "My mark on “After a hard week” of 2026-03-09"
    agenda.close()

    # Shared while marked: Ada's caseload and agenda both show Sam brought it.
    ids = call_inline(sam.session, lambda j: [s.id for s in j.list_entries()])
    bundle = call_inline(sam.session, lambda j: share(j, ids, tmp_path / "sam-2.rjb",
                                                      to="Dr. Ada Obi"))
    call_inline(ada.session, lambda j: j.sharing.receive_file(bundle))
    ada.supervision.agenda_action.trigger()
    ada_agenda = _dialog(ada, AgendaDialog)
    assert ada_agenda.waiting.isVisible()
    [brought] = _lines(ada_agenda.waiting_model)
    assert brought.split(" · ", 1)[1] == "Brought by Sam Rivera: “After a hard week” of 2026-03"
    ada_agenda.close()
    ada.supervision.review_action.trigger()
    review = _dialog(ada, ReviewDialog)
    qtbot.mouseClick(review.caseload_button, Qt.MouseButton.LeftButton)
    caseload = review.caseload
    assert isinstance(caseload, CaseloadDialog)
    qtbot.waitUntil(lambda: caseload.model.rowCount() == 2)
    waiting = {row[0]: row[2] for row in _rows(caseload.model)}
    assert waiting == {"Jo Park": "2", "Sam Rivera": "2 (1\u00a0asked)"}  # a re-share counts once
    caseload.close()

    # Ada asks a question on "Grandmother's visit" and sends it; the file is lost, so she
    # writes the same reply again from the send dialog.
    review.filters.search.setText("grandmother")
    qtbot.waitUntil(lambda: review.found_model.rowCount() >= 1)
    qtbot.waitUntil(lambda: review.text.toPlainText().startswith("Grandmother's visit"))
    review.comment_box.setFocus()
    qtbot.keyClicks(review.comment_box, "What did it stir in you?")
    question_box = find_by_name(review, "Ask as a question")
    question_box.setChecked(True)
    qtbot.mouseClick(review.add_button, Qt.MouseButton.LeftButton)
    assert not question_box.isChecked()  # the next comment is plain unless asked again
    assert review.comments_model.index(0).data().split("\n")[0].endswith(
        "· question · not sent yet")
    qtbot.mouseClick(review.send_button, Qt.MouseButton.LeftButton)
    send = review.send_dialog
    assert send is not None
    reply = tmp_path / "reply.rjb"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(reply), a[3]))
    qtbot.mouseClick(send.save, Qt.MouseButton.LeftButton)
    assert reply.exists()
    again = tmp_path / "again.rjb"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(again), a[3]))
    qtbot.mouseClick(find_by_name(send, "Write the last reply again"), Qt.MouseButton.LeftButton)
    assert again.exists()
    assert "again as again.rjb: the same 1 comment" in send.message.text()
    send.close()

    # Sam opens the copy written again (the first was lost): the question is on the agenda.
    call_inline(sam.session, lambda j: j.sharing.receive_file(again))
    sam.supervision.agenda_action.trigger()
    agenda = _dialog(sam, AgendaDialog)
    rows = _lines(agenda.model)
    assert [_origin(r) for r in rows] == ["My mark", "Question from Dr. Ada Obi"]
    assert rows[1].split("\n")[1] == "What did it stir in you?"
    agenda.select(1)
    assert agenda.question.toPlainText() == "What did it stir in you?"
    qtbot.mouseClick(agenda.answered, Qt.MouseButton.LeftButton)
    assert [_origin(r) for r in _lines(agenda.model)] == ["My mark"]
    assert agenda.message.text().startswith("Answered: Question from Dr. Ada Obi")
    agenda.close()
    # The same action again takes the mark off; the agenda is then empty.
    sam.entries.select_only(_row_of(sam, "After a hard week"))
    qtbot.waitUntil(lambda: page.brought)
    qtbot.mouseClick(page.bring_button, Qt.MouseButton.LeftButton)
    assert not page.brought
    sam.supervision.agenda_action.trigger()
    agenda = _dialog(sam, AgendaDialog)
    assert agenda.model.rowCount() == 0
    assert agenda.message.text().startswith("Nothing open")
    for widget in (agenda.table, agenda.answered, page.bring_button, question_box):
        assert widget.accessibleName()
    agenda.close()
