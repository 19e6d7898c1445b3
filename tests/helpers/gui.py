"""Driving the GUI in tests: sessions run inline, unlocking, open message boxes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QStackedWidget, QWidget
from pytestqt.qtbot import QtBot

from reflectjournal.services.journal import Journal
from reflectjournal.ui.background.session import JournalSession
from reflectjournal.ui.background.tasks import SyncTasks
from reflectjournal.ui.journal.kind_dialog import KindDialog
from reflectjournal.ui.main_window import MainWindow
from tests.helpers.journals import FAST, PASSPHRASE

T = TypeVar("T")
W = TypeVar("W", bound=QWidget)


def raise_error(error: BaseException) -> None:
    """Raise a failure handed to a callback, so that the test fails on it."""
    raise error


def open_session(folder: Path) -> JournalSession:
    """Return an unlocked session over a journal folder, its work run inline."""
    session = JournalSession(folder, FAST, SyncTasks())
    session.unlock(PASSPHRASE, lambda _: None, raise_error)
    return session


def call_inline(session: JournalSession, work: Callable[[Journal], T]) -> T:
    """Run a service call (SyncTasks: inline) and return its result; failures raise."""
    results: list[T] = []
    session.call(work, results.append, raise_error)
    return results[0]


def unlock(qtbot: QtBot, window: MainWindow, passphrase: str = PASSPHRASE) -> None:
    """Type the passphrase into the locked window and press Enter."""
    field = find_by_name(window.start, "Passphrase")
    qtbot.keyClicks(field, passphrase)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def new_entry_dialog(qtbot: QtBot, window: MainWindow) -> KindDialog:
    """Press Ctrl+N in the window; return New entry's kind question, its list focused."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # a shortcut works in the active window
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(KindDialog)))
    [dialog] = [d for d in window.findChildren(KindDialog) if d.isVisible()]
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.kinds)
    return dialog


def choose_kind(qtbot: QtBot, kind: str | None = None) -> None:
    """Answer New entry's kind question by keyboard: the kind preselected, or another."""
    from PySide6.QtWidgets import QApplication, QListWidget

    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QListWidget))
    kinds = QApplication.focusWidget()
    assert isinstance(kinds, QListWidget)
    if kind is not None:
        match = [kinds.item(i) for i in range(kinds.count())
                 if kinds.item(i).data(Qt.ItemDataRole.UserRole) == kind]
        kinds.setCurrentItem(match[0])
    qtbot.keyClick(kinds, Qt.Key.Key_Return)


def messages(parent: QWidget) -> list[str]:
    """Return the texts of the open message boxes, and close them."""
    boxes = [b for b in parent.findChildren(QMessageBox) if b.isVisible()]
    texts = [b.text() for b in boxes]
    for box in boxes:
        box.close()
    return texts


def find_by_name(root: QWidget, name: str, kind: type[W] = QWidget) -> W:  # type: ignore[assignment]
    """Return the one widget under root (of the kind) that screen readers call name.

    Tests find controls as a screen reader does, by their accessible names, rather than
    through the private attributes a refactor renames; a name that matches no widget, or
    several, fails the test with what was found.
    """
    found = [w for w in root.findChildren(kind) if w.accessibleName() == name]
    if len(found) != 1:
        names = sorted({w.accessibleName() for w in root.findChildren(kind) if w.accessibleName()})
        raise LookupError(f"{len(found)} widgets named {name!r} under {root!r}; named: {names}")
    return found[0]


def on_screen(stack: QStackedWidget, name: str, kind: type[W] = QWidget) -> W:  # type: ignore[assignment]
    """Return the widget of that accessible name on the page a stacked view shows now."""
    page = stack.currentWidget()
    if page is None:
        raise LookupError(f"{stack!r} shows no page")
    return find_by_name(page, name, kind)


def wheel(widget: QWidget, notches: int = 1) -> None:
    """Send real wheel events (one 15-degree notch each, downwards) to the widget's centre."""
    centre = QPointF(widget.rect().center())
    for _ in range(notches):
        event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(0, 0),
                            QPoint(0, -120), Qt.MouseButton.NoButton,
                            Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(widget, event)
