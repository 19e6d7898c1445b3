"""What an entry action acts on: one rule for share, copies, edit and delete.

The journal page shows a list and, beside it, one entry in full (the reading pane, or the
editor). An action that sends, prints or deletes entries must act on what the person
sees they chose, and the screen can say two things at once: the list highlights rows,
and the pane shows an entry. Qt's list keeps them apart on purpose (Ctrl+arrows and
Ctrl+click move the list's current row without changing the highlight, Ctrl+click can
take the current row out of it), and loading an entry into the pane takes a moment. So:

1. Only an entry the pane shows counts, and only once it is the list's current row: while
   the pane is still loading another row, or the editor holds an entry the list has moved
   away from (or a new one), nothing is the target.
2. Two or more highlighted rows that include the entry in the pane are a multi-selection
   the person can see as one (Shift or Ctrl with clicks or arrows): the target is all of
   them, in list order.
3. Otherwise the target is the entry in the pane, if no other row is highlighted. A
   highlighted row the pane does not show is never the target on its own; and when the
   highlight and the pane disagree (rows highlighted, the pane showing another entry)
   nothing is, since either guess could send the wrong reflection to a supervisor.
4. A multi-selection with a row not loaded yet (the list fetches rows page by page) is
   not acted on: dropping the rows it cannot name would act on fewer entries than shown.

Every action asks the same question, so Share, the copies, Edit and Delete never disagree
about which entries they mean.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reflectjournal.domain.ids import EntryId

DISAGREE = ("The highlighted rows and the entry shown beside them differ: click the entry "
            "to use, or Shift+click or Ctrl+click the rows.")
NOT_LOADED = ("Some of the selected rows have not loaded yet: scroll through them, "
              "or select fewer.")


@dataclass(frozen=True, slots=True)
class ActionTarget:
    """The entries an action acts on, in list order; if none, why (empty: nothing chosen).

    reading is the entry in the pane whenever there is a target (one of entry_ids): an
    action on one entry, such as Edit, opens that one.
    """

    entry_ids: tuple[EntryId, ...] = ()
    problem: str = ""
    reading: EntryId | None = None

    @property
    def is_selection(self) -> bool:
        """Return whether the target is a multi-selection rather than the entry shown."""
        return len(self.entry_ids) > 1


def action_target(shown: EntryId | None, current: EntryId | None,
                  highlighted: Sequence[EntryId | None]) -> ActionTarget:
    """Return what an action acts on.

    shown is the entry the reading pane (or the editor) shows, current the list's current
    row's entry, highlighted the selected rows' entries in list order (None for a row
    whose entry has not loaded yet).
    """
    if shown is None or shown != current:
        return ActionTarget()
    if shown in highlighted:
        if len(highlighted) < 2:
            return ActionTarget((shown,), reading=shown)
        if None in highlighted:
            return ActionTarget(problem=NOT_LOADED)
        return ActionTarget(tuple(e for e in highlighted if e is not None), reading=shown)
    if highlighted:
        return ActionTarget(problem=DISAGREE)
    return ActionTarget((shown,), reading=shown)
