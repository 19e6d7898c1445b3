"""F1: every keyboard shortcut, read from the window's own actions so the list stays true.

The menu actions are listed with the shortcuts they really have; the keys that are not
actions (the editor's jumps, the list's arrows, Escape) are listed from KEYS below.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from reflectjournal.ui.journal.local_preview import LocalOnlyBrowser

# Keys handled by widgets rather than by menu actions, grouped by where they work.
KEYS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("In the entry list", (
        ("Up, Down, Page Up, Page Down", "Move to another entry and read it"),
        ("Home, End", "The first or the last entry"),
        ("Ctrl+Up, Ctrl+Down, then Space", "Move without reading; Space adds to the selection"),
        ("Shift+Up, Shift+Down", "Select several entries (to share or print them)"),
        ("Enter", "Edit the entry"),
        ("Tab, Shift+Tab", "Leave the list"),
    )),
    ("In the search box", (
        ("words, word*, \"a phrase\"", "All the words; a prefix; the exact phrase"),
        ("Escape", "Clear the search"),
        ("Down", "Go to the entries found"),
    )),
    ("In the editor", (
        ("Ctrl+N", "New entry: asks the kind (and which template, when it has several), "
         "the last ones chosen selected; Enter takes them"),
        ("Tab, Shift+Tab", "The next or previous box"),
        ("Alt+M", "More prompts: those you have not used lately"),
        ("Alt+C", "Find competency areas: type, Enter ticks the first match"),
        ("Alt+H", "Find themes: type, Enter ticks the first match"),
        ("a, b (commas)", "In a find box: tick the first match of each"),
        ("Down", "From a find box into its list; Space ticks"),
        ("Alt+K, Alt+D, Alt+T", "Kind, date, title"),
        ("Alt+W, Alt+V", "Write or preview the free text"),
        ("Escape", "Close the editor (it asks first if something is not saved)"),
    )),
    ("Anywhere", (
        ("F1", "This list"),
        ("Alt and the underlined letter", "Open a menu or press a button"),
    )),
)


def _rows(pairs: Iterable[tuple[str, str]]) -> str:
    return "".join(f"<tr><td><b>{html.escape(keys)}</b>&nbsp;&nbsp;</td>"
                   f"<td>{html.escape(what)}</td></tr>" for keys, what in pairs)


def shortcuts_html(actions: Iterable[QAction]) -> str:
    """Return the help page: the actions with a shortcut, then the widgets' own keys."""
    listed = []
    for action in actions:
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        if keys:
            listed.append((keys, action.text().replace("&", "").rstrip("…")))
    parts = ["<h2>Keyboard shortcuts</h2>", "<h3>Menu commands</h3>",
             f"<table>{_rows(listed)}</table>"]
    for where, pairs in KEYS:
        parts += [f"<h3>{html.escape(where)}</h3>", f"<table>{_rows(pairs)}</table>"]
    return "\n".join(parts)


class HelpDialog(QDialog):
    """The shortcut list, in a scrolling page that fits any text size."""

    def __init__(self, parent: QWidget, actions: Iterable[QAction]) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        layout = QVBoxLayout(self)
        self.page = LocalOnlyBrowser()
        self.page.setAccessibleName("Keyboard shortcuts")
        self.page.setHtml(shortcuts_html(actions))
        layout.addWidget(self.page)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName("Close")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        metrics = self.fontMetrics()
        room = parent.window().size()  # never larger than the window it helps with
        self.resize(min(metrics.averageCharWidth() * 100, room.width()),
                    min(metrics.lineSpacing() * 36, room.height()))

    @classmethod
    def open_for(cls, parent: QWidget, actions: Iterable[QAction]) -> HelpDialog:
        """Show the help window (not modal: one can try a key with it open)."""
        dialog = cls(parent, actions)
        dialog.finished.connect(dialog.deleteLater)
        dialog.show()
        return dialog
