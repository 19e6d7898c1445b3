"""The share dialog's list of flags: the text, what kind, where, what the user decided, and
why the check raised it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reflectjournal.domain import share_selection as selection
from reflectjournal.domain.bundle import SharedEntry
from reflectjournal.domain.deidentify import kind_words
from reflectjournal.domain.share_decisions import FlagState, ShareDecisions
from reflectjournal.domain.share_preview import part_words
from reflectjournal.ui.widgets.value_table import ValueTableModel


class FlagTableModel(ValueTableModel):
    """The check's flags, one a row, with the decision on each."""

    COLUMNS = ("Text", "Kind", "Where", "State", "Why")

    def __init__(self) -> None:
        super().__init__()
        self._entries: dict[str, SharedEntry] = {}
        self._decisions = ShareDecisions()

    def set_flags(
        self,
        flags: Sequence[selection.LocatedFlag],
        entries: Sequence[SharedEntry],
        decisions: ShareDecisions,
    ) -> None:
        """Show these flags; decisions is read as it changes, never copied."""
        self._entries = {e.id: e for e in entries}
        self._decisions = decisions
        self.set_values(flags)

    def clear(self) -> None:
        """Drop every row."""
        self.set_flags([], [], ShareDecisions())

    def states_changed(self) -> None:
        """Tell views the State column may read differently."""
        rows = self.rowCount()
        if rows:
            column = self.COLUMNS.index("State")
            self.dataChanged.emit(self.index(0, column), self.index(rows - 1, column))

    def flag(self, row: int) -> selection.LocatedFlag | None:
        """Return the flag on a row, if there is one."""
        found: selection.LocatedFlag | None = self.value(row)
        return found

    def row_of(self, flag_id: str) -> int:
        """Return the row of a flag, or -1."""
        return self.row_where(lambda f: f.id == flag_id)

    def state(self, flag_id: str) -> FlagState:
        """Return where a flag stands."""
        return self._decisions.state(flag_id)

    def where(self, located: selection.LocatedFlag) -> str:
        """Return the entry title and part a flag is in."""
        if located.entry_id is None:
            return "Covering message"
        entry = self._entries.get(located.entry_id)
        title = entry.title if entry and entry.title else "Untitled entry"
        return f"{title} · {part_words(entry, located.location)}"

    def cell(self, located: selection.LocatedFlag, column: int) -> Any:
        """Return a cell's text."""
        if column == 0:
            return located.flag.text
        if column == 1:
            return kind_words(located.flag.kind)
        if column == 2:
            return self.where(located)
        if column == 3:
            return self.state(located.id).value  # plain text for Qt, not the enum
        if column == 4:
            return located.flag.why
        return None
