"""The list and the sidebar follow journal_changed: a change made through an operation
refreshes them without anyone calling refresh, and one touching nothing they show does not."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from reflectjournal.domain.entry import EntryChanges
from reflectjournal.domain.search import EntryFilter
from reflectjournal.domain.taxonomy import Tag
from reflectjournal.services.changes import CONTACTS, DRAFTS, ENTRIES, EVERYTHING, TAGS, Changes
from reflectjournal.services.journal import Journal
from reflectjournal.ui.background.operations import change
from reflectjournal.ui.main_window import MainWindow
from tests.helpers.gui import call_inline, raise_error, unlock


def _labels(window: MainWindow) -> list[str]:
    """Return every row of the sidebar as shown ("label (count)")."""
    model = window.journal_page.filter_model
    shown: list[str] = []

    def walk(parent: QModelIndex) -> None:
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            shown.append(model.data(index))
            walk(index)
    walk(QModelIndex())
    return shown


def _run(window: MainWindow, work: Callable[[Journal], object], changes: Changes) -> None:
    change(window.session, work, changes).failure(raise_error).run()


def _resets(window: MainWindow) -> list[str]:
    """Record every reload of the list and of the sidebar from now on."""
    page, seen = window.journal_page, list[str]()
    page.model.modelReset.connect(lambda: seen.append("list"))
    page.filter_model.modelReset.connect(lambda: seen.append("filters"))
    return seen


def test_an_entry_saved_in_the_editor_shows_in_the_list_and_counts(
        qtbot: QtBot, window: MainWindow) -> None:
    unlock(qtbot, window)
    page = window.journal_page
    assert page.model.rowCount() == 5
    seen = _resets(window)
    window.editing.new_entry("training")
    page.editor.title.setText("A course on attachment")
    window.editing.save_entry()
    assert page.model.rowCount() == 6
    assert "list" in seen
    assert "filters" in seen
    assert "All entries (6)" in _labels(window)
    assert "Training (1)" in _labels(window)
    selected = page.model.summary(page.table.currentIndex().row())
    assert selected is not None
    assert selected.title == "A course on attachment"  # selected after the reload


def test_an_entry_added_by_any_operation_refreshes_the_list(
        qtbot: QtBot, window: MainWindow) -> None:
    unlock(qtbot, window)
    _run(window, lambda j: j.add_entry(EntryChanges(kind="session", title="Elsewhere")),
         ENTRIES)
    assert window.journal_page.model.rowCount() == 6
    assert "All entries (6)" in _labels(window)


def test_a_tag_created_or_renamed_shows_in_the_sidebar(qtbot: QtBot, window: MainWindow) -> None:
    unlock(qtbot, window)
    _run(window, lambda j: j.add_user_tag("Sleep"), TAGS)
    assert "Sleep (0)" in _labels(window)
    tag: Tag = call_inline(window.session,
                           lambda j: next(t for t in j.tags() if t.label == "Sleep"))
    _run(window, lambda j: j.rename_tag(tag.id, "Rest"), TAGS)
    assert "Rest (0)" in _labels(window)
    assert not any(label.startswith("Sleep") for label in _labels(window))


def test_an_import_touching_everything_reloads_and_forgets_undo(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    unlock(qtbot, window)
    page = window.journal_page
    page.table.selectRow(0)
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    window.editing.delete_current()
    assert window.journal_actions.undo_delete_action.isEnabled()
    assert page.model.rowCount() == 4

    def imported(journal: Journal) -> object:
        data = journal.export_json(EntryFilter())
        for summary in journal.list_entries(EntryFilter()):
            journal.delete_entry(summary.id)
        return journal.import_json(data)
    _run(window, imported, EVERYTHING)
    assert page.model.rowCount() == 4
    assert "All entries (4)" in _labels(window)
    assert not window.journal_actions.undo_delete_action.isEnabled()  # from before the import
    assert not window.editing.can_undo


def test_changes_touching_nothing_listed_do_not_refetch(qtbot: QtBot, window: MainWindow) -> None:
    unlock(qtbot, window)
    seen = _resets(window)
    _run(window, lambda j: j.sharing.set_watch_list(["Rivera"]), CONTACTS)
    window.editing.new_entry("session")
    window.journal_page.editor.title.setText("Half written")
    window.editing.keep_draft()  # DRAFTS, through the editor's autosave path
    _run(window, lambda j: j.drafts(), DRAFTS)
    assert seen == []
    assert window.journal_page.model.rowCount() == 5
