"""Pickers for competency areas and themes (searchable, checkable) and user tags."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCompleter,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QTreeWidgetItemIterator,
    QVBoxLayout,
    QWidget,
)

from reflectjournal.domain.ids import TagId
from reflectjournal.domain.taxonomy import Tag, ThemeGroup

_ID = Qt.ItemDataRole.UserRole


class TagPicker(QWidget):
    """A checkable tree of tags (level 1 and level 2) with a search field above it."""

    changed = Signal()

    def __init__(self, name: str) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit()
        self.search.setPlaceholderText(f"Find {name.lower()}…")
        self.search.setAccessibleName(f"Find {name.lower()}")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName(name)
        self.tree.setMinimumHeight(self.fontMetrics().lineSpacing() * 8)
        self.tree.itemChanged.connect(self._on_item_changed)
        layout.addWidget(self.search)
        layout.addWidget(self.tree)

    def set_tags(self, tags: Sequence[Tag], chosen: Iterable[TagId],
                 groups: Sequence[ThemeGroup] = ()) -> None:
        """Show these tags (children under their parents or groups), ticking the chosen ones."""
        picked = set(chosen)
        self.tree.blockSignals(True)
        self.tree.clear()
        parents: dict[str, QTreeWidgetItem] = {}
        headings: dict[str, QTreeWidgetItem] = {}
        for group in groups:  # headings only: a group is not a tag, so it has no box
            heading = QTreeWidgetItem([group.label])
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
            heading.setToolTip(0, group.description)
            self.tree.addTopLevelItem(heading)
            headings[group.id] = heading
        for tag in tags:
            if tag.retired and tag.id not in picked:
                continue
            holder = parents.get(tag.parent) if tag.parent else headings.get(tag.group)
            item = QTreeWidgetItem([tag.label])
            item.setData(0, _ID, tag.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Checked if tag.id in picked
                               else Qt.CheckState.Unchecked)
            if tag.meaning:
                item.setToolTip(0, tag.meaning)
            if holder is None:
                self.tree.addTopLevelItem(item)
                parents[tag.id] = item
            else:
                holder.addChild(item)
                if tag.id in picked:
                    holder.setExpanded(True)  # a chosen tag is never hidden in a branch
        self.tree.blockSignals(False)
        self.search.clear()

    def chosen(self) -> tuple[TagId, ...]:
        """Return the ticked tags' ids in display order."""
        ids: list[TagId] = []
        iterator = QTreeWidgetItemIterator(self.tree)
        while item := iterator.value():
            if item.checkState(0) == Qt.CheckState.Checked:
                ids.append(TagId(item.data(0, _ID)))
            iterator += 1
        return tuple(ids)

    def set_checked(self, tag_id: str, checked: bool = True) -> None:
        """Tick or untick one tag (for keyboard-free callers and tests)."""
        iterator = QTreeWidgetItemIterator(self.tree)
        while item := iterator.value():
            if item.data(0, _ID) == tag_id:
                item.setCheckState(0, Qt.CheckState.Checked if checked
                                   else Qt.CheckState.Unchecked)
            iterator += 1

    def clear(self) -> None:
        """Forget every tag (on lock)."""
        self.tree.clear()
        self.search.setText("")

    @Slot(str)
    def _on_search(self, text: str) -> None:
        wanted = text.strip().casefold()
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top is None:
                continue
            child_hits = 0
            for j in range(top.childCount()):
                child = top.child(j)
                if child is None:
                    continue
                hit = not wanted or wanted in _searchable(child)
                child.setHidden(not hit)
                child_hits += hit
            top_hit = not wanted or wanted in _searchable(top)
            top.setHidden(not (top_hit or child_hits))
            top.setExpanded(bool(wanted and child_hits))

    @Slot(QTreeWidgetItem, int)
    def _on_item_changed(self, _item: QTreeWidgetItem, _column: int) -> None:
        self.changed.emit()


def _searchable(item: QTreeWidgetItem) -> str:
    return f"{item.text(0)} {item.data(0, _ID)} {item.toolTip(0)}".casefold()


class UserTagsEdit(QLineEdit):
    """Comma-separated user tags, completing the journal's existing ones."""

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("Your tags")
        self.setPlaceholderText("Your own tags, separated by commas")
        self._completer = QCompleter([], self)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self._completer.setWidget(self)
        self._completer.activated.connect(self._insert_completion)
        self.textEdited.connect(self._complete_last)

    def set_known(self, labels: Sequence[str]) -> None:
        """Offer these labels for completion."""
        self._completer.model().setStringList(list(labels))  # type: ignore[attr-defined]

    def labels(self) -> tuple[str, ...]:
        """Return the typed labels, trimmed, without blanks or repeats."""
        seen: dict[str, str] = {}
        for part in self.text().split(","):
            label = " ".join(part.split())
            if label and label.casefold() not in seen:
                seen[label.casefold()] = label
        return tuple(seen.values())

    def set_labels(self, labels: Iterable[str]) -> None:
        """Show these labels."""
        self.setText(", ".join(labels))

    def _hide_popup(self) -> None:
        popup = self._completer.popup()
        if popup is not None:
            popup.hide()

    @Slot(str)
    def _complete_last(self, text: str) -> None:
        last = text.rsplit(",", 1)[-1].strip()
        if not last:
            self._hide_popup()
            return
        self._completer.setCompletionPrefix(last)
        if self._completer.completionCount():
            self._completer.complete()
        else:
            self._hide_popup()

    @Slot(str)
    def _insert_completion(self, label: str) -> None:
        head = self.text().rsplit(",", 1)[0] if "," in self.text() else ""
        self.setText(f"{head}, {label}, " if head else f"{label}, ")
