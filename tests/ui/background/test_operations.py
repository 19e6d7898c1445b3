"""Operations: a query or a change on the database thread, and what the views hear after."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from reflectjournal.domain.entry import EntryChanges
from reflectjournal.domain.errors import EntryNotFoundError
from reflectjournal.services.changes import ENTRIES, Changes
from reflectjournal.services.journal import Journal
from reflectjournal.ui.background.operations import change, query
from reflectjournal.ui.background.session import JournalSession
from reflectjournal.ui.background.tasks import Tasks
from tests.helpers.gui import open_session
from tests.helpers.journals import FAST, PASSPHRASE


@pytest.fixture
def session(filled_journal: Path, runtime_dir: Path) -> Iterator[JournalSession]:
    opened = open_session(filled_journal)
    yield opened
    opened.shutdown()


def _heard(session: JournalSession) -> list[Changes]:
    heard: list[Changes] = []
    session.journal_changed.connect(heard.append)
    return heard


def test_a_change_reports_its_result_then_what_it_changed(session: JournalSession) -> None:
    heard = _heard(session)
    order: list[str] = []
    session.journal_changed.connect(lambda _c: order.append("views"))
    results: list[int] = []

    def added(count: int) -> None:
        results.append(count)
        order.append("success")

    def work(journal: Journal) -> int:
        journal.add_entry(EntryChanges(kind="reflection", title="After the visit"))
        return journal.count_entries()

    change(session, work, ENTRIES).success(added).failure(pytest.fail).run()
    assert results == [6]
    assert heard == [ENTRIES]
    assert order == ["success", "views"]  # the action sees its result before views reload


def test_a_query_changes_nothing_so_no_view_hears_of_it(session: JournalSession) -> None:
    heard = _heard(session)
    counted: list[int] = []
    query(session, lambda j: j.count_entries()).success(counted.append).failure(
        pytest.fail).run()
    assert counted == [5]
    assert heard == []


def test_a_failed_change_is_told_in_the_message_line_and_announces_nothing(
        qtbot: QtBot, session: JournalSession) -> None:
    heard = _heard(session)
    message = QLabel("an old message")
    qtbot.addWidget(message)

    def missing(journal: Journal) -> object:
        return journal.delete_entry(journal.get_entry("0" * 32).id)

    change(session, missing, ENTRIES).telling(message).run()
    assert message.text().startswith(f"No entry has the id '{'0' * 32}'.")
    assert heard == []


def test_a_failure_handler_gets_the_error_itself(session: JournalSession) -> None:
    errors: list[BaseException] = []
    query(session, lambda j: j.get_entry("0" * 32)).failure(errors.append).run()
    assert len(errors) == 1
    assert isinstance(errors[0], EntryNotFoundError)


def test_an_operation_must_say_where_a_failure_goes(session: JournalSession) -> None:
    with pytest.raises(ValueError, match="failure"):
        query(session, lambda j: j.count_entries()).run()


def test_the_button_is_busy_until_the_work_is_done(
        qtbot: QtBot, filled_journal: Path, runtime_dir: Path) -> None:
    tasks = Tasks()
    session = JournalSession(filled_journal, FAST, tasks)
    opened: list[object] = []
    session.unlock(PASSPHRASE, opened.append, pytest.fail)
    qtbot.waitUntil(lambda: session.is_open)
    button = QPushButton("Count")
    qtbot.addWidget(button)
    seen_while_running: list[tuple[bool, str]] = []

    def work(journal: Journal) -> int:
        return journal.count_entries()

    counted: list[int] = []
    op = query(session, work).busy(button, "Counting…").success(counted.append)
    op.failure(pytest.fail).run()
    seen_while_running.append((button.isEnabled(), button.text()))
    qtbot.waitUntil(lambda: counted == [5])
    assert seen_while_running == [(False, "Counting…")]
    assert (button.isEnabled(), button.text()) == (True, "Count")
    session.shutdown()


def test_a_reply_after_lock_reaches_no_view(
        qtbot: QtBot, filled_journal: Path, runtime_dir: Path) -> None:
    tasks = Tasks()
    session = JournalSession(filled_journal, FAST, tasks)
    session.unlock(PASSPHRASE, lambda _: None, pytest.fail)
    qtbot.waitUntil(lambda: session.is_open)
    heard = _heard(session)
    results: list[object] = []

    def work(journal: Journal) -> object:
        return journal.add_entry(EntryChanges(kind="reflection", title="Late"))

    change(session, work, ENTRIES).success(results.append).failure(results.append).run()
    session.lock()  # waits for the queued work, then drops its reply
    qtbot.waitUntil(lambda: not tasks.busy)
    assert results == []
    assert heard == []
    session.shutdown()
