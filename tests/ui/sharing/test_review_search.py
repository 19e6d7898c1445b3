"""The review screen's search box and filters over two supervisees' real journals."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot

from reflectjournal.domain.received import ReceivedFilter
from reflectjournal.ui.background.session import JournalSession
from reflectjournal.ui.sharing.review_dialog import ReviewDialog
from reflectjournal.ui.sharing.review_search import mark_hits
from reflectjournal.ui.sharing.review_tree import ENTRY
from tests.helpers.desk import desk_journals
from tests.helpers.gui import call_inline, open_session


@pytest.fixture
def session(tmp_path: Path, runtime_dir: Path) -> Iterator[JournalSession]:
    desk_journals(tmp_path).close()
    made = open_session(tmp_path / "supervisor")
    yield made
    made.shutdown()


@pytest.fixture
def dialog(qtbot: QtBot, session: JournalSession) -> ReviewDialog:
    review = ReviewDialog(session)
    qtbot.addWidget(review)
    review.show()
    return review


def _found(dialog: ReviewDialog) -> list[str]:
    model = dialog.found_model
    return [model.item(model.index(r)).title for r in range(model.rowCount())]


def _search(qtbot: QtBot, dialog: ReviewDialog, text: str) -> None:
    dialog.filters.search.clear()
    qtbot.keyClicks(dialog.filters.search, text)
    qtbot.waitUntil(
        lambda: (
            dialog.filters.request().query == text
            and dialog.stack.currentIndex() == 1
            and dialog._request.query == text
        )
    )


def test_typing_a_search_lists_matches_and_marks_the_words_in_the_entry(
    qtbot: QtBot, dialog: ReviewDialog, session: JournalSession
) -> None:
    _search(qtbot, dialog, "grandmother")
    assert _found(dialog) == ["Bath time", "Grandmother's visit"]
    assert dialog.found_count.text() == "2 found"
    node = dialog.model.node(dialog.tree.currentIndex())
    assert node.kind == ENTRY
    assert node.entry is not None
    assert node.entry.title == "Bath time"
    marked = [m.cursor.selectedText() for m in dialog.text.extraSelections()]
    assert marked == ["grandmother"]
    # Showing it made it read (on the database thread), and the list says so; so did the
    # entry the screen opened on.
    read = call_inline(session, lambda j: j.received.page(where=ReceivedFilter(read=True)))
    assert "Bath time" in [i.title for i in read]
    assert len(read) < 4
    assert "new" not in dialog.found_model.index(0).data()
    dialog.found.setCurrentIndex(dialog.found_model.index(1))
    assert [m.cursor.selectedText() for m in dialog.text.extraSelections()] == [
        "Grandmother",
        "grandmother",
    ]


def test_filters_narrow_by_supervisee_and_kind_and_clearing_brings_the_tree_back(
    qtbot: QtBot, dialog: ReviewDialog
) -> None:
    bar = dialog.filters
    jo = bar.supervisee.findText("Jo Park")
    assert jo > 0
    bar.supervisee.setCurrentIndex(jo)
    qtbot.waitUntil(lambda: _found(dialog) == ["Bottles", "Bath time"])
    bar.kind.setCurrentIndex(bar.kind.findText("Free reflection"))
    qtbot.waitUntil(lambda: _found(dialog) == ["Bottles"])
    bar.answered.setCurrentIndex(bar.answered.findData(True))
    qtbot.waitUntil(lambda: dialog.found_count.text() == "No shared entry matches.")
    for combo in (bar.supervisee, bar.kind, bar.answered):
        combo.setCurrentIndex(0)
    assert dialog.stack.currentIndex() == 0
    assert dialog.text.extraSelections() == []


def test_a_badly_written_date_is_told_plainly(qtbot: QtBot, dialog: ReviewDialog) -> None:
    qtbot.keyClicks(dialog.filters.date_from, "2026-13-01")
    qtbot.waitUntil(lambda: dialog.message.text() != "")
    assert dialog.message.text() == "The start date is a date as YYYY-MM-DD, e.g. 2026-03-01."
    dialog.filters.date_from.clear()
    qtbot.keyClicks(dialog.filters.date_from, "2026-05-01")
    qtbot.waitUntil(lambda: _found(dialog) == ["Bottles", "Bath time"])
    assert dialog.message.text() == ""


def test_the_filters_are_reachable_by_keyboard_and_named(dialog: ReviewDialog) -> None:
    bar = dialog.filters
    for widget in (
        bar.search,
        bar.supervisee,
        bar.kind,
        bar.competency,
        bar.theme,
        bar.read,
        bar.date_from,
        bar.date_to,
        bar.answered,
        dialog.found,
    ):
        assert widget.accessibleName()
        assert widget.focusPolicy() & Qt.FocusPolicy.TabFocus


def test_the_caseload_counts_and_choosing_a_supervisee_filters_the_review(
    qtbot: QtBot, dialog: ReviewDialog
) -> None:
    dialog.caseload_button.click()
    caseload = dialog.caseload
    assert caseload is not None
    qtbot.waitUntil(lambda: caseload.model.rowCount() == 2)
    rows = {
        caseload.model.index(r, 0).data(): [caseload.model.index(r, c).data() for c in range(5)]
        for r in range(2)
    }
    # The screen opened on one entry, so one of the four is no longer new.
    assert sorted(int(rows[n][1]) for n in rows) == [1, 2]
    assert [rows[n][2] for n in sorted(rows)] == ["2", "2"]
    assert [rows[n][3] for n in sorted(rows)] == ["none\u00a0yet"] * 2
    assert [rows[n][4] for n in sorted(rows)] == ["0.0", "0.0"]
    jo = next(r for r in range(2) if caseload.model.index(r, 0).data() == "Jo Park")
    caseload.table.activated.emit(caseload.model.index(jo, 0))
    qtbot.waitUntil(lambda: _found(dialog) == ["Bottles", "Bath time"])
    assert dialog.filters.supervisee.currentText() == "Jo Park"


def test_marks_land_on_the_words_after_characters_qt_counts_twice(qtbot: QtBot) -> None:
    box = QPlainTextEdit()
    qtbot.addWidget(box)
    box.setPlainText("👶🏽 the grandmother’s chair; Grandmothers")
    mark_hits(box, "grandmother*")
    assert [m.cursor.selectedText() for m in box.extraSelections()] == [
        "grandmother",
        "Grandmothers",
    ]
    mark_hits(box, "")
    assert box.extraSelections() == []


def test_locking_forgets_the_search_and_the_names_it_offered(
    qtbot: QtBot, dialog: ReviewDialog
) -> None:
    _search(qtbot, dialog, "grandmother")
    dialog.clear()  # what locking does before the screen closes
    bar = dialog.filters
    assert bar.search.text() == ""
    assert [bar.supervisee.itemText(i) for i in range(bar.supervisee.count())] == [
        "Every supervisee"]
    assert dialog.found_model.rowCount() == 0
    assert dialog.stack.currentIndex() == 0


def test_marks_take_in_the_word_forms_the_search_found(qtbot: QtBot) -> None:
    box = QPlainTextEdit()
    qtbot.addWidget(box)
    box.setPlainText("He rooted toward the bottle; roots and a rooster.")
    mark_hits(box, "rooting")
    assert [m.cursor.selectedText() for m in box.extraSelections()] == ["rooted", "roots"]
