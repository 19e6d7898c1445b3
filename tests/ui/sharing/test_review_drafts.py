"""A supervisor's comment being written survives a pause, another entry, lock and quit."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from reflectjournal.domain.entry import EntryChanges
from reflectjournal.ui.background.session import JournalSession
from reflectjournal.ui.background.tasks import SyncTasks
from reflectjournal.ui.main_window import MainWindow
from reflectjournal.ui.settings.options import Settings
from reflectjournal.ui.sharing.review_dialog import ReviewDialog
from tests.helpers.gui import call_inline, unlock
from tests.helpers.journals import FAST, open_journal, paired_journals

TYPED = "What did you notice in yourself when she turned away"


def _received(tmp: Path) -> tuple[Path, str]:
    clinician, supervisor = paired_journals(tmp)
    with clinician, supervisor:
        ids = [clinician.add_entry(EntryChanges(kind="reflection", title=t, body="Text.")).id
               for t in ("First", "Second")]
        draft = clinician.sharing.prepare(ids)
        written = clinician.sharing.write_share(draft, tmp / "b.rjb", to="Dr. Ada Obi",
                                                redact=[f.id for f in draft.flags])
        supervisor.sharing.receive_file(tmp / "b.rjb")
    return supervisor.folder.root, written.bundle_id


def _review(qtbot: QtBot, window: MainWindow) -> ReviewDialog:
    window.supervision.review_action.trigger()
    [review] = [d for d in window.findChildren(ReviewDialog) if d.isVisible()]
    qtbot.waitUntil(lambda: review.comment_box.isEnabled())
    return review


def test_a_comment_being_written_is_kept_and_comes_back_after_lock(
    qtbot: QtBot, tmp_path: Path, runtime_dir: Path,
) -> None:
    folder, bundle_id = _received(tmp_path)
    window = MainWindow(JournalSession(folder, FAST, SyncTasks()), Settings(tmp_path / "s.ini"))
    qtbot.addWidget(window)
    window.show()
    unlock(qtbot, window)
    review = _review(qtbot, window)
    entry = review.model.node(review.tree.currentIndex()).entry
    assert entry is not None
    review.comment_box.setFocus()
    qtbot.keyClicks(review.comment_box, TYPED)
    # The pause after typing keeps it in the journal: a crash now would lose nothing.
    qtbot.waitUntil(lambda: not review.draft_timer.isActive(), timeout=5000)
    assert call_inline(window.session,
                       lambda j: j.sharing.comment_draft(bundle_id, entry.id)) == TYPED

    # Another entry: the box empties, and the text stays with the entry it was written on.
    qtbot.keyClicks(review.comment_box, "?")
    second = review.model.find(review.model.node(review.tree.currentIndex()).key)
    review.tree.setCurrentIndex(second.siblingAtRow(1 - second.row()))
    assert review.comment_box.toPlainText() == ""
    review.tree.setCurrentIndex(second)
    assert review.comment_box.toPlainText() == TYPED + "?"  # kept at once, not after a pause

    qtbot.keyClicks(review.comment_box, " Really")
    window.lock()  # before the pause: the lock itself keeps it
    assert not review.isVisible()
    unlock(qtbot, window)
    review = _review(qtbot, window)
    assert review.model.node(review.tree.currentIndex()).entry == entry
    assert review.comment_box.toPlainText() == TYPED + "? Really"

    # Added, the comment is no draft any more.
    review.add_button.click()
    assert call_inline(window.session,
                       lambda j: j.sharing.comment_draft(bundle_id, entry.id)) == ""
    window.close()  # quit: the same path as lock
    with open_journal(folder) as journal:
        [comment] = journal.sharing.review_comments(bundle_id)
        assert comment.text == TYPED + "? Really"
        assert journal.drafts() == []  # never offered as an entry draft

