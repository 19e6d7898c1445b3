"""The new-passphrase form: the passphrase twice, live strength and a suggested one."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from reflectjournal.domain.passphrase import (
    SUGGESTED_WORDS,
    PassphraseStrength,
    Strength,
    passphrase_strength,
    suggest_passphrase,
)
from reflectjournal.ui.widgets.button_flow import button_flow
from reflectjournal.ui.widgets.page_parts import buddy_label
from reflectjournal.ui.widgets.passphrase_field import (
    CapsLockWatcher,
    MessageLabel,
    PassphraseField,
    relayout,
)

# Bar colours per level, at least 3:1 against the light and the dark theme's Base and
# Window; the words beside the bar say the same, so colour is never the only signal.
_LEVEL_COLOURS = {
    Strength.TOO_WEAK: "#e0473c",
    Strength.WEAK: "#b07a10",
    Strength.GOOD: "#2e9a70",
    Strength.STRONG: "#1f9a5a",
}

class StrengthMeter(QWidget):
    """A bar and a sentence saying how guessable a new passphrase is."""

    def __init__(self) -> None:
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.bar = QProgressBar()
        self.bar.setRange(0, int(max(Strength)))
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName("Passphrase strength")
        self.bar.setFixedSize(96, 10)
        layout.addWidget(self.bar, alignment=Qt.AlignmentFlag.AlignVCenter)
        self.label = QLabel()
        self.label.setAccessibleName("Passphrase feedback")
        self.label.setWordWrap(True)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.label, stretch=1)
        self.strength = passphrase_strength("")
        self._draw(self.strength)

    def show_strength(self, strength: PassphraseStrength) -> None:
        """Show a rating; while typing within one level, nothing needs redrawing."""
        shown, self.strength = self.strength, strength
        if (shown.level, shown.message) != (strength.level, strength.message):
            self._draw(strength)

    def _draw(self, strength: PassphraseStrength) -> None:
        self.bar.setValue(int(strength.level))
        self.bar.setAccessibleDescription(strength.message)
        # Only the bar colour is set; every other role still follows the theme.
        palette = QPalette()
        colour = _LEVEL_COLOURS.get(strength.level)
        if colour:
            palette.setColor(QPalette.ColorRole.Highlight, QColor(colour))
        self.bar.setPalette(palette)
        self.label.setText(strength.message)
        relayout(self.label)  # the message may now take another number of lines


class NewPassphraseForm(QWidget):
    """New passphrase, its repetition, strength feedback and a suggested passphrase."""

    submitted = Signal()
    shown_changed = Signal(bool)

    def __init__(self, watcher: CapsLockWatcher, show_text: str = "&Show passphrases") -> None:
        super().__init__()
        form = self._form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        # A field goes under its label where the two do not fit side by side (large text).
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.new = PassphraseField("New passphrase", watcher)
        self.repeat = PassphraseField("Repeat the new passphrase", watcher)
        self.meter = StrengthMeter()
        self.new.add_below(self.meter)
        self.match = MessageLabel("Passphrase match")
        self.repeat.add_below(self.match)
        self.show_box = QCheckBox(show_text)
        self.show_box.setAccessibleName(show_text.replace("&", ""))
        self.suggest = QPushButton("Su&ggest a passphrase")
        self.suggest.setAccessibleName("Suggest a passphrase")
        self.suggest.setToolTip(f"Fill in {SUGGESTED_WORDS} random words, shown so you can "
                                "write them down")
        self.suggest.setAutoDefault(True)

        new_label = buddy_label("&New passphrase:", self.new.edit)
        form.addRow(new_label, self.new)
        repeat_label = buddy_label("Re&peat it:", self.repeat.edit)
        form.addRow(repeat_label, self.repeat)
        # On two lines where one is too narrow for both (the largest text).
        form.addRow("", button_flow(self.show_box, self.suggest, align="split"))

        self.new.edit.textChanged.connect(self._on_text_changed)
        self.repeat.edit.textChanged.connect(self._on_text_changed)
        self.new.edit.returnPressed.connect(self.repeat.edit.setFocus)
        self.repeat.edit.returnPressed.connect(self.submitted)
        self.show_box.toggled.connect(self._on_show_toggled)
        self.suggest.clicked.connect(self._on_suggest_clicked)

    def insert_first_row(self, label: QLabel, field: QWidget) -> None:
        """Put another field above the new passphrase, sharing the label column."""
        self._form.insertRow(0, label, field)

    def chosen(self) -> str | None:
        """Return the new passphrase if it is acceptable and repeated, else say why not."""
        passphrase = self.new.text()
        strength = passphrase_strength(passphrase)
        if not strength.acceptable:
            self.meter.show_strength(strength)
            self.new.edit.setFocus()
            return None
        if passphrase != self.repeat.text():
            self.match.setText("The two passphrases differ.")
            self.repeat.edit.selectAll()
            self.repeat.edit.setFocus()
            return None
        return passphrase

    def clear(self) -> None:
        """Empty both fields and hide their text again."""
        self.new.edit.setText("")  # unlike clear(), setText drops the undo history
        self.repeat.edit.setText("")
        self.show_box.setChecked(False)
        self.match.clear()

    def set_enabled(self, enabled: bool) -> None:
        """Allow or block input while work is running."""
        for widget in (self.new, self.repeat, self.show_box, self.suggest):
            widget.setEnabled(enabled)

    @Slot()
    def _on_text_changed(self) -> None:
        new, repeat = self.new.text(), self.repeat.text()
        self.meter.show_strength(passphrase_strength(new))
        if not repeat or (new.startswith(repeat) and repeat != new):
            self.match.clear()  # still typing the repetition
        elif repeat == new:
            self.match.setText("The passphrases match.")
        else:
            self.match.setText("The two passphrases differ.")

    @Slot(bool)
    def _on_show_toggled(self, shown: bool) -> None:
        self.new.set_shown(shown)
        self.repeat.set_shown(shown)
        self.shown_changed.emit(shown)

    @Slot()
    def _on_suggest_clicked(self) -> None:
        suggestion = suggest_passphrase()
        # Shown, so the user can read it and write it down.
        self.show_box.setChecked(True)
        self.new.edit.setText(suggestion)
        self.repeat.edit.setText(suggestion)
        self.match.setText("Write it down until you know it by heart, and keep the paper "
                           "away from this computer.")
