"""The Providers window on a real journal: records, history, lapse, contacts, merges, the offer.

A real MainWindow over a real SQLCipher journal, with a second journal for a verified
contact; database work runs inline (SyncTasks). The small questions are real dialogs,
answered through their widgets while they run (QTimer, as a person would).
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QCheckBox, QDialog, QRadioButton, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from reflectjournal.domain.endorsement.records import Qualification
from reflectjournal.domain.entry import EntryChanges
from reflectjournal.services.journal import Journal
from reflectjournal.ui.app import build_window
from reflectjournal.ui.background.tasks import SyncTasks
from reflectjournal.ui.main_window import MainWindow
from reflectjournal.ui.progress.provider_dialogs import (
    ContactDialog,
    MergeDialog,
    MergeOfferDialog,
    QualificationDialog,
    RenameDialog,
)
from reflectjournal.ui.progress.providers_dialog import ProvidersDialog
from reflectjournal.ui.settings.options import Settings
from reflectjournal.ui.widgets.provider_dialog import NewProviderDialog
from tests.helpers.gui import call_inline, find_by_name, unlock
from tests.helpers.journals import FAST, PASSPHRASE, exchange_cards
from tests.helpers.leaks import folder_bytes, found_in

NAMES = ("Dr. Lee", "J. Lee", "Ada Obi", "Zed Canary-Provider")


@pytest.fixture
def window(qtbot: QtBot, journal_dir: Path, tmp_path: Path, runtime_dir: Path,
           tmp_settings: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    """A window on a journal with three providers, J. Lee's two sessions and a verified
    contact 'Jordan Lee' (from a second journal); logs and temp files under tmp_path."""
    for name in ("XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME",
                 "TMPDIR"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    with Journal.create(journal_dir, PASSPHRASE, FAST)[0] as journal, \
            Journal.create(tmp_path / "supervisor", PASSPHRASE, FAST)[0] as supervisor:
        journal.sharing.my_card("Sam Rivera")
        supervisor.sharing.my_card("Jordan Lee")
        exchange_cards(journal, supervisor)
        journal.providers.add("Dr. Lee", Qualification.IMHS, dt.date(2019, 5, 1))
        initial = journal.providers.add("J. Lee")
        journal.providers.add("Ada Obi", Qualification.IMHM_C)
        for day in (3, 17):
            journal.add_entry(EntryChanges(kind="supervision", date=dt.date(2026, 3, day),
                                           duration_minutes=60,
                                           fields={"provider_id": initial.id}))
    main = build_window(journal_dir, Settings(tmp_settings), options=FAST, tasks=SyncTasks())
    qtbot.addWidget(main)
    main.show()
    yield main
    main.session.shutdown()


@pytest.fixture
def providers(qtbot: QtBot, window: MainWindow) -> ProvidersDialog:
    unlock(qtbot, window)
    window.providers_action.trigger()
    qtbot.waitUntil(lambda: hasattr(window, "providers_dialog"))
    return window.providers_dialog


def _rows(dialog: ProvidersDialog) -> list[tuple[str, ...]]:
    model = dialog.model
    return [tuple(model.data(model.index(r, c)) for c in range(model.columnCount()))
            for r in range(model.rowCount())]


def _select(dialog: ProvidersDialog, name: str) -> None:
    dialog.table.selectRow(dialog.model.row_where(lambda r: r.record.name == name))


def _answer(kind: type[QDialog], fill: Callable[[QDialog], None]) -> None:
    """Answer the next modal dialog, which must be of this kind, once it runs."""
    def run() -> None:
        dialog = QApplication.activeModalWidget()
        try:
            assert isinstance(dialog, kind), dialog
            fill(dialog)
        except BaseException:
            # Close it, or the test would wait on a dialog nobody answers.
            if isinstance(dialog, QDialog) and dialog.isVisible():
                dialog.reject()
            raise
    QTimer.singleShot(0, run)


def _record(window: MainWindow, name: str) -> object:
    return call_inline(window.session, lambda j: j.providers.get(name))


def test_the_window_lists_records_with_entries_history_and_contact(
        providers: ProvidersDialog, window: MainWindow) -> None:
    assert _rows(providers) == [
        ("Ada Obi", "IMHM-C", "0", "not linked"),
        ("Dr. Lee", "IMHS", "0", "not linked"),
        ("J. Lee", "not known", "2", "not linked")]
    _select(providers, "Dr. Lee")
    assert providers.history_label.text() == "Qualification history of Dr. Lee:"
    history = providers.history
    assert [history.data(history.index(0, c)) for c in range(2)] == [
        "2019-05-01", "Infant Mental Health Specialist (IMHS)"]
    _select(providers, "Ada Obi")
    assert history.data(history.index(0, 0)) == "always (no date given)"
    assert not providers.unlink_button.isEnabled()  # nothing linked yet
    window.lock()
    assert not providers.isVisible()


def test_the_progress_screen_opens_the_providers_too(qtbot: QtBot, window: MainWindow) -> None:
    unlock(qtbot, window)
    window.progress_action.trigger()
    qtbot.waitUntil(lambda: hasattr(window, "progress_dialog"))
    progress = window.progress_dialog
    qtbot.mouseClick(progress.providers_button, Qt.MouseButton.LeftButton)
    assert progress.providers_dialog.isVisible()
    assert progress.providers_dialog.model.rowCount() == 3


def test_add_rename_qualify_and_a_lapse(
        qtbot: QtBot, providers: ProvidersDialog, window: MainWindow) -> None:
    def new(dialog: QDialog) -> None:
        assert isinstance(dialog, NewProviderDialog)
        dialog.name.setText("Rosa Parks")
        dialog.qualification.setCurrentIndex(
            dialog.qualification.findData(Qualification.ECMHS.value))
        dialog.accept()
    _answer(NewProviderDialog, new)
    qtbot.mouseClick(providers.add_button, Qt.MouseButton.LeftButton)
    assert providers.selected().record.name == "Rosa Parks"  # type: ignore[union-attr]
    assert providers.message.text() == "Added Rosa Parks."

    def rename(dialog: QDialog) -> None:
        assert isinstance(dialog, RenameDialog)
        dialog.name.setText("  Rosa   Parks-Diaz ")
        dialog.accept()
    _answer(RenameDialog, rename)
    qtbot.mouseClick(providers.rename_button, Qt.MouseButton.LeftButton)
    assert providers.selected().record.name == "Rosa Parks-Diaz"  # type: ignore[union-attr]

    _select(providers, "Dr. Lee")

    def qualify(dialog: QDialog) -> None:
        assert isinstance(dialog, QualificationDialog)
        dialog.qualification.setCurrentIndex(
            dialog.qualification.findData(Qualification.IMHM_C.value))
        dialog.since.setDate(dt.date(2024, 1, 1))
        dialog.accept()
    _answer(QualificationDialog, qualify)
    qtbot.mouseClick(providers.qualify_button, Qt.MouseButton.LeftButton)

    def lapse(dialog: QDialog) -> None:
        assert isinstance(dialog, QualificationDialog)
        assert not dialog.qualification.isVisibleTo(dialog)  # a lapse asks only the date
        dialog.since.setDate(dt.date(2026, 2, 1))
        dialog.accept()
    _answer(QualificationDialog, lapse)
    qtbot.mouseClick(providers.lapse_button, Qt.MouseButton.LeftButton)
    assert "lapsed on 2026-02-01" in providers.message.text()
    lee = call_inline(window.session, lambda j: j.providers.get("Dr. Lee"))
    assert [(s.qualification, s.since) for s in lee.qualifications] == [
        (Qualification.IMHS, dt.date(2019, 5, 1)), (Qualification.IMHM_C, dt.date(2024, 1, 1)),
        (Qualification.NOT_ENDORSED, dt.date(2026, 2, 1))]
    assert lee.qualification_on(dt.date(2026, 3, 1)) is Qualification.NOT_ENDORSED
    assert providers.history.rowCount() == 3  # the history shown follows
    assert providers.history.data(providers.history.index(2, 1)) == "Not endorsed / other"


def _type_over(qtbot: QtBot, field: QWidget, text: str) -> None:
    """Select all of a field with Ctrl+A and type over it, key by key, as a person does."""
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, text)


@pytest.mark.parametrize("typed", ["2019-05-01", "20190501", "2019-5-1"])
def test_a_date_typed_over_the_since_field_is_the_date_kept(
        qtbot: QtBot, providers: ProvidersDialog, window: MainWindow, typed: str) -> None:
    # A tester's Ctrl+A then 2019-05-01 gave 2026-05-01: QDateEdit kept the year.
    def new(dialog: QDialog) -> None:
        assert isinstance(dialog, NewProviderDialog)
        qtbot.keyClicks(dialog.name, "Rosa Parks")
        qtbot.mouseClick(dialog.dated, Qt.MouseButton.LeftButton,
                         pos=dialog.dated.rect().bottomLeft() + QPoint(4, -4))
        _type_over(qtbot, dialog.since, typed)
        qtbot.keyClick(dialog.since, Qt.Key.Key_Return)  # the dialog's OK, from the field
    _answer(NewProviderDialog, new)
    qtbot.mouseClick(providers.add_button, Qt.MouseButton.LeftButton)
    rosa = call_inline(window.session, lambda j: j.providers.get("Rosa Parks"))
    assert [s.since for s in rosa.qualifications] == [dt.date(2019, 5, 1)]

    def qualify(dialog: QDialog) -> None:
        assert isinstance(dialog, QualificationDialog)
        _type_over(qtbot, dialog.since, "2021-11-30")
        qtbot.keyClick(dialog.since, Qt.Key.Key_Return)
    _answer(QualificationDialog, qualify)
    qtbot.mouseClick(providers.qualify_button, Qt.MouseButton.LeftButton)

    def lapse(dialog: QDialog) -> None:
        assert isinstance(dialog, QualificationDialog)
        _type_over(qtbot, dialog.since, "2024-02-29")
        qtbot.keyClick(dialog.since, Qt.Key.Key_Return)
    _answer(QualificationDialog, lapse)
    qtbot.mouseClick(providers.lapse_button, Qt.MouseButton.LeftButton)
    rosa = call_inline(window.session, lambda j: j.providers.get("Rosa Parks"))
    assert [s.since for s in rosa.qualifications] == [
        dt.date(2019, 5, 1), dt.date(2021, 11, 30), dt.date(2024, 2, 29)]


def test_linking_offers_the_similar_names_and_merges_only_the_ticked(
        qtbot: QtBot, providers: ProvidersDialog, window: MainWindow) -> None:
    _select(providers, "Dr. Lee")
    offers: list[str] = []

    def link(dialog: QDialog) -> None:
        assert isinstance(dialog, ContactDialog)
        assert dialog.contact.currentText().startswith("Jordan Lee (key ")

        def tick(offer: QDialog) -> None:
            assert isinstance(offer, MergeOfferDialog)
            offers.extend(box.text() for box, _ in offer.choices)
            assert not offer.merge.isEnabled()  # nothing is ticked for the user
            find_by_name(offer, "Merge J. Lee", QCheckBox).setChecked(True)
            offer.merge.click()
        _answer(MergeOfferDialog, tick)
        dialog.accept()
    _answer(ContactDialog, link)
    qtbot.mouseClick(providers.link_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Merged 1 record into" in providers.message.text())
    assert offers == ["J. Lee (2 entries)"]  # "Ada Obi" is someone else
    assert _rows(providers) == [
        ("Ada Obi", "IMHM-C", "0", "not linked"),
        ("Dr. Lee", "IMHS", "2", "Jordan Lee")]
    assert providers.merge_log.rowCount() == 1
    log = providers.merge_log
    assert [log.data(log.index(0, c)) for c in (1, 2, 3)] == ["J. Lee", "Dr. Lee", "2"]
    qtbot.mouseClick(providers.unlink_button, Qt.MouseButton.LeftButton)
    assert providers.message.text() == "Dr. Lee is no longer linked to Jordan Lee."
    assert _rows(providers)[1][3] == "not linked"


def test_declining_the_offer_merges_nothing(
        qtbot: QtBot, providers: ProvidersDialog, window: MainWindow) -> None:
    _select(providers, "J. Lee")

    def link(dialog: QDialog) -> None:
        _answer(MergeOfferDialog, lambda offer: offer.reject())
        dialog.accept()
    _answer(ContactDialog, link)
    qtbot.mouseClick(providers.link_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: providers.model.rowCount() == 3 and _rows(providers)[2][3]
                    == "Jordan Lee")
    assert providers.message.text() == "J. Lee is linked to Jordan Lee."
    assert len(call_inline(window.session, lambda j: j.providers.all())) == 3
    assert providers.merge_log.rowCount() == 0


def test_a_merge_chooses_the_survivor_and_says_how_many_entries_move(
        qtbot: QtBot, providers: ProvidersDialog, window: MainWindow) -> None:
    _select(providers, "J. Lee")
    effects: list[str] = []

    def merge(dialog: QDialog) -> None:
        assert isinstance(dialog, MergeDialog)
        dialog.other.setCurrentIndex(dialog.other.findText("Dr. Lee (0 entries)"))
        effects.append(dialog.effect.text())  # J. Lee stays: Dr. Lee's nothing moves
        find_by_name(dialog, "Keep Dr. Lee", QRadioButton).setChecked(True)
        effects.append(dialog.effect.text())
        dialog.accept()
    _answer(MergeDialog, merge)
    qtbot.mouseClick(providers.merge_button, Qt.MouseButton.LeftButton)
    assert effects == ["0 entries of 'Dr. Lee' will move to 'J. Lee', and 'Dr. Lee' is removed.",
                       "2 entries of 'J. Lee' will move to 'Dr. Lee', and 'J. Lee' is removed."]
    assert providers.message.text() == ("Merged J. Lee into Dr. Lee: 2 entries moved. The "
                                        "merge is logged.")
    assert [r[0] for r in _rows(providers)] == ["Ada Obi", "Dr. Lee"]
    assert providers.selected().entries == 2  # type: ignore[union-attr]
    providers.tabs.setCurrentIndex(1)
    assert providers.merge_table.isVisible()
    assert providers.log_note.text().startswith("Every merge, oldest first")


def test_provider_names_reach_no_settings_log_or_temporary_file(
        qtbot: QtBot, providers: ProvidersDialog, window: MainWindow, tmp_path: Path,
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)

    def new(dialog: QDialog) -> None:
        assert isinstance(dialog, NewProviderDialog)
        dialog.name.setText(NAMES[3])
        dialog.accept()
    _answer(NewProviderDialog, new)
    qtbot.mouseClick(providers.add_button, Qt.MouseButton.LeftButton)
    _select(providers, "J. Lee")
    _answer(MergeDialog, lambda dialog: dialog.accept())
    qtbot.mouseClick(providers.merge_button, Qt.MouseButton.LeftButton)
    assert providers.merge_log.rowCount() == 1
    providers.close()
    window.close()  # the window writes its layout settings
    window.settings.sync()
    files = folder_bytes(tmp_path)
    assert any(path.endswith(".ini") for path in files)  # the settings file was written
    leaks = {path: found_in(data, *NAMES) for path, data in files.items()}
    assert {path: found for path, found in leaks.items() if found} == {}
    assert found_in("\n".join(r.getMessage() for r in caplog.records).encode(), *NAMES) == []


def test_the_window_works_on_the_database_thread(
        qtbot: QtBot, window: MainWindow, journal_dir: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """With the real worker thread: every read and change runs there, and the record a
    change made is the one selected once the list comes back."""
    from reflectjournal.services.providers import Providers
    from reflectjournal.ui.background.session import JournalSession
    from reflectjournal.ui.background.tasks import Tasks

    threads: list[str] = []
    for name in ("all", "add", "merge"):
        real = getattr(Providers, name)

        def watched(self: Providers, *args: object, _real: object = real,
                    **kwargs: object) -> object:
            threads.append(threading.current_thread().name)
            return _real(self, *args, **kwargs)  # type: ignore[operator]
        monkeypatch.setattr(Providers, name, watched)
    session = JournalSession(journal_dir, FAST, Tasks())
    try:
        with qtbot.waitSignal(session.unlocked, timeout=30_000):
            session.unlock(PASSPHRASE, lambda _: None, lambda e: None)
        dialog = ProvidersDialog(session)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: dialog.model.rowCount() == 3, timeout=20_000)

        def new(made: QDialog) -> None:
            assert isinstance(made, NewProviderDialog)
            made.name.setText("Rosa Parks")
            made.accept()
        _answer(NewProviderDialog, new)
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.model.rowCount() == 4, timeout=20_000)
        qtbot.waitUntil(lambda: dialog.selected() is not None
                        and dialog.selected().record.name == "Rosa Parks",  # type: ignore[union-attr]
                        timeout=20_000)
        _answer(MergeDialog, lambda merge: merge.accept())  # Ada Obi into Rosa Parks
        qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.merge_log.rowCount() == 1, timeout=20_000)
        assert dialog.message.text().startswith("Merged Ada Obi into Rosa Parks")
        assert threads
        assert all(name.startswith("journal-db") for name in threads)
    finally:
        session.shutdown()


def test_the_models_pass_qtmodeltester(providers: ProvidersDialog,
                                       qtmodeltester: ModelTester) -> None:
    _select(providers, "Dr. Lee")
    for model in (providers.model, providers.history, providers.merge_log):
        qtmodeltester.check(model)


def test_every_providers_window_fits_1024_by_700_at_the_largest_text(
        qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtCore import QSize

    from reflectjournal.ui.progress.provider_dialogs import Candidate
    from reflectjournal.ui.settings.options import FONT_POINTS

    unlock(qtbot, window)
    window.settings.set(FONT_POINTS, FONT_POINTS.high or 32)
    window.apply_settings()
    try:
        window.providers_action.trigger()
        providers = window.providers_dialog
        qtbot.waitUntil(lambda: providers.model.rowCount() == 3)
        rows = [providers.model.value(i) for i in range(providers.model.rowCount())]
        lee = Candidate(rows[1].record, rows[1].entries)
        others = [Candidate(r.record, r.entries) for r in (rows[0], rows[2])]
        room = QSize(1024, 700)
        for dialog in (providers, RenameDialog(providers, "Dr. Lee"),
                       QualificationDialog(providers, "Dr. Lee"),
                       QualificationDialog(providers, "Dr. Lee", lapse=True),
                       ContactDialog(providers, "Dr. Lee", ["Jordan Lee (key 1234 5678)"]),
                       MergeDialog(providers, lee, others),
                       MergeOfferDialog(providers, lee.record, "Jordan Lee", others),
                       NewProviderDialog(providers, "Dr. Lee")):
            dialog.show()
            QApplication.processEvents()
            assert dialog.font().pointSize() == 32  # the text size really is the largest
            needs = dialog.minimumSizeHint()
            assert needs.boundedTo(room) == needs, (type(dialog).__name__, needs)
            if dialog is not providers:
                dialog.close()
    finally:
        window.settings.set(FONT_POINTS, 0)
        window.apply_settings()
