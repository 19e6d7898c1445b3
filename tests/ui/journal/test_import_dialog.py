"""Journal > Import from another app…: choose, preview, import; real widgets, real journal."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QFileDialog,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from reflectjournal.services.journal import Journal
from reflectjournal.ui.background.session import JournalSession
from reflectjournal.ui.background.tasks import Tasks
from reflectjournal.ui.journal.import_dialog import ImportDialog
from reflectjournal.ui.main_window import MainWindow
from tests.domain.foreign.samples import DAYONE, JRNL, MARKDOWN, WORD
from tests.helpers.gui import call_inline, find_by_name, unlock
from tests.helpers.journals import FLOOR, PASSPHRASE


@pytest.fixture
def opened(qtbot: QtBot, window: MainWindow) -> MainWindow:
    """Return the unlocked window."""
    unlock(qtbot, window)
    return window


def _dialog(window: MainWindow) -> ImportDialog:
    [dialog] = [d for d in window.findChildren(ImportDialog) if d.isVisible()]
    return dialog


def _choose(dialog: ImportDialog, kind: str, path: Path) -> None:
    source = find_by_name(dialog, "App to import from", QComboBox)
    source.setCurrentIndex(source.findData(kind))
    field = find_by_name(dialog, "File or folder to import", QLineEdit)
    field.setText(str(path))


def _click(qtbot: QtBot, root: QWidget, name: str) -> None:
    qtbot.mouseClick(find_by_name(root, name, QPushButton), Qt.MouseButton.LeftButton)


def _preview_text(dialog: ImportDialog) -> str:
    return find_by_name(dialog, "Import preview", QPlainTextEdit).toPlainText()


def test_menu_opens_the_dialog_preview_then_import_then_nothing_new(
    qtbot: QtBot, opened: MainWindow
) -> None:
    opened.journal_actions.import_action.trigger()
    dialog = _dialog(opened)
    controls = [w for w in dialog.findChildren(QAbstractButton) if w.isVisible()]
    assert all(w.accessibleName() for w in controls)
    run = find_by_name(dialog, "Import the entries", QPushButton)
    assert not run.isEnabled()  # nothing previewed yet
    _choose(dialog, "dayone", DAYONE / "export.zip")
    _click(qtbot, dialog, "Preview the import")
    text = _preview_text(dialog)
    assert "4 entries found, from 2024-03-10 to 2025-01-01." in text
    assert "2 photos: attachments are not imported" in text
    assert "4 tags will be created: Feeding, home visit, self-care, Travel." in text
    assert call_inline(opened.session, lambda j: j.count_entries()) == 5  # nothing written
    run = find_by_name(dialog, "Import 4 entries", QPushButton)
    assert run.isEnabled()
    qtbot.mouseClick(run, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert "Imported 4 entries." in opened.journal_page.status.text()
    model = opened.journal_page.model
    assert "New year in Tokyo" in [model.summary(r).title for r in range(model.rowCount())]

    opened.journal_actions.import_action.trigger()
    again = _dialog(opened)
    _choose(again, "dayone", DAYONE / "export.zip")
    _click(qtbot, again, "Preview the import")
    assert "4 entries were imported before" in _preview_text(again)
    assert not find_by_name(again, "Import 0 entries", QPushButton).isEnabled()


def test_a_broken_file_is_told_in_the_dialog_and_a_new_choice_clears_the_preview(
    qtbot: QtBot, opened: MainWindow
) -> None:
    opened.journal_actions.import_action.trigger()
    dialog = _dialog(opened)
    _choose(dialog, "jrnl", JRNL / "encrypted.txt")
    _click(qtbot, dialog, "Preview the import")
    message = find_by_name(dialog, "Import message")
    assert "This jrnl journal is encrypted" in message.text()  # type: ignore[attr-defined]
    assert _preview_text(dialog) == ""
    _choose(dialog, "markdown", MARKDOWN / "vault")
    _click(qtbot, dialog, "Preview the import")
    assert "Empty.md: it is empty" in _preview_text(dialog)
    find_by_name(dialog, "File or folder to import", QLineEdit).setText(str(JRNL))
    assert _preview_text(dialog) == ""
    assert not find_by_name(dialog, "Import the entries", QPushButton).isEnabled()


def test_choose_asks_for_a_folder_for_markdown_and_previews_it(
    qtbot: QtBot, opened: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def folder(_parent: QWidget, title: str, _start: str) -> str:
        asked.append(title)
        return str(MARKDOWN / "vault")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", folder)
    opened.journal_actions.import_action.trigger()
    dialog = _dialog(opened)
    source = find_by_name(dialog, "App to import from", QComboBox)
    source.setCurrentIndex(source.findData("markdown"))
    _click(qtbot, dialog, "Choose file or folder")
    assert asked == ["Choose the notes folder"]
    assert "4 entries found" in _preview_text(dialog)


def test_locking_closes_the_dialog_and_leaves_no_preview(qtbot: QtBot,
                                                          opened: MainWindow) -> None:
    opened.journal_actions.import_action.trigger()
    dialog = _dialog(opened)
    _choose(dialog, "jrnl", JRNL / "journal.txt")
    _click(qtbot, dialog, "Preview the import")
    assert _preview_text(dialog)
    opened.lock()
    assert not dialog.isVisible()
    assert _preview_text(dialog) == ""


def test_preview_and_import_run_on_the_database_thread(
    qtbot: QtBot, journal_dir: Path, runtime_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Journal.create(journal_dir, PASSPHRASE, FLOOR)[0].close()
    session = JournalSession(journal_dir, FLOOR, Tasks())
    try:
        with qtbot.waitSignal(session.unlocked, timeout=30_000):
            session.unlock(PASSPHRASE, lambda _: None, lambda e: None)
        dialog = ImportDialog(session)
        qtbot.addWidget(dialog)
        threads: list[str] = []
        real = Journal.foreign_import.fget  # type: ignore[attr-defined]

        def watched(journal: Journal) -> object:
            threads.append(threading.current_thread().name)
            return real(journal)
        monkeypatch.setattr(Journal, "foreign_import", property(watched))
        _choose(dialog, "jrnl", JRNL / "journal.txt")
        dialog.preview()
        qtbot.waitUntil(lambda: "7 entries found" in _preview_text(dialog), timeout=10_000)
        with qtbot.waitSignal(dialog.imported, timeout=10_000) as imported:
            dialog.import_entries()
        assert imported.args[0].added == 7
        assert threads
        assert all(name.startswith("journal-db") for name in threads)
    finally:
        session.shutdown()


def test_a_preview_for_a_choice_changed_meanwhile_is_not_shown(
    qtbot: QtBot, opened: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened.journal_actions.import_action.trigger()
    dialog = _dialog(opened)
    _choose(dialog, "jrnl", JRNL / "journal.txt")
    session = opened.session
    real_call = session.call
    held: list[tuple[object, object, object]] = []
    monkeypatch.setattr(session, "call", lambda *args: held.append(args))
    dialog.preview()  # the read is under way (held) ...
    _choose(dialog, "jrnl", JRNL / "journal-24h.txt")  # ... when the user picks another file
    monkeypatch.setattr(session, "call", real_call)
    [(work, done, failed)] = held
    real_call(work, done, failed)  # type: ignore[arg-type]
    assert _preview_text(dialog) == ""
    assert not find_by_name(dialog, "Import the entries", QPushButton).isEnabled()


def test_word_offers_a_file_or_a_folder_and_previews_what_it_reads(
    qtbot: QtBot, opened: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def folder(_parent: QWidget, title: str, _start: str) -> str:
        asked.append(title)
        return str(WORD)

    def document(_parent: QWidget, title: str, _start: str, pattern: str) -> tuple[str, str]:
        asked.append(f"{title}: {pattern}")
        return str(WORD / "changes.docx"), ""
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", folder)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", document)
    opened.journal_actions.import_action.trigger()
    dialog = _dialog(opened)
    folder_button = find_by_name(dialog, "Choose a folder of documents", QPushButton)
    assert not folder_button.isVisible()  # only Word documents come as a folder or a file
    source = find_by_name(dialog, "App to import from", QComboBox)
    source.setCurrentIndex(source.findData("word"))
    assert folder_button.isVisible()
    _click(qtbot, dialog, "Choose file or folder")
    assert "1 document has tracked changes" in _preview_text(dialog)
    assert "1 comment: comments in the margin are not imported" in _preview_text(dialog)
    _click(qtbot, dialog, "Choose a folder of documents")
    assert asked == ["Choose the file to import: Documents (*.docx *.odt);;All files (*)",
                     "Choose the documents folder"]
    assert "18 entries found, from 2024-03-12 to " in _preview_text(dialog)
    qtbot.mouseClick(find_by_name(dialog, "Import 18 entries", QPushButton),
                     Qt.MouseButton.LeftButton)
    assert "Imported 18 entries." in opened.journal_page.status.text()


HOURS_CSV = Path(__file__).resolve().parents[2] / "fixtures" / "hours-csv"


def test_a_spreadsheet_of_past_hours_previewed_then_imported(
    qtbot: QtBot, opened: MainWindow, tmp_path: Path, tmp_settings: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    scratch = tmp_path / "scratch-tmp"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    sheet = tmp_path / "horas.csv"
    sheet.write_text("Fecha;Horas;Supervisora;Notas\n03/04/2024;1,5;CANARY-NAME-d1a1;"
                     "CANARY-BODY-d1a1\n04/05/2024;x;Lee;\n", encoding="utf-8")
    opened.journal_actions.import_action.trigger()
    dialog = _dialog(opened)
    order = find_by_name(dialog, "How to read dates like 03/04/2024", QComboBox)
    assert not order.isVisible()  # only a spreadsheet has numeric dates to order
    _choose(dialog, "csv", sheet)
    assert order.isVisible()
    _click(qtbot, dialog, "Preview the import")
    text = _preview_text(dialog)
    assert "  line 2: RSC session 2024-04-03, 1.5 h with CANARY-NAME-d1a1 (a new provider " \
           "record), individual" in text
    assert "  line 3: 'x' is not a number of hours (the duration)" in text
    order.setCurrentIndex(order.findData("month-first"))
    assert _preview_text(dialog) == ""  # a new choice forgets the preview it made
    _click(qtbot, dialog, "Preview the import")
    assert "RSC session 2024-03-04" in _preview_text(dialog)
    assert call_inline(opened.session, lambda j: j.count_entries()) == 5  # nothing written
    qtbot.mouseClick(find_by_name(dialog, "Import 1 entry", QPushButton),
                     Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert "Imported 1 entry." in opened.journal_page.status.text()
    names = call_inline(opened.session, lambda j: [p.name for p in j.providers.all()])
    assert "CANARY-NAME-d1a1" in names
    opened.session.lock()
    from tests.helpers.leaks import folder_bytes, found_in

    for name, data in {**folder_bytes(tmp_settings.parent), **folder_bytes(scratch)}.items():
        assert found_in(data, "CANARY-NAME-d1a1", "CANARY-BODY-d1a1") == [], name
