"""The share window remembers: the allow-list (review, remove, clear) and the watch-list offer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QFileDialog, QLabel, QListWidget, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from reflectjournal.domain.entry import EntryChanges
from reflectjournal.domain.share_decisions import FlagState
from reflectjournal.services.journal import Journal
from reflectjournal.ui.background.session import JournalSession
from reflectjournal.ui.sharing.flag_memory_parts import RememberedTermsDialog
from reflectjournal.ui.sharing.share_dialog import PASSPHRASE_MODE, ShareDialog
from tests.helpers.gui import call_inline, find_by_name, open_session
from tests.helpers.journals import FAST, PASSPHRASE
from tests.helpers.leaks import found_in

CANARY = "Quorvendal"  # cleared as not an identifier
NAME = "Maribel"  # redacted, then offered for the watch-list


@pytest.fixture
def session(tmp_path: Path, runtime_dir: Path) -> Iterator[JournalSession]:
    journal, _ = Journal.create(tmp_path / "journal", PASSPHRASE, FAST)
    with journal:
        journal.sharing.my_card("Sam Rivera", "Home visitor")
        journal.add_entry(EntryChanges(
            kind="session", date=dt.date(2026, 11, 3), title="Visit",
            body=f"We met {CANARY} by the door and {NAME} laughed at the bubbles.",
            fields={"setting": "home"}, duration_minutes=60,
        ))
    opened = open_session(tmp_path / "journal")
    yield opened
    opened.shutdown()


def _dialog(qtbot: QtBot, session: JournalSession) -> ShareDialog:
    ids = call_inline(session, lambda j: [e.id for e in j.list_entries()])
    dialog = ShareDialog(session, ids)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.choose_recipient(PASSPHRASE_MODE)
    return dialog


def _texts(dialog: ShareDialog) -> list[str]:
    assert dialog.draft is not None
    return [f.flag.text for f in dialog.draft.flags]


def _click(qtbot: QtBot, root: QWidget, name: str) -> None:
    qtbot.mouseClick(find_by_name(root, name, QPushButton), Qt.MouseButton.LeftButton)


def _share(qtbot: QtBot, dialog: ShareDialog, path: Path,
           monkeypatch: pytest.MonkeyPatch) -> None:
    assert dialog.draft is not None
    for located in dialog.draft.flags:
        state = FlagState.ALLOW if located.flag.text == CANARY else FlagState.REDACT
        dialog.resolve([located.id], state)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(path), ""))
    _click(qtbot, dialog, "Write bundle")
    assert path.exists()


def test_a_remembered_clearance_is_not_flagged_again_and_can_be_cleared(
    qtbot: QtBot, session: JournalSession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _dialog(qtbot, session)
    assert CANARY in _texts(dialog)
    assert find_by_name(dialog, "Remember not an identifier in this journal", QCheckBox).isChecked()
    _share(qtbot, dialog, tmp_path / "a.rjb", monkeypatch)
    assert call_inline(session, lambda j: j.sharing.allow_list()) == [CANARY]

    again = _dialog(qtbot, session)
    assert CANARY not in _texts(again)
    assert NAME in _texts(again)
    _click(qtbot, again, "Remembered terms")
    terms = again.remembered_terms
    assert isinstance(terms, RememberedTermsDialog)
    listed = find_by_name(terms, "Terms remembered as not an identifier", QListWidget)
    assert [listed.item(i).text() for i in range(listed.count())] == [CANARY]
    _click(qtbot, terms, "Clear the whole allow-list")
    assert listed.count() == 0
    assert call_inline(session, lambda j: j.sharing.allow_list()) == []
    assert CANARY in _texts(again)  # the check ran again at once


def test_unticked_remember_keeps_the_clearance_to_this_share(
    qtbot: QtBot, session: JournalSession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _dialog(qtbot, session)
    find_by_name(dialog, "Remember not an identifier in this journal", QCheckBox).setChecked(False)
    _share(qtbot, dialog, tmp_path / "a.rjb", monkeypatch)
    assert call_inline(session, lambda j: j.sharing.allow_list()) == []


def test_redacted_names_are_offered_for_the_watch_list_and_added_only_on_request(
    qtbot: QtBot, session: JournalSession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _dialog(qtbot, session)
    _share(qtbot, dialog, tmp_path / "a.rjb", monkeypatch)
    offer = find_by_name(dialog, "Watch-list offer", QLabel)
    assert offer.isVisible()
    assert NAME in offer.text()
    assert CANARY not in offer.text()  # allowed, not redacted
    assert call_inline(session, lambda j: j.sharing.watch_list()) == []  # never silently
    _click(qtbot, dialog, "Add them to the watch-list")
    assert call_inline(session, lambda j: j.sharing.watch_list()) == [NAME]
    assert "Added 1" in offer.text()


def test_the_offer_can_be_declined_and_nothing_is_written_in_plaintext(
    qtbot: QtBot, session: JournalSession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _dialog(qtbot, session)
    _share(qtbot, dialog, tmp_path / "a.rjb", monkeypatch)
    _click(qtbot, dialog, "Do not add them")
    assert not find_by_name(dialog, "Watch-list offer", QLabel).isVisible()
    assert call_inline(session, lambda j: j.sharing.watch_list()) == []
    dialog.reject()
    session.lock()
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert files
    assert [p.name for p in files if found_in(p.read_bytes(), CANARY, NAME)] == []
