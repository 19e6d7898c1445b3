"""The sidebar: entry kinds, competency areas (a tree), themes and user tags, with counts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from reflectjournal.domain.ids import TagId
from reflectjournal.domain.search import EntryFilter
from reflectjournal.domain.taxonomy import Catalog, Tag, linked_tags
from reflectjournal.ui.widgets.model_index import AnyIndex
from reflectjournal.ui.widgets.node_tree import NodeTreeModel


@dataclass(eq=False)
class FilterNode:
    """One row of the sidebar; a heading has no filter."""

    label: str
    filter: EntryFilter | None = None
    count: int | None = None
    tooltip: str = ""
    parent: FilterNode | None = None
    children: list[FilterNode] = field(default_factory=list)

    def add(self, child: FilterNode) -> FilterNode:
        """Append a child and return it."""
        child.parent = self
        self.children.append(child)
        return child

    def row(self) -> int:
        """Return this node's position under its parent."""
        return self.parent.children.index(self) if self.parent else 0


def build_tree(catalog: Catalog, tags: Sequence[Tag], counts: Mapping[TagId, int],
               kind_counts: Mapping[str, int], starred: int) -> FilterNode:
    """Return the sidebar's nodes for the journal's tags, with entry counts per tag.

    A competency area's count includes entries tagged with its knowledge areas, as its
    filter does.
    """
    root = FilterNode("")
    entries = root.add(FilterNode("Entries"))
    entries.add(FilterNode("All entries", EntryFilter(), sum(kind_counts.values())))
    entries.add(FilterNode("★ Starred", EntryFilter(starred=True), starred))
    for kind in catalog.kinds:
        entries.add(FilterNode(kind.label, EntryFilter(kinds=(kind.id,)),
                               kind_counts.get(kind.id, 0), kind.description))
    areas = root.add(FilterNode("Competency areas"))
    children: dict[str, list[Tag]] = {}
    for tag in tags:
        if tag.family == "competency" and tag.parent:
            children.setdefault(tag.parent, []).append(tag)
    for tag in tags:
        if tag.family != "competency" or tag.parent:
            continue
        group = (tag.id, *(c.id for c in children.get(tag.id, [])))
        rolled_up = sum(counts.get(t, 0) for t in group)
        if tag.retired and not rolled_up:
            continue
        area = areas.add(FilterNode(tag.label, EntryFilter(tag_groups=(group,)), rolled_up))
        for child in children.get(tag.id, []):
            if child.retired and not counts.get(child.id):
                continue
            area.add(FilterNode(child.label, EntryFilter(tag_groups=((child.id,),)),
                                counts.get(child.id, 0)))
    themes = root.add(FilterNode("Themes"))
    # Under their groups: about 30 themes in one list hid which family each belongs to
    # (and two are both called "Parallel process").
    groups = {g.id: themes.add(FilterNode(g.label, tooltip=g.description))
              for g in catalog.theme_groups}
    yours = root.add(FilterNode("Your tags"))
    for tag in tags:
        if tag.family in ("theme", "user") and (not tag.retired or counts.get(tag.id)):
            holder = yours if tag.family == "user" else groups.get(tag.group, themes)
            # A theme's alias names the same idea (R4 and P2), so its node finds both.
            same = (tag.id, *linked_tags(tag.id, catalog.themes))
            holder.add(FilterNode(tag.label, EntryFilter(tag_groups=(same,)),
                                  sum(counts.get(t, 0) for t in same), tag.meaning))
    return root


class FilterTreeModel(NodeTreeModel):
    """A read-only tree over FilterNodes."""

    def __init__(self) -> None:
        super().__init__(FilterNode(""))

    def find(self, wanted: EntryFilter) -> QModelIndex:
        """Return the index of the first node with this filter, or an invalid index."""
        return self.find_first(lambda node: node.filter == wanted)

    def node(self, index: AnyIndex) -> FilterNode:
        """Return the node behind an index (the root for an invalid one)."""
        node: FilterNode = super().node(index)
        return node

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if index.isValid() and self.node(index).filter is None:
            return Qt.ItemFlag.ItemIsEnabled  # a heading
        return super().flags(index)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self.node(index)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return node.label if node.count is None else f"{node.label} ({node.count})"
        if role == Qt.ItemDataRole.ToolTipRole:
            # Long labels are cut off in a narrow sidebar: the tooltip always has them whole.
            return f"{node.label}\n{node.tooltip}" if node.tooltip else node.label
        return None
