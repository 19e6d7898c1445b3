"""Unverified claims and held sessions in the app (issue 18): opened, listed apart, decided.

Real journals and the real receive flow (open_bundle, the words typed in the passphrase
dialog's place); the claims dialog runs its calls inline (SyncTasks).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from reflectjournal.domain.entry import Entry
from reflectjournal.services.journal import Journal
from reflectjournal.ui.background.session import JournalSession
from reflectjournal.ui.sharing.claims_dialog import ClaimsDialog
from reflectjournal.ui.sharing.receive_bundle import BundlePassphraseDialog, open_bundle
from tests.helpers.gui import call_inline, messages, open_session
from tests.helpers.journals import FAST, PASSPHRASE, exchange_cards
from tests.helpers.replies import write_reply

WORDS = "maple orbit candle velvet harbor sprout"
TODAY = dt.datetime.now(dt.UTC).date()


@pytest.fixture
def clinician(tmp_path: Path, runtime_dir: Path) -> Iterator[JournalSession]:
    """Return the clinician's unlocked session; they verified Ada Obi (the supervisor)."""
    journal, _ = Journal.create(tmp_path / "clinician", PASSPHRASE, FAST)
    supervisor, _ = Journal.create(tmp_path / "supervisor", PASSPHRASE, FAST)
    with journal, supervisor:
        journal.sharing.my_card("Sam Rivera")
        supervisor.sharing.my_card("Ada Obi")
        exchange_cards(journal, supervisor)
    session = open_session(tmp_path / "clinician")
    yield session
    session.shutdown()



def _entries(session: JournalSession) -> list[Entry]:
    return call_inline(session, lambda j: [j.get_entry(r.id) for r in j.list_entries()])


def _card(session: JournalSession) -> bytes:
    return call_inline(session, lambda j: j.sharing.card_bytes())


def _open(parent: QWidget, session: JournalSession, path: Path,
          monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(BundlePassphraseDialog, "ask", lambda *_a, **_k: WORDS)
    open_bundle(parent, session, path)
    [said] = messages(parent)
    return said


def _dialog(qtbot: QtBot, parent: QWidget, session: JournalSession) -> ClaimsDialog:
    dialog = ClaimsDialog.open_for(parent, session)
    qtbot.addWidget(dialog)
    return dialog


def test_a_forged_passphrase_reply_is_listed_apart_and_accepted_only_knowingly(
    qtbot: QtBot, parent: QWidget, clinician: JournalSession, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with Journal.create(tmp_path / "stranger", PASSPHRASE, FAST)[0] as stranger:
        stranger.sharing.my_card("Ada Obi")  # the verified supervisor's name, another key
        me = stranger.sharing.add_contact(_card(clinician))[0].card
        reply = write_reply(stranger, me, [(TODAY - dt.timedelta(days=30 - i), 1440,
                                            "individual") for i in range(10)],
                            tmp_path / "reply.rjb", passphrase=WORDS)
    before = _entries(clinician)
    said = _open(parent, clinician, reply, monkeypatch)
    assert "0 comments" in said
    assert "confirmed supervision session" not in said
    assert "differs from the one you verified for Ada Obi" in said
    assert "10 sessions were kept as unverified claims" in said
    assert _entries(clinician) == before

    dialog = _dialog(qtbot, parent, clinician)
    assert dialog.model.rowCount() == 10
    assert {dialog.model.data(dialog.model.index(r, 4)) for r in range(10)} == {
        "unverified claim"}
    assert "lasts 24 h" in dialog.reasons.toPlainText()
    assert "adds 240 h at once" in dialog.reasons.toPlainText()
    assert not dialog.accept_claim.isEnabled()  # not until the user says they know
    dialog.knowingly.setChecked(True)
    assert dialog.accept_claim.isEnabled()
    qtbot.mouseClick(dialog.accept_claim, Qt.MouseButton.LeftButton)
    assert "logged by you, not confirmed" in dialog.message.text()
    [added] = [e for e in _entries(clinician) if e not in before]
    assert added.fields["confirmation"] == "hand-logged"
    assert added.title == "Supervision with Ada Obi"
    assert dialog.model.rowCount() == 9
    assert not dialog.knowingly.isChecked()  # each acceptance is its own decision
    qtbot.mouseClick(dialog.reject_claim, Qt.MouseButton.LeftButton)
    assert dialog.model.rowCount() == 8
    assert len(_entries(clinician)) == len(before) + 1


def test_a_verified_contacts_implausible_sessions_are_held_with_reasons(
    qtbot: QtBot, parent: QWidget, clinician: JournalSession, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    next_year = TODAY.replace(year=TODAY.year + 1, day=1)
    with Journal.open(tmp_path / "supervisor", PASSPHRASE, FAST) as ada:
        [sam] = ada.sharing.contacts()
        reply = write_reply(ada, sam.card, [(TODAY - dt.timedelta(days=9), 1440, "individual"),
                                            (next_year, 60, "individual")],
                            tmp_path / "reply.rjb")
    before = _entries(clinician)
    said = _open(parent, clinician, reply, monkeypatch)
    assert "(verified)" in said
    assert "2 sessions look implausible and are held" in said
    assert _entries(clinician) == before
    dialog = _dialog(qtbot, parent, clinician)
    kinds = [dialog.model.data(dialog.model.index(r, 4)) for r in range(2)]
    assert kinds == ["held confirmation", "held confirmation"]
    assert dialog.reasons.toPlainText() == "• it lasts 24 h; a session over 3 hours is unusual"
    dialog.table.selectRow(1)
    assert dialog.reasons.toPlainText() == f"• it is dated {next_year.isoformat()}, in the future"
    dialog.grab().save(str(tmp_path / "claims.png"))
