"""The session date a supervisor confirms, typed as a keyboard user types it."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from reflectjournal.ui.sharing.session_fields import picked_date, session_date


def test_a_date_typed_over_the_session_date_is_the_date_confirmed(qtbot: QtBot) -> None:
    # Ctrl+A and 2024-03-15 typed over a QDateEdit kept this year and gave 2026-03-15 (or
    # sent "03-15" to the next field after the "-").
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    field, after = session_date(), QLineEdit()
    layout.addWidget(field)
    layout.addWidget(after)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    day = QDate.currentDate().addYears(-2)
    typed = day.toString("yyyy-MM-dd")
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    for key in typed:
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClicks(focused, key)
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert picked_date(field).isoformat() == typed
    assert after.text() == ""
