"""Through the windows: an entry edited after its supervisor read it, and the re-shared diff."""

from __future__ import annotations

import os
from pathlib import Path

from pytestqt.qtbot import QtBot

from reflectjournal.domain.entry import EntryChanges
from reflectjournal.services.journal import Journal
from reflectjournal.ui.background.session import JournalSession
from reflectjournal.ui.background.tasks import SyncTasks
from reflectjournal.ui.journal.entry_table import SECOND_LINE_ROLE, EntryTableModel
from reflectjournal.ui.main_window import MainWindow
from reflectjournal.ui.settings.options import Settings
from reflectjournal.ui.sharing.review_dialog import ReviewDialog
from tests.helpers.gui import unlock
from tests.helpers.journals import FAST, open_journal, paired_journals

FIRST = "She turned away from the spoon and looked at the window."
SECOND = "She turned away from the spoon, then came back to her mother's lap."


def _share(journal: Journal, entry_id: str, dest: Path) -> str:
    draft = journal.sharing.prepare([entry_id])  # type: ignore[list-item]
    return journal.sharing.write_share(draft, dest, to="Dr. Ada Obi",
                                       redact=[f.id for f in draft.flags]).bundle_id


def _setup(tmp: Path) -> tuple[Path, Path]:
    """Share, comment, reply, edit, share again: the state both windows then show."""
    clinician, supervisor = paired_journals(tmp)
    with clinician, supervisor:
        entry = clinician.add_entry(EntryChanges(kind="reflection", title="Feeding",
                                                 body=FIRST)).id
        bundle = _share(clinician, entry, tmp / "b1.rjb")
        supervisor.sharing.receive_file(tmp / "b1.rjb")
        supervisor.sharing.add_comment(bundle, entry, "What drew her back?")
        supervisor.sharing.write_reply(tmp / "r1.rjb", to="Sam Rivera")
        clinician.sharing.receive_file(tmp / "r1.rjb")
        clinician.update_entry(entry, EntryChanges(body=SECOND))
    return clinician.folder.root, supervisor.folder.root


def _window(qtbot: QtBot, folder: Path, settings: Path) -> MainWindow:
    window = MainWindow(JournalSession(folder, FAST, SyncTasks()), Settings(settings))
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    unlock(qtbot, window)
    return window


def _shoot(widget: object, name: str) -> None:
    """Keep a picture for a person to look at when RJ_SHOTS names a folder."""
    folder = os.environ.get("RJ_SHOTS")
    if folder:
        widget.grab().save(str(Path(folder) / f"{name}.png"))  # type: ignore[attr-defined]


def test_the_clinician_sees_the_entry_marked_changed_and_the_comment_on_its_version(
    qtbot: QtBot, tmp_path: Path, runtime_dir: Path,
) -> None:
    folder, _ = _setup(tmp_path)
    window = _window(qtbot, folder, tmp_path / "c.ini")
    page = window.journal_page
    qtbot.waitUntil(lambda: page.model.summary(0) is not None)
    second_line = page.model.index(0, EntryTableModel.TITLE_COLUMN).data(SECOND_LINE_ROLE)
    assert second_line.endswith("Changed since your supervisor read it")
    page.table.selectRow(0)
    shown = page.viewer.toPlainText()
    assert "Changed since your supervisor read it" in shown
    assert "on the version you shared on" in shown
    assert "(you have changed the entry since)" in shown
    assert shown.endswith("What drew her back?")
    _shoot(window, "clinician-changed")
    window.session.shutdown()


def test_the_supervisor_sees_what_changed_when_the_entry_comes_again(
    qtbot: QtBot, tmp_path: Path, runtime_dir: Path,
) -> None:
    clinician_folder, supervisor_folder = _setup(tmp_path)
    with open_journal(clinician_folder) as clinician, open_journal(supervisor_folder) as sup:
        [entry] = clinician.list_entries()
        _share(clinician, entry.id, tmp_path / "b2.rjb")
        sup.sharing.receive_file(tmp_path / "b2.rjb")
    window = _window(qtbot, supervisor_folder, tmp_path / "s.ini")
    window.supervision.review_action.trigger()
    [review] = [d for d in window.findChildren(ReviewDialog) if d.isVisible()]
    review.resize(1024, 700)
    qtbot.waitUntil(lambda: review.text.toPlainText().startswith("Feeding"))
    text = review.text.toPlainText()
    assert "Changed since the version you received on" in text
    assert ("[-spoon and looked at the window.-]{+spoon, then came back to her mother's lap.+}"
            in text)
    assert "Your 1 comment on the version received" in text
    assert "stays with that version" in text
    # The runs are struck through and underlined over the same text, brackets included.
    marks = [(m.cursor.selectedText(), m.format.fontStrikeOut(), m.format.fontUnderline())
             for m in review.text.extraSelections()]
    assert marks == [("[-spoon and looked at the window.-]", True, False),
                     ("{+spoon, then came back to her mother's lap.+}", False, True)]
    current = review.model.node(review.tree.currentIndex())
    assert current.label.endswith(" · shared again, changed")
    assert review.comments_model.rowCount() == 0  # the old comment stays with the old version
    _shoot(review, "review-diff")
    review.close()
    window.session.shutdown()
