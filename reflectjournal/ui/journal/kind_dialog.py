"""New entry asks the kind first, the last one chosen already selected (Enter takes it).

A kind with more than one template also asks which, the one last used selected: a kind with
only its built-in prompts asks nothing more, so the common case stays one key.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from reflectjournal.domain.taxonomy import EntryKind
from reflectjournal.ui.journal.kind_item_delegate import KindItemDelegate

_ID = Qt.ItemDataRole.UserRole
# A kind's templates as offered: (the id to ask, or "built-in"; what the list shows).
Choices = Mapping[str, Sequence[tuple[str, str]]]


class KindDialog(QDialog):
    """A list of the entry kinds with their descriptions; Enter or a double click chooses."""

    def __init__(self, parent: QWidget, kinds: Sequence[EntryKind], selected: str,
                 templates: Choices | None = None,
                 last_used: Mapping[str, str] | None = None) -> None:
        super().__init__(parent)
        self._templates = templates or {}
        self._last_used = dict(last_used or {})
        self.setWindowTitle("New entry")
        layout = QVBoxLayout(self)
        question = QLabel("What kind of entry?")
        self.kinds = QListWidget()
        self.kinds.setAccessibleName("Entry kind")
        question.setBuddy(self.kinds)
        for kind in kinds:
            item = QListWidgetItem(f"{kind.label}\n{kind.description}")
            item.setData(_ID, kind.id)
            item.setToolTip(kind.description)
            self.kinds.addItem(item)
            if kind.id == selected:
                self.kinds.setCurrentItem(item)
        if self.kinds.currentItem() is None:
            self.kinds.setCurrentRow(0)
        self.kinds.setWordWrap(True)
        self._names = KindItemDelegate(self.kinds)  # each kind's name in bold
        self.kinds.setItemDelegate(self._names)
        self.kinds.setResizeMode(QListView.ResizeMode.Adjust)  # rows re-wrap with the width
        self.kinds.itemDoubleClicked.connect(self.accept)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("&Write")
        ok.setAccessibleName("Write an entry of this kind")
        ok.setDefault(True)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.template = QComboBox()
        self.template.setAccessibleName("Template")
        # A long name must not widen the window past the screen: the box takes the room
        # there is and the open list shows the whole name.
        self.template.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.template.setMinimumContentsLength(16)
        self.template_label = QLabel("&Template:")
        self.template_label.setBuddy(self.template)
        self.template.currentIndexChanged.connect(self._on_template_chosen)
        layout.addWidget(question)
        layout.addWidget(self.kinds)
        layout.addWidget(self.template_label)
        layout.addWidget(self.template)
        layout.addWidget(buttons)
        # Tall enough for every kind, so choosing needs no scrolling, but never taller or
        # wider than the window it opens over (at the largest text size the list scrolls).
        metrics = self.fontMetrics()
        lines = metrics.lineSpacing()
        room = parent.window().size()
        offered = any(len(choices) > 1 for choices in self._templates.values())
        # About seventy characters, so most descriptions take one line (at 48 they wrapped
        # and the list scrolled at the usual size), and as tall as the wrapped items are.
        width = min(metrics.averageCharWidth() * 70, room.width() - 4 * lines)
        text_width = width - 2 * self.kinds.frameWidth() - self.style().pixelMetric(
            QStyle.PixelMetric.PM_ScrollBarExtent) - 8
        option = QStyleOptionViewItem()
        option.initFrom(self.kinds)
        needed = sum(self._names.heights(option, self.kinds.item(row).text(), text_width)
                     for row in range(self.kinds.count()))
        self.kinds.setMinimumHeight(min(needed + 2 * self.kinds.frameWidth() + 4,
                                        room.height() - (8 if offered else 6) * lines))
        self.kinds.setMinimumWidth(width)
        QWidget.setTabOrder(self.kinds, self.template)  # made after the buttons
        QWidget.setTabOrder(self.template, ok)
        self.kinds.currentItemChanged.connect(self._show_templates)
        self._show_templates()
        self.kinds.setFocus()

    def chosen(self) -> str:
        """Return the id of the kind selected."""
        item = self.kinds.currentItem()
        return str(item.data(_ID)) if item is not None else ""

    def chosen_template(self) -> str:
        """Return the template chosen for the kind ("built-in" or an id), or "" if none asked."""
        if self.template.isHidden():
            return ""
        return str(self.template.currentData() or "")

    @Slot()
    def _show_templates(self) -> None:
        """Offer the selected kind's templates, if it has more than one."""
        kind = self.chosen()
        choices = self._templates.get(kind, ())
        self.template.blockSignals(True)  # filling is not choosing
        self.template.clear()
        for template_id, label in choices:
            self.template.addItem(label, template_id)
        self.template.setCurrentIndex(max(0, self.template.findData(self._last_used.get(kind))))
        self.template.blockSignals(False)
        for widget in (self.template, self.template_label):
            widget.setHidden(len(choices) < 2)

    @Slot(int)
    def _on_template_chosen(self, _index: int) -> None:
        # Moving between kinds and back keeps the template chosen for each.
        if self.template.currentData():
            self._last_used[self.chosen()] = str(self.template.currentData())

    @classmethod
    def ask(cls, parent: QWidget, kinds: Sequence[EntryKind], selected: str,
            then: Callable[[str, str], None], templates: Choices | None = None,
            last_used: Mapping[str, str] | None = None) -> KindDialog:
        """Show the question window-modally; then(kind id, template) runs if one is chosen.

        The template is "built-in", a template's id, or "" when the kind has only one.

        Opened, not exec'd: locking must be able to close it (MainWindow.lock rejects
        every open dialog) and the event loop keeps running.
        """
        dialog = cls(parent, kinds, selected, templates, last_used)

        @Slot(int)
        def finished(result: int) -> None:
            parent.window().activateWindow()  # typing goes on there, not into nowhere
            if result == QDialog.DialogCode.Accepted and dialog.chosen():
                then(dialog.chosen(), dialog.chosen_template())
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()
        return dialog
