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
    # Spec 2.9 item 5: another category shows what it changes before it is saved.
    qtbot.mouseClick(progress.profile_button, Qt.MouseButton.LeftButton)
    again = progress.profile_dialog
    switch = find_by_name(again, "What this category changes", QLabel)
    assert not switch.isVisible()
    category = find_by_name(again, "Target category", QComboBox)
    category.setCurrentIndex(category.findData("imhs"))
    assert switch.isVisible()
    text = switch.text()
    assert text.startswith("If you save, from the same entries:"), text
    assert "(ecmhs) → " in text, text
    assert "(imhs)" in text, text
    assert call_inline(window.session, lambda j: j.profile.get().category) == "ecmhs"
    category.setCurrentIndex(category.findData("ecmhs"))  # back: nothing to say
    assert not switch.isVisible()
    again.reject()
