"""The Contacts dialog over real journals: my card, pairing by code, removal, the watch-list."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from reflectjournal.domain.contact_card import parse_card
from reflectjournal.services.changes import CONTACTS, Changes
from reflectjournal.services.journal import Journal
from reflectjournal.ui.background.session import JournalSession
from reflectjournal.ui.sharing.contact_table import NOT_VERIFIED, VERIFIED, ContactTableModel
from reflectjournal.ui.sharing.contacts_dialog import CARD_FILE_NAME, ContactsDialog
from tests.helpers.gui import open_session
from tests.helpers.journals import FAST, PASSPHRASE


@pytest.fixture
def session(tmp_path: Path, runtime_dir: Path) -> Iterator[JournalSession]:
    """Return the clinician's unlocked session (work runs inline)."""
    Journal.create(tmp_path / "clinician", PASSPHRASE, FAST)[0].close()
    session = open_session(tmp_path / "clinician")
    yield session
    session.shutdown()


@pytest.fixture
def supervisor(tmp_path: Path) -> Iterator[Journal]:
    """Return the supervisor's open journal, with a card."""
    journal, _ = Journal.create(tmp_path / "supervisor", PASSPHRASE, FAST)
    journal.sharing.my_card("Dr. Ada Obi", "Reflective supervisor")
    yield journal
    journal.close()


@pytest.fixture
def dialog(qtbot: QtBot, session: JournalSession) -> ContactsDialog:
    """Return the shown dialog."""
    made = ContactsDialog(session)
    qtbot.addWidget(made)
    made.show()
    return made


def _journal(session: JournalSession) -> Any:
    return session._journal


def _click(qtbot: QtBot, button: QWidget) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _save_as(monkeypatch: pytest.MonkeyPatch, path: Path, asked: list[str] | None = None) -> None:
    def fake(_parent: QWidget, _title: str, start: str, _filter: str) -> tuple[str, str]:
        if asked is not None:
            asked.append(start)
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake)


def _open_as(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(path), ""))


def _answer(monkeypatch: pytest.MonkeyPatch, accept: bool) -> list[str]:
    asked: list[str] = []

    def answer(box: QMessageBox) -> int:
        asked.append(box.text())
        role = QMessageBox.ButtonRole.AcceptRole if accept else QMessageBox.ButtonRole.RejectRole
        next(b for b in box.buttons() if box.buttonRole(b) == role).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    return asked


def _states(dialog: ContactsDialog) -> list[str]:
    model = dialog.model
    return [model.data(model.index(r, 2)) for r in range(model.rowCount())]


def _import_supervisor(
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
    dialog: ContactsDialog,
    supervisor: Journal,
    tmp_path: Path,
) -> None:
    card = tmp_path / "from-ada.rjcard"
    card.write_bytes(supervisor.sharing.card_bytes())
    _open_as(monkeypatch, card)
    _click(qtbot, dialog.import_card)


def test_my_card_is_saved_private_with_a_neutral_name_and_kept(
    qtbot: QtBot,
    dialog: ContactsDialog,
    session: JournalSession,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[str] = []
    _save_as(monkeypatch, tmp_path / "sam.rjcard", asked)
    _click(qtbot, dialog.save_card)
    assert "name first" in dialog.card_message.text()
    assert not (tmp_path / "sam.rjcard").exists()

    qtbot.keyClicks(dialog.my_name, "Sam Rivera")
    qtbot.keyClicks(dialog.my_role, "Home visitor")
    _click(qtbot, dialog.save_card)
    saved = tmp_path / "sam.rjcard"
    assert Path(asked[-1]).name == CARD_FILE_NAME
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    card = parse_card(saved.read_bytes())
    assert (card.name, card.role) == ("Sam Rivera", "Home visitor")
    assert "sam.rjcard" in dialog.card_message.text()
    assert _journal(session).sharing.my_name() == "Sam Rivera"

    again = ContactsDialog(session)  # the name is asked once and kept
    qtbot.addWidget(again)
    assert (again.my_name.text(), again.my_role.text()) == ("Sam Rivera", "Home visitor")


def test_pairing_by_code_a_wrong_code_stays_not_verified(
    qtbot: QtBot,
    dialog: ContactsDialog,
    session: JournalSession,
    supervisor: Journal,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _journal(session).sharing.my_card("Sam Rivera", "Home visitor")
    _import_supervisor(monkeypatch, qtbot, dialog, supervisor, tmp_path)
    # What the supervisor's app shows once it imports the clinician's card.
    _, their_code = supervisor.sharing.add_contact(_journal(session).sharing.card_bytes())
    assert dialog.pairing_box.isVisible()
    assert dialog.code.text() == their_code
    assert "Read this code to Dr. Ada Obi" in dialog.pairing_intro.text()
    assert dialog.model.data(dialog.model.index(0, 0)) == "Dr. Ada Obi"
    assert _states(dialog) == [NOT_VERIFIED]
    assert dialog.focusWidget() is dialog.heard

    qtbot.keyClicks(dialog.heard, "0000 0000 0000")
    _click(qtbot, dialog.verify)
    assert "does not match" in dialog.pairing_message.text()
    assert _states(dialog) == [NOT_VERIFIED]
    assert not _journal(session).sharing.contacts()[0].verified

    dialog.heard.clear()
    qtbot.keyClicks(dialog.heard, their_code.replace(" ", "-"))
    qtbot.keyClick(dialog.heard, Qt.Key.Key_Return)  # Enter in the field verifies
    assert _states(dialog) == [VERIFIED]
    assert not dialog.pairing_box.isVisible()
    assert "Dr. Ada Obi is verified" in dialog.list_message.text()
    assert _journal(session).sharing.contacts()[0].verified
    dialog.table.selectRow(0)
    assert not dialog.verify_selected.isEnabled()  # nothing left to compare


def test_an_unverified_contact_can_be_verified_later(
    qtbot: QtBot,
    dialog: ContactsDialog,
    session: JournalSession,
    supervisor: Journal,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _journal(session).sharing.my_card("Sam Rivera")
    _import_supervisor(monkeypatch, qtbot, dialog, supervisor, tmp_path)
    code = dialog.code.text()
    dialog.reject()
    later = ContactsDialog(session)
    qtbot.addWidget(later)
    later.show()
    assert not later.pairing_box.isVisible()
    assert not later.verify_selected.isEnabled()  # nothing selected
    later.table.selectRow(0)
    assert later.verify_selected.isEnabled()
    _click(qtbot, later.verify_selected)
    assert later.code.text() == code
    qtbot.keyClicks(later.heard, code)
    _click(qtbot, later.verify)
    assert _states(later) == [VERIFIED]


def test_a_bad_card_and_my_own_card_are_refused_plainly(
    qtbot: QtBot,
    dialog: ContactsDialog,
    session: JournalSession,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    junk = tmp_path / "junk.rjcard"
    junk.write_bytes(b"\x00not a card")
    _open_as(monkeypatch, junk)
    _click(qtbot, dialog.import_card)
    assert "not a ReflectJournal contact card" in dialog.list_message.text()
    own = tmp_path / "own.rjcard"
    _journal(session).sharing.my_card("Sam Rivera")
    own.write_bytes(_journal(session).sharing.card_bytes())
    _open_as(monkeypatch, own)
    _click(qtbot, dialog.import_card)
    assert "your own contact card" in dialog.list_message.text()
    _open_as(monkeypatch, tmp_path / "missing.rjcard")
    _click(qtbot, dialog.import_card)
    assert "Cannot read missing.rjcard" in dialog.list_message.text()
    assert dialog.model.rowCount() == 0
    assert not dialog.pairing_box.isVisible()


def test_remove_asks_first(
    qtbot: QtBot,
    dialog: ContactsDialog,
    session: JournalSession,
    supervisor: Journal,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _journal(session).sharing.my_card("Sam Rivera")
    _import_supervisor(monkeypatch, qtbot, dialog, supervisor, tmp_path)
    dialog.table.selectRow(0)
    asked = _answer(monkeypatch, accept=False)
    _click(qtbot, dialog.remove)
    assert "Remove Dr. Ada Obi" in asked[0]
    assert dialog.model.rowCount() == 1
    _answer(monkeypatch, accept=True)
    _click(qtbot, dialog.remove)
    assert dialog.model.rowCount() == 0
    assert _journal(session).sharing.contacts() == []
    assert not dialog.pairing_box.isVisible()  # its code no longer means anything
    assert "removed" in dialog.list_message.text()


def test_watch_list_is_edited_as_lines(
    qtbot: QtBot, dialog: ContactsDialog, session: JournalSession
) -> None:
    assert dialog.watch_list.toPlainText() == ""
    dialog.tabs.setCurrentIndex(1)
    dialog.watch_list.insertPlainText("Maribel\n  Casa   Esperanza \n\nMaribel\nSão Tomé\n")
    _click(qtbot, dialog.save_watch_list)
    kept = _journal(session).sharing.watch_list()
    assert sorted(kept) == ["Casa Esperanza", "Maribel", "São Tomé"]
    assert dialog.watch_lines() == kept
    assert dialog.watch_message.text() == "Watch-list saved: 3 names and places."
    dialog.reject()
    assert dialog.watch_list.toPlainText() == ""  # not left in a closed dialog


def test_changes_to_contacts_are_announced_and_reads_are_not(
    qtbot: QtBot,
    dialog: ContactsDialog,
    session: JournalSession,
    supervisor: Journal,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    heard: list[Changes] = []
    session.journal_changed.connect(heard.append)
    _journal(session).sharing.my_card("Sam Rivera")
    _import_supervisor(monkeypatch, qtbot, dialog, supervisor, tmp_path)
    assert heard == [CONTACTS]  # the import; reloading the list after it is a read
    dialog.table.selectRow(0)
    _click(qtbot, dialog.verify_selected)  # reading the pairing code again changes nothing
    assert heard == [CONTACTS]
    dialog.tabs.setCurrentIndex(1)
    _click(qtbot, dialog.save_watch_list)
    assert heard == [CONTACTS, CONTACTS]


def test_locking_closes_the_dialog(
    qtbot: QtBot, dialog: ContactsDialog, session: JournalSession
) -> None:
    _journal(session).sharing.set_watch_list(["Maribel"])
    dialog._load()
    assert "Maribel" in dialog.watch_list.toPlainText()
    session.lock()
    assert not dialog.isVisible()
    assert dialog.watch_list.toPlainText() == ""


def test_every_control_is_named_and_keyboard_reachable(
    qtbot: QtBot,
    dialog: ContactsDialog,
    session: JournalSession,
    supervisor: Journal,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _journal(session).sharing.my_card("Sam Rivera")
    _import_supervisor(monkeypatch, qtbot, dialog, supervisor, tmp_path)
    widgets = [
        w
        for w in dialog.findChildren(QWidget)
        if w.focusPolicy() != Qt.FocusPolicy.NoFocus
        and not isinstance(w.parentWidget(), QAbstractSpinBox)
    ]
    assert len(widgets) > 10
    assert [type(w).__name__ for w in widgets if not w.accessibleName()] == []
    for i in range(dialog.tabs.count()):
        assert "&" in dialog.tabs.tabText(i)
    chain: list[QWidget] = []
    widget: QWidget = dialog.my_name
    for _ in range(500):
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisibleTo(dialog):
            chain.append(widget)
        widget = widget.nextInFocusChain()
        if widget is dialog.my_name:
            break
    wanted = [
        dialog.my_name,
        dialog.my_role,
        dialog.save_card,
        dialog.table,
        dialog.import_card,
        dialog.heard,
        dialog.verify,
    ]
    assert [chain.index(w) for w in wanted] == sorted(chain.index(w) for w in wanted)


def test_contact_model_is_a_well_behaved_model(
    qtmodeltester: Any, session: JournalSession, supervisor: Journal
) -> None:
    _journal(session).sharing.my_card("Sam Rivera")
    _journal(session).sharing.add_contact(supervisor.sharing.card_bytes())
    model = ContactTableModel()
    model.set_contacts(_journal(session).sharing.contacts())
    qtmodeltester.check(model)
    assert model.data(model.index(0, 3)) == supervisor.sharing.my_card().fingerprint
