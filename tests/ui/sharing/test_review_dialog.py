"""The supervisor's review screen over real journals: read, comment, confirm, reply, lock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QAbstractItemModel, QDate, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QFileDialog,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from reflectjournal.services.sharing import Sharing, WrittenBundle
from reflectjournal.ui.background.session import JournalSession
from reflectjournal.ui.sharing.confirm_session_dialog import ConfirmSessionDialog, SessionChoice
from reflectjournal.ui.sharing.review_dialog import ReviewDialog
from reflectjournal.ui.sharing.review_lists import CommentListModel, SessionListModel
from reflectjournal.ui.sharing.review_tree import BUNDLE, ENTRY, SUPERVISEE
from tests.helpers.bundles import (
    HTML_BODY,
    Journals,
    make_bundle,
    make_journals,
    make_namesake_bundle,
)
from tests.helpers.gui import call_inline, messages, open_session

SESSION_DAY = dt.date.today() - dt.timedelta(days=3)


def _rows(model: QAbstractItemModel, parent: QModelIndex | None = None) -> list[Any]:
    """Return the tree's labels as nested lists: [label, [children]]."""
    parent = parent or QModelIndex()
    out: list[Any] = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        children = _rows(model, index)
        out.append([index.data(), children] if children else index.data())
    return out


def _select(dialog: ReviewDialog, kind: str, label_start: str = "") -> QModelIndex:
    """Make the first row of this kind (whose label starts so) current; return it."""
    model = dialog.model

    def walk(parent: QModelIndex) -> QModelIndex:
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            node = model.node(index)
            if node.kind == kind and node.label.startswith(label_start):
                return index
            found = walk(index)
            if found.isValid():
                return found
        return QModelIndex()

    index = walk(QModelIndex())
    assert index.isValid(), f"no {kind} row starting {label_start!r}"
    dialog.tree.setCurrentIndex(index)
    return index


def _comment(qtbot: QtBot, dialog: ReviewDialog, text: str) -> None:
    dialog.comment_box.setFocus()
    qtbot.keyClicks(dialog.comment_box, text)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)


@pytest.fixture
def journals(tmp_path: Path) -> Journals:
    """Return a clinician's and a supervisor's journal folders, paired."""
    return make_journals(tmp_path)


@pytest.fixture
def bundle(journals: Journals) -> Path:
    """Return the clinician's bundle of two entries for the supervisor."""
    return make_bundle(journals)


@pytest.fixture
def received(journals: Journals, bundle: Path) -> Journals:
    """File the clinician's bundle in the supervisor's journal (through the services)."""
    from reflectjournal.services.journal import Journal
    from tests.helpers.journals import FAST, PASSPHRASE

    with Journal.open(journals.supervisor, PASSPHRASE, FAST) as supervisor:
        supervisor.sharing.receive_file(bundle)
    return journals


@pytest.fixture
def review_session(received: Journals, runtime_dir: Path) -> Iterator[JournalSession]:
    """Return the supervisor's unlocked session, with the bundle filed."""
    session = open_session(received.supervisor)
    yield session
    session.shutdown()


@pytest.fixture
def dialog(qtbot: QtBot, review_session: JournalSession) -> ReviewDialog:
    """Return the shown review screen."""
    review = ReviewDialog(review_session)
    qtbot.addWidget(review)
    review.show()
    return review


@pytest.fixture
def answer_questions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Answer every question box with its action button; return the texts asked."""
    asked: list[str] = []

    def accept(box: QMessageBox) -> int:
        asked.append(box.text())
        next(
            b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole
        ).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", accept)
    return asked


def test_supervisor_and_clinician_complete_the_round_trip_through_the_screens(
    qtbot: QtBot,
    journals: Journals,
    bundle: Path,
    runtime_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from reflectjournal.ui.sharing.receive_bundle import open_bundle

    supervisor = open_session(journals.supervisor)
    holder = QWidget()
    qtbot.addWidget(holder)
    holder.show()
    try:
        open_bundle(holder, supervisor, bundle)
        assert messages(holder)[0].startswith("Filed 2 entries from Sam Rivera (verified)")

        review = ReviewDialog(supervisor, holder)
        review.show()
        today = f"{dt.datetime.now():%Y-%m-%d}"
        assert _rows(review.model) == [
            [
                "Sam Rivera · verified",
                [
                    [
                        f"received {today} · 2 entries",
                        [
                            "2026-11 · Feeding at the kitchen table · Session reflection",
                            "2026-11 · Bedtime <b>worries</b> · Session reflection",
                        ],
                    ],
                ],
            ]
        ]
        # The first entry of the newest bundle is shown at once.
        assert review.heading.text() == f"Shared by Sam Rivera on {today} · read-only"
        assert review.text.toPlainText().startswith("Feeding at the kitchen table")

        _comment(qtbot, review, "What did you feel when she turned away?")
        assert review.comments_model.rowCount() == 1
        assert review.comments_model.index(0).data() == (
            f"{today} · not sent yet\nWhat did you feel when she turned away?"
        )
        assert review.comment_box.toPlainText() == ""
        assert review.tree.currentIndex().data().startswith("2026-11 · Feeding")  # kept on reload

        _select(review, BUNDLE)
        assert "Two from this month. <i>Thank you</i>" in review.text.toPlainText()
        assert review.comments_heading.text() == "Overall comments on this bundle:"
        assert review.comments_model.rowCount() == 0
        _comment(qtbot, review, "Good to see both sides of the dyad.")
        assert review.comments_model.rowCount() == 1

        monkeypatch.setattr(
            ConfirmSessionDialog, "ask", lambda *_a: SessionChoice(SESSION_DAY, 90, "individual")
        )
        qtbot.mouseClick(review.confirm_button, Qt.MouseButton.LeftButton)
        assert review.sessions_model.index(0).data() == (
            f"{SESSION_DAY.isoformat()} · 90 min · individual · not sent yet"
        )
        assert review.message.text().startswith("Confirmed 90 minutes")

        reply = journals.tmp / "supervision-comments.rjb"
        offered: list[str] = []

        def save_as(*args: Any) -> tuple[str, str]:
            offered.append(args[2])
            return str(reply), args[3]

        monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
        qtbot.mouseClick(review.send_button, Qt.MouseButton.LeftButton)
        send = review.send_dialog
        assert send is not None
        assert send.summary.text().startswith(
            "2 comments and 1 confirmed session will go to Sam Rivera."
        )
        assert "What did you feel" in send.preview.toPlainText()
        assert send.by_key.isChecked()
        assert not send.words.isVisible()
        qtbot.mouseClick(send.save, Qt.MouseButton.LeftButton)
        assert Path(offered[0]).name == f"supervision-comments-{dt.date.today():%Y-%m}.rjb"
        assert send.message.text().startswith(
            "Saved supervision-comments.rjb with 2 comments and 1 confirmed session for Sam Rivera."
        )
        assert reply.exists()
        assert review.sessions_model.index(0).data().endswith("· sent")
        assert review.comments_model.index(0).data().split("\n")[0].endswith("· sent")
        send.close()
        review.close()
    finally:
        supervisor.shutdown()

    clinician = open_session(journals.clinician)
    try:
        open_bundle(holder, clinician, reply)
        assert messages(holder) == [
            "Filed 2 comments and 1 confirmed supervision session from Dr. Ada Obi (verified)."
        ]
        [comment] = call_inline(clinician, lambda j: j.sharing.comments_on(journals.entry_ids[0]))
        assert comment.text == "What did you feel when she turned away?"
        [overall] = call_inline(clinician, lambda j: j.sharing.overall_comments())
        assert overall.text == "Good to see both sides of the dyad."
        [session] = call_inline(clinician, lambda j: j.sharing.confirmed_sessions("received"))
        assert (session.date, session.minutes, session.format) == (SESSION_DAY, 90, "individual")
    finally:
        clinician.shutdown()


def test_shared_text_that_looks_like_html_is_shown_literally(dialog: ReviewDialog) -> None:
    _select(dialog, ENTRY, "2026-11 · Bedtime")
    shown = dialog.text.toPlainText()
    assert "Bedtime <b>worries</b>" in shown
    assert HTML_BODY in shown
    assert dialog.text.isReadOnly()
    # Rendered as markup, the tags would have gone and an image would be in the document.
    assert "<img" not in dialog.text.document().toHtml().replace("&lt;img", "")
    assert dialog.heading.text().endswith("· read-only")
    # Tooltips render markup unless escaped; headings holding names are plain text.
    tip = dialog.tree.currentIndex().data(Qt.ItemDataRole.ToolTipRole)
    assert "Bedtime &lt;b&gt;worries&lt;/b&gt;" in tip
    for label in (dialog.heading, dialog.comments_heading, dialog.sessions_heading):
        assert label.textFormat() == Qt.TextFormat.PlainText


def test_the_supervisee_row_sums_up_and_takes_no_comments(dialog: ReviewDialog) -> None:
    _select(dialog, SUPERVISEE)
    assert dialog.heading.text() == "Sam Rivera · verified"
    assert dialog.text.toPlainText().startswith("1 bundle received from Sam Rivera, 2 entries")
    assert not dialog.comment_box.isEnabled()
    assert not dialog.add_button.isEnabled()
    assert dialog.confirm_button.isEnabled()
    assert dialog.send_button.isEnabled()


def test_an_empty_comment_is_refused(qtbot: QtBot, dialog: ReviewDialog) -> None:
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "Write the comment first."
    assert dialog.comments_model.rowCount() == 0


def test_an_unsent_comment_can_be_deleted(
    qtbot: QtBot, dialog: ReviewDialog, answer_questions: list[str]
) -> None:
    _comment(qtbot, dialog, "Draft thought")
    assert not dialog.delete_button.isEnabled()
    dialog.comments.setCurrentIndex(dialog.comments_model.index(0))
    assert dialog.delete_button.isEnabled()
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert answer_questions[0].startswith("Delete this comment?")
    assert dialog.comments_model.rowCount() == 0


def test_the_send_dialog_reads_out_six_words_for_passphrase_mode(
    qtbot: QtBot, dialog: ReviewDialog, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _comment(qtbot, dialog, "A thought for next time")
    written: list[dict[str, Any]] = []

    def fake_write(_self: Sharing, dest: Path, **kw: Any) -> WrittenBundle:
        # age's scrypt costs two seconds; the real passphrase round trip is tested elsewhere.
        written.append(kw)
        return WrittenBundle(dest, "id", comments=1, passphrase=kw["passphrase"])

    monkeypatch.setattr(Sharing, "write_reply", fake_write)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(tmp_path / "reply"), a[3]))
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    send = dialog.send_dialog
    assert send is not None
    send.by_words.setChecked(True)
    words = send.words.text().split()
    assert len(words) == 6
    assert len(set(words)) == 6
    assert "never by email" in send.words_note.text()
    assert send.words.textInteractionFlags() == Qt.TextInteractionFlag.NoTextInteraction
    qtbot.mouseClick(send.save, Qt.MouseButton.LeftButton)
    assert written[0]["passphrase"] == " ".join(words)
    assert "Tell them the words above in person." in send.message.text()
    send.by_key.setChecked(True)
    send.by_words.setChecked(True)
    assert send.words.text().split() == words  # the same words until the window closes
    send.reject()
    assert send.words.text() == ""


def test_locking_while_a_session_is_being_confirmed_closes_everything(
    qtbot: QtBot, dialog: ReviewDialog, review_session: JournalSession
) -> None:
    QTimer.singleShot(0, review_session.lock)
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)  # runs the question
    assert not review_session.is_open
    assert not dialog.isVisible()
    assert [d for d in dialog.findChildren(ConfirmSessionDialog) if d.isVisible()] == []


def test_the_session_date_cannot_be_in_the_future(qtbot: QtBot) -> None:
    confirm = ConfirmSessionDialog("Sam Rivera")
    qtbot.addWidget(confirm)
    today = QDate.currentDate()
    confirm.date.setDate(today.addDays(1))
    assert confirm.date.date() == today
    confirm.minutes.setValue(50)
    confirm.format.setCurrentIndex(confirm.format.findData("group"))
    assert confirm.choice() == SessionChoice(dt.date.today(), 50, "group")


def _focusable(root: QWidget) -> list[QWidget]:
    widgets = [w for w in root.findChildren(QWidget) if w.focusPolicy() != Qt.FocusPolicy.NoFocus]
    # A spin box's inner line edit is read out as the spin box itself.
    return [w for w in widgets if not isinstance(w.parentWidget(), QAbstractSpinBox)]


def test_every_control_is_named(qtbot: QtBot, dialog: ReviewDialog) -> None:
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    confirm = ConfirmSessionDialog("Sam Rivera", dialog)
    qtbot.addWidget(confirm)
    for window in (dialog, dialog.send_dialog, confirm):
        assert window is not None
        widgets = _focusable(window)
        assert len(widgets) > 3
        assert [w for w in widgets if not w.accessibleName()] == [], window.windowTitle()


def test_models_pass_the_model_tester(
    qtmodeltester: Any, dialog: ReviewDialog, qtbot: QtBot
) -> None:
    _comment(qtbot, dialog, "First")
    _comment(qtbot, dialog, "Second")
    qtmodeltester.check(dialog.model)
    qtmodeltester.check(dialog.comments_model)
    sessions = SessionListModel()
    call_inline(
        dialog._session,
        lambda j: j.sharing.confirm_session(
            dialog.model.node(dialog.tree.currentIndex()).bundle.bundle_id, SESSION_DAY, 60, "group"
        ),
    )
    sessions.set_values(call_inline(dialog._session, lambda j: j.sharing.confirmed_sessions()))
    assert sessions.rowCount() == 1
    qtmodeltester.check(sessions)
    qtmodeltester.check(CommentListModel())


def test_locking_closes_the_screen_and_clears_it(
    qtbot: QtBot, dialog: ReviewDialog, review_session: JournalSession
) -> None:
    dialog.comment_box.setFocus()
    qtbot.keyClicks(dialog.comment_box, "half-typed thought")
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    send = dialog.send_dialog
    assert send is not None
    assert send.isVisible()
    review_session.lock()
    assert not dialog.isVisible()
    assert not send.isVisible()
    assert dialog.model.rowCount() == 0
    assert dialog.comments_model.rowCount() == 0
    assert dialog.sessions_model.rowCount() == 0
    for text in (
        dialog.text.toPlainText(),
        dialog.comment_box.toPlainText(),
        dialog.heading.text(),
        send.preview.toPlainText(),
    ):
        assert text == ""
    assert not dialog.comment_box.document().isUndoAvailable()
    assert not dialog.text.document().isUndoAvailable()


def test_the_screen_says_so_when_nothing_was_shared(
    qtbot: QtBot, journals: Journals, runtime_dir: Path
) -> None:
    session = open_session(journals.supervisor)
    try:
        review = ReviewDialog(session)
        qtbot.addWidget(review)
        assert review.model.rowCount() == 0
        assert review.heading.text() == "Nothing shared with you yet"
        assert "Open a bundle" in review.text.toPlainText()
        assert not review.send_button.isEnabled()
        assert not review.add_button.isEnabled()
    finally:
        session.shutdown()


def test_two_supervisees_with_the_same_name_keep_their_own_rows_and_sessions(
    qtbot: QtBot, journals: Journals, bundle: Path, runtime_dir: Path
) -> None:
    from reflectjournal.services.journal import Journal
    from tests.helpers.journals import FAST, PASSPHRASE

    namesake = make_namesake_bundle(journals)
    with Journal.open(journals.supervisor, PASSPHRASE, FAST) as supervisor:
        first = supervisor.sharing.receive_file(bundle).bundle_id
        second = supervisor.sharing.receive_file(namesake).bundle_id
        supervisor.sharing.confirm_session(first, SESSION_DAY, 90, "individual")
        supervisor.sharing.confirm_session(second, SESSION_DAY, 30, "group")
    session = open_session(journals.supervisor)
    try:
        review = ReviewDialog(session)
        qtbot.addWidget(review)
        review.show()
        rows = _rows(review.model)
        assert [row[0] for row in rows] == ["Sam Rivera · verified", "Sam Rivera · verified"]
        sessions_by_entries: dict[tuple[str, ...], list[str]] = {}
        for row in range(review.model.rowCount()):
            index = review.model.index(row, 0)
            review.tree.setCurrentIndex(index)
            assert review.heading.text() == "Sam Rivera · verified"
            [bundle_row] = rows[row][1]
            entries = tuple(label.split(" · ")[1] for label in bundle_row[1])
            assert review.text.toPlainText().startswith(
                f"1 bundle received from Sam Rivera, {len(entries)} "
            )
            sessions_by_entries[entries] = [
                review.sessions_model.index(i).data()
                for i in range(review.sessions_model.rowCount())
            ]
        assert sessions_by_entries == {
            ("Feeding at the kitchen table", "Bedtime <b>worries</b>"): [
                f"{SESSION_DAY.isoformat()} · 90 min · individual · not sent yet"
            ],
            ("Namesake at the clinic",): [
                f"{SESSION_DAY.isoformat()} · 30 min · group · not sent yet"
            ],
        }
        review.close()
    finally:
        session.shutdown()
