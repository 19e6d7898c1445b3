"""Within each menu, each Alt letter opens one item: Journal had S for Search and Settings."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from reflectjournal.ui.main_window import MainWindow
from tests.helpers.gui import unlock


def _letters(menu: QMenu) -> list[str]:
    found = []
    for action in menu.actions():
        match = re.search(r"&([^&\s])", action.text().replace("&&", ""))
        if match and action.isVisible():
            found.append(match.group(1).lower())
    return found


def test_every_menu_has_one_item_per_alt_letter(qtbot: QtBot, window: MainWindow) -> None:
    unlock(qtbot, window)
    menus = [a.menu() for a in window.menuBar().actions() if a.menu() is not None]
    assert len(menus) >= 3
    for menu in menus:
        letters = _letters(menu)
        repeated = sorted({letter for letter in letters if letters.count(letter) > 1})
        assert repeated == [], f"{menu.title()}: {repeated}"
    assert "e" in _letters(menus[0])  # Settings is S&ettings…
