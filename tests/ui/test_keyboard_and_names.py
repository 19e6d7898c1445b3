"""Keyboard use and screen readers: Tab out of the list, Escape, F1, named controls, and
dialogs that fit 1024x700 at large text without clipping."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QKeySequence, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from reflectjournal.services.journal import Journal
from reflectjournal.ui.accessibility import check_names, unnamed_controls
from reflectjournal.ui.background.session import JournalSession
from reflectjournal.ui.journal.help_dialog import HelpDialog
from reflectjournal.ui.journal.kind_dialog import KindDialog
from reflectjournal.ui.look.app_style import apply_theme
from reflectjournal.ui.main_window import MainWindow
from reflectjournal.ui.sharing.contacts_dialog import ContactsDialog
from tests.helpers.gui import open_session, unlock
from tests.helpers.journals import FAST, PASSPHRASE
from tests.helpers.layout import clipped

LARGE = 18  # points: twice the platform's 9


@pytest.fixture
def unlocked(qtbot: QtBot, window: MainWindow) -> MainWindow:
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.journal_page.model.summary(4) is not None)
    window.entries.select_only(0)
    window.journal_page.table.setFocus()
    return window


@pytest.fixture
def large_text(qapp: QApplication) -> Iterator[None]:
    """Text at twice its size for one test; the app's font and palette come back after."""
    font, palette = QFont(qapp.font()), QPalette(qapp.palette())
    apply_theme(qapp, "light", LARGE)
    yield
    qapp.setFont(font)
    qapp.setPalette(palette)


def test_tab_leaves_the_list_and_arrows_move_in_it(unlocked: MainWindow) -> None:
    table = unlocked.journal_page.table
    QTest.keyClick(table, Qt.Key.Key_Down)
    assert table.currentIndex().row() == 1
    QTest.keyClick(table, Qt.Key.Key_Tab)
    assert not table.hasFocus()
    assert table.currentIndex().row() == 1  # Tab chose no other entry
    assert unlocked.journal_page.shown_id == unlocked.journal_page.model.summary(1).id  # type: ignore[union-attr]


def test_enter_edits_and_escape_closes_the_editor(qtbot: QtBot, unlocked: MainWindow) -> None:
    page = unlocked.journal_page
    QTest.keyClick(page.table, Qt.Key.Key_Return)
    assert page.detail.currentWidget() is page.editor
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert page.detail.currentWidget() is page.viewer
    assert page.table.hasFocus()


def test_the_date_is_one_tab_stop(qtbot: QtBot, unlocked: MainWindow) -> None:
    unlocked.editing.new_entry("session")
    editor = unlocked.journal_page.editor
    editor.date.setFocus()
    QTest.keyClick(editor.date, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is editor.title
    QTest.keyClick(editor.title, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() in (editor.date, editor.date.findChild(QWidget))


def test_escape_clears_the_search(qtbot: QtBot, unlocked: MainWindow) -> None:
    page = unlocked.journal_page
    QTest.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(page.search_box, "giraffe")
    qtbot.waitUntil(lambda: page.status.text().startswith("No entries match"))
    QTest.keyClick(page.search_box, Qt.Key.Key_Escape)
    assert page.search_box.text() == ""
    qtbot.waitUntil(lambda: page.status.text() == "5 entries")
    QTest.keyClick(page.search_box, Qt.Key.Key_Down)  # and Down goes to the list
    assert page.table.hasFocus()


def test_f1_lists_every_shortcut(qtbot: QtBot, unlocked: MainWindow) -> None:
    QTest.keyClick(unlocked.journal_page.table, Qt.Key.Key_F1)
    [help_dialog] = [d for d in unlocked.findChildren(HelpDialog) if d.isVisible()]
    text = help_dialog.page.toPlainText()
    shortcuts = [a.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                 for a in unlocked.actions()]
    assert len([s for s in shortcuts if s]) > 15
    for keys in shortcuts:
        assert keys in text
    for keys in ("Alt+C", "Alt+H", "Alt+M", "Escape", "Ctrl+Shift+I"):
        assert keys in text
    assert not unnamed_controls(help_dialog)


def test_the_accessibility_walk_finds_an_unnamed_control(qtbot: QtBot) -> None:
    root = QWidget()
    qtbot.addWidget(root)
    QVBoxLayout(root).addWidget(QPushButton())
    root.show()
    assert len(unnamed_controls(root)) == 1


def test_every_control_has_a_name(qtbot: QtBot, unlocked: MainWindow) -> None:
    report = check_names(unlocked)
    assert report.unnamed == []
    assert report.checked > 8  # the walk reached the controls (list, search, toolbar...)
    for kind in unlocked.catalog.kinds:
        unlocked.editing.new_entry(kind.id)
        report = check_names(unlocked)
        assert report.unnamed == [], kind.id
        assert report.checked > 20  # the editor's controls too
        unlocked.journal_page.editor.clear()
    dialog = KindDialog(unlocked, unlocked.catalog.kinds, "session")
    dialog.show()
    assert check_names(dialog).unnamed == []


def _fit(dialog: QDialog) -> None:
    dialog.show()
    dialog.adjustSize()  # its own size, as it opens
    assert dialog.width() <= 1024, dialog.windowTitle()
    assert dialog.height() <= 700, dialog.windowTitle()
    dialog.resize(dialog.size().boundedTo(QSize(1024, 700)))
    for _ in range(3):
        QApplication.processEvents()


@pytest.mark.usefixtures("large_text")
def test_new_entry_and_help_fit_at_large_text(qtbot: QtBot, unlocked: MainWindow) -> None:
    unlocked.resize(1024, 700)
    for dialog in (KindDialog(unlocked, unlocked.catalog.kinds, "session"),
                   HelpDialog(unlocked, unlocked.actions())):
        _fit(dialog)
        assert dialog.width() <= 1024
        assert dialog.height() <= 700
        assert clipped(dialog) == [], dialog.windowTitle()
        dialog.close()


@pytest.fixture
def contacts_session(tmp_path: Path, runtime_dir: Path) -> Iterator[JournalSession]:
    Journal.create(tmp_path / "clinician", PASSPHRASE, FAST)[0].close()
    session = open_session(tmp_path / "clinician")
    yield session
    session.shutdown()


@pytest.mark.usefixtures("large_text")
def test_a_wrong_pairing_code_fits_at_large_text(
    qtbot: QtBot, contacts_session: JournalSession, tmp_path: Path
) -> None:
    supervisor, _ = Journal.create(tmp_path / "supervisor", PASSPHRASE, FAST)
    with supervisor:
        supervisor.sharing.my_card("Dr. Ada Obi", "Reflective supervisor")
        (tmp_path / "ada.rjcard").write_bytes(supervisor.sharing.card_bytes())
    dialog = ContactsDialog(contacts_session)
    qtbot.addWidget(dialog)
    _fit(dialog)
    dialog.import_card_file(tmp_path / "ada.rjcard")
    assert dialog.pairing_box.isVisible()
    QTest.keyClicks(dialog.heard, "0000 0000 0000")
    QTest.keyClick(dialog.heard, Qt.Key.Key_Return)
    assert "does not match" in dialog.pairing_message.text()
    _fit(dialog)
    qtbot.waitUntil(lambda: not dialog.pairing_message.visibleRegion().isEmpty())
    assert dialog.height() <= 700
    assert clipped(dialog) == []


def test_new_entry_lists_every_kind_without_scrolling_at_the_usual_size(
    qtbot: QtBot, unlocked: MainWindow
) -> None:
    unlocked.resize(1024, 700)
    dialog = KindDialog(unlocked, unlocked.catalog.kinds, "session")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    QApplication.processEvents()
    kinds = dialog.kinds
    assert kinds.verticalScrollBar().maximum() == 0  # it scrolled at 48 characters' width
    last = kinds.visualItemRect(kinds.item(kinds.count() - 1))
    assert kinds.viewport().rect().contains(last)
    # Each row is as tall as its wrapped name and description, none cut.
    for row in range(kinds.count()):
        rect = kinds.visualItemRect(kinds.item(row))
        name, description = kinds.item(row).text().split("\n")
        assert rect.height() >= 2 * kinds.fontMetrics().lineSpacing(), name
        assert description
