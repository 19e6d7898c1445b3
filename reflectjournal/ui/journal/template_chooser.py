"""The template editor's top: which kind, which of its templates, and what to do with one.

A kind lists its built-in template first, then the user's in their order, the default
marked. New, Rename, Delete and Make default act on the template chosen; the built-in one
can be copied and made the default, never renamed or deleted. The names asked here are the
user's words and go only into the journal (through the dialog's service calls).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from reflectjournal.domain.templates import BUILTIN, MAX_LABEL
from reflectjournal.ui.widgets.page_parts import buddy_label, quiet_button

if TYPE_CHECKING:
    from reflectjournal.services.templates import KindTemplate


def choice_label(kind_template: KindTemplate) -> str:
    """Return how a list of templates shows one: its label, built-in and default marked."""
    template = kind_template.template
    notes = [word for word, true in (("built-in", not template.id),
                                     ("default", kind_template.is_default)) if true]
    return template.label + (f" ({', '.join(notes)})" if notes else "")


class NameDialog(QDialog):
    """Ask a template's name in one line (opened, not exec'd: locking closes it)."""

    def __init__(self, parent: QWidget, title: str, question: str, text: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.name = QLineEdit(text)
        self.name.setAccessibleName("Template name")
        self.name.setMaxLength(MAX_LABEL)
        self.name.selectAll()
        label = QLabel(question)
        label.setWordWrap(True)
        label.setBuddy(self.name)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setAccessibleName("Use this name")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.name.textChanged.connect(lambda text: self.ok.setEnabled(bool(text.strip())))
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.name)
        layout.addWidget(buttons)
        self.setMinimumWidth(min(self.fontMetrics().averageCharWidth() * 50,
                                 parent.window().width()))

    @classmethod
    def ask(cls, parent: QWidget, title: str, question: str, text: str,
            then: Callable[[str], None]) -> NameDialog:
        """Show the question window-modally; then(name) runs if the user gives one."""
        dialog = cls(parent, title, question, text)

        @Slot(int)
        def finished(result: int) -> None:
            if result == QDialog.DialogCode.Accepted and dialog.name.text().strip():
                then(dialog.name.text())
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()
        return dialog


class TemplateChooser(QWidget):
    """The kind and template boxes, a summary line, and the four actions on a template."""

    kind_chosen = Signal()
    template_chosen = Signal()

    def __init__(self, narrow: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._filling = False
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind of entry")
        self.kind.currentIndexChanged.connect(self._on_kind_index)
        self.template = QComboBox()
        self.template.setAccessibleName("Template")
        # A long name must not widen the window past the screen: the box takes the room
        # there is and the open list shows the whole name.
        self.template.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.template.setMinimumContentsLength(16)
        self.template.currentIndexChanged.connect(self._on_template_index)
        self.summary = QLabel()
        self.summary.setAccessibleName("Template summary")
        self.summary.setWordWrap(True)
        self.new = quiet_button("&New…", "New template")
        self.new.setToolTip("A new template of this kind, starting as a copy of this one")
        self.rename = quiet_button("Rena&me…", "Rename template")
        self.delete = quiet_button("D&elete", "Delete template")
        self.make_default = quiet_button("Make de&fault", "Make default template")
        self.make_default.setToolTip("New entries of this kind ask this template unless you "
                                     "choose another")
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        kind_label = buddy_label("&Kind:", self.kind)
        template_label = buddy_label("&Template:", self.template)
        form.addRow(kind_label, self.kind)
        form.addRow(template_label, self.template)
        if narrow:  # the whole width: an empty label beside it wrapped to a blank line
            form.addRow(self.summary)
        else:
            form.addRow("", self.summary)
        # At large text the four actions go below the prompts (the dialog places
        # self.action_row there): above them they pushed the list below a 700-pixel screen.
        # There they say what they act on, beside the prompts' own Add and Remove.
        self.action_row = QWidget()
        if narrow:
            for button, text in ((self.new, "&New template…"),
                                 (self.rename, "Rena&me template…"),
                                 (self.delete, "D&elete template")):
                button.setText(text)
            grid = QGridLayout(self.action_row)
            grid.setContentsMargins(0, 0, 0, 0)
            for i, action in enumerate(self.focus_chain()[2:]):
                grid.addWidget(action, i // 2, i % 2)  # two by two
        else:
            row = QHBoxLayout(self.action_row)
            row.setContentsMargins(0, 0, 0, 0)
            for action in self.focus_chain()[2:]:
                row.addWidget(action)
            row.addStretch(1)
            form.insertRow(2, "", self.action_row)

    def focus_chain(self) -> tuple[QWidget, ...]:
        """Return the controls in Tab order."""
        return (self.kind, self.template, self.new, self.rename, self.delete,
                self.make_default)

    def show_kinds(self, kinds: Sequence[tuple[str, str]], wanted: str) -> None:
        """List the kinds (id, label) and select the wanted one (else the first)."""
        self._filling = True
        self.kind.clear()
        for kind_id, label in kinds:
            self.kind.addItem(label, kind_id)
        self.kind.setCurrentIndex(max(0, self.kind.findData(wanted)))
        self._filling = False

    def show_templates(self, templates: Sequence[KindTemplate], wanted: str) -> None:
        """List a kind's templates and select the wanted id ("" the default)."""
        self._filling = True
        self.template.clear()
        for kind_template in templates:
            self.template.addItem(choice_label(kind_template),
                                  kind_template.template.id or BUILTIN)
        index = self.template.findData(wanted or BUILTIN) if wanted else next(
            (i for i, k in enumerate(templates) if k.is_default), 0)
        self.template.setCurrentIndex(max(0, index))
        self._filling = False

    def kind_id(self) -> str:
        """Return the kind chosen."""
        return str(self.kind.currentData() or "")

    def template_id(self) -> str:
        """Return the template chosen: its id, or "" for the built-in one."""
        chosen = str(self.template.currentData() or "")
        return "" if chosen == BUILTIN else chosen

    def choose(self, kind: str, template_id: str) -> None:
        """Select a kind and template without telling anyone (a revert, or after a save)."""
        self._filling = True
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self.template.setCurrentIndex(max(0, self.template.findData(template_id or BUILTIN)))
        self._filling = False

    def enable_for(self, current: KindTemplate) -> None:
        """Rename and Delete only the user's templates; Make default only another one."""
        self.rename.setEnabled(current.custom)
        self.delete.setEnabled(current.custom)
        self.make_default.setEnabled(not current.is_default)

    @Slot(int)
    def _on_kind_index(self, _index: int) -> None:
        if not self._filling:
            self.kind_chosen.emit()

    @Slot(int)
    def _on_template_index(self, _index: int) -> None:
        if not self._filling:
            self.template_chosen.emit()
