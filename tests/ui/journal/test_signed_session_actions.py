"""Entry > Add a dated note… and Entry > Unlink confirmation… on a session a supervisor
really signed: two real journals make the confirmation, then the clinician's app (real
widgets, offscreen) adds a note and unlinks it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from reflectjournal.domain.entry import EntryChanges
from reflectjournal.ui.app import build_window
from reflectjournal.ui.background.tasks import SyncTasks
from reflectjournal.ui.main_window import MainWindow
from reflectjournal.ui.settings.options import Settings
from tests.helpers.gui import call_inline, unlock
from tests.helpers.journals import FAST, paired_journals

DAY = dt.date(2026, 11, 10)
TITLE = "RSC with Ada"


def _signed_session(folder: Path) -> Path:
    """Log a session by hand, have the supervisor sign 45 min of it; return the journal."""
    clinician, supervisor = paired_journals(folder)
    with clinician, supervisor:
        ada = clinician.providers.add("Ada", contact="Dr. Ada Obi")
        clinician.add_entry(EntryChanges(
            kind="supervision", title=TITLE, date=DAY, duration_minutes=60,
            fields={"provider_id": ada.id, "format": "individual",
                    "supervision_type": "reflective"}))
        note = clinician.add_entry(EntryChanges(kind="reflection", title="For RSC",
                                                body="a note", date=dt.date(2026, 11, 1)))
        draft = clinician.sharing.prepare([note.id])
        bundle = folder / "share.rjb"
        clinician.sharing.write_share(draft, bundle, to="Dr. Ada Obi",
                                      redact=[f.id for f in draft.flags])
        got = supervisor.sharing.receive_file(bundle)
        supervisor.sharing.confirm_session(got.bundle_id, DAY, 45, "individual")
        reply = folder / "reply.rjb"
        supervisor.sharing.write_reply(reply, to="Sam Rivera")
        assert clinician.sharing.receive_file(reply).attached == 1
    return folder / "clinician"


@pytest.fixture
def signed(qtbot: QtBot, tmp_path: Path, runtime_dir: Path) -> Iterator[MainWindow]:
    """The clinician's window, unlocked, the signed session shown."""
    main = build_window(_signed_session(tmp_path / "pair"),
                        Settings(tmp_path / "settings.ini"), options=FAST, tasks=SyncTasks())
    qtbot.addWidget(main)
    main.show()
    unlock(qtbot, main)
    model = main.journal_page.model
    qtbot.waitUntil(lambda: any(model.summary(r) is not None and model.summary(r).title == TITLE
                                for r in range(model.rowCount())))
    row = next(r for r in range(model.rowCount()) if model.summary(r).title == TITLE)
    main.entries.select_only(row)
    qtbot.waitUntil(lambda: "Confirmed (signed in the app)"
                    in main.journal_page.viewer.toPlainText())
    yield main
    main.session.shutdown()


def _confirmation(window: MainWindow) -> str:
    entry_id = window.journal_page.shown_id
    assert entry_id is not None
    return str(call_inline(window.session,
                           lambda j: j.get_entry(entry_id).fields["confirmation"]))


def test_a_dated_note_is_added_and_shown_under_the_signed_session(
    qtbot: QtBot, signed: MainWindow
) -> None:
    actions = signed.journal_actions
    assert actions.note_action in signed.menuBar().actions()[1].menu().actions()
    actions.note_action.trigger()
    dialog = signed.confirmation.note_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.earlier.toPlainText() == "No notes yet."
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)  # nothing typed
    assert "needs some text" in dialog.message.text()
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.text, "We ran 15 minutes over.")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    viewer = signed.journal_page.viewer
    qtbot.waitUntil(lambda: "We ran 15 minutes over." in viewer.toPlainText())
    assert "Your dated note" in viewer.toPlainText()
    assert "note was added" in signed.journal_page.notice.message.text()
    assert _confirmation(signed) == "signed"  # the signed hours are untouched
    assert call_inline(signed.session, lambda j: [
        e.duration_minutes for e in j.endorsement_records().entries
        if e.kind == "supervision"]) == [45]
    actions.note_action.trigger()  # the next note lists the first
    second = signed.confirmation.note_dialog
    assert second is not None
    assert second is not dialog
    assert "We ran 15 minutes over." in second.earlier.toPlainText()
    second.reject()


def test_unlinking_asks_then_makes_the_session_logged_by_you(
    qtbot: QtBot, signed: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def answer(box: QMessageBox, go: bool) -> int:
        asked.append(box.text())
        role = QMessageBox.ButtonRole.AcceptRole if go else QMessageBox.ButtonRole.RejectRole
        next(b for b in box.buttons() if box.buttonRole(b) == role).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", lambda box: answer(box, False))
    signed.journal_actions.unlink_action.trigger()
    assert _confirmation(signed) == "signed"  # cancelled: nothing changed
    monkeypatch.setattr(QMessageBox, "exec", lambda box: answer(box, True))
    signed.journal_actions.unlink_action.trigger()
    assert all("signed statement itself stays" in text for text in asked)
    viewer = signed.journal_page.viewer
    qtbot.waitUntil(lambda: "Logged by me" in viewer.toPlainText())
    assert _confirmation(signed) == "hand-logged"
    assert "can be edited" in signed.journal_page.notice.message.text()
    signed.journal_actions.unlink_action.trigger()  # nothing left to unlink: said plainly
    assert "no signed confirmation" in signed.journal_page.status.text()
