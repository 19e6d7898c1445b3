"""The rule for what an entry action acts on, without Qt: the pane, or a visible selection."""

from __future__ import annotations

from reflectjournal.domain.action_target import (
    DISAGREE,
    NOT_LOADED,
    ActionTarget,
    action_target,
)
from reflectjournal.domain.ids import EntryId

A, B, C = EntryId("a"), EntryId("b"), EntryId("c")


def test_the_entry_shown_is_the_target() -> None:
    assert action_target(A, A, [A]) == ActionTarget((A,), reading=A)
    assert not action_target(A, A, [A]).is_selection


def test_a_multi_selection_including_the_entry_shown_is_the_target_in_list_order() -> None:
    target = action_target(B, B, [A, B, C])
    assert target == ActionTarget((A, B, C), reading=B)
    assert target.is_selection


def test_a_single_highlighted_row_the_pane_does_not_show_is_never_the_target() -> None:
    # Ctrl+Down moved the current row (and so the pane) off the highlighted row.
    assert action_target(B, B, [A]) == ActionTarget(problem=DISAGREE)


def test_a_selection_that_leaves_out_the_entry_shown_is_not_acted_on() -> None:
    # Ctrl+click took the entry being read out of the highlight.
    assert action_target(C, C, [A, B]) == ActionTarget(problem=DISAGREE)


def test_the_entry_shown_counts_when_nothing_is_highlighted() -> None:
    assert action_target(A, A, []) == ActionTarget((A,), reading=A)


def test_nothing_while_the_pane_is_blank_or_still_shows_another_row() -> None:
    assert action_target(None, A, [A]) == ActionTarget()
    assert action_target(None, None, []) == ActionTarget()
    # The list moved to B; the pane still shows A until B has loaded.
    assert action_target(A, B, [B]) == ActionTarget()
    # The editor holds a new entry (or one the list moved away from).
    assert action_target(C, A, [A, B]) == ActionTarget()


def test_a_selection_with_rows_not_loaded_is_not_cut_short() -> None:
    assert action_target(A, A, [A, None, B]) == ActionTarget(problem=NOT_LOADED)
    # A lone row not loaded elsewhere still disagrees with the pane.
    assert action_target(A, A, [None]) == ActionTarget(problem=DISAGREE)
