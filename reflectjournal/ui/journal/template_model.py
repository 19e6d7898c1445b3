"""The template editor's data: every template as read, and the list of one template's prompts."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from reflectjournal.domain.prompt_use import RECENT_ENTRIES, PromptUse, count_use
from reflectjournal.domain.templates import Template, TemplatePrompt
from reflectjournal.domain.visible import visible_controls

if TYPE_CHECKING:
    from reflectjournal.services.journal import Journal
    from reflectjournal.services.templates import KindTemplate

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class TemplateState:
    """What the dialog shows: every template and how the recent entries used them."""

    templates: list[KindTemplate]
    use: PromptUse
    kind_labels: dict[str, str]


def read_state(journal: Journal) -> TemplateState:
    """Read the templates and the recent entries' prompt use, on the database thread."""
    recent = journal.list_entries(limit=RECENT_ENTRIES)
    entries = journal.get_entries([s.id for s in recent])
    return TemplateState(journal.templates.all(), count_use((e.kind, e.answers) for e in entries),
                         {k.id: k.label for k in journal.catalog.kinds})


class PromptListModel(QAbstractListModel):
    """One row per prompt of the template being edited; unticking a row hides the prompt."""

    def __init__(self) -> None:
        super().__init__()
        self._template = Template("", "", ())

    def set_template(self, template: Template) -> None:
        """Show this template's prompts."""
        self.beginResetModel()
        self._template = template
        self.endResetModel()

    def template(self) -> Template:
        """Return the template as edited so far."""
        return self._template

    def set_heading(self, heading: str) -> None:
        """Change the heading the editor shows above the prompts (no row changes)."""
        self._template = replace(self._template, label=heading)

    def prompt(self, row: int) -> TemplatePrompt | None:
        """Return the prompt on a row, if there is one."""
        prompts = self._template.prompts
        return prompts[row] if 0 <= row < len(prompts) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        """Return the number of prompts (a list has no children)."""
        return 0 if parent.isValid() else len(self._template.prompts)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Return a row's label, its tick, and the question as its tooltip."""
        prompt = self.prompt(index.row()) if index.isValid() else None
        if prompt is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return visible_controls(prompt.label) + (" (hidden)" if prompt.hidden else "")
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Unchecked if prompt.hidden else Qt.CheckState.Checked
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole):
            return visible_controls(prompt.text)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Rows are selectable and can be ticked."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Tick to ask a prompt, untick to hide it."""
        prompt = self.prompt(index.row()) if index.isValid() else None
        if prompt is None or role != Qt.ItemDataRole.CheckStateRole:
            return False
        hidden = Qt.CheckState(value) != Qt.CheckState.Checked
        self.replace_prompt(index.row(), replace(prompt, hidden=hidden))
        return True

    def replace_prompt(self, row: int, prompt: TemplatePrompt) -> None:
        """Put a changed prompt on its row."""
        prompts = list(self._template.prompts)
        prompts[row] = prompt
        self._template = replace(self._template, prompts=tuple(prompts))
        changed = self.index(row)
        self.dataChanged.emit(changed, changed)

    def move(self, row: int, step: int) -> int:
        """Move a prompt up (-1) or down (1); return the row it is on now."""
        target = row + step
        if not (0 <= row < self.rowCount() and 0 <= target < self.rowCount()):
            return row
        # Qt's destination row counts before the move: one further when moving down.
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), target + (step > 0))
        prompts = list(self._template.prompts)
        prompts.insert(target, prompts.pop(row))
        self._template = replace(self._template, prompts=tuple(prompts))
        self.endMoveRows()
        return target

    def append(self, prompt: TemplatePrompt) -> int:
        """Add a prompt at the end; return its row."""
        row = self.rowCount()
        self.beginInsertRows(QModelIndex(), row, row)
        self._template = replace(self._template, prompts=(*self._template.prompts, prompt))
        self.endInsertRows()
        return row

    def remove(self, row: int) -> None:
        """Take a prompt out of the template (answers to it stay in their entries)."""
        if not 0 <= row < self.rowCount():
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        prompts = list(self._template.prompts)
        del prompts[row]
        self._template = replace(self._template, prompts=tuple(prompts))
        self.endRemoveRows()
