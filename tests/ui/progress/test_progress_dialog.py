"""The Progress screen on a real journal: menu and shortcut, numbers, choices, cells, copies.

A real MainWindow over a real SQLCipher journal; database work runs inline (SyncTasks), so
what is asserted is what the window shows once the work is done.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QTableView
from pytestqt.qtbot import QtBot

from reflectjournal.domain.endorsement.records import Degree, Qualification
from reflectjournal.domain.entry import EntryChanges
from reflectjournal.services.changes import ENTRIES
from reflectjournal.services.journal import Journal
from reflectjournal.ui.background.operations import change
from reflectjournal.ui.main_window import MainWindow
from reflectjournal.ui.progress.progress_dialog import ProgressDialog
from tests.helpers.gui import call_inline, find_by_name, raise_error, unlock
from tests.helpers.journals import FAST, PASSPHRASE

CANARY = "CANARY-progress-screen-4d2c"


@pytest.fixture
def filled_journal(journal_dir: Path) -> Path:
    """A journal with a profile, two providers, a year of sessions and a tagged training."""
    journal, _ = Journal.create(journal_dir, PASSPHRASE, FAST)
    with journal:
        journal.profile.update(category="imhs", degree=Degree.MASTER,
                               degree_date=dt.date(2015, 6, 1))
        lee = journal.providers.add("Jordan Lee", Qualification.IMHS, dt.date(2010, 1, 1))
        obi = journal.providers.add("Ada Obi", Qualification.IMHM_C, dt.date(2012, 1, 1))
        for month in range(1, 13):
            for provider, day, minutes in ((lee, 10, 90), (obi, 20, 60)):
                journal.add_entry(EntryChanges(
                    kind="supervision", date=dt.date(2025, month, day), body=CANARY,
                    duration_minutes=minutes,
                    fields={"provider_id": provider.id, "format": "individual"}))
        observation = journal.resolve_tag("Observation & listening", "competency")
        journal.add_entry(EntryChanges(
            kind="training", date=dt.date(2025, 3, 1), title="FAN training", body=CANARY,
            fields={"hours_face_to_face": 12.0}, competencies=(observation.id,)))
    return journal_dir


@pytest.fixture
def progress(qtbot: QtBot, window: MainWindow) -> ProgressDialog:
    unlock(qtbot, window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.journal_page.table, Qt.Key.Key_P,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: hasattr(window, "progress_dialog"))
    dialog = window.progress_dialog
    dialog.as_of.setDate(QDate(2026, 1, 31))
    return dialog


def test_the_shortcut_opens_progress_with_the_ledgers_numbers(progress: ProgressDialog) -> None:
    rsc = find_by_name(progress, "Reflective supervision status", QLabel).text()
    assert rsc == ("Reflective supervision / consultation: not met, 30 h of 50 h.")
    training = find_by_name(progress, "Training status", QLabel).text()
    assert training == "Training: not met, 12 h of 30 h."
    assert "Jordan Lee" in progress.view.providers.accessibleDescription()
    missing = find_by_name(progress, "What is missing", QLabel).text()
    assert "20 h more" in missing


def test_choosing_a_category_and_a_date_recomputes(progress: ProgressDialog) -> None:
    combo = find_by_name(progress, "Endorsement category", QComboBox)
    combo.setCurrentIndex(combo.findData("ifa"))
    assert "(ifa)" in find_by_name(progress, "Progress summary", QLabel).text()
    progress.as_of.setDate(QDate(2025, 6, 30))
    heading = find_by_name(progress, "Progress summary", QLabel).text()
    assert "30 June 2025" in heading


def test_a_date_typed_over_as_of_is_the_date_computed(
        qtbot: QtBot, progress: ProgressDialog) -> None:
    # Ctrl+A and a date typed over a QDateEdit kept its year (2026-06-30 here).
    progress.as_of.setFocus()
    qtbot.keyClick(progress.as_of, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    for key in "2025-06-30":  # to the focused widget: the "-" once moved the focus on
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClicks(focused, key)
    assert progress.as_of.date() == QDate(2025, 6, 30)
    assert "30 June 2025" in find_by_name(progress, "Progress summary", QLabel).text()


def test_the_training_tab_lists_each_training_with_its_flags(
        window: MainWindow, progress: ProgressDialog) -> None:
    # The category has no flagged parts: the tab showed only their empty table, while the
    # totals counted the trainings.
    call_inline(window.session, lambda j: j.add_entry(EntryChanges(
        kind="training", date=dt.date(2025, 11, 3), title="Equity in practice",
        fields={"hours_face_to_face": 6.0, "dei": True, "provider": "MI-AIMH"})))
    progress.refresh()
    view = progress.view
    view.tabs.setCurrentIndex(1)
    assert progress.view.training_line.text() == "Training: not met, 18 h of 30 h."
    model = view.trainings
    rows = [[model.data(model.index(r, c)) for c in range(model.columnCount())]
            for r in range(model.rowCount())]
    assert rows == [
        ["2025-03-01", "FAN training", "12 h", "", "", "", "12 h"],
        ["2025-11-03", "Equity in practice (MI-AIMH)", "6 h", "", "", "DEI", "6 h"],
        ["Total", "", "18 h", "", "", "", "18 h"]]
    table = find_by_name(view, "Trainings counted", QTableView)
    assert table.isVisible()
    assert not find_by_name(view, "Training parts", QTableView).isVisible()  # none here


def test_a_provider_whose_sessions_do_not_count_is_in_the_chart_with_no_hours(
        window: MainWindow, progress: ProgressDialog) -> None:
    # Sessions with a provider of unknown qualification left the provider out of the
    # chart: it showed the requirement marks and no bar, as if nothing had been logged.
    def log(journal: Journal) -> None:
        kim = journal.providers.add("Kim Park")
        journal.add_entry(EntryChanges(kind="supervision", date=dt.date(2025, 12, 1),
                                       duration_minutes=60,
                                       fields={"provider_id": kim.id, "format": "individual"}))
    call_inline(window.session, log)
    progress.refresh()
    description = progress.view.providers.accessibleDescription()
    assert "Kim Park: 0 h (not counted)" in description, description
    assert description.index("Jordan Lee") < description.index("Kim Park")


def test_the_checklist_is_a_list_not_boxes_and_the_star_is_explained(
        progress: ProgressDialog) -> None:
    # The checklist's "☐" looked tickable and was not (nothing is ticked off: spec 2.6).
    view = progress.view
    checklist = find_by_name(view, "Checklist of what is not hours", QLabel)
    shown = QTextDocument()
    shown.setHtml(checklist.text())
    first, *items = shown.toPlainText().splitlines()
    assert "☐" not in shown.toPlainText()
    assert first.endswith("nothing here is ticked off):")
    assert "Signed Code of Ethics" in items
    blocks = [shown.findBlockByNumber(i) for i in range(1, shown.blockCount())]
    assert all(block.textList() is not None for block in blocks)  # bulleted items
    view.tabs.setCurrentIndex(2)
    footnote = find_by_name(view, "About names marked *", QLabel)
    assert footnote.isVisible()
    assert footnote.text().startswith("* Name not confirmed:")


def test_a_coverage_cell_lists_its_entries(qtbot: QtBot, progress: ProgressDialog) -> None:
    table = progress.view.coverage
    model = table.coverage
    row = model.row_where(lambda r: r.label == "Observation & listening")
    assert model.value(row).training_entries == 1
    table.cell_chosen.emit(str(model.value(row).tag_id), "training")
    assert "FAN training" in find_by_name(progress, "Entries in the chosen cell", QLabel).text()


def test_locking_closes_progress_and_no_reflection_text_is_shown(
        qtbot: QtBot, window: MainWindow, progress: ProgressDialog) -> None:
    shown = "\n".join(label.text() for label in progress.findChildren(QLabel))
    assert CANARY not in shown
    window.lock()
    assert not progress.isVisible()


def test_the_summary_and_a_log_sheet_leave_only_as_warned_copies(
        qtbot: QtBot, progress: ProgressDialog, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from reflectjournal.ui.copies import export_actions

    warned: list[str] = []
    told: list[str] = []
    monkeypatch.setattr(export_actions, "confirm_unencrypted_copy",
                        lambda parent, what, offer_skip: warned.append(what)
                        or export_actions.Consent())
    monkeypatch.setattr(export_actions, "choose_save_path",
                        lambda parent, caption, name, name_filter: tmp_path / name)
    monkeypatch.setattr(export_actions, "show_result", lambda parent, text: told.append(text))
    qtbot.mouseClick(progress.save_buttons["csv"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(told) == 1, timeout=20_000)  # rendered on a thread of its own
    [csv_file] = tmp_path.glob("endorsement-hours-*.csv")
    text = csv_file.read_text(encoding="utf-8")
    assert "rsc session,2025-01-10,Jordan Lee,90,counted" in text
    qtbot.mouseClick(progress.save_buttons["pdf"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(told) == 2, timeout=20_000)
    [pdf] = tmp_path.glob("endorsement-progress-*.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    [lee] = [a for a in progress.log_menu.actions() if a.text() == "Jordan Lee"]
    lee.trigger()
    qtbot.waitUntil(lambda: len(told) == 3, timeout=20_000)
    [sheet] = tmp_path.glob("rsc-log-sheet-*.pdf")
    assert sheet.read_bytes().startswith(b"%PDF")
    assert len(warned) == 3
    for path in (csv_file, pdf, sheet):
        assert CANARY.encode() not in path.read_bytes()


def test_what_changed_since_the_last_result_is_said(
    qtbot: QtBot, window: MainWindow, progress: ProgressDialog
) -> None:
    changed = find_by_name(progress, "What changed since the last result", QLabel)
    combo = find_by_name(progress, "Endorsement category", QComboBox)
    combo.setCurrentIndex(combo.findData("ifs"))  # IMHS (50 h RSC) to IFS (24 h)
    assert changed.isVisible()
    text = changed.toolTip()  # every line; the label shows the first few
    assert "Category: Infant Mental Health Specialist (imhs)" in text, text
    assert "RSC required: 50 h → 24 h" in text, text
    assert "RSC: not met → met" in text, text
    assert changed.text().count("\n") <= 5, changed.text()
    assert "more (hover to read them)" in changed.text()
    # A session logged while the screen is open: the next result says what it changed.
    lee = next(p for p in call_inline(window.session, lambda j: j.providers.all())
               if p.name == "Jordan Lee")
    (change(window.session, lambda j: j.add_entry(EntryChanges(
        kind="supervision", date=dt.date(2026, 1, 12), body=CANARY, duration_minutes=60,
        fields={"provider_id": lee.id, "format": "individual"})), ENTRIES)
     .failure(raise_error).run())
    qtbot.waitUntil(lambda: "RSC eligible: 30 h → 31 h" in changed.text())
    assert changed.text().count("\n") == 2, changed.text()  # eligible and counted
    progress.refresh()  # the same again: nothing to say
    assert changed.text() == "Nothing changed since the last result."
