"""Period attestations in the app, both sides (spec 2.7), over two real SQLCipher journals.

The supervisor signs one in Supervision > Attest a period from the sessions they confirmed;
the reply carries it; the clinician's Progress screen lists it with its signature state.
Database work runs inline (SyncTasks).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from reflectjournal.domain.entry import EntryChanges
from reflectjournal.ui.app import build_window
from reflectjournal.ui.background.tasks import SyncTasks
from reflectjournal.ui.main_window import MainWindow
from reflectjournal.ui.settings.options import Settings
from reflectjournal.ui.sharing.attest_dialog import AttestDialog
from tests.helpers.gui import find_by_name, unlock
from tests.helpers.journals import FAST, open_journal, paired_journals


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    """Sam Rivera shared an entry with Dr. Ada Obi, who confirmed three sessions to Sam."""
    clinician, supervisor = paired_journals(tmp_path)
    with clinician, supervisor:
        clinician.profile.update(category="imhs")
        note = clinician.add_entry(EntryChanges(kind="reflection", title="For RSC", body="x"))
        draft = clinician.sharing.prepare([note.id])
        clinician.sharing.write_share(draft, tmp_path / "s.rjb", to="Dr. Ada Obi",
                                      redact=[f.id for f in draft.flags])
        got = supervisor.sharing.receive_file(tmp_path / "s.rjb")
        for day, minutes in ((dt.date(2026, 9, 10), 60), (dt.date(2026, 10, 8), 90),
                             (dt.date(2026, 11, 5), 60)):
            supervisor.sharing.confirm_session(got.bundle_id, day, minutes, "individual")
    return tmp_path / "clinician", tmp_path / "supervisor"


def _window(qtbot: QtBot, folder: Path, settings: Path) -> MainWindow:
    main = build_window(folder, Settings(settings), options=FAST, tasks=SyncTasks())
    qtbot.addWidget(main)
    main.show()
    unlock(qtbot, main)
    return main


@pytest.fixture
def supervisor_window(qtbot: QtBot, folders: tuple[Path, Path], runtime_dir: Path,
                      tmp_path: Path) -> Iterator[MainWindow]:
    main = _window(qtbot, folders[1], tmp_path / "settings-s" / "settings.ini")
    yield main
    main.session.shutdown()


def _attest(qtbot: QtBot, window: MainWindow) -> AttestDialog:
    window.supervision.attest_action.trigger()
    qtbot.waitUntil(lambda: hasattr(window.supervision, "attest_dialog"))
    dialog = window.supervision.attest_dialog
    dialog.date_from.setDate(QDate(2026, 9, 1))
    dialog.date_to.setDate(QDate(2026, 10, 31))
    return dialog


def test_a_period_typed_over_the_dates_is_the_period_signed(
        qtbot: QtBot, supervisor_window: MainWindow) -> None:
    # Ctrl+A and a date typed over a QDateEdit kept its year: 2025-09-01 read 2026-09-01.
    dialog = _attest(qtbot, supervisor_window)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # keys go where the focus is, as they do
    for field, typed in ((dialog.date_from, "2025-09-01"), (dialog.date_to, "2026-10-31")):
        field.setFocus()
        qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        for key in typed:  # to the focused widget: the "-" once moved the focus on
            focused = QApplication.focusWidget()
            assert focused is not None
            qtbot.keyClicks(focused, key)
    preview = find_by_name(dialog, "What you will sign", QLabel).text()
    assert "Between 2025-09-01 and 2026-10-31 I provided 2 sessions" in preview, preview
    dialog.reject()


def test_the_supervisor_reads_the_sentence_signs_it_and_it_leaves_with_the_reply(
        qtbot: QtBot, supervisor_window: MainWindow, folders: tuple[Path, Path],
        tmp_path: Path, qtmodeltester: ModelTester) -> None:
    dialog = _attest(qtbot, supervisor_window)
    assert dialog.supervisee.currentText().startswith("Sam Rivera (key ")
    preview = find_by_name(dialog, "What you will sign", QLabel)
    assert preview.text() == (
        "You will sign:\nBetween 2026-09-01 and 2026-10-31 I provided 2 sessions, 2.5 hours, "
        "of reflective supervision/consultation to Sam Rivera, individually. (Dr. Ada Obi, "
        f"{dt.date.today().isoformat()})")
    qtbot.keyClicks(dialog.declaration, "IMH-E Mentor-Clinical")
    assert "; during that time I held IMH-E Mentor-Clinical." in preview.text()
    dialog.date_to.setDate(QDate(2026, 9, 5))  # nothing confirmed then: nothing to sign
    assert "You confirmed no sessions with this supervisee in that period" in preview.text()
    assert not dialog.sign_button.isEnabled()
    dialog.date_to.setDate(QDate(2026, 10, 31))
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text().startswith("Signed: Between 2026-09-01 and 2026-10-31")
    model = dialog.given
    assert [model.data(model.index(0, c)) for c in range(5)] == [
        "Sam Rivera", "2026-09-01 to 2026-10-31", "2", "2.5", "with your next reply"]
    qtmodeltester.check(model)
    supervisor_window.lock()
    assert not dialog.isVisible()
    with open_journal(folders[1]) as supervisor:
        supervisor.sharing.write_reply(tmp_path / "r.rjb", to="Sam Rivera")
    with open_journal(folders[0]) as clinician:
        assert clinician.sharing.receive_file(tmp_path / "r.rjb").attestations == 1


def test_the_clinician_sees_received_attestations_with_their_signature_state(
        qtbot: QtBot, folders: tuple[Path, Path], runtime_dir: Path, tmp_path: Path,
        qtmodeltester: ModelTester) -> None:
    with open_journal(folders[1]) as supervisor:
        [bundle] = supervisor.sharing.received_bundles()
        supervisor.sharing.attest_period(bundle.bundle_id, dt.date(2026, 9, 1),
                                         dt.date(2026, 11, 30), "IMHM-C since 2014")
        supervisor.sharing.write_reply(tmp_path / "r.rjb", to="Sam Rivera")
    with open_journal(folders[0]) as clinician:
        clinician.sharing.receive_file(tmp_path / "r.rjb")
    window = _window(qtbot, folders[0], tmp_path / "settings-c" / "settings.ini")
    try:
        window.progress_action.trigger()
        qtbot.waitUntil(lambda: hasattr(window, "progress_dialog"))
        view = window.progress_dialog.view
        model = view.attestations
        assert model.rowCount() == 1
        row = [model.data(model.index(0, c)) for c in range(5)]
        assert row[:4] == ["2026-09-01 to 2026-11-30", "Dr. Ada Obi", "3", "3.5"]
        assert row[4].startswith("verified signature (key ")
        qtmodeltester.check(model)
        words = find_by_name(view, "The attestation's signed words", QLabel).text()
        assert words.startswith("Between 2026-09-01 and 2026-11-30 I provided 3 sessions, "
                                "3.5 hours, of reflective supervision/consultation to you, "
                                "individually; during that time I held IMHM-C since 2014.")
        assert "Period attestations your supervisors signed" in find_by_name(
            view, "About period attestations", QLabel).text()
    finally:
        window.session.shutdown()


def test_with_nobody_to_attest_for_the_dialog_says_so(
        qtbot: QtBot, folders: tuple[Path, Path], runtime_dir: Path, tmp_path: Path) -> None:
    window = _window(qtbot, folders[0], tmp_path / "settings-c" / "settings.ini")
    try:
        dialog = _attest(qtbot, window)  # the clinician received nothing to attest for
        assert dialog.supervisee.count() == 0
        assert "no one to attest for" in find_by_name(dialog, "What you will sign",
                                                      QLabel).text()
        assert not dialog.sign_button.isEnabled()
    finally:
        window.session.shutdown()


def test_an_attestation_from_an_unverified_signer_says_so() -> None:
    from reflectjournal.domain.attestation import PeriodAttestation
    from reflectjournal.services.attestations import Attested
    from reflectjournal.ui.progress.progress_view import signature_words

    made = PeriodAttestation(id="a", supervisor_key=b"s" * 32, supervisee_key=b"c" * 32,
                             date_from=dt.date(2026, 1, 1), date_to=dt.date(2026, 3, 31),
                             sessions=2, minutes=120, format="group", declaration="",
                             made_on=dt.date(2026, 4, 1))
    shown = signature_words(Attested("received", made, "Ada", "ab12 cd34", False, "b"))
    assert shown == "signed, but not by a verified contact (key ab12 cd34)"
    assert signature_words(Attested("received", made, "Ada", "ab12 cd34", True, "b")) == (
        "verified signature (key ab12 cd34)")


def test_the_attestation_dialog_fits_1024_by_700_at_the_largest_text(
        qtbot: QtBot, supervisor_window: MainWindow) -> None:
    from PySide6.QtCore import QSize
    from PySide6.QtWidgets import QApplication

    from reflectjournal.ui.settings.options import FONT_POINTS

    supervisor_window.settings.set(FONT_POINTS, FONT_POINTS.high or 32)
    supervisor_window.apply_settings()
    try:
        dialog = _attest(qtbot, supervisor_window)
        qtbot.keyClicks(dialog.declaration, "IMH-E Infant Mental Health Mentor - Clinical")
        QApplication.processEvents()
        assert dialog.font().pointSize() == 32
        needs = dialog.minimumSizeHint()
        assert needs.boundedTo(QSize(1024, 700)) == needs, needs
    finally:
        supervisor_window.settings.set(FONT_POINTS, 0)
        supervisor_window.apply_settings()
