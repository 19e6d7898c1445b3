"""Writing through the real editor: fields, tags, drafts, autosave, preview, undo delete."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QTextBrowser, QWidget
from pytestqt.qtbot import QtBot

from reflectjournal.domain.client_code import is_generated_code
from reflectjournal.domain.entry import Entry, EntryChanges
from reflectjournal.domain.ids import TagId, new_entry_id
from reflectjournal.domain.search import EntryFilter
from reflectjournal.services.journal import Journal
from reflectjournal.ui.background.session import JournalSession
from reflectjournal.ui.background.tasks import SyncTasks
from reflectjournal.ui.journal.field_widgets import ClientCodeField
from reflectjournal.ui.journal.snippet_delegate import snippet_html
from reflectjournal.ui.main_window import MainWindow
from reflectjournal.ui.settings.options import Settings
from tests.helpers.gui import call_inline, unlock
from tests.helpers.journals import FAST, PASSPHRASE


@pytest.fixture
def window_with_draft(
    qtbot: QtBot, filled_journal: Path, runtime_dir: Path, tmp_settings: Path
) -> Iterator[Callable[[str], MainWindow]]:
    """Return a function that leaves a draft as a crash would, then unlocks a window."""
    sessions: list[JournalSession] = []

    def make(title: str) -> MainWindow:
        with Journal.open(filled_journal, PASSPHRASE, FAST) as journal:
            journal.save_draft(new_entry_id(), EntryChanges(kind="reflection", title=title))
        session = JournalSession(filled_journal, FAST, SyncTasks())
        sessions.append(session)
        window = MainWindow(session, Settings(tmp_settings))
        qtbot.addWidget(window)
        window.show()
        unlock(qtbot, window)
        return window
    yield make
    for session in sessions:
        session.shutdown()


def _answer(monkeypatch: pytest.MonkeyPatch, button: QMessageBox.StandardButton) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: button)


def test_fields_tags_and_duration_are_saved(qtbot: QtBot, window: MainWindow) -> None:
    unlock(qtbot, window)
    window.editing.new_entry()
    editor = window.journal_page.editor
    editor.kind.setCurrentIndex(editor.kind.findData("session"))
    qtbot.keyClicks(editor.title, "Bath time")
    editor.duration.setValue(55)
    setting = editor._fields["setting"]
    setting.box.setCurrentIndex(setting.box.findData("home"))  # type: ignore[attr-defined]
    present = dict(editor._fields["present"].boxes)  # type: ignore[attr-defined]
    present["infant"].setChecked(True)
    present["parent"].setChecked(True)
    code = editor._fields["client_code"]
    assert isinstance(code, ClientCodeField)
    qtbot.mouseClick(code.generate, Qt.MouseButton.LeftButton)
    generated = code.value()
    assert isinstance(generated, str)
    assert is_generated_code(generated)
    editor.competencies.set_checked("C4.01")
    editor.themes.set_checked("G1")
    qtbot.keyClicks(editor.user_tags, "home visiting, NICU follow-up")
    editor.prompts.boxes[next(iter(editor.prompts.boxes))].insertPlainText("Ella miró la puerta.")
    qtbot.keyClick(editor.title, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert editor.state.text().startswith("Saved"), editor.state.text()
    entry = call_inline(window.session, lambda j: j.search("puerta")[0])
    full: Entry = call_inline(window.session, lambda j: j.get_entry(entry.id))  # type: ignore[attr-defined]
    assert full.fields == {"setting": "home", "present": ["infant", "parent"],
                           "client_code": generated}
    assert full.duration_minutes == 55
    assert full.competencies == (TagId("C4.01"),)
    assert full.themes == (TagId("G1"),)
    labels = call_inline(window.session, lambda j: j.tag_labels())
    assert sorted(labels[t] for t in full.tags) == ["NICU follow-up", "home visiting"]  # type: ignore[index]

    # Editing offers the code for reuse and completes the user tags.
    window.editing.new_entry()
    code = editor._fields["client_code"]
    assert isinstance(code, ClientCodeField)
    assert [code.box.itemText(i) for i in range(code.box.count())] == [generated]
    qtbot.keyClicks(editor.user_tags, "visi")
    completer = editor.user_tags._completer
    assert completer.currentCompletion() == "home visiting"


def test_autosave_keeps_a_draft_after_typing_stops(qtbot: QtBot, window: MainWindow) -> None:
    unlock(qtbot, window)
    window.editing.new_entry()
    editor = window.journal_page.editor
    editor._autosave.quiet.setInterval(50)  # the real 2 s, shortened so the test is quick
    qtbot.keyClicks(editor.title, "half a thought")
    assert call_inline(window.session, lambda j: j.drafts()) == []
    qtbot.waitUntil(lambda: editor.state.text().startswith("Draft kept"), timeout=3000)
    [draft] = call_inline(window.session, lambda j: j.drafts())  # type: ignore[misc]
    assert draft.changes.title == "half a thought"  # type: ignore[attr-defined]
    assert call_inline(window.session, lambda j: j.count_entries()) == 5  # not an entry yet


def test_leaving_the_editor_keeps_a_draft_at_once(qtbot: QtBot, window: MainWindow) -> None:
    unlock(qtbot, window)
    window.editing.new_entry()
    window.activateWindow()
    window.journal_page.editor.title.setFocus()
    qtbot.keyClicks(window.journal_page.editor.title, "focus moved")
    window.journal_page.search_box.setFocus()
    QApplication.processEvents()
    [draft] = call_inline(window.session, lambda j: j.drafts())  # type: ignore[misc]
    assert draft.changes.title == "focus moved"


def test_a_draft_left_by_a_crash_is_offered_back(
    qtbot: QtBot, window_with_draft: Callable[[str], MainWindow]
) -> None:
    window = window_with_draft("unsaved before crash")
    assert window.journal_page.notice.isVisible()
    assert "draft you had not saved" in window.journal_page.notice.message.text()
    open_button = window.journal_page.notice.buttons()[0]
    qtbot.mouseClick(open_button, Qt.MouseButton.LeftButton)
    assert window.journal_page.detail.currentWidget() is window.journal_page.editor
    assert window.journal_page.editor.title.text() == "unsaved before crash"
    assert window.journal_page.editor.kind.currentData() == "reflection"
    window.editing.save_entry()
    assert call_inline(window.session, lambda j: j.drafts()) == []
    assert call_inline(window.session, lambda j: j.count_entries()) == 6


def test_discarding_an_offered_draft(
    qtbot: QtBot, window_with_draft: Callable[[str], MainWindow]
) -> None:
    window = window_with_draft("never mind")
    qtbot.mouseClick(window.journal_page.notice.buttons()[1], Qt.MouseButton.LeftButton)
    assert not window.journal_page.notice.isVisible()
    assert call_inline(window.session, lambda j: j.drafts()) == []


def test_delete_asks_and_can_be_undone_until_lock(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.journal_page.model.summary(0) is not None)
    window.journal_page.table.selectRow(0)
    _answer(monkeypatch, QMessageBox.StandardButton.No)
    window.editing.delete_current()
    assert window.journal_page.model.rowCount() == 5
    _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    window.editing.delete_current()
    assert window.journal_page.model.rowCount() == 4
    assert window.journal_page.notice.isVisible()
    window.journal_page.table.setFocus()
    qtbot.keyClick(window.journal_page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.journal_page.model.rowCount() == 5
    assert call_inline(window.session, lambda j: j.search("spoon", prefix_last=False)[0].title) \
        == "Visit 4"
    window.journal_page.table.selectRow(0)
    window.editing.delete_current()
    window.lock()
    unlock(qtbot, window)
    assert not window.journal_actions.undo_delete_action.isEnabled()  # undo ends with the session
    assert window.journal_page.model.rowCount() == 4


def test_locking_is_not_blocked_by_an_open_question(
    qtbot: QtBot, window: MainWindow
) -> None:
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.journal_page.model.summary(0) is not None)
    window.journal_page.table.selectRow(0)
    QTimer.singleShot(100, window.lock)  # idle lock while the delete question is open
    window.editing.delete_current()  # returns once the lock rejected the question
    assert not window.session.is_open
    assert not [w for w in QApplication.topLevelWidgets()
                if isinstance(w, QMessageBox) and w.isVisible()]
    unlock(qtbot, window)
    assert window.journal_page.model.rowCount() == 5  # nothing was deleted


def test_date_range_filters_the_list(qtbot: QtBot, window: MainWindow) -> None:
    unlock(qtbot, window)
    call_inline(window.session, lambda j: j.add_entry(
        EntryChanges(kind="reflection", title="old", date=dt.date(2024, 1, 10))))
    window.entries.refresh()
    assert window.journal_page.model.rowCount() == 6
    window.journal_page.dates.set_range(dt.date(2024, 1, 1), dt.date(2024, 1, 31))
    assert window.journal_page.model.rowCount() == 1
    window.journal_page.dates.enabled.setChecked(False)
    assert window.journal_page.model.rowCount() == 6


def test_date_header_sorts_oldest_first(qtbot: QtBot, window: MainWindow) -> None:
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.journal_page.model.summary(0) is not None)
    window.journal_page.table.horizontalHeader().sectionClicked.emit(0)
    qtbot.waitUntil(lambda: window.journal_page.model.summary(0) is not None)
    assert window.journal_page.model.summary(0).title == "Visit 0"  # type: ignore[union-attr]


def test_search_snippets_are_highlighted_and_escaped(qtbot: QtBot, window: MainWindow) -> None:
    unlock(qtbot, window)
    call_inline(window.session, lambda j: j.add_entry(EntryChanges(
        kind="reflection", title="markup", body="<img src=x> the <b>spoon</b> fell")))
    qtbot.keyClicks(window.journal_page.search_box, "fell")
    qtbot.waitUntil(lambda: window.journal_page.status.text() == "1 entry")
    assert not window.journal_page.table.isColumnHidden(4)
    qtbot.waitUntil(lambda: window.journal_page.model.summary(0) is not None)
    snippet = window.journal_page.model.summary(0).snippet  # type: ignore[union-attr]
    rendered = snippet_html(snippet, "#ff0")
    assert "&lt;img src=x&gt;" in rendered
    assert "<img" not in rendered
    assert '<b style="background-color:#ff0">fell</b>' in rendered
    window.journal_page.table.grab()  # the delegate paints without error


def _marked_words(viewer: QTextBrowser) -> list[str]:
    """Return the runs of the reading pane drawn with a background: the search's marks."""
    marked: list[str] = []
    block = viewer.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().background().style() != Qt.BrushStyle.NoBrush:
                marked.append(fragment.text())
            it += 1
        block = block.next()
    return marked


def test_the_reading_pane_marks_the_word_forms_a_search_found(
    qtbot: QtBot, window: MainWindow
) -> None:
    unlock(qtbot, window)
    call_inline(window.session, lambda j: j.add_entry(EntryChanges(
        kind="reflection", title="door", body="She cried at the door; the crib stayed still.")))
    qtbot.keyClicks(window.journal_page.search_box, "cry")
    qtbot.waitUntil(lambda: window.journal_page.status.text() == "1 entry")
    qtbot.waitUntil(lambda: window.journal_page.model.summary(0) is not None)
    window.journal_page.table.selectRow(0)
    qtbot.waitUntil(lambda: "cried" in window.journal_page.viewer.toPlainText())
    assert _marked_words(window.journal_page.viewer) == ["cried"]


def test_markdown_preview_renders_without_loading_anything(
    qtbot: QtBot, window: MainWindow
) -> None:
    unlock(qtbot, window)
    window.editing.new_entry()
    editor = window.journal_page.editor
    editor.body.setPlainText("# Heading\n\n*soft* words ![x](file:///etc/passwd)")
    editor.body_tabs.setCurrentWidget(editor.preview)
    assert "Heading" in editor.preview.toPlainText()
    assert editor.preview.loadResource(2, "file:///etc/passwd") is None  # type: ignore[arg-type]


def test_next_and_previous_entry_shortcuts(qtbot: QtBot, window: MainWindow) -> None:
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.journal_page.model.summary(0) is not None)
    window.journal_page.table.setFocus()
    window.journal_page.table.selectRow(0)
    qtbot.keyClick(window.journal_page.table, Qt.Key.Key_PageDown,
                   Qt.KeyboardModifier.ControlModifier)
    assert window.journal_page.table.currentIndex().row() == 1
    assert "Visit 3" in window.journal_page.viewer.toPlainText()
    qtbot.keyClick(window.journal_page.table, Qt.Key.Key_PageUp,
                   Qt.KeyboardModifier.ControlModifier)
    assert window.journal_page.table.currentIndex().row() == 0


def test_every_focusable_control_has_an_accessible_name(
    qtbot: QtBot, window: MainWindow
) -> None:
    unlock(qtbot, window)
    window.editing.new_entry()
    for kind in range(window.journal_page.editor.kind.count()):
        window.journal_page.editor.kind.setCurrentIndex(kind)
        unnamed = [
            f"{type(w).__name__} {w.objectName()}" for w in window.findChildren(QWidget)
            if w.isVisibleTo(window) and w.focusPolicy() != Qt.FocusPolicy.NoFocus
            and not w.accessibleName() and type(w).__name__ not in _NAMED_BY_TEXT
            and not (w.parent() and type(w.parent()).__name__ in _NAMED_BY_PARENT)
        ]
        assert unnamed == [], window.journal_page.editor.kind.currentText()


# Buttons and check boxes are named by their text; the inner views and line edits of
# composite widgets (combo box, spin box, scroll area) by their parent.
_NAMED_BY_TEXT = {"QPushButton", "QCheckBox", "QToolButton", "QTabBar", "QRadioButton"}
_NAMED_BY_PARENT = {"QComboBox", "QSpinBox", "QDoubleSpinBox", "QDateEdit", "DateField",
                    "MinutesSpin", "QScrollArea", "QAbstractScrollArea"}


def test_typing_during_a_save_or_autosave_stays_unsaved(
    qtbot: QtBot, window: MainWindow
) -> None:
    unlock(qtbot, window)
    window.editing.new_entry()
    editor = window.journal_page.editor
    qtbot.keyClicks(editor.title, "first words")
    sent = editor.values()  # what a save or autosave on its way holds
    qtbot.keyClicks(editor.title, " and more")
    editor.mark_drafted(sent)
    editor.mark_saved(sent)
    assert editor.has_unsaved()  # " and more" is in neither the entry nor the draft
    assert "newer changes" in editor.state.text()
    editor._autosave.quiet.setInterval(50)
    editor._on_changed()
    qtbot.waitUntil(lambda: editor.state.text().startswith("Draft kept"), timeout=3000)
    [draft] = call_inline(window.session, lambda j: j.drafts())  # type: ignore[misc]
    assert draft.changes.title == "first words and more"


def test_a_crash_draft_survives_saving_another_entry(
    qtbot: QtBot, window_with_draft: Callable[[str], MainWindow]
) -> None:
    window = window_with_draft("from before")
    assert window.journal_page.notice.isVisible()
    window.editing.new_entry()
    qtbot.keyClicks(window.journal_page.editor.title, "something else")
    window.editing.save_entry()
    [kept] = call_inline(window.session, lambda j: j.drafts())  # type: ignore[misc]
    assert kept.changes.title == "from before"


def test_new_entry_asks_the_kind(qtbot: QtBot, window: MainWindow) -> None:
    unlock(qtbot, window)
    labels = [action.text() for action in window.journal_actions.new_kind_menu.actions()]
    assert labels == [f"&{n} {kind.label}" for n, kind in enumerate(window.catalog.kinds, 1)]
    training = next(a for a in window.journal_actions.new_kind_menu.actions()
                    if a.text().endswith("Training"))
    training.trigger()
    assert window.journal_page.editor.kind.currentData() == "training"
    assert "provider" in window.journal_page.editor._fields  # the kind's own fields
    assert not window.journal_page.editor.has_unsaved()
    window.journal_page.editor._fields["hours_face_to_face"].set_value(6.5)
    window.journal_page.editor._fields["about_rsc"].set_value(True)
    fields = window.journal_page.editor.values().changes.fields
    assert fields == {"hours_face_to_face": 6.5, "about_rsc": True}  # zero hours left out


def test_saving_keeps_the_filter_the_editor_and_selects_the_entry(
    qtbot: QtBot, window: MainWindow
) -> None:
    unlock(qtbot, window)
    page = window.journal_page
    page.filters.setCurrentIndex(page.filter_model.find(EntryFilter(kinds=("session",))))
    assert window.entries.current_filter().kinds == ("session",)
    window.editing.new_entry("session")
    qtbot.keyClicks(window.journal_page.editor.title, "Filed under sessions")
    qtbot.keyClick(page.editor.title, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert window.entries.current_filter().kinds == ("session",)  # new counts, same filter
    sessions = window.journal_page.filter_model.find(EntryFilter(kinds=("session",)))
    assert window.journal_page.filters.currentIndex() == sessions
    assert page.detail.currentWidget() is page.editor  # Save is not Close
    summary = window.journal_page.model.summary(window.journal_page.table.currentIndex().row())
    assert summary is not None
    assert summary.title == "Filed under sessions"


def test_the_viewer_never_shows_an_entry_the_list_no_longer_holds(
    qtbot: QtBot, window: MainWindow
) -> None:
    unlock(qtbot, window)
    window.journal_page.table.selectRow(0)
    assert "Visit 4" in window.journal_page.viewer.toPlainText()
    qtbot.keyClicks(window.journal_page.search_box, "giraffe")
    qtbot.waitUntil(lambda: window.journal_page.status.text().startswith("No entries match"))
    assert window.journal_page.viewer.toPlainText() == ""


def test_tab_goes_through_the_editor_in_reading_order(qtbot: QtBot, window: MainWindow) -> None:
    unlock(qtbot, window)
    window.editing.new_entry("session")
    editor = window.journal_page.editor
    order = []
    widget = editor.kind
    for _ in range(60):
        order.append(widget)
        widget = widget.nextInFocusChain()
        while not (widget.focusPolicy() & Qt.FocusPolicy.TabFocus
                   and widget.isVisibleTo(window)):
            widget = widget.nextInFocusChain()
        if widget is editor.save:
            break
    names = [w.accessibleName() for w in order]
    first_prompt = next(iter(editor.prompts.boxes.values())).accessibleName()
    assert names.index("Title") < names.index("Setting") < names.index(first_prompt) \
        < names.index("Free text") < names.index("Competency areas")


def test_themes_are_picked_under_their_groups(qtbot: QtBot, window: MainWindow) -> None:
    unlock(qtbot, window)
    window.editing.new_entry("session")
    tree = window.journal_page.editor.themes.tree
    headings = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert headings == [g.label for g in window.catalog.theme_groups]
    ghosts = tree.topLevelItem(0)
    assert ghosts.data(0, Qt.ItemDataRole.UserRole) is None  # a heading, not a tag
    assert ghosts.flags() & Qt.ItemFlag.ItemIsAutoTristate  # that ticks its themes
    assert ghosts.childCount() > 0
    window.journal_page.editor.themes.set_checked("G6")
    window.journal_page.editor.themes.search.setText("attribution")
    assert not ghosts.isHidden()
    assert tree.topLevelItem(1).isHidden()  # no match among the angels
    assert window.journal_page.editor.themes.chosen() == (TagId("G6"),)
