"""Opening bundles from the desktop app: entries, replies, damage, repeats and passphrases."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, Qt, QTimer, QUrl
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from reflectjournal.services.journal import Journal
from reflectjournal.services.sharing import ReceiveResult
from reflectjournal.ui.background.session import JournalSession
from reflectjournal.ui.sharing.receive_bundle import (
    BundlePassphraseDialog,
    bundle_paths_from_mime,
    open_bundle,
    result_text,
)
from tests.helpers.bundles import WORDS, Journals, make_bundle, make_journals, share
from tests.helpers.gui import call_inline, messages, open_session
from tests.helpers.journals import FAST, PASSPHRASE


@pytest.fixture
def journals(tmp_path: Path) -> Journals:
    """Return the paired journals' folders."""
    return make_journals(tmp_path)


@pytest.fixture
def bundle(journals: Journals) -> Path:
    """Return an entries bundle from the clinician to the supervisor."""
    return make_bundle(journals)


@pytest.fixture
def supervisor(journals: Journals, runtime_dir: Path) -> Iterator[JournalSession]:
    """Return the supervisor's unlocked session."""
    session = open_session(journals.supervisor)
    yield session
    session.shutdown()



def test_a_bundle_is_filed_and_the_result_said_plainly(
    parent: QWidget, supervisor: JournalSession, bundle: Path
) -> None:
    filed: list[ReceiveResult] = []
    open_bundle(parent, supervisor, bundle, filed.append)
    assert messages(parent) == [
        "Filed 2 entries from Sam Rivera (verified). Read them under Review shared entries."
    ]
    assert filed[0].entries == 2
    [received] = call_inline(supervisor, lambda j: j.sharing.received_bundles())
    assert received.entry_count == 2


def test_the_same_bundle_twice_changes_nothing(
    parent: QWidget, supervisor: JournalSession, bundle: Path
) -> None:
    open_bundle(parent, supervisor, bundle)
    messages(parent)
    filed: list[ReceiveResult] = []
    open_bundle(parent, supervisor, bundle, filed.append)
    assert messages(parent) == ["You already opened this bundle; nothing changed."]
    assert filed[0].already_filed
    assert len(call_inline(supervisor, lambda j: j.sharing.received_bundles())) == 1


def test_a_damaged_bundle_shows_why_and_files_nothing(
    parent: QWidget, supervisor: JournalSession, bundle: Path
) -> None:
    data = bytearray(bundle.read_bytes())
    data[len(data) // 2] ^= 0x01
    bundle.write_bytes(bytes(data))
    filed: list[ReceiveResult] = []
    open_bundle(parent, supervisor, bundle, filed.append)
    [text] = messages(parent)
    assert text.startswith("The bundle is damaged")
    assert "Nothing was changed." in text
    assert "Traceback" not in text
    assert filed == []
    assert call_inline(supervisor, lambda j: j.sharing.received_bundles()) == []


def test_a_file_that_is_not_a_bundle_is_refused(
    parent: QWidget, supervisor: JournalSession, tmp_path: Path
) -> None:
    fake = tmp_path / "notes.rjb"
    fake.write_text("Dear diary", encoding="utf-8")
    open_bundle(parent, supervisor, fake)
    [text] = messages(parent)
    assert "not a ReflectJournal bundle" in text


def test_the_file_dialog_offers_bundles_and_cancel_does_nothing(
    parent: QWidget, supervisor: JournalSession, bundle: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def choose(*args: Any) -> tuple[str, str]:
        asked.append(args[3])
        return ("", "") if len(asked) == 1 else (str(bundle), args[3])

    monkeypatch.setattr(QFileDialog, "getOpenFileName", choose)
    open_bundle(parent, supervisor)
    assert messages(parent) == []
    open_bundle(parent, supervisor)
    assert asked[0] == "ReflectJournal bundles (*.rjb)"
    assert messages(parent)[0].startswith("Filed 2 entries")


@pytest.mark.slow
def test_a_passphrase_bundle_asks_for_the_words_until_they_fit(
    parent: QWidget, journals: Journals, runtime_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The one scrypt test here: age's passphrase mode costs about two seconds each way.
    with Journal.open(journals.clinician, PASSPHRASE, FAST) as clinician:
        path = share(
            clinician, journals.entry_ids[:1], journals.tmp / "words.rjb", passphrase=WORDS
        )
    problems: list[str] = []
    answers = iter(["maple orbit candle velvet harbor sprouts", WORDS])

    def ask(_parent: QWidget, _session: JournalSession, problem: str = "") -> str:
        problems.append(problem)
        return next(answers)

    monkeypatch.setattr(BundlePassphraseDialog, "ask", ask)
    session = open_session(journals.supervisor)
    try:
        open_bundle(parent, session, path)
        assert problems[0] == ""
        assert "do not open this bundle" in problems[1]
        assert messages(parent) == [
            # Signed by a verified contact: locked with words, but still verified.
            "Filed 1 entry from Sam Rivera (verified). Read them under Review shared entries."
        ]
    finally:
        session.shutdown()


def test_cancelling_the_words_files_nothing(
    parent: QWidget, supervisor: JournalSession, bundle: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reflectjournal.services import sharing

    def needs_words(*_args: Any) -> None:
        raise sharing.PassphraseNeededError("This bundle is locked with a passphrase.")

    monkeypatch.setattr(sharing.Sharing, "receive_file", needs_words)
    monkeypatch.setattr(BundlePassphraseDialog, "ask", lambda *_args: None)
    open_bundle(parent, supervisor, bundle)
    assert messages(parent) == []


def test_the_words_dialog_tidies_what_was_typed(qtbot: QtBot) -> None:
    dialog = BundlePassphraseDialog("Those words do not open this bundle.")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.message.text() == "Those words do not open this bundle."
    assert dialog.field.edit.echoMode() == QLineEdit.EchoMode.Password
    intro = dialog.findChildren(QLabel)[0].text()
    assert "the words the sender told you in person" in intro
    qtbot.keyClick(dialog.field.edit, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.message.text() == "Type the words first."
    qtbot.keyClicks(dialog.field.edit, "  Maple orbit   CANDLE velvet harbor sprout ")
    qtbot.keyClick(dialog.field.edit, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted.value
    assert dialog.words() == WORDS
    focusable = [
        w for w in dialog.findChildren(QWidget) if w.focusPolicy() != Qt.FocusPolicy.NoFocus
    ]
    assert [w for w in focusable if not w.accessibleName()] == []


def test_locking_closes_the_words_dialog(
    qtbot: QtBot, parent: QWidget, supervisor: JournalSession
) -> None:
    QTimer.singleShot(0, supervisor.lock)
    assert BundlePassphraseDialog.ask(parent, supervisor) is None
    assert not supervisor.is_open


def test_only_local_bundle_files_are_taken_from_a_drop(tmp_path: Path) -> None:
    mime = QMimeData()
    mime.setUrls(
        [
            QUrl.fromLocalFile(str(tmp_path / "supervision-2026-11.rjb")),
            QUrl.fromLocalFile(str(tmp_path / "notes.txt")),
            QUrl("https://example.org/bundle.rjb"),
            QUrl.fromLocalFile(str(tmp_path / "REPLY.RJB")),
        ]
    )
    assert bundle_paths_from_mime(mime) == [
        tmp_path / "supervision-2026-11.rjb",
        tmp_path / "REPLY.RJB",
    ]
    text_only = QMimeData()
    text_only.setText(str(tmp_path / "x.rjb"))
    assert bundle_paths_from_mime(text_only) == []


def test_a_reply_is_described_in_one_sentence() -> None:
    reply = ReceiveResult("comments", "b", "Dr. Ada Obi", True, comments=3, sessions=1)
    assert result_text(reply) == (
        "Filed 3 comments and 1 confirmed supervision session from Dr. Ada Obi (verified)."
    )
    only = ReceiveResult("comments", "b", "Dr. Ada Obi", True, comments=1)
    assert result_text(only) == "Filed 1 comment from Dr. Ada Obi (verified)."
    stranger = ReceiveResult("entries", "b", "Sam Rivera", False, entries=1)
    assert result_text(stranger).startswith("Filed 1 entry from Sam Rivera (not verified).")
