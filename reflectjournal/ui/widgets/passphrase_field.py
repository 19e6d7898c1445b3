"""Passphrase fields with a Caps Lock warning, and plain-text message labels.

The unlock form is built from these alone; the new-passphrase form with its strength
meter lives in new_passphrase_form.py, so the unlock window paints without it.

Nothing here touches the `Qt` namespace until the user acts: its first use makes all of
its ninety-odd Python enums at once (about 25 ms), and the unlock window paints first.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

CAPS_LOCK_ON = "Caps Lock is on"
FIELD_WIDTH = 320


def caps_lock_from_key(text: str, shift: bool) -> bool | None:
    """Infer Caps Lock from a typed character: a letter whose case defies Shift means on."""
    if len(text) != 1 or text.lower() == text.upper():
        return None  # digits, symbols and caseless scripts tell nothing
    return text.isupper() != shift


def relayout(widget: QWidget) -> None:
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
            from PySide6.QtCore import Qt

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
            relayout(self.caps_warning)

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
    if not shown:
        # Password mode also tells input methods the text is sensitive, not to be
        # predicted or capitalised.
        field.setEchoMode(QLineEdit.EchoMode.Password)
        return
    from PySide6.QtCore import Qt

    field.setEchoMode(QLineEdit.EchoMode.Normal)
    # Normal mode clears those hints: keep the passphrase out of on-screen keyboards'
    # dictionaries even while it is shown.
    field.setInputMethodHints(field.inputMethodHints() | Qt.InputMethodHint.ImhSensitiveData
                              | Qt.InputMethodHint.ImhNoPredictiveText
                              | Qt.InputMethodHint.ImhNoAutoUppercase)


class MessageLabel(QLabel):
    """A wrapping plain-text label that takes no room while it has nothing to say."""

    def __init__(self, accessible_name: str, *, bold: bool = False) -> None:
        super().__init__()
        self.setAccessibleName(accessible_name)
        self.setWordWrap(True)
        self._plain = False  # made plain text before it first holds any
        if bold:
            font = self.font()
            font.setBold(True)
            self.setFont(font)
        self.hide()

    def setText(self, text: str) -> None:
        """Show the text, or hide the label when it is empty."""
        if text == self.text():
            return
        if not self._plain:
            from PySide6.QtCore import Qt

            self.setTextFormat(Qt.TextFormat.PlainText)  # paths and messages are never markup
            # Selectable, so a path or a command can be copied; by mouse only, so that an
            # empty message is never a stop for Tab.
            self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._plain = True
        super().setText(text)
        if self.isHidden() == bool(text):
            self.setVisible(bool(text))
            relayout(self)

    def clear(self) -> None:
        """Empty and hide the label."""
        self.setText("")
