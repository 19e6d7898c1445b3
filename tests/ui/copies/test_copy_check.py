"""The identifier check before a copy of entries is written: shown, skipped only when asked."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QCheckBox, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from reflectjournal.domain.entry import EntryChanges
from reflectjournal.domain.ids import EntryId
from reflectjournal.domain.share_selection import LocatedFlag
from reflectjournal.services import outbound_check
from reflectjournal.services.journal import Journal
from reflectjournal.ui.background.session import JournalSession
from reflectjournal.ui.background.tasks import Tasks
from reflectjournal.ui.copies.check_review import CopyCheckDialog
from reflectjournal.ui.copies.copy_kind import CopyKind
from reflectjournal.ui.copies.export_actions import (
    SKIP_CHECK,
    SKIPPED_NOTE,
    Consent,
    confirm_unencrypted_copy,
    export_copy,
)
from tests.helpers.gui import find_by_name, open_session
from tests.helpers.journals import FAST, PASSPHRASE

CANARY = "Quorvendal"
TODAY = dt.date(2026, 11, 20)


@pytest.fixture
def folder(journal_dir: Path) -> Path:
    journal, _ = Journal.create(journal_dir, PASSPHRASE, FAST)
    with journal:
        journal.add_entry(EntryChanges(
            kind="session", date=dt.date(2026, 11, 3), title="Visit",
            body=f"We met {CANARY} by the door; she called 312-555-0142.",
            fields={"setting": "home"}, duration_minutes=60))
    return journal_dir


@pytest.fixture
def session(folder: Path, runtime_dir: Path) -> Iterator[JournalSession]:
    opened = open_session(folder)
    yield opened
    opened.shutdown()


class Run:
    """One copy's answers to the dialogs, and what it was told and shown."""

    def __init__(self, out: Path, *, skip: bool = False, write_flagged: bool = True) -> None:
        self.out = out
        self.skip = skip
        self.write_flagged = write_flagged
        self.offered_skip: list[bool] = []
        self.reviewed: list[tuple[list[LocatedFlag], dict[str, str]]] = []
        self.told: list[str] = []

    def hooks(self) -> dict[str, Any]:
        return {
            "confirm": lambda _p, _w, offer: self.offered_skip.append(offer) or Consent(self.skip),
            "choose_path": lambda _p, _c, default, _f: self.out / default,
            "tell": lambda _p, text: self.told.append(text),
            "review": self._review,
            "today": TODAY,
        }

    def _review(self, _p: object, flags: list[LocatedFlag], titles: dict[str, str]) -> bool:
        self.reviewed.append((flags, titles))
        return self.write_flagged


def _ids(session: JournalSession) -> list[EntryId]:
    found: list[EntryId] = []
    session.call(lambda j: [e.id for e in j.list_entries()], found.extend, pytest.fail)
    return found


@pytest.mark.parametrize("kind", list(CopyKind))
def test_every_copy_of_entries_shows_the_flags_before_writing(
    qtbot: QtBot, session: JournalSession, tmp_path: Path, kind: CopyKind
) -> None:
    run = Run(tmp_path, write_flagged=False)
    export_copy(kind, None, session, _ids(session), **run.hooks())
    assert run.offered_skip == [True]
    [(flags, titles)] = run.reviewed
    texts = {f.flag.text for f in flags}
    assert CANARY in texts
    assert "312-555-0142" in texts
    assert all(f.flag.why for f in flags)
    assert set(titles.values()) == {"Visit"}
    assert list(tmp_path.glob("*.*")) == []  # cancelled at the flags: nothing written
    assert run.told == []

    run = Run(tmp_path)  # "Create copy anyway"
    export_copy(kind, None, session, _ids(session), **run.hooks())
    qtbot.waitUntil(lambda: bool(run.told))
    assert run.told[0].startswith("Saved an unencrypted copy")
    assert SKIPPED_NOTE not in run.told[0]


def test_the_check_is_skipped_only_when_asked_and_the_message_says_so(
    qtbot: QtBot, session: JournalSession, tmp_path: Path
) -> None:
    run = Run(tmp_path, skip=True)
    export_copy(CopyKind.MARKDOWN, None, session, _ids(session), **run.hooks())
    qtbot.waitUntil(lambda: bool(run.told))
    assert run.reviewed == []
    assert SKIPPED_NOTE in run.told[0]
    [written] = tmp_path.glob("*.md")
    assert CANARY in written.read_text(encoding="utf-8")


def test_a_copy_with_nothing_flagged_is_written_without_asking(
    qtbot: QtBot, session: JournalSession, tmp_path: Path
) -> None:
    allowed: list[list[str]] = []
    session.call(lambda j: j.sharing.allow_terms([CANARY, "312-555-0142"]), allowed.append,
                 pytest.fail)
    run = Run(tmp_path)
    export_copy(CopyKind.MARKDOWN, None, session, _ids(session), **run.hooks())
    qtbot.waitUntil(lambda: bool(run.told))
    assert run.reviewed == []  # the allow-list cleared both
    assert run.told[0].startswith("Saved an unencrypted copy")


def test_the_check_runs_on_the_database_thread(
    qtbot: QtBot, folder: Path, runtime_dir: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    threads: list[str] = []
    real = outbound_check.check_printed

    def noting_the_thread(journal: Journal, ids: list[EntryId]) -> list[LocatedFlag]:
        threads.append(threading.current_thread().name)
        return real(journal, ids)

    monkeypatch.setattr(outbound_check, "check_printed", noting_the_thread)
    session = JournalSession(folder, FAST, Tasks())
    session.unlock(PASSPHRASE, lambda _: None, pytest.fail)
    qtbot.waitUntil(lambda: session.is_open)
    ids: list[EntryId] = []
    session.call(lambda j: [e.id for e in j.list_entries()], ids.extend, pytest.fail)
    qtbot.waitUntil(lambda: len(ids) == 1)
    run = Run(tmp_path)
    export_copy(CopyKind.AGENDA_PDF, None, session, ids, **run.hooks())
    qtbot.waitUntil(lambda: bool(run.told), timeout=20_000)
    session.shutdown()
    assert threads
    assert threads[0] != threading.main_thread().name
    assert len(run.reviewed) == 1


def test_the_warning_offers_the_skip_box_unticked(qtbot: QtBot, runtime_dir: Path) -> None:
    seen: dict[str, Any] = {}

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        check = box.checkBox()
        seen["box"] = check.text() if isinstance(check, QCheckBox) else None
        seen["ticked"] = check.isChecked() if isinstance(check, QCheckBox) else None
        assert isinstance(check, QCheckBox)
        check.setChecked(True)
        next(b for b in box.buttons() if b.text() == "Create unencrypted copy").click()

    QTimer.singleShot(0, answer)
    assert confirm_unencrypted_copy(None, "What it holds.", True) == Consent(skip_check=True)
    assert seen == {"box": SKIP_CHECK, "ticked": False}


def test_the_review_dialog_lists_text_kind_place_and_reason_and_defaults_to_cancel(
    qtbot: QtBot, session: JournalSession, tmp_path: Path
) -> None:
    run = Run(tmp_path, write_flagged=False)
    export_copy(CopyKind.ENTRIES_PDF, None, session, _ids(session), **run.hooks())
    [(flags, titles)] = run.reviewed
    dialog = CopyCheckDialog(flags, titles)
    qtbot.addWidget(dialog)
    dialog.show()
    model = dialog.model
    rows = [model.index(r, 0).data() for r in range(model.rowCount())]
    [phone] = [r for r in rows if "312-555-0142" in r]
    what, why = phone.split("\n")
    assert what == "\u201c312-555-0142\u201d: phone number, in Visit · Reflection text"
    assert why.startswith("Why: ")
    assert len(why) > len("Why: ")
    assert dialog.cancel.isDefault()
    notes = [w.text() for w in dialog.findChildren(QLabel)]
    assert any("cannot promise" in n for n in notes)
    assert find_by_name(dialog, "What the check found", QLabel).text() == (
        f"The check found {len(flags)} possible identifiers in this copy.")
    dialog.reject()
    assert model.rowCount() == 0  # the flagged text is dropped on closing
