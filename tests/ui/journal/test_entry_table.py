"""The lazily paged list model passes Qt's model checks and loads pages on demand."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from pytestqt.modeltest import ModelTester

from reflectjournal.domain.entry import EntrySummary
from reflectjournal.domain.ids import EntryId
from reflectjournal.ui.journal.entry_table import PAGE_SIZE, EntryTableModel


def _rows(offset: int, limit: int, total: int) -> list[EntrySummary]:
    return [EntrySummary(EntryId(f"id-{i}"), "session", dt.date(2026, 1, 1), f"Entry {i}", (),
                         False) for i in range(offset, min(total, offset + limit))]


def _model(total: int, requested: list[int]) -> EntryTableModel:
    def loader(offset: int, limit: int, done: Callable[[list[EntrySummary]], None]) -> None:
        requested.append(offset)
        done(_rows(offset, limit, total))

    model = EntryTableModel({"session": "Session reflection"})
    model.reset(total, loader, {})
    return model


def test_model_passes_qtmodeltester(qtmodeltester: ModelTester) -> None:
    model = _model(2 * PAGE_SIZE + 7, [])
    qtmodeltester.check(model)
    assert model.data(model.index(2 * PAGE_SIZE + 6, 2)) == f"Entry {2 * PAGE_SIZE + 6}"


def test_a_huge_list_loads_only_the_pages_looked_at() -> None:
    total = 100_000
    requested: list[int] = []
    model = _model(total, requested)
    assert model.rowCount() == total
    assert requested == [0]  # the first page is fetched at once: it is always shown first
    assert model.data(model.index(total - 1, 2)) == f"Entry {total - 1}"
    assert model.data(model.index(5, 0)) == "2026-01-01"
    assert requested == [0, (total - 1) // PAGE_SIZE * PAGE_SIZE]


def test_stale_pages_from_an_older_search_are_ignored() -> None:
    pending: list[Callable[[list[EntrySummary]], None]] = []
    model = EntryTableModel({})
    model.reset(10, lambda o, n, done: pending.append(done), {})
    model.data(model.index(0, 2))
    model.reset(3, lambda o, n, done: done(_rows(o, n, 3)), {})
    pending[0](_rows(0, 10, 10))
    assert model.rowCount() == 3
    assert model.summary(0) is None or model.summary(0).title == "Entry 0"  # type: ignore[union-attr]
