"""The date field as a keyboard user meets it: real key events through the focused widget."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from reflectjournal.ui.widgets.date_field import DateField


@dataclass
class Form:
    """A window (held, or Python deletes it) with a date field between two line edits."""

    window: QWidget
    before: QLineEdit
    field: DateField
    after: QLineEdit


@pytest.fixture
def form(qtbot: QtBot) -> Form:
    """A shown, active window: a line edit, a date field on 2026-01-31, a line edit."""
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    before, after = QLineEdit(), QLineEdit()
    field = DateField("Date")
    field.setDate(QDate(2026, 1, 31))
    for widget in (before, field, after):
        layout.addWidget(widget)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return Form(window, before, field, after)


def _keys(qtbot: QtBot, text: str) -> None:
    """Type to whichever widget has the focus, as the keyboard does."""
    for char in text:
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClicks(focused, char)


def _tab(qtbot: QtBot, backwards: bool = False) -> None:
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, Qt.Key.Key_Backtab if backwards else Qt.Key.Key_Tab)


@pytest.mark.parametrize("typed", ["2019-05-01", "20190501", "2019-5-1", "2019/5/1"])
def test_a_date_typed_over_the_selected_text_is_the_date_held(
        qtbot: QtBot, form: Form, typed: str) -> None:
    # A tester's Ctrl+A then 2019-05-01 gave 2026-05-01 in a QDateEdit.
    field, after = form.field, form.after
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    _keys(qtbot, typed)
    _tab(qtbot)
    assert field.date() == QDate(2019, 5, 1)
    assert after.hasFocus()
    assert after.text() == ""  # no digit went past the field


@pytest.mark.parametrize(("typed", "held"), [
    ("2019-05-01", QDate(2019, 5, 1)), ("2019-1-5", QDate(2019, 1, 5)),
    ("2019.12.31", QDate(2019, 12, 31)), ("2024-10-5", QDate(2024, 10, 5))])
def test_tab_into_the_field_and_type_a_date(
        qtbot: QtBot, form: Form, typed: str,
        held: QDate) -> None:
    # The "-" after the year used to move the focus on: 2019-05-01 read 2019-01-31.
    before, field, after = form.before, form.field, form.after
    before.setFocus()
    _tab(qtbot)
    assert field.hasFocus()
    _keys(qtbot, typed)
    _tab(qtbot)
    assert field.date() == held
    assert after.hasFocus()  # one Tab left it
    assert after.text() == ""  # and no digit went past it
    _tab(qtbot, backwards=True)
    _tab(qtbot, backwards=True)
    assert before.hasFocus()  # one Shift+Tab passes it the other way


def test_a_dash_after_coming_back_moves_on_a_part(qtbot: QtBot, form: Form) -> None:
    # The year filled itself, the user left with Tab and came back: the "-" typed then
    # is the user's own step to the month, not the echo of the year's.
    before, field, after = form.before, form.field, form.after
    before.setFocus()
    _tab(qtbot)
    _keys(qtbot, "2019")
    _tab(qtbot)
    before.setFocus()
    _tab(qtbot)  # back in, on the year
    assert field.hasFocus()
    _keys(qtbot, "-07")
    _tab(qtbot)
    assert field.date() == QDate(2019, 7, 31)
    assert after.hasFocus()
