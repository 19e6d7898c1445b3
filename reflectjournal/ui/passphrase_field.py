"""Passphrase fields: a Caps Lock warning, and a new-passphrase form with live strength."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QColor, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from reflectjournal.domain.passphrase import (
    SUGGESTED_WORDS,
    PassphraseStrength,
    Strength,
    passphrase_strength,
    suggest_passphrase,
)

CAPS_LOCK_ON = "Caps Lock is on"
FIELD_WIDTH = 320

# Bar colours per level, at least 3:1 against the light and the dark theme's Base and
# Window; the words beside the bar say the same, so colour is never the only signal.
_LEVEL_COLOURS = {
    Strength.TOO_WEAK: "#e0473c",
    Strength.WEAK: "#b07a10",
    Strength.GOOD: "#2e9a70",
    Strength.STRONG: "#1f9a5a",
}
# Keep passphrases out of on-screen keyboards' dictionaries, even while shown.
_SECRET_INPUT = (Qt.InputMethodHint.ImhSensitiveData | Qt.InputMethodHint.ImhNoPredictiveText
                 | Qt.InputMethodHint.ImhNoAutoUppercase)


def caps_lock_from_key(text: str, shift: bool) -> bool | None:
    """Infer Caps Lock from a typed character: a letter whose case defies Shift means on."""
    if len(text) != 1 or text.lower() == text.upper():
        return None  # digits, symbols and caseless scripts tell nothing
    return text.isupper() != shift


def _relayout(widget: QWidget) -> None:
    """Make the layouts around a widget that appeared or vanished take up the change."""
    # Qt does not pass the new size of a container up through a form layout whose rows
    # wrap text, which left a gap where a hidden message had been.
    parent = widget.parentWidget()
    while parent is not None:
        parent.updateGeometry()
        parent = parent.parentWidget()


class CapsLockWatcher(QObject):
    """Tracks Caps Lock across fields from their key events (Qt offers no query for it)."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on: bool | None = None
        self.field: QObject | None = None  # where the user last typed or focused

    @property
    def caps_on(self) -> bool:
        """Return whether Caps Lock is known to be on."""
        return self._on is True

    def watch(self, field: QLineEdit) -> None:
        """Watch a field's key presses."""
        field.installEventFilter(self)

    def reset(self) -> None:
        """Forget what was inferred."""
        self._update(None, None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Update the state from key presses and focus changes; never consume them."""
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            on = self._on
            if event.key() == Qt.Key.Key_CapsLock:
                on = None if on is None else not on
            else:
                shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                state = caps_lock_from_key(event.text(), shift)
                on = on if state is None else state
            self._update(on, watched)
        elif event.type() == QEvent.Type.FocusIn:
            self._update(self._on, watched)
        elif event.type() == QEvent.Type.FocusOut and self.field is watched:
            self._update(self._on, None)  # the warning belongs by the field being typed in
        return False

    def _update(self, on: bool | None, field: QObject | None) -> None:
        # Announce only real changes: this runs on every key press.
        if (on, field) != (self._on, self.field):
            self._on, self.field = on, field
            self.changed.emit()


class PassphraseField(QWidget):
    """A hidden-text field with a Caps Lock warning under it."""

    def __init__(self, accessible_name: str, watcher: CapsLockWatcher) -> None:
        super().__init__()
        layout = self._column = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.edit = QLineEdit()
        set_shown(self.edit, False)
        self.edit.setAccessibleName(accessible_name)
        self.edit.setMinimumWidth(FIELD_WIDTH)
        layout.addWidget(self.edit)
        self.caps_warning = QLabel(CAPS_LOCK_ON)
        self.caps_warning.setAccessibleName("Caps Lock warning")
        font = self.caps_warning.font()
        font.setBold(True)
        self.caps_warning.setFont(font)
        self.caps_warning.hide()
        layout.addWidget(self.caps_warning)
        self.setFocusProxy(self.edit)
        self._watcher = watcher
        watcher.watch(self.edit)
        watcher.changed.connect(self._on_caps_lock_changed)

    @Slot()
    def _on_caps_lock_changed(self) -> None:
        shown = self._watcher.caps_on and self._watcher.field is self.edit
        if self.caps_warning.isHidden() == shown:
            self.caps_warning.setVisible(shown)
            _relayout(self.caps_warning)

    def add_below(self, widget: QWidget) -> None:
        """Put feedback about the field under it."""
        self._column.addWidget(widget)

    def text(self) -> str:
        """Return what was typed."""
        return self.edit.text()

    def set_shown(self, shown: bool) -> None:
        """Show the text, or hide it behind dots."""
        set_shown(self.edit, shown)


def set_shown(field: QLineEdit, shown: bool) -> None:
    """Show a secret field's text, or hide it behind dots."""
    field.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)
    # setEchoMode resets the hints (Normal clears them all), so add ours back.
    field.setInputMethodHints(field.inputMethodHints() | _SECRET_INPUT)


class MessageLabel(QLabel):
    """A wrapping plain-text label that takes no room while it has nothing to say."""

    def __init__(self, accessible_name: str, *, bold: bool = False) -> None:
        super().__init__()
        self.setAccessibleName(accessible_name)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)  # paths and messages are never markup
        # Selectable, so a path or a command can be copied; by mouse only, so that an
        # empty message is never a stop for Tab.
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if bold:
            font = self.font()
            font.setBold(True)
            self.setFont(font)
        self.hide()

    def setText(self, text: str) -> None:
        """Show the text, or hide the label when it is empty."""
        if text == self.text():
            return
        super().setText(text)
        if self.isHidden() == bool(text):
            self.setVisible(bool(text))
            _relayout(self)

    def clear(self) -> None:
        """Empty and hide the label."""
        self.setText("")


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
        _relayout(self.label)  # the message may now take another number of lines


class NewPassphraseForm(QWidget):
    """New passphrase, its repetition, strength feedback and a suggested passphrase."""

    submitted = Signal()
    shown_changed = Signal(bool)

    def __init__(self, watcher: CapsLockWatcher, show_text: str = "&Show passphrases") -> None:
        super().__init__()
        form = self._form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
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

        new_label = QLabel("&New passphrase:")
        new_label.setBuddy(self.new.edit)
        form.addRow(new_label, self.new)
        repeat_label = QLabel("Re&peat it:")
        repeat_label.setBuddy(self.repeat.edit)
        form.addRow(repeat_label, self.repeat)
        buttons = QHBoxLayout()
        buttons.addWidget(self.show_box)
        buttons.addStretch()
        buttons.addWidget(self.suggest)
        form.addRow("", buttons)

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
