"""The sidebar tree: Qt's model checks, rolled-up counts, and filtering by a click."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from reflectjournal.domain.entry import EntryChanges
from reflectjournal.domain.ids import TagId
from reflectjournal.domain.taxonomy import Tag
from reflectjournal.resources import load_catalog
from reflectjournal.ui.journal.filter_tree import FilterTreeModel, build_tree
from reflectjournal.ui.main_window import MainWindow
from tests.helpers.journals import PASSPHRASE


def _tree(counts: dict[str, int]) -> FilterTreeModel:
    catalog = load_catalog()
    tags = [*catalog.competencies, *catalog.themes, Tag(TagId("u-1"), "user", "feeding")]
    model = FilterTreeModel()
    model.set_root(build_tree(catalog, tags, counts, {"session": 3, "training": 1}, 1))
    return model


def test_tree_passes_qtmodeltester(qtmodeltester: ModelTester) -> None:
    qtmodeltester.check(_tree({"C4": 1, "C4.01": 2, "G1": 1, "u-1": 4}))


def test_area_counts_include_their_knowledge_areas() -> None:
    model = _tree({"C4": 1, "C4.01": 2})
    areas = model.index(1, 0)
    assert model.data(areas) == "Competency areas"
    labels = [model.data(model.index(r, 0, areas)) for r in range(model.rowCount(areas))]
    assert "Direct Service Skills (3)" in labels
    assert model.data(model.index(0, 0, model.index(0, 0))) == "All entries (4)"


def test_choosing_a_theme_filters_the_list(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.start._passphrase, PASSPHRASE)
    qtbot.keyClick(window.start._passphrase, Qt.Key.Key_Return)
    entry = EntryChanges(kind="reflection", themes=(TagId("G6"),), title="Read as rejection")
    window.session.call(lambda j: j.add_entry(entry), lambda _: window.entries.refresh_filters(),
                        lambda e: None)
    model = window.journal_page.filter_model
    themes = next(model.index(r, 0) for r in range(model.rowCount())
                  if model.data(model.index(r, 0)) == "Themes")
    # Themes sit under their groups, in the order of themes.toml.
    groups = [model.data(model.index(r, 0, themes)) for r in range(model.rowCount(themes))]
    assert groups[:2] == ["Ghosts in the nursery", "Angels in the nursery"]
    ghosts = model.index(0, 0, themes)
    g6 = next(model.index(r, 0, ghosts) for r in range(model.rowCount(ghosts))
              if str(model.data(model.index(r, 0, ghosts))).startswith("Negative attribution"))
    assert model.data(g6) == "Negative attribution (1)"
    window.journal_page.filters.setCurrentIndex(g6)
    qtbot.waitUntil(lambda: window.journal_page.status.text() == "1 entry")
    qtbot.waitUntil(lambda: window.journal_page.model.summary(0) is not None)
    assert window.journal_page.model.summary(0).title == "Read as rejection"  # type: ignore[union-attr]


def test_a_theme_and_its_alias_filter_and_count_together() -> None:
    # R4 "Parallel Process" (RIOS) is an alias of P2 "Parallel process": one idea, one count.
    model = _tree({"P2": 2, "R4": 1})
    def node_for(group: tuple[str, str]) -> QModelIndex:
        wanted = tuple(TagId(t) for t in group)
        return model.find_first(
            lambda node: node.filter is not None and node.filter.tag_groups[:1] == (wanted,)
        )

    found = [node_for(("P2", "R4")), node_for(("R4", "P2"))]
    assert [model.data(index) for index in found] == [
        "Parallel process (3)", "Parallel Process (3)",
    ]
