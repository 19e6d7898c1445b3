"""Two main windows, a clinician's and a supervisor's, through the whole supervision round trip."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QComboBox, QFileDialog, QMessageBox, QPlainTextEdit
from pytestqt.qtbot import QtBot

from reflectjournal.domain.entry import EntryChanges
from reflectjournal.domain.share_decisions import FlagState
from reflectjournal.services.journal import Journal
from reflectjournal.ui.background.session import JournalSession
from reflectjournal.ui.background.tasks import SyncTasks
from reflectjournal.ui.main_window import MainWindow
from reflectjournal.ui.settings.options import Settings
from reflectjournal.ui.sharing.confirm_session_dialog import ConfirmSessionDialog, SessionChoice
from reflectjournal.ui.sharing.contacts_dialog import ContactsDialog
from reflectjournal.ui.sharing.review_dialog import ReviewDialog
from reflectjournal.ui.sharing.share_dialog import ShareDialog
from tests.helpers.gui import find_by_name, unlock
from tests.helpers.journals import FAST, PASSPHRASE

PHONE = "312-555-0142"


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
    with Journal.create(tmp_path / "clinician", PASSPHRASE, FAST)[0] as journal:
        journal.add_entry(EntryChanges(
            kind="session", date=dt.date(2026, 11, 3), title="Feeding at the kitchen table",
            body=f"Her mother called me from {PHONE} before the visit.",
        ))
    Journal.create(tmp_path / "supervisor", PASSPHRASE, FAST)[0].close()
    clinician = _window(qtbot, tmp_path / "clinician", tmp_path / "c.ini")
    supervisor = _window(qtbot, tmp_path / "supervisor", tmp_path / "s.ini")
    yield clinician, supervisor
    clinician.session.shutdown()
    supervisor.session.shutdown()


def _dialog(window: MainWindow, kind: type[Any]) -> Any:
    [dialog] = [d for d in window.findChildren(kind) if d.isVisible()]
    return dialog


def _messages(window: MainWindow) -> list[str]:
    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    for box in boxes:
        box.close()
    return [b.text() for b in boxes]


def _save_as(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(path), a[3]))


def test_pair_share_review_reply_and_read_the_comments_through_the_windows(
    qtbot: QtBot, windows: tuple[MainWindow, MainWindow], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clinician, supervisor = windows

    # Cards and pairing, through Supervision > Contacts and pairing.
    contacts = {}
    for window, name, card in ((clinician, "Sam Rivera", "sam.rjcard"),
                               (supervisor, "Ada Obi", "ada.rjcard")):
        window.supervision.contacts_action.trigger()
        dialog = contacts[name] = _dialog(window, ContactsDialog)
        dialog.my_name.setText(name)
        _save_as(monkeypatch, tmp_path / card)
        qtbot.mouseClick(dialog.save_card, Qt.MouseButton.LeftButton)
        assert (tmp_path / card).exists()
    contacts["Sam Rivera"].import_card_file(tmp_path / "ada.rjcard")
    contacts["Ada Obi"].import_card_file(tmp_path / "sam.rjcard")
    codes = {name: d.code.text() for name, d in contacts.items()}
    assert codes["Sam Rivera"] == codes["Ada Obi"]
    for name, dialog in contacts.items():
        qtbot.keyClicks(dialog.heard, codes[name])
        qtbot.mouseClick(dialog.verify, Qt.MouseButton.LeftButton)
        assert dialog.model.index(0, 2).data() == "Verified"
        dialog.close()

    # Share the selected entry through Supervision > Share selected entries.
    qtbot.waitUntil(lambda: clinician.journal_page.model.summary(0) is not None)
    clinician.journal_page.table.selectRow(0)
    clinician.supervision.share_action.trigger()
    share = _dialog(clinician, ShareDialog)
    ada = find_by_name(share, "Send to", QComboBox).itemData(1)
    share.choose_recipient(ada)
    assert not share.write.isEnabled()
    [phone] = [f for f in share.unresolved() if f.flag.text == PHONE]
    share.resolve([f.id for f in share.unresolved()], FlagState.REDACT)
    preview = find_by_name(share, "Preview of exactly what will leave", QPlainTextEdit)
    assert PHONE not in preview.toPlainText()
    assert share.write.isEnabled()
    bundle = tmp_path / "supervision-2026-11.rjb"
    share.write_to(bundle)
    assert bundle.exists()
    share.close()

    # The supervisor drops the bundle on the window, then reviews it.
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(bundle))])
    where = QPointF(supervisor.rect().center())
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(where.toPoint(), actions, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(supervisor, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(supervisor, QDropEvent(where, actions, mime,
                                                  Qt.MouseButton.LeftButton,
                                                  Qt.KeyboardModifier.NoModifier))
    assert _messages(supervisor)[0].startswith("Filed 1 entry from Sam Rivera (verified)")
    supervisor.supervision.review_action.trigger()
    review = _dialog(supervisor, ReviewDialog)
    assert review.text.toPlainText().startswith("Feeding at the kitchen table")
    assert PHONE not in review.text.toPlainText()
    review.comment_box.setFocus()
    qtbot.keyClicks(review.comment_box, "What did you feel when she called?")
    qtbot.mouseClick(review.add_button, Qt.MouseButton.LeftButton)
    monkeypatch.setattr(ConfirmSessionDialog, "ask",
                        lambda *_a: SessionChoice(dt.date(2026, 11, 10), 60, "individual"))
    qtbot.mouseClick(review.confirm_button, Qt.MouseButton.LeftButton)
    reply = tmp_path / "supervision-comments-2026-11.rjb"
    _save_as(monkeypatch, reply)
    qtbot.mouseClick(review.send_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(review.send_dialog.save, Qt.MouseButton.LeftButton)
    assert reply.exists()
    review.send_dialog.close()
    review.close()

    # The clinician opens the reply: the comment shows under the entry, read-only.
    clinician.supervision.open_bundle(reply)
    assert _messages(clinician)[0].startswith(
        "Filed 1 comment and 1 confirmed supervision session from Ada Obi (verified)")
    # The confirmed session's entry.
    qtbot.waitUntil(lambda: clinician.journal_page.model.rowCount() == 2)
    row = next(r for r in range(2)
               if clinician.journal_page.model.summary(r).title == "Feeding at the kitchen table")
    clinician.journal_page.table.clearSelection()
    clinician.journal_page.table.selectRow(row)
    shown = clinician.journal_page.viewer.toPlainText()
    assert "Comment from Ada Obi (verified signature)" in shown
    assert shown.endswith("What did you feel when she called?")
    assert phone.flag.text in shown  # the clinician's own text is unchanged

    # Locking closes every sharing window and shows no content.
    clinician.lock()
    assert not [d for d in clinician.findChildren(ShareDialog) if d.isVisible()]
    assert clinician.journal_page.viewer.toPlainText() == ""
