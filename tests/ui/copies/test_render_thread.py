"""The render thread: work runs off the GUI thread, and an error is kept, not raised there."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from reflectjournal.domain import printable
from reflectjournal.ui.copies.render_thread import Rendered, RenderThread

DOCUMENT = printable.Document("Supervision notes", "Prepared 2026-11-21", ())


def test_the_render_runs_off_the_gui_thread_and_hands_back_its_result(qtbot: QtBot) -> None:
    ran_on: list[threading.Thread] = []

    def render(document: printable.Document) -> Rendered:
        ran_on.append(threading.current_thread())
        return document.title.encode(), 1

    thread = RenderThread(render, DOCUMENT)
    with qtbot.waitSignal(thread.finished):
        thread.start()
    thread.wait()
    assert ran_on != [threading.main_thread()]
    assert len(ran_on) == 1
    assert thread.result == (b"Supervision notes", 1)
    assert thread.error is None


def test_a_failed_render_keeps_its_error_for_the_gui_thread(qtbot: QtBot) -> None:
    def render(_document: printable.Document) -> Rendered:
        raise ValueError("no room on the page")

    thread = RenderThread(render, DOCUMENT)
    with qtbot.waitSignal(thread.finished):
        thread.start()
    thread.wait()
    assert isinstance(thread.error, ValueError)
    assert thread.result is None
