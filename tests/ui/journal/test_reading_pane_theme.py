"""The shown entry follows a theme change: its colours are drawn with it, so draw it again."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reflectjournal.ui.look.app_style import apply_theme
from reflectjournal.ui.look.theme import dark_palette, light_palette
from reflectjournal.ui.main_window import MainWindow
from tests.helpers.gui import unlock


@pytest.fixture
def light(qapp: QApplication) -> Iterator[None]:
    font, palette = QFont(qapp.font()), QPalette(qapp.palette())
    apply_theme(qapp, "light", 0)
    yield
    qapp.setFont(font)
    qapp.setPalette(palette)


@pytest.mark.usefixtures("light")
def test_the_kind_and_date_line_takes_the_new_theme_colour(
    qtbot: QtBot, qapp: QApplication, window: MainWindow
) -> None:
    unlock(qtbot, window)
    page = window.journal_page
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: page.shown_id is not None)
    muted = QPalette.ColorRole.PlaceholderText
    light_grey = light_palette().color(muted).name()
    assert f".facts {{ color: {light_grey}; }}" in page.viewer.document().defaultStyleSheet()
    apply_theme(qapp, "dark", 0)
    QApplication.processEvents()
    dark_grey = dark_palette().color(muted).name()
    assert dark_grey != light_grey
    assert f".facts {{ color: {dark_grey}; }}" in page.viewer.document().defaultStyleSheet()
    assert page.shown_id is not None  # the same entry, drawn again
