"""The profile in the app: Progress asks for a category, the profile sets it, Progress follows."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from reflectjournal.domain.endorsement.records import Degree
from reflectjournal.ui.main_window import MainWindow
from tests.helpers.gui import call_inline, find_by_name, unlock


def test_a_journal_without_a_profile_is_asked_then_the_profile_sets_it(
        qtbot: QtBot, window: MainWindow) -> None:
    unlock(qtbot, window)
    window.progress_action.trigger()
    progress = window.progress_dialog
    assert "your profile does not name one yet" in find_by_name(
        progress, "Progress state", QLabel).text()
    qtbot.mouseClick(progress.profile_button, Qt.MouseButton.LeftButton)
    profile = progress.profile_dialog
    category = find_by_name(profile, "Target category", QComboBox)
    category.setCurrentIndex(category.findData("ecmhs"))
    degree = find_by_name(profile, "Highest degree", QComboBox)
    degree.setCurrentIndex(degree.findData(Degree.MASTER))
    date = find_by_name(profile, "Degree date", QLineEdit)
    qtbot.keyClicks(date, "2019-02-30")
    profile.save()
    assert "Degree date: '2019-02-30' is not a date" in find_by_name(
        profile, "Problem", QLabel).text()
    date.setText("2019-05-31")
    profile.save()
    assert not profile.isVisible()
    saved = call_inline(window.session, lambda journal: journal.profile.get())
    assert (saved.category, saved.degree, saved.degree_date) == (
        "ecmhs", Degree.MASTER, dt.date(2019, 5, 31))
    heading = find_by_name(progress, "Progress summary", QLabel).text()
    assert "(ecmhs)" in heading  # the screen recomputed once the profile was saved
