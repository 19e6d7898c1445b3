"""The kind's own fields in a form, and a note naming the fields kept from another kind."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QFormLayout, QLabel, QWidget

from reflectjournal.domain.entry import FieldValue
from reflectjournal.domain.kind_change import kept_fields_words
from reflectjournal.domain.taxonomy import Catalog, EntryKind
from reflectjournal.ui.journal.field_widgets import FieldWidget, KnownValues, field_widget


class KindFields:
    """Builds one control per field of the shown kind and reads their values."""

    def __init__(self, catalog: Catalog) -> None:
        self._catalog = catalog
        self.form = QFormLayout()
        # In a narrow pane (or at 200 %) a field moves under its label instead of overflowing.
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.widgets: dict[str, FieldWidget] = {}
        self.kept: dict[str, FieldValue] = {}  # another kind's, see kind_change.py
        self.kept_label = QLabel()
        self.kept_label.setTextFormat(Qt.TextFormat.PlainText)  # field values' names
        self.kept_label.setWordWrap(True)
        self.kept_label.setAccessibleName("Fields kept aside")
        self.kept_label.hide()

    def use_catalog(self, catalog: Catalog) -> None:
        """Name kept fields from this catalog from now on."""
        self._catalog = catalog

    def values(self) -> dict[str, FieldValue | None]:
        """Return every shown field's value, None for one not set."""
        return {field_id: widget.value() for field_id, widget in self.widgets.items()}

    def set_values(self, values: Mapping[str, FieldValue | None]) -> None:
        """Show these values; a field not named is emptied."""
        for field_id, widget in self.widgets.items():
            widget.set_value(values.get(field_id))

    def offer(self, known: KnownValues) -> None:
        """Offer what the journal knows (client codes, providers) to every field."""
        for widget in self.widgets.values():
            widget.offer(known)

    def rebuild(self, kind: EntryKind, values: Mapping[str, FieldValue | None],
                known: KnownValues, on_changed: Callable[[], None]) -> None:
        """Replace the form's rows with the kind's fields, showing these values."""
        while self.form.rowCount():
            self.form.removeRow(0)  # deletes the row's widgets
        self.widgets.clear()  # in place: the editor holds the same dict
        for spec in kind.fields:
            widget = field_widget(spec)
            widget.offer(known)
            widget.set_value(values.get(spec.id))
            widget.changed.connect(on_changed)
            if spec.type == "bool":
                self.form.addRow("", widget)
            else:
                label = QLabel(f"{spec.label}:")
                label.setBuddy(widget.focus_target())
                label.setToolTip(spec.help)
                self.form.addRow(label, widget)
            self.widgets[spec.id] = widget

    def show_kept(self, kind: EntryKind) -> None:
        """Name the fields kept aside from another kind, or hide the note if there are none."""
        words = kept_fields_words(kind, self.kept, self._catalog)
        self.kept_label.setText(words)
        self.kept_label.setVisible(bool(words))

    def focus_chain(self, window: QWidget) -> list[QWidget]:
        """Return the fields' focusable controls in reading order."""
        chain: list[QWidget] = []
        for widget in self.widgets.values():
            chain += [child for child in widget.findChildren(QWidget)
                      if child.focusPolicy() & Qt.FocusPolicy.TabFocus
                      and child.window() is window  # not a combo box's popup
                      and not isinstance(child.parent(), QComboBox | QAbstractSpinBox)]
        return chain
