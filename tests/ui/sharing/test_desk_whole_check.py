"""Issue 15's whole check through the windows: two clinicians, one supervisor, three journals.

Real widgets, real SQLCipher journals, every step a user's: both clinicians share, the
supervisor searches and filters across both, confirms one group session for both (each gets
only their own statement), replies with a question; one clinician edits a shared entry, sees
it marked changed, shares it again (which answers the question), and the supervisor sees
the difference. Making the journals and exchanging cards is set-up, done through services
(pairing through the windows is tests/ui/sharing/test_supervision_round_trip.py).
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from reflectjournal.domain.entry import EntryChanges
from reflectjournal.domain.share_decisions import FlagState
from reflectjournal.services.journal import Journal
from reflectjournal.ui.background.session import JournalSession
from reflectjournal.ui.background.tasks import SyncTasks
from reflectjournal.ui.journal.entry_table import SECOND_LINE_ROLE, EntryTableModel
from reflectjournal.ui.main_window import MainWindow
from reflectjournal.ui.settings.options import Settings
from reflectjournal.ui.sharing.agenda_dialog import AgendaDialog
from reflectjournal.ui.sharing.group_session_dialog import (
    GroupChoice,
    GroupSessionDialog,
    Participant,
)
from reflectjournal.ui.sharing.review_dialog import ReviewDialog
from reflectjournal.ui.sharing.share_dialog import ShareDialog
from tests.helpers.gui import call_inline, find_by_name, unlock
from tests.helpers.journals import FAST, PASSPHRASE, exchange_cards

PEOPLE = {"sam": ("Sam Rivera", "Home visitor"), "jo": ("Jo Park", "Early interventionist"),
          "ada": ("Dr. Ada Obi", "Reflective supervisor")}
ENTRIES = {
    "sam": [("Grandmother's visit", "The mother spoke of her own grandmother while the baby "
             "slept."), ("After a hard week", "I noticed my own tiredness in the room.")],
    "jo": [("Bath time", "Serve and return at the bath: the grandmother watched from the door."),
           ("Bottles", "Bottle feeding went calmly this time.")],
}
EDITED = "The mother spoke of her own grandmother, then of her mother, while the baby slept."


def _journals(tmp: Path) -> None:
    made = {}
    for who, (name, role) in PEOPLE.items():
        journal, _ = Journal.create(tmp / who, PASSPHRASE, FAST)
        journal.sharing.my_card(name, role)
        made[who] = journal
    for who in ("sam", "jo"):
        exchange_cards(made[who], made["ada"])
        for day, (title, body) in enumerate(ENTRIES[who], start=2):
            made[who].add_entry(EntryChanges(kind="reflection", date=dt.date(2026, 3, day),
                                             title=title, body=body))
    for journal in made.values():
        journal.close()


def _window(qtbot: QtBot, folder: Path, settings: Path) -> MainWindow:
    window = MainWindow(JournalSession(folder, FAST, SyncTasks()), Settings(settings))
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    unlock(qtbot, window)
    assert window.session.is_open
    return window


@pytest.fixture
def windows(qtbot: QtBot, tmp_path: Path, runtime_dir: Path) -> Iterator[dict[str, MainWindow]]:
    _journals(tmp_path)
    opened = {who: _window(qtbot, tmp_path / who, tmp_path / f"{who}.ini") for who in PEOPLE}
    yield opened
    for window in opened.values():
        window.session.shutdown()


def _dialog(window: MainWindow, kind: type[Any]) -> Any:
    [dialog] = [d for d in window.findChildren(kind) if d.isVisible()]
    return dialog


def _messages(window: MainWindow) -> list[str]:
    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    for box in boxes:
        box.close()
    return [b.text() for b in boxes]


def _row(window: MainWindow, title: str) -> int:
    model = window.journal_page.model
    return next(r for r in range(model.rowCount())
                if (s := model.summary(r)) is not None and s.title == title)


def _share(qtbot: QtBot, window: MainWindow, dest: Path, titles: list[str]) -> None:
    """Share these entries with Ada through Supervision > Share selected entries."""
    page = window.journal_page
    qtbot.waitUntil(lambda: page.model.summary(0) is not None)
    page.table.clearSelection()
    for title in titles:
        page.table.selectionModel().select(
            page.model.index(_row(window, title), EntryTableModel.TITLE_COLUMN),
            page.table.selectionModel().SelectionFlag.Select
            | page.table.selectionModel().SelectionFlag.Rows)
    window.supervision.share_action.trigger()
    share = _dialog(window, ShareDialog)
    share.choose_recipient(find_by_name(share, "Send to", QComboBox).itemData(1))
    share.resolve([f.id for f in share.unresolved()], FlagState.ALLOW)
    share.write_to(dest)
    assert dest.exists()
    share.close()


def _open(window: MainWindow, path: Path) -> str:
    window.supervision.open_bundle(path)
    [told] = _messages(window)
    return str(told)


def _found(review: ReviewDialog) -> list[tuple[str, str]]:
    model = review.found_model
    return sorted((model.item(model.index(r)).sender_name, model.item(model.index(r)).title)
                  for r in range(model.rowCount()))


def test_two_clinicians_and_a_supervisor_through_the_windows(
    qtbot: QtBot, windows: dict[str, MainWindow], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sam, jo, ada = windows["sam"], windows["jo"], windows["ada"]
    keys = {who: call_inline(w.session, lambda j: j.sharing.my_card().signing_key)
            for who, w in windows.items()}

    # Both share.
    for who, window in (("sam", sam), ("jo", jo)):
        bundle = tmp_path / f"{who}-1.rjb"
        _share(qtbot, window, bundle, [t for t, _ in ENTRIES[who]])
        assert _open(ada, bundle).startswith(f"Filed 2 entries from {PEOPLE[who][0]}")

    # The supervisor searches across both, then filters to one.
    ada.supervision.review_action.trigger()
    review = _dialog(ada, ReviewDialog)
    review.filters.search.setText("grandmother")
    review.filters.changed.emit()  # at once, not after the typing pause
    qtbot.waitUntil(lambda: review.found_model.rowCount() == 2)
    assert _found(review) == [("Jo Park", "Bath time"), ("Sam Rivera", "Grandmother's visit")]
    review.filters.choose_supervisee(keys["jo"])
    qtbot.waitUntil(lambda: review.found_model.rowCount() == 1)
    assert _found(review) == [("Jo Park", "Bath time")]
    review.filters.reset()
    review.filters.search.setText("tiredness OR calmly")
    review.filters.answered.setCurrentIndex(review.filters.answered.findData(False))
    review.filters.changed.emit()
    qtbot.waitUntil(lambda: review.found_model.rowCount() == 2)
    assert _found(review) == [("Jo Park", "Bottles"), ("Sam Rivera", "After a hard week")]

    # One group session for both, in one step.
    def fill(parent: ReviewDialog, people: list[Participant]) -> GroupChoice:
        dialog = GroupSessionDialog(people, parent)  # the real dialog, ticked as a user would
        qtbot.addWidget(dialog)
        for row in range(dialog.model.rowCount()):
            dialog.model.tick(row)
        dialog.minutes.setValue(90)
        return dialog.choice()

    monkeypatch.setattr(GroupSessionDialog, "ask", staticmethod(fill))
    review.group_button.click()
    assert "for Jo Park, Sam Rivera" in review.message.text()

    # A question on Sam's entry; then a reply to each of them.
    review.filters.reset()
    review.filters.search.setText("grandmother")
    review.filters.choose_supervisee(keys["sam"])
    qtbot.waitUntil(lambda: _found(review) == [("Sam Rivera", "Grandmother's visit")])
    qtbot.waitUntil(lambda: review.text.toPlainText().startswith("Grandmother's visit"))
    review.comment_box.setFocus()
    qtbot.keyClicks(review.comment_box, "Whose grandmother was in the room?")
    find_by_name(review, "Ask as a question").setChecked(True)
    qtbot.mouseClick(review.add_button, Qt.MouseButton.LeftButton)
    for who, title in (("sam", "Grandmother's visit"), ("jo", "Bottles")):
        review.filters.reset()
        review.filters.choose_supervisee(keys[who])
        name = PEOPLE[who][0]

        def chosen(name: str = name) -> bool:
            current = review.model.node(review.tree.currentIndex())
            return review.found_model.rowCount() == 2 and current.supervisee().name == name

        qtbot.waitUntil(chosen)
        reply = tmp_path / f"reply-{who}.rjb"
        monkeypatch.setattr(QFileDialog, "getSaveFileName",
                            lambda *a, r=reply: (str(r), a[3]))
        qtbot.mouseClick(review.send_button, Qt.MouseButton.LeftButton)
        send = review.send_dialog
        assert send is not None
        qtbot.mouseClick(send.save, Qt.MouseButton.LeftButton)
        assert reply.exists(), title
        send.close()

    # Each gets only their own statement: their key and Ada's, never the other's, no names.
    for who, window in (("sam", sam), ("jo", jo)):
        told = _open(window, tmp_path / f"reply-{who}.rjb")
        assert "1 confirmed supervision session" in told
        [(_, signer, _, statement, _)] = call_inline(
            window.session, lambda j: j.claims.signed_statements())
        assert signer == keys["ada"]
        signed = json.loads(statement)
        assert base64.b64decode(signed["supervisee_key"]) == keys[who]
        assert signed["format_of_session"] == "group"
        other = "jo" if who == "sam" else "sam"
        assert base64.b64encode(keys[other]) not in statement
        assert keys[other].hex().encode() not in statement
        for name, _role in PEOPLE.values():
            assert name.encode() not in statement

    # The question is on Sam's agenda.
    sam.supervision.agenda_action.trigger()
    agenda = _dialog(sam, AgendaDialog)
    [item] = [str(agenda.model.index(r, 0).data()) for r in range(agenda.model.rowCount())]
    origin, question = item.split(" · ", 1)[1].split("\n")
    assert origin == "Question from Dr. Ada Obi on “Grandmother's visit” of 2026-03"
    assert question == "Whose grandmother was in the room?"
    agenda.close()

    # Sam edits the entry Ada read, through the editor: marked changed in the list.
    page = sam.journal_page
    sam.entries.select_only(_row(sam, "Grandmother's visit"))
    qtbot.waitUntil(lambda: page.shown_id is not None)
    sam.editing.edit_current()
    page.editor.body.setPlainText(EDITED)
    sam.journal_actions.save_action.trigger()

    def marked() -> bool:
        index = page.model.index(_row(sam, "Grandmother's visit"),
                                 EntryTableModel.TITLE_COLUMN)
        return str(index.data(SECOND_LINE_ROLE)).endswith("Changed since your supervisor read it")

    qtbot.waitUntil(marked)

    # Shared again: that answers Ada's question on it, and Ada sees what changed.
    _share(qtbot, sam, tmp_path / "sam-2.rjb", ["Grandmother's visit"])
    sam.supervision.agenda_action.trigger()
    agenda = _dialog(sam, AgendaDialog)
    assert agenda.model.rowCount() == 0
    agenda.close()
    assert _open(ada, tmp_path / "sam-2.rjb").startswith("Filed 1 entry from Sam Rivera")
    review.filters.reset()
    review.reload()
    review.filters.search.setText("grandmother")
    review.filters.choose_supervisee(keys["sam"])
    qtbot.waitUntil(lambda: "Changed since the version" in review.text.toPlainText())
    assert ("her own [-grandmother -]{+grandmother, then of her mother, +}while the baby "
            "slept." in review.text.toPlainText())
    review.close()


def test_bad_input_at_the_desk_is_a_plain_message_and_loses_nothing(
    qtbot: QtBot, windows: dict[str, MainWindow], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sam, jo, ada = windows["sam"], windows["jo"], windows["ada"]
    for who, window in (("sam", sam), ("jo", jo)):
        _share(qtbot, window, tmp_path / f"{who}.rjb", [t for t, _ in ENTRIES[who]])
        _open(ada, tmp_path / f"{who}.rjb")
    ada.supervision.review_action.trigger()
    review = _dialog(ada, ReviewDialog)
    sam_key = call_inline(sam.session, lambda j: j.sharing.my_card().signing_key)
    review.filters.search.setText("grandmother")
    review.filters.choose_supervisee(sam_key)
    review.filters.changed.emit()
    qtbot.waitUntil(lambda: _found(review) == [("Sam Rivera", "Grandmother's visit")])
    qtbot.waitUntil(lambda: review.text.toPlainText().startswith("Grandmother's visit"))
    review.comment_box.setFocus()
    qtbot.keyClicks(review.comment_box, "What stayed with you?")
    find_by_name(review, "Ask as a question").setChecked(True)
    qtbot.mouseClick(review.add_button, Qt.MouseButton.LeftButton)
    reply = tmp_path / "reply.rjb"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(reply), a[3]))
    qtbot.mouseClick(review.send_button, Qt.MouseButton.LeftButton)
    assert review.send_dialog is not None
    qtbot.mouseClick(review.send_dialog.save, Qt.MouseButton.LeftButton)
    review.send_dialog.close()

    # A comment for a version Sam no longer has (edited since): filed with a plain note,
    # the entry untouched, the question on the agenda still.
    ids = call_inline(sam.session, lambda j: {s.title: s.id for s in j.list_entries()})
    visit = ids["Grandmother's visit"]
    call_inline(sam.session, lambda j: j.update_entry(visit, EntryChanges(body=EDITED)))
    told = _open(sam, reply)
    assert "edited (or deleted) since you shared it" in told
    assert "Traceback" not in told
    assert call_inline(sam.session, lambda j: j.get_entry(visit).body) == EDITED
    sam.supervision.agenda_action.trigger()
    agenda = _dialog(sam, AgendaDialog)
    assert agenda.model.rowCount() == 1
    agenda.close()

    # A received item from a removed contact: still listed, by key, with every comment.
    call_inline(ada.session, lambda j: j.sharing.remove_contact("Sam Rivera"))
    review.filters.reset()
    review.reload()
    review.filters.search.setText("grandmother")
    review.filters.changed.emit()
    qtbot.waitUntil(lambda: review.found_model.rowCount() == 2)
    names = [name for name, _title in _found(review)]
    assert "Jo Park" in names
    [gone] = [n for n in names if n != "Jo Park"]
    assert gone.startswith("removed contact ")
    removed_row = next(r for r in range(review.found_model.rowCount())
                       if review.found_model.item(review.found_model.index(r)).removed)
    review.found.setCurrentIndex(review.found_model.index(removed_row))
    qtbot.waitUntil(lambda: review.text.toPlainText().startswith("Grandmother's visit"))
    assert review.comments_model.rowCount() == 1  # the question written before stays
    assert not review.send_button.isEnabled()  # nobody to send to: no contact, no key mode
    review.close()

    # Two contacts with one display name are kept apart by key on this screen too:
    # tests/ui/sharing/test_review_dialog.py, test_two_supervisees_with_the_same_name_...
