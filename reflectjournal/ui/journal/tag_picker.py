"""Pickers for competency areas and themes (searchable, checkable) and user tags.

Type-to-filter: typing in a picker's search field narrows the tree, Enter ticks the first
match shown (and clears the field for the next), Down goes into the tree. A theme group's
heading ticks or unticks all its themes; a group is not a tag, so only themes are stored.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCompleter,
    QLabel,
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
        self.search.setPlaceholderText(f"Find {name.lower()} (Enter ticks; commas for several)")
        self.search.setAccessibleName(f"Find {name.lower()}")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search)
        self.search.returnPressed.connect(self._on_search_entered)
        self.search.installEventFilter(self)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName(name)
        self.tree.setMinimumHeight(self.fontMetrics().lineSpacing() * 8)
        self.tree.itemChanged.connect(self._on_item_changed)
        # Says what Enter just ticked: the tree may scroll it out of sight.
        self.feedback = QLabel()
        self.feedback.setTextFormat(Qt.TextFormat.PlainText)
        self.feedback.setWordWrap(True)
        self.feedback.setAccessibleName(f"{name}: last ticked")
        layout.addWidget(self.search)
        layout.addWidget(self.feedback)
        layout.addWidget(self.tree)
        self.feedback.hide()

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
            # Ticking the heading ticks its themes; its own state only follows theirs.
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
                             | Qt.ItemFlag.ItemIsAutoTristate)
            heading.setCheckState(0, Qt.CheckState.Unchecked)
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
            if item.checkState(0) == Qt.CheckState.Checked and item.data(0, _ID):
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
        self.feedback.clear()
        self.feedback.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.search and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Down):
            first = self._first_match()
            if first is not None:
                self.tree.setCurrentItem(first)
            self.tree.setFocus()
            return True
        return super().eventFilter(watched, event)

    def _first_match(self, term: str = "") -> QTreeWidgetItem | None:
        """Return the first tag (not a heading) that matches a term itself (any tag if none).

        A parent shown only because a child matches is passed over.
        """
        iterator = QTreeWidgetItemIterator(self.tree)
        while item := iterator.value():
            if item.data(0, _ID) and not item.isHidden() and term in _searchable(item):
                return item
            iterator += 1
        return None

    @Slot()
    def _on_search_entered(self) -> None:
        """Tick the first match of each term; keep the terms that matched nothing."""
        terms = self._terms()
        if not terms:
            return
        ticked: list[str] = []
        missed: list[str] = []
        for term in terms:
            item = self._first_match(term)
            if item is None:
                missed.append(term)
                continue
            item.setCheckState(0, Qt.CheckState.Checked)
            ticked.append(item.text(0))
        words = [f"Ticked: {'; '.join(ticked)}."] if ticked else []
        if missed:
            words.append(f"Nothing matches “{', '.join(missed)}”.")
        self.search.setText(", ".join(missed))
        for item in self._chosen_items():
            if (parent := item.parent()) is not None:
                parent.setExpanded(True)  # a chosen tag is never hidden in a branch
        self.feedback.setText(" ".join(words))
        self.feedback.show()

    def _chosen_items(self) -> list[QTreeWidgetItem]:
        items = []
        iterator = QTreeWidgetItemIterator(self.tree)
        while item := iterator.value():
            if item.data(0, _ID) and item.checkState(0) == Qt.CheckState.Checked:
                items.append(item)
            iterator += 1
        return items

    def _terms(self) -> list[str]:
        """Return what the filter asks for: several words or phrases, separated by commas."""
        return [t for part in self.search.text().split(",") if (t := part.strip().casefold())]

    @Slot(str)
    def _on_search(self, _text: str) -> None:
        terms = self._terms()

        def hit(item: QTreeWidgetItem) -> bool:
            return not terms or any(term in _searchable(item) for term in terms)

        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top is None:
                continue
            child_hits = 0
            for j in range(top.childCount()):
                child = top.child(j)
                if child is None:
                    continue
                shown = hit(child)
                child.setHidden(not shown)
                child_hits += shown
            top.setHidden(not (hit(top) or child_hits))
            top.setExpanded(bool(terms and child_hits))

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
