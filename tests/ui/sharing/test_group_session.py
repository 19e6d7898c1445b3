"""Through the windows: one group session confirmed for two supervisees in one step."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reflectjournal.domain import bundle as fmt
from reflectjournal.domain.entry import EntryChanges
from reflectjournal.services.journal import Journal
from reflectjournal.ui.background.session import JournalSession
from reflectjournal.ui.background.tasks import SyncTasks
from reflectjournal.ui.main_window import MainWindow
from reflectjournal.ui.settings.options import Settings
from reflectjournal.ui.sharing.group_session_dialog import (
    GroupChoice,
    GroupSessionDialog,
    Participant,
)
from reflectjournal.ui.sharing.review_dialog import ReviewDialog
from tests.helpers.gui import call_inline, unlock
from tests.helpers.journals import FAST, PASSPHRASE, exchange_cards, paired_journals


def _three(tmp: Path) -> Path:
    """Sam and Lee each share an entry with Ada; return Ada's journal folder."""
    sam, ada = paired_journals(tmp)
    lee, _ = Journal.create(tmp / "lee", PASSPHRASE, FAST)
    lee.sharing.my_card("Lee Chen", "Early interventionist")
    exchange_cards(lee, ada)
    with sam, lee, ada:
        for who in (sam, lee):
            entry = who.add_entry(EntryChanges(kind="reflection", title="Prep", body="Text."))
            draft = who.sharing.prepare([entry.id])
            dest = tmp / f"{who.sharing.my_name()}.rjb"
            who.sharing.write_share(draft, dest, to="Dr. Ada Obi",
                                    redact=[f.id for f in draft.flags])
            ada.sharing.receive_file(dest)
    return ada.folder.root


def test_the_dialog_needs_two_people_ticked(qtbot: QtBot, runtime_dir: Path) -> None:
    people = [Participant("Lee Chen", True, "b1"), Participant("Sam Rivera", True, "b2"),
              Participant("Kim Park", False, "b3")]
    dialog = GroupSessionDialog(people)
    qtbot.addWidget(dialog)
    assert not dialog.confirm.isEnabled()
    assert "at least two" in dialog.why_not.text()
    dialog.model.tick(0)
    assert not dialog.confirm.isEnabled()
    dialog.model.tick(2)
    assert dialog.confirm.isEnabled()
    assert dialog.why_not.text() == ""
    assert dialog.model.index(1).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    dialog.mode.setCurrentIndex(dialog.mode.findData("in-person"))
    choice = dialog.choice()
    assert (choice.bundle_ids, choice.mode) == (("b1", "b3"), "in-person")
    for widget in (dialog.people, dialog.date, dialog.minutes, dialog.mode, dialog.confirm):
        assert widget.accessibleName()


def test_the_review_screen_confirms_a_group_session_for_each(
    qtbot: QtBot, tmp_path: Path, runtime_dir: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = _three(tmp_path)
    window = MainWindow(JournalSession(folder, FAST, SyncTasks()), Settings(tmp_path / "a.ini"))
    qtbot.addWidget(window)
    window.show()
    unlock(qtbot, window)
    window.supervision.review_action.trigger()
    [review] = [d for d in window.findChildren(ReviewDialog) if d.isVisible()]
    qtbot.waitUntil(review.group_button.isEnabled)
    shots = os.environ.get("RJ_SHOTS")

    def fill(parent: ReviewDialog, people: list[Participant]) -> GroupChoice:
        dialog = GroupSessionDialog(people, parent)  # the real dialog, filled as a user would
        qtbot.addWidget(dialog)
        dialog.show()
        for row in range(dialog.model.rowCount()):
            dialog.model.tick(row)
        dialog.minutes.setValue(90)
        dialog.mode.setCurrentIndex(dialog.mode.findData("virtual"))
        if shots:
            dialog.grab().save(str(Path(shots) / "group-dialog.png"))
        assert dialog.confirm.isEnabled()
        return dialog.choice()

    monkeypatch.setattr(GroupSessionDialog, "ask", staticmethod(fill))
    review.group_button.click()
    assert "for Lee Chen, Sam Rivera" in review.message.text()
    assert "naming only them" in review.message.text()
    given = call_inline(window.session, lambda j: j.sharing.confirmed_sessions("given"))
    assert sorted(s.other_name for s in given) == ["Lee Chen", "Sam Rivera"]
    assert {(s.format, s.minutes, s.date) for s in given} == {
        ("group", 90, dt.date.today())}
    statements = call_inline(window.session, lambda j: [
        fmt.parse_session_statement(bytes(j.sharing._db.scalar(  # type: ignore[attr-defined]
            "SELECT statement FROM confirmed_sessions WHERE id = ?", (s.id,))))
        for s in given])
    assert len({s.supervisee_key for s in statements}) == 2
    assert {s.mode for s in statements} == {"virtual"}
    review.close()
    window.session.shutdown()
