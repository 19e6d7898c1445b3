"""GUI fixtures: a real main window over a real journal, with work run inline."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from reflectjournal.domain.entry import EntryChanges
from reflectjournal.services.journal import Journal
from reflectjournal.ui.app import build_window
from reflectjournal.ui.background.tasks import SyncTasks
from reflectjournal.ui.look.app_style import apply_theme
from reflectjournal.ui.main_window import MainWindow
from reflectjournal.ui.settings.options import FONT_POINTS, Settings
from tests.helpers.journals import FAST, PASSPHRASE


@pytest.fixture
def filled_journal(journal_dir: Path) -> Path:
    """Create a closed journal with a few entries."""
    journal, _ = Journal.create(journal_dir, PASSPHRASE, FAST)
    with journal:
        for i in range(5):
            journal.add_entry(EntryChanges(kind="session", title=f"Visit {i}",
                                           body=f"The baby reached for the spoon {i}."))
    return journal_dir


@pytest.fixture
def tmp_settings(tmp_path: Path) -> Path:
    """Return a private settings file path."""
    return tmp_path / "settings" / "settings.ini"


@pytest.fixture
def window(qtbot: QtBot, filled_journal: Path, runtime_dir: Path,
           tmp_settings: Path) -> Iterator[MainWindow]:
    """Return a shown main window on the locked journal."""
    main = build_window(filled_journal, Settings(tmp_settings), options=FAST, tasks=SyncTasks())
    qtbot.addWidget(main)
    main.show()
    yield main
    main.session.shutdown()


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    """Return a shown window for dialogs and messages to belong to."""
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.fixture
def largest(qapp: QApplication) -> Iterator[None]:
    """The largest text size Settings offers, light; font and palette come back after."""
    font, palette = QFont(qapp.font()), QPalette(qapp.palette())
    apply_theme(qapp, "light", FONT_POINTS.high or 32)
    yield
    qapp.setFont(font)
    qapp.setPalette(palette)
