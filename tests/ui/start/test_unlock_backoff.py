"""Wrong passphrases in a row make the next try wait longer, and the start view says so.

Driven through the real start view over a real journal, with the session's clock given by
the test (no sleeps): a try during the wait is refused without deriving a key.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reflectjournal.domain.unlock_backoff import MAX_WAIT_SECONDS, wait_after
from reflectjournal.services.journal import Journal
from reflectjournal.ui.background.session import JournalSession
from reflectjournal.ui.background.tasks import SyncTasks
from reflectjournal.ui.start.start_view import StartView
from reflectjournal.ui.widgets.passphrase_field import MessageLabel
from tests.helpers.gui import find_by_name
from tests.helpers.journals import FAST, PASSPHRASE
from tests.helpers.leaks import folder_bytes


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def view(qtbot: QtBot, journal_dir: Path, runtime_dir: Path) -> Iterator[tuple[StartView, Clock]]:
    Journal.create(journal_dir, PASSPHRASE, FAST)[0].close()
    clock = Clock()
    session = JournalSession(journal_dir, FAST, SyncTasks(), clock)
    start = StartView(session)
    qtbot.addWidget(start)
    start.show()
    yield start, clock
    session.shutdown()


def _try(qtbot: QtBot, view: StartView, passphrase: str) -> str:
    field = find_by_name(view, "Passphrase")
    field.setText(passphrase)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    return find_by_name(view, "Unlock problem", MessageLabel).text()


def test_the_wait_grows_with_each_wrong_passphrase_and_a_try_meanwhile_is_refused(
    qtbot: QtBot, view: tuple[StartView, Clock], journal_dir: Path
) -> None:
    start, clock = view
    before = folder_bytes(journal_dir)
    for _ in range(2):  # two typos cost nothing
        assert "does not open" in _try(qtbot, start, "wrong passphrase here")
        assert start.wait_text == ""
    shown = []
    for expected in (2, 4, 8, 16):
        assert "does not open" in _try(qtbot, start, "wrong passphrase here")
        assert f"wait {expected} s" in start.wait_text
        shown.append(expected)
        failures = start.session.backoff.failures
        # Straight away again, even with the right passphrase: refused, nothing derived.
        assert "does not open" in _try(qtbot, start, PASSPHRASE)  # the last error stays
        assert f"wait {expected} s" in start.wait_text
        assert start.session.backoff.failures == failures
        assert not start.session.is_open
        clock.now += expected - 1
        start._on_wait_tick()  # what the one-second timer does
        assert "wait 1 s" in start.wait_text
        clock.now += 1
        start._on_wait_tick()
        assert start.wait_text == ""
    assert shown == [2, 4, 8, 16]
    assert folder_bytes(journal_dir) == before
    assert "does not open" not in _try(qtbot, start, PASSPHRASE)
    assert start.session.is_open
    assert start.session.backoff.failures == 0


def test_the_wait_is_capped() -> None:
    assert [wait_after(n) for n in range(1, 7)] == [0, 0, 2, 4, 8, 16]
    assert wait_after(10) == 256
    assert wait_after(100) == MAX_WAIT_SECONDS
