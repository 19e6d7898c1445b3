"""One editor control per kind-specific field type (choice, multi, text, bool, hours, ...)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import cast

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
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
from reflectjournal.domain.endorsement.records import (
    Confirmation,
    ProviderRecord,
    SupervisionField,
)
from reflectjournal.domain.entry import FieldValue
from reflectjournal.domain.taxonomy import MAX_COUNT, FieldSpec
from reflectjournal.ui.widgets.provider_dialog import NewProvider, NewProviderDialog

CLIENT_CODE_FIELD = "client_code"
PROVIDER_FIELD = "provider_id"
_MULTI_COLUMNS = 2
_NEW_PROVIDER = "new-provider"  # the picker's last item, not a provider id

AddProvider = Callable[[NewProvider, Callable[[ProviderRecord], None]], None]
"""Make a provider record off the GUI thread, then call back with it on the GUI thread."""


@dataclass(frozen=True, slots=True)
class KnownValues:
    """What fields offer from the journal: client codes in use, provider records."""

    client_codes: tuple[str, ...] = ()
    providers: tuple[ProviderRecord, ...] = ()
    add_provider: AddProvider | None = None


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

    def offer(self, known: KnownValues) -> None:
        """Offer values from the journal (most fields have none to offer)."""


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


class _Confirmation(_Choice):
    """How a session is confirmed: "signed" is shown, never offered (only a signature sets it)."""

    def __init__(self, spec: FieldSpec) -> None:
        super().__init__(spec)
        self.set_value(None)

    def set_value(self, value: FieldValue | None) -> None:
        signed = value == Confirmation.SIGNED
        self.box.blockSignals(True)
        self.box.clear()
        self.box.addItem("—", None)
        for choice in self.spec.choices:
            if choice.id != Confirmation.SIGNED or signed:
                self.box.addItem(choice.label, choice.id)
        self.box.blockSignals(False)
        super().set_value(value)
        self.box.setEnabled(not signed)
        self.box.setToolTip("Set by your provider's signed confirmation; the session's hours "
                            "stay as signed" if signed else self.spec.help)


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

    def offer(self, known: KnownValues) -> None:
        self.set_known(known.client_codes)

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


class ProviderField(FieldWidget):
    """Pick an RSC provider record (type to filter), or make one with "New provider...".

    The value is the record's id: names repeat and change, the record is who counts.
    """

    def __init__(self, spec: FieldSpec) -> None:
        super().__init__(spec)
        self.box = QComboBox()
        self.box.setEditable(True)
        self.box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.box.setAccessibleName(spec.label)
        self.box.setMinimumContentsLength(12)
        self.box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        completer = cast(QCompleter, self.box.completer())  # an editable box has one
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        cast(QLineEdit, self.box.lineEdit()).setPlaceholderText("Type to find a provider")
        self._known = KnownValues()
        self._shown: str | None = None
        self._fill((), None)
        self.box.activated.connect(self._on_activated)
        cast(QLineEdit, self.box.lineEdit()).editingFinished.connect(self._on_typed)
        self._row.addWidget(self.box, stretch=1)

    def offer(self, known: KnownValues) -> None:
        self._known = known
        self._fill(known.providers, self._shown)

    def _fill(self, providers: Sequence[ProviderRecord], chosen: str | None) -> None:
        self.box.blockSignals(True)
        self.box.clear()
        self.box.addItem("", None)  # none chosen yet
        for record in providers:
            self.box.addItem(record.name, record.id)
        if chosen is not None and self.box.findData(chosen) < 0:
            # Keep a value whose record is not offered, rather than drop it on saving.
            self.box.addItem("(a provider record not in this journal)", chosen)
        self.box.insertSeparator(self.box.count())
        self.box.addItem("New provider…", _NEW_PROVIDER)
        self.box.setCurrentIndex(max(0, self.box.findData(chosen)) if chosen else 0)
        self.box.blockSignals(False)

    def value(self) -> FieldValue | None:
        return self._shown

    def set_value(self, value: FieldValue | None) -> None:
        self._shown = value if isinstance(value, str) else None
        self._fill(self._known.providers, self._shown)

    def focus_target(self) -> QWidget:
        return self.box

    def _choose(self, provider_id: str | None) -> None:
        changed = provider_id != self._shown
        self._shown = provider_id
        self.box.blockSignals(True)
        self.box.setCurrentIndex(max(0, self.box.findData(provider_id)) if provider_id else 0)
        self.box.blockSignals(False)
        if changed:
            self.changed.emit()

    @Slot(int)
    def _on_activated(self, index: int) -> None:
        data = self.box.itemData(index)
        if data != _NEW_PROVIDER:
            self._choose(data)
            return
        self._choose(self._shown)  # back to what was chosen while the dialog asks
        new = NewProviderDialog.ask(self)
        if new is not None and self._known.add_provider is not None:
            self._known.add_provider(new, self._on_added)

    def _on_added(self, record: ProviderRecord) -> None:
        self._known = replace(self._known, providers=(*self._known.providers, record))
        self._fill(self._known.providers, self._shown)
        self._choose(record.id)

    @Slot()
    def _on_typed(self) -> None:
        """Typed text picks the provider of that name; anything else goes back to the choice."""
        typed = self.box.currentText().strip().casefold()
        match = [r.id for r in self._known.providers if r.name.casefold() == typed]
        self._choose(match[0] if len(match) == 1 else None if not typed else self._shown)


def field_widget(spec: FieldSpec) -> FieldWidget:
    """Return the control for a field spec."""
    if spec.id == CLIENT_CODE_FIELD:
        return ClientCodeField(spec)
    if spec.id == PROVIDER_FIELD:
        return ProviderField(spec)
    if spec.id == SupervisionField.CONFIRMATION:
        return _Confirmation(spec)
    kinds: dict[str, type[FieldWidget]] = {
        "choice": _Choice, "multi": _Multi, "text": _Text, "bool": _Bool, "hours": _Hours,
        "minutes": _Minutes, "count": _Count, "date": _Date,
    }
    return kinds[spec.type](spec)
