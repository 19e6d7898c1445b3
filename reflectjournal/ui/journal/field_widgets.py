"""One editor control per kind-specific field type (choice, multi, text, bool, hours, ...)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from reflectjournal.domain.client_code import new_client_code
from reflectjournal.domain.entry import FieldValue
from reflectjournal.domain.taxonomy import MAX_COUNT, FieldSpec

CLIENT_CODE_FIELD = "client_code"
_MULTI_COLUMNS = 2


class FieldWidget(QWidget):
    """A field's control: reads and shows its value, None meaning 'not set'."""

    changed = Signal()

    def __init__(self, spec: FieldSpec) -> None:
        super().__init__()
        self.spec = spec
        self.setToolTip(spec.help)
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)

    def value(self) -> FieldValue | None:
        """Return the value to store, or None to leave the field out."""
        raise NotImplementedError

    def set_value(self, value: FieldValue | None) -> None:
        """Show a stored value (None: the empty state)."""
        raise NotImplementedError

    def focus_target(self) -> QWidget:
        """Return the control a label's mnemonic should focus."""
        return self


class _Choice(FieldWidget):
    def __init__(self, spec: FieldSpec) -> None:
        super().__init__(spec)
        self.box = QComboBox()
        self.box.setAccessibleName(spec.label)
        self.box.addItem("—", None)
        for choice in spec.choices:
            self.box.addItem(choice.label, choice.id)
        self.box.currentIndexChanged.connect(self.changed)
        self._row.addWidget(self.box)
        self._row.addStretch()

    def value(self) -> FieldValue | None:
        data = self.box.currentData()
        return str(data) if data is not None else None

    def set_value(self, value: FieldValue | None) -> None:
        self.box.setCurrentIndex(max(0, self.box.findData(value)) if value is not None else 0)

    def focus_target(self) -> QWidget:
        return self.box


class _Multi(FieldWidget):
    def __init__(self, spec: FieldSpec) -> None:
        super().__init__(spec)
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        self.boxes: list[tuple[str, QCheckBox]] = []
        for i, choice in enumerate(spec.choices):
            box = QCheckBox(choice.label)
            box.setAccessibleName(f"{spec.label}: {choice.label}")
            box.toggled.connect(self.changed)
            grid.addWidget(box, i // _MULTI_COLUMNS, i % _MULTI_COLUMNS)
            self.boxes.append((choice.id, box))
        self._row.addLayout(grid)

    def value(self) -> FieldValue | None:
        chosen = [choice for choice, box in self.boxes if box.isChecked()]
        return chosen or None

    def set_value(self, value: FieldValue | None) -> None:
        chosen = set(value) if isinstance(value, list) else set()
        for choice, box in self.boxes:
            box.setChecked(choice in chosen)

    def focus_target(self) -> QWidget:
        return self.boxes[0][1] if self.boxes else self


class _TypedText(FieldWidget):
    """A field whose value is the text in one line edit: trimmed, left out when blank."""

    line: QLineEdit
    focus: QWidget

    def value(self) -> FieldValue | None:
        return self.line.text().strip() or None

    def set_value(self, value: FieldValue | None) -> None:
        self.line.setText(value if isinstance(value, str) else "")

    def focus_target(self) -> QWidget:
        return self.focus


class _Text(_TypedText):
    def __init__(self, spec: FieldSpec) -> None:
        super().__init__(spec)
        self.edit = self.line = self.focus = QLineEdit()
        self.edit.setAccessibleName(spec.label)
        self.edit.setPlaceholderText(spec.help)
        self.edit.setMaxLength(2000)
        self.edit.textChanged.connect(self.changed)
        self._row.addWidget(self.edit)


class ClientCodeField(_TypedText):
    """A client code: reuse one already in the journal, or generate a new random one.

    Typing is allowed (codes kept elsewhere), but the generator is the easy path, because a
    code must never be initials or a birth date.
    """

    def __init__(self, spec: FieldSpec) -> None:
        super().__init__(spec)
        self.box = QComboBox()
        self.box.setEditable(True)
        self.box.setAccessibleName(spec.label)
        self.box.setMinimumContentsLength(10)
        # An editable combo box always has its line edit.
        self.line, self.focus = cast(QLineEdit, self.box.lineEdit()), self.box
        self.line.setPlaceholderText("Choose or generate")
        self.line.setMaxLength(2000)  # the field's limit (taxonomy.FieldSpec)
        self.box.currentTextChanged.connect(self.changed)
        self.generate = QPushButton("New code")
        self.generate.setAccessibleName("Generate a new client code")
        self.generate.clicked.connect(self._on_generate)
        self._row.addWidget(self.box)
        self._row.addWidget(self.generate)
        self._row.addStretch()

    def set_known(self, codes: Sequence[str]) -> None:
        """Offer the codes already used, most recent first."""
        current = self.box.currentText()
        self.box.blockSignals(True)
        self.box.clear()
        self.box.addItems(list(codes))
        self.box.setEditText(current)
        self.box.blockSignals(False)

    @Slot()
    def _on_generate(self) -> None:
        self.box.setEditText(new_client_code())


class _Bool(FieldWidget):
    def __init__(self, spec: FieldSpec) -> None:
        super().__init__(spec)
        # The text sits in a wrapping label: a check box's own text never wraps, and some
        # of these labels are a whole sentence.
        self.box = QCheckBox()
        self.box.setAccessibleName(spec.label)
        self.box.toggled.connect(self.changed)
        text = QLabel(spec.label)
        text.setWordWrap(True)
        text.setBuddy(self.box)
        self._row.addWidget(self.box, alignment=Qt.AlignmentFlag.AlignTop)
        self._row.addWidget(text, stretch=1)

    def value(self) -> FieldValue | None:
        if self.spec.default is True:  # absent means yes, so "no" is stored
            return None if self.box.isChecked() else False
        return True if self.box.isChecked() else None

    def set_value(self, value: FieldValue | None) -> None:
        self.box.setChecked(value is True or (value is None and self.spec.default is True))

    def focus_target(self) -> QWidget:
        return self.box


class _Number(FieldWidget):
    """A number in a spin box, where zero means "not recorded" (left out)."""

    def __init__(self, spec: FieldSpec, spin: QSpinBox | QDoubleSpinBox) -> None:
        super().__init__(spec)
        self.spin = spin
        spin.valueChanged.connect(self.changed)
        self._row.addWidget(spin)
        self._row.addStretch()

    def value(self) -> FieldValue | None:
        return self.spin.value() or None

    def focus_target(self) -> QWidget:
        return self.spin


class _Hours(_Number):
    def __init__(self, spec: FieldSpec) -> None:
        spin = QDoubleSpinBox()
        spin.setAccessibleName(spec.label)
        spin.setRange(0, 1000)
        spin.setDecimals(2)
        spin.setSingleStep(0.25)
        spin.setSuffix(" h")
        super().__init__(spec, spin)

    def set_value(self, value: FieldValue | None) -> None:
        spin = cast(QDoubleSpinBox, self.spin)  # _Hours makes a QDoubleSpinBox
        spin.setValue(float(value) if isinstance(value, int | float) else 0.0)


class MinutesSpin(QSpinBox):
    """Minutes from 0 (not recorded) to a day."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setAccessibleName(name)
        self.setRange(0, 24 * 60)
        self.setSingleStep(5)
        self.setSuffix(" min")
        self.setSpecialValueText("not recorded")


class _Minutes(_Number):
    def __init__(self, spec: FieldSpec) -> None:
        super().__init__(spec, MinutesSpin(spec.label))

    def set_value(self, value: FieldValue | None) -> None:
        whole = isinstance(value, int) and not isinstance(value, bool)
        self.spin.setValue(value if whole else 0)  # type: ignore[arg-type]


class _Count(_Number):
    def __init__(self, spec: FieldSpec) -> None:
        spin = QSpinBox()
        spin.setAccessibleName(spec.label)
        spin.setRange(0, MAX_COUNT)
        spin.setSpecialValueText("not recorded")
        super().__init__(spec, spin)

    def set_value(self, value: FieldValue | None) -> None:
        whole = isinstance(value, int) and not isinstance(value, bool)
        self.spin.setValue(value if whole else 0)  # type: ignore[arg-type]


class _Date(_Text):
    """A date typed as YYYY-MM-DD; a wrong one is refused with its reason on saving."""

    def __init__(self, spec: FieldSpec) -> None:
        super().__init__(spec)
        self.edit.setPlaceholderText("YYYY-MM-DD")
        self.edit.setMaxLength(10)


def field_widget(spec: FieldSpec) -> FieldWidget:
    """Return the control for a field spec."""
    if spec.id == CLIENT_CODE_FIELD:
        return ClientCodeField(spec)
    kinds: dict[str, type[FieldWidget]] = {
        "choice": _Choice, "multi": _Multi, "text": _Text, "bool": _Bool, "hours": _Hours,
        "minutes": _Minutes, "count": _Count, "date": _Date,
    }
    return kinds[spec.type](spec)
