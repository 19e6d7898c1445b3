"""Every Progress window at the largest text size fits a 1024x700 screen, nothing cut off.

The Progress screen (each tab), the profile, the Providers window (each tab) and its small
questions, over a real SQLCipher journal with a year of sessions, two providers, a training
and a period attestation received from a verified supervisor; checked with
tests/helpers/fit.py after the window is shown within 1024x700.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QSize, Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QScrollArea, QTableView, QTabWidget
from pytestqt.qtbot import QtBot

from reflectjournal.domain.endorsement.records import Degree, Qualification
from reflectjournal.domain.entry import EntryChanges
from reflectjournal.services.journal import Journal
from reflectjournal.ui.background.session import JournalSession
from reflectjournal.ui.progress.profile_dialog import ProfileDialog
from reflectjournal.ui.progress.progress_dialog import ProgressDialog
from reflectjournal.ui.progress.provider_dialogs import (
    Candidate,
    ContactDialog,
    MergeDialog,
    MergeOfferDialog,
    QualificationDialog,
    RenameDialog,
)
from reflectjournal.ui.progress.providers_dialog import ProvidersDialog
from tests.helpers.fit import misfits
from tests.helpers.gui import call_inline, open_session
from tests.helpers.journals import paired_journals

ROOM = QSize(1024, 700)
LONG_NAME = "Dr. Maria-Fernanda Castellanos-Whitfield"  # a name as long as real ones get


@pytest.fixture
def session(tmp_path: Path, runtime_dir: Path) -> Iterator[JournalSession]:
    """Sam Rivera's journal: a profile, two providers, a year of sessions, a tagged training,
    and a period attestation signed by Dr. Ada Obi (a verified contact) and received."""
    clinician, supervisor = paired_journals(tmp_path)
    with clinician, supervisor:
        clinician.profile.update(category="imhs", degree=Degree.MASTER,
                                 degree_date=dt.date(2015, 6, 1))
        lee = clinician.providers.add(LONG_NAME, Qualification.IMHS, dt.date(2010, 1, 1))
        obi = clinician.providers.add("Ada Obi", Qualification.IMHM_C, dt.date(2012, 1, 1))
        for month in range(1, 13):
            for provider, day, minutes in ((lee, 10, 90), (obi, 20, 60)):
                clinician.add_entry(EntryChanges(
                    kind="supervision", date=dt.date(2025, month, day), title="RSC",
                    duration_minutes=minutes,
                    fields={"provider_id": provider.id, "format": "individual"}))
        observation = clinician.resolve_tag("Observation & listening", "competency")
        clinician.add_entry(EntryChanges(
            kind="training", date=dt.date(2025, 3, 1), title="FAN training",
            fields={"hours_face_to_face": 12.0}, competencies=(observation.id,)))
        note = clinician.add_entry(EntryChanges(kind="reflection", title="For RSC", body="x"))
        draft = clinician.sharing.prepare([note.id])
        clinician.sharing.write_share(draft, tmp_path / "s.rjb", to="Dr. Ada Obi",
                                      redact=[f.id for f in draft.flags])
        got = supervisor.sharing.receive_file(tmp_path / "s.rjb")
        for day, minutes in ((dt.date(2025, 9, 10), 60), (dt.date(2025, 10, 8), 90)):
            supervisor.sharing.confirm_session(got.bundle_id, day, minutes, "individual")
        supervisor.sharing.attest_period(got.bundle_id, dt.date(2025, 9, 1),
                                         dt.date(2025, 10, 31), "IMHM-C since 2014")
        supervisor.sharing.write_reply(tmp_path / "r.rjb", to="Sam Rivera")
        clinician.sharing.receive_file(tmp_path / "r.rjb")
    opened = open_session(tmp_path / "clinician")
    yield opened
    opened.shutdown()


def _candidates(session: JournalSession) -> list[Candidate]:
    def read(journal: Journal) -> list[Candidate]:
        counts = journal.providers.entry_counts()
        return [Candidate(r, counts.get(r.id, 0)) for r in journal.providers.all()]

    return call_inline(session, read)


def _progress(session: JournalSession) -> QDialog:
    rules = call_inline(session, lambda journal: journal.endorsement.rules)
    dialog = ProgressDialog(session, rules, lambda *_: None, lambda *_: None)
    dialog.as_of.setDate(QDate(2025, 6, 30))  # a second result: what changed shows too
    return dialog


def _profile(session: JournalSession) -> QDialog:
    rules = call_inline(session, lambda journal: journal.endorsement.rules)
    dialog = ProfileDialog(session, rules)
    # Another category: the dialog shows what the switch would change.
    dialog.category.setCurrentIndex(dialog.category.findData("ifa"))
    return dialog


def _merge(session: JournalSession) -> QDialog:
    first, *others = _candidates(session)
    return MergeDialog(None, first, others)


def _merge_offer(session: JournalSession) -> QDialog:
    first, *others = _candidates(session)
    return MergeOfferDialog(None, first.record, "Dr. Ada Obi (key 1a2b 3c4d 5e6f 7a8b)",
                            others)


WINDOWS: dict[str, Callable[[JournalSession], QDialog]] = {
    "progress": _progress,
    "profile": _profile,
    "providers": lambda session: ProvidersDialog(session),
    "rename": lambda _: RenameDialog(None, LONG_NAME),
    "qualification": lambda _: QualificationDialog(None, LONG_NAME),
    "lapse": lambda _: QualificationDialog(None, LONG_NAME, lapse=True),
    "contact": lambda _: ContactDialog(None, LONG_NAME,
                                       ["Dr. Ada Obi (key 1a2b 3c4d 5e6f 7a8b)"]),
    "merge": _merge,
    "merge offer": _merge_offer,
}


def _pages(dialog: QDialog) -> Iterator[str]:
    """Show each page of each of the dialog's tab widgets in turn; yield its name."""
    tabs = dialog.findChildren(QTabWidget)
    if not tabs:
        yield "the only page"
    for widget in tabs:
        for index in range(widget.count()):
            widget.setCurrentIndex(index)
            QApplication.processEvents()
            yield widget.tabText(index).replace("&", "")


def _sideways(dialog: QDialog) -> list[str]:
    """Return a line for each scrolling page wider than its view (cut off at the right:
    the pages never scroll sideways)."""
    return [f"{area.accessibleName()}: {area.widget().width()} px wide in "
            f"{area.viewport().width()}" for area in dialog.findChildren(QScrollArea)
            if area.isVisibleTo(dialog) and area.widget().width() > area.viewport().width()]


def _short_columns(dialog: QDialog) -> list[str]:
    """Return a line for each table column narrower than its title (the room left to the
    last column went to the others: "From" read "Fro")."""
    found = []
    for table in dialog.findChildren(QTableView):
        header = table.horizontalHeader()
        if not table.isVisibleTo(dialog) or table.model() is None:
            continue
        for column in range(header.count()):
            title = table.model().headerData(column, Qt.Orientation.Horizontal)
            if not header.isSectionHidden(column) and (
                    header.sectionSize(column) + 1 < header.sectionSizeHint(column)):
                found.append(f"{table.accessibleName()}: {title!r} is "
                             f"{header.sectionSize(column)} px of "
                             f"{header.sectionSizeHint(column)}")
    return found


def _show_in_room(qtbot: QtBot, dialog: QDialog) -> None:
    """Show the window at the size it opens at, as the user sees it, within 1024x700."""
    qtbot.addWidget(dialog)
    dialog.show()
    QApplication.processEvents()
    dialog.resize(dialog.size().boundedTo(ROOM))  # offscreen, the screen may be larger
    QApplication.processEvents()


@pytest.mark.usefixtures("largest")
@pytest.mark.parametrize("name", WINDOWS)
def test_each_progress_window_fits_1024x700_at_the_largest_text(
        qtbot: QtBot, session: JournalSession, name: str) -> None:
    dialog = WINDOWS[name](session)
    _show_in_room(qtbot, dialog)
    found = {page: misfits(dialog, ROOM) + _sideways(dialog) + _short_columns(dialog)
             for page in _pages(dialog)}
    assert {page: lines for page, lines in found.items() if lines} == {}
    dialog.close()


def test_the_merge_questions_keep_label_is_a_shortcut_not_an_ampersand(
        qtbot: QtBot, session: JournalSession) -> None:
    dialog = _merge(session)
    assert isinstance(dialog, MergeDialog)
    qtbot.addWidget(dialog)
    [keep] = [label for label in dialog.findChildren(QLabel) if label.text() == "&Keep:"]
    # Without a buddy a label shows its "&" as it is ("&Keep:" was drawn) and Alt+K did nothing.
    assert keep.buddy() is dialog.keep_chosen


@pytest.mark.usefixtures("largest")
def test_every_progress_tab_title_shows_without_scroll_arrows_at_the_largest_text(
        qtbot: QtBot, session: JournalSession) -> None:
    dialog = _progress(session)
    assert isinstance(dialog, ProgressDialog)
    _show_in_room(qtbot, dialog)
    dialog.activateWindow()  # for the Alt+letters
    tabs = dialog.view.tabs
    bar = tabs.tabBar()
    # The tab bar needed 1,660 pixels in 980 and showed its scroll arrows: now it is not
    # shown, and the titles wrap into rows above the pages, each whole and in view.
    assert not bar.isVisibleTo(dialog) or bar.sizeHint().width() <= bar.width()
    rows = dialog.view.tab_rows
    assert rows.isVisibleTo(dialog)
    assert rows.width() <= tabs.width()
    titles = rows.titles
    assert [t.text() for t in titles] == [tabs.tabText(i) for i in range(tabs.count())]
    for title in titles:
        assert title.isVisibleTo(dialog)
        assert rows.rect().contains(title.geometry())
        assert title.width() >= title.sizeHint().width()
    # A title shows its page by click, by its Alt+letter, and by the arrow keys.
    qtbot.mouseClick(titles[2], Qt.MouseButton.LeftButton)
    assert tabs.currentIndex() == 2
    assert titles[2].isChecked()
    qtbot.keyClick(titles[2], Qt.Key.Key_Right)
    assert tabs.currentIndex() == 3
    assert titles[3].hasFocus()
    qtbot.keyClick(titles[3], Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)  # Attestatio&ns
    qtbot.waitUntil(lambda: tabs.currentIndex() == tabs.count() - 1)  # a mnemonic clicks later
    tabs.setCurrentIndex(0)  # and Ctrl+Tab on the pages moves the checked title too
    assert titles[0].isChecked()
    dialog.close()


def test_at_the_usual_size_the_progress_tabs_keep_their_bar(
        qtbot: QtBot, session: JournalSession) -> None:
    dialog = _progress(session)
    assert isinstance(dialog, ProgressDialog)
    _show_in_room(qtbot, dialog)
    assert dialog.view.tabs.tabBar().isVisibleTo(dialog)
    assert not dialog.view.tab_rows.isVisibleTo(dialog)
    dialog.close()
