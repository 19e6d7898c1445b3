"""The supervision editor picks a provider record (type to filter) or makes a new one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit
from pytestqt.qtbot import QtBot

from reflectjournal.domain.endorsement.records import Qualification
from reflectjournal.domain.entry import EntryChanges
from reflectjournal.services.journal import Journal
from reflectjournal.ui.app import build_window
from reflectjournal.ui.background.tasks import SyncTasks
from reflectjournal.ui.main_window import MainWindow
from reflectjournal.ui.settings.options import Settings
from reflectjournal.ui.widgets.provider_dialog import NewProviderDialog
from tests.helpers.gui import call_inline, find_by_name, unlock
from tests.helpers.journals import FAST, PASSPHRASE


@pytest.fixture
def window(qtbot: QtBot, journal_dir: Path, runtime_dir: Path,
           tmp_settings: Path) -> Iterator[MainWindow]:
    journal, _ = Journal.create(journal_dir, PASSPHRASE, FAST)
    with journal:
        journal.providers.add("Dr. Lee", Qualification.IMHS)
        journal.providers.add("A. Kim")
    main = build_window(journal_dir, Settings(tmp_settings), options=FAST, tasks=SyncTasks())
    qtbot.addWidget(main)
    main.show()
    yield main
    main.session.shutdown()


def _picker(qtbot: QtBot, window: MainWindow) -> QComboBox:
    unlock(qtbot, window)
    window.editing.new_entry("supervision")
    return find_by_name(window.journal_page.editor, "Provider", QComboBox)


def _items(box: QComboBox) -> list[str]:
    return [box.itemText(i) for i in range(box.count()) if box.itemText(i)]


def test_typing_a_name_picks_that_provider_and_saving_keeps_its_id(
    qtbot: QtBot, window: MainWindow,
) -> None:
    box = _picker(qtbot, window)
    assert _items(box) == ["A. Kim", "Dr. Lee", "New provider…"]
    assert box.completer() is not None
    assert box.completer().filterMode() == Qt.MatchFlag.MatchContains  # type to filter
    editor = window.journal_page.editor
    line = box.lineEdit()
    assert isinstance(line, QLineEdit)
    line.setFocus()
    qtbot.keyClicks(line, "dr. lee")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    lee = call_inline(window.session, lambda j: j.providers.get("Dr. Lee"))
    assert editor.values().changes.fields == {"provider_id": lee.id}
    qtbot.keyClicks(editor.title, "RSC")
    window.editing.save_entry()
    [row] = call_inline(window.session, lambda j: j.endorsement_records().entries)
    assert row.fields["provider_id"] == lee.id
    line.selectAll()
    qtbot.keyClicks(line, "nobody at all")
    qtbot.keyClick(line, Qt.Key.Key_Return)  # no such provider: the choice stays
    assert editor.values().changes.fields == {"provider_id": lee.id}
    assert box.currentText() == "Dr. Lee"


def test_new_provider_makes_the_record_and_chooses_it(qtbot: QtBot, window: MainWindow) -> None:
    box = _picker(qtbot, window)

    def fill_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, NewProviderDialog)
        dialog.name.setText("Jordan Lee")
        dialog.qualification.setCurrentIndex(
            dialog.qualification.findData(Qualification.IMHM_C.value))
        dialog.accept()

    QTimer.singleShot(0, fill_dialog)
    box.activated.emit(box.findData("new-provider"))
    jordan = call_inline(window.session, lambda j: j.providers.get("Jordan Lee"))
    assert jordan.qualifications[0].qualification == Qualification.IMHM_C
    assert box.currentText() == "Jordan Lee"
    assert window.journal_page.editor.values().changes.fields == {"provider_id": jordan.id}
    assert "Jordan Lee" in _items(box)


def test_a_cancelled_new_provider_changes_nothing(qtbot: QtBot, window: MainWindow) -> None:
    box = _picker(qtbot, window)
    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().reject())  # type: ignore[union-attr]
    box.activated.emit(box.findData("new-provider"))
    assert box.currentText() == ""
    assert window.journal_page.editor.values().changes.fields == {}
    assert len(call_inline(window.session, lambda j: j.providers.all())) == 2


def test_signed_is_shown_on_a_signed_session_and_never_offered(
    qtbot: QtBot, window: MainWindow,
) -> None:
    unlock(qtbot, window)
    lee = call_inline(window.session, lambda j: j.providers.get("Dr. Lee"))
    signed = call_inline(window.session, lambda j: j.entries.add(EntryChanges(
        kind="supervision", title="Confirmed", duration_minutes=60, fields={
            "provider_id": lee.id, "confirmation": "signed"}), confirmed=True))
    editor = window.journal_page.editor
    window.editing.new_entry("supervision")
    box = find_by_name(editor, "Confirmation", QComboBox)
    assert box.isEnabled()
    assert box.findData("signed") < 0
    assert box.findData("printed-signature") > 0
    editor.start_edit(signed, [], [])
    box = find_by_name(editor, "Confirmation", QComboBox)
    assert (box.currentText(), box.isEnabled()) == ("Confirmed (signed in the app)", False)
    assert editor.values().changes.fields["confirmation"] == "signed"
