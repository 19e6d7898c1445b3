"""The week before an application, in the app: a backlog spreadsheet imported, the hours
counted and the excluded ones explained on the Progress screen, the summary saved.

A real MainWindow over a real SQLCipher journal; database work runs inline (SyncTasks).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from reflectjournal.domain.endorsement.records import Degree, Qualification
from reflectjournal.services.changes import PROVIDERS
from reflectjournal.services.journal import Journal
from reflectjournal.ui.background.operations import change
from reflectjournal.ui.journal.import_dialog import ImportDialog
from reflectjournal.ui.main_window import MainWindow
from tests.helpers.gui import find_by_name, raise_error, unlock
from tests.helpers.journals import FAST, PASSPHRASE


@pytest.fixture
def filled_journal(journal_dir: Path) -> Path:
    """A clinician's journal: a profile and the one provider record made so far."""
    journal, _ = Journal.create(journal_dir, PASSPHRASE, FAST)
    with journal:
        journal.profile.update(category="imhs", degree=Degree.MASTER,
                               degree_date=dt.date(2015, 6, 1))
        journal.providers.add("Jordan Lee", Qualification.IMHS, dt.date(2012, 1, 1))
    return journal_dir


def _backlog(folder: Path) -> Path:
    """Two years of monthly RSC with two providers, a peer group and a case consultation,
    and three trainings: the sheet a clinician kept before the app, Excel's CSV UTF-8."""
    rows = ["Date,Type,Hours,Supervisor,Individual/Group,Mode,Title,Sponsor,"
            "Face-to-face hours,Independent hours,DEI"]
    for i in range(24):
        year, month = divmod(2024 * 12 + i, 12)
        rows.append(f"{month + 1}/9/{year},RSC,1.5,jordan lee,Individual,Zoom,,,,,")
    for i in range(16):
        year, month = divmod(2024 * 12 + 3 + i, 12)
        rows.append(f"{month + 1}/23/{year},RSC,1:00,Dr. Avery Kim,Group,In person,,,,,")
    rows += ["2/14/2025,Peer supervision,1,Sam Ortiz,Group,In person,,,,,",
             "3/3/2025,Case consultation,1.5,Jordan Lee,Individual,Zoom,,,,,",
             "6/10/2024,Training,,,,,Attachment and the dyad,IMH Institute,18,2,",
             "9/20/2024,Training,,,,,Diversity-informed practice,Regional AIMH,6,,Yes",
             "1/17/2025,Training,,,,,Reflective supervision basics,Regional AIMH,6,,",
             "Total,,,,,,,,,,"]
    path = folder / "my hours 2024-2025.csv"
    path.write_bytes(("\ufeff" + "\r\n".join(rows) + "\r\n").encode("utf-8"))
    return path


def _click(qtbot: QtBot, button: QPushButton) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_import_the_backlog_see_what_counts_and_save_the_summary(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    unlock(qtbot, window)
    window.journal_actions.import_action.trigger()
    [dialog] = [d for d in window.findChildren(ImportDialog) if d.isVisible()]
    source = find_by_name(dialog, "App to import from", QComboBox)
    source.setCurrentIndex(source.findData("csv"))
    find_by_name(dialog, "File or folder to import", QLineEdit).setText(
        str(_backlog(tmp_path)))
    _click(qtbot, find_by_name(dialog, "Preview the import", QPushButton))
    _click(qtbot, find_by_name(dialog, "Import 45 entries", QPushButton))
    assert "Imported 45 entries." in window.journal_page.status.text()

    window.open_progress()
    progress = window.progress_dialog
    progress.as_of.setDate(QDate(2026, 12, 4))
    rsc = find_by_name(progress, "Reflective supervision status", QLabel)
    # Dr. Avery Kim is a new record without a qualification: only Jordan Lee's 36 h count.
    assert rsc.text() == "Reflective supervision / consultation: not met, 36 h of 50 h."
    (change(window.session, lambda j: j.providers.qualify(
        "Dr. Avery Kim", Qualification.IMHM_C, dt.date(2018, 3, 1)), PROVIDERS)
     .failure(raise_error).run())
    qtbot.waitUntil(lambda: "met, 52 h of 50 h" in rsc.text())
    assert rsc.text() == "Reflective supervision / consultation: met, 52 h of 50 h."
    training = find_by_name(progress, "Training status", QLabel).text()
    assert training == "Training: met, 30 h of 30 h."
    excluded = progress.view.excluded
    why = {excluded.data(excluded.index(r, 0)): excluded.data(excluded.index(r, 2))
           for r in range(excluded.rowCount())}
    assert why == {"2025-02-14": "peer supervision never counts",
                   "2025-03-03": "case consultation, not reflective supervision/consultation"}

    from reflectjournal.ui.copies import export_actions

    told: list[str] = []
    monkeypatch.setattr(export_actions, "confirm_unencrypted_copy",
                        lambda parent, what, offer_skip: export_actions.Consent())
    monkeypatch.setattr(export_actions, "choose_save_path",
                        lambda parent, caption, name, name_filter: tmp_path / name)
    monkeypatch.setattr(export_actions, "show_result", lambda parent, text: told.append(text))
    _click(qtbot, progress.save_buttons["markdown"])
    qtbot.waitUntil(lambda: len(told) == 1, timeout=20_000)
    _click(qtbot, progress.save_buttons["pdf"])
    qtbot.waitUntil(lambda: len(told) == 2, timeout=20_000)
    [pdf] = tmp_path.glob("endorsement-progress-*.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    [markdown] = tmp_path.glob("endorsement-progress-*.md")
    text = markdown.read_text(encoding="utf-8")
    assert "### Jordan Lee · IMHS from 2012-01-01 · main" in text
    assert "### Dr. Avery Kim · IMHM-C from 2018-03-01 · second" in text
    assert "| 2024-01-09 | 90 | individual | virtual |  | yes | hand-logged, entered later |" \
        in text
    assert "| Total |  | 30 h | 2 h |  |  | 30 h |" in text
    assert "| 2025-02-14 | Sam Ortiz | 60 | group | peer supervision never counts | " \
           "hand-logged, entered later |" in text
    assert "Counted from all providers: 52 h of 50 h required." in text
