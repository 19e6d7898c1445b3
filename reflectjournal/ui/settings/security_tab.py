"""The Security tab: change the passphrase, make a new recovery key and show it once."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QCheckBox, QDialog, QGroupBox, QLabel, QVBoxLayout, QWidget

from reflectjournal.domain.errors import WrongPassphraseError
from reflectjournal.services.changes import NOTHING
from reflectjournal.ui.background.operations import change
from reflectjournal.ui.background.session import JournalSession, user_message
from reflectjournal.ui.settings.tab_parts import action_with_message
from reflectjournal.ui.widgets.new_passphrase_form import NewPassphraseForm
from reflectjournal.ui.widgets.page_parts import confirm, quiet_button
from reflectjournal.ui.widgets.passphrase_field import CapsLockWatcher, PassphraseField


class RecoveryKeyDialog(QDialog):
    """Shows a new recovery key once; closes only after "I have written it down"."""

    def __init__(self, recovery_key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New recovery key")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "<p><b>This is your new recovery key.</b> The old recovery key no longer opens "
            "this journal. Write the new one on paper and keep it away from this computer. "
            "It is shown only now.</p><p>Backups made before now still hold the old key; "
            "make a new backup so that one opens with this key.</p>")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.key = QLabel(recovery_key)
        self.key.setAccessibleName("New recovery key")
        # Copy-free on purpose: a key on the clipboard would outlive this dialog.
        self.key.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.key.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        font = self.key.font()
        font.setFamily("monospace")
        font.setStyleHint(font.StyleHint.Monospace)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.key.setFont(font)
        layout.addWidget(self.key, alignment=Qt.AlignmentFlag.AlignHCenter)
        self.written = QCheckBox("I have &written it down")
        self.written.setAccessibleName("I have written the recovery key down")
        layout.addWidget(self.written)
        self.done_button = quiet_button("&Done", "Done")
        self.done_button.setEnabled(False)
        self.written.toggled.connect(self.done_button.setEnabled)
        self.done_button.clicked.connect(self.accept)
        layout.addWidget(self.done_button, alignment=Qt.AlignmentFlag.AlignRight)
        self._forced = False

    def done(self, result: int) -> None:
        """Close only once the key was written down (or the journal locked), then forget it."""
        if not (self.written.isChecked() or self._forced):
            return
        self.key.clear()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Refuse the window's close button until the key was written down."""
        if self.written.isChecked() or self._forced:
            super().closeEvent(event)
        else:
            event.ignore()

    def discard(self) -> None:
        """Close at once and forget the key (the journal is locking)."""
        self._forced = True
        self.reject()


class SecurityTab(QWidget):
    """The passphrase and the recovery key; passphrases live only in the fields and the call."""

    def __init__(self, session: JournalSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._key_dialog: RecoveryKeyDialog | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self._build_passphrase_box())
        layout.addWidget(self._build_recovery_box())
        layout.addStretch()

    @property
    def key_dialog(self) -> RecoveryKeyDialog | None:
        """Return the new recovery key's dialog while it is open."""
        return self._key_dialog

    def _build_passphrase_box(self) -> QGroupBox:
        box = QGroupBox("Passphrase")
        layout = QVBoxLayout(box)
        caps = CapsLockWatcher(self)
        current = PassphraseField("Current passphrase", caps)
        self.current_passphrase = current.edit
        label = QLabel("C&urrent passphrase:")
        label.setBuddy(self.current_passphrase)
        # The same form as at first run: strength meter, repetition, a suggestion.
        self.new_form = NewPassphraseForm(caps)
        self.new_form.insert_first_row(label, current)
        self.new_passphrase = self.new_form.new.edit
        self.repeat_passphrase = self.new_form.repeat.edit
        self.new_form.shown_changed.connect(current.set_shown)
        self.new_form.submitted.connect(self._on_change_passphrase_clicked)
        layout.addWidget(self.new_form)
        self.change_passphrase, self.passphrase_message = action_with_message(
            layout, "Ch&ange passphrase", "Change passphrase",
            self._on_change_passphrase_clicked, "Passphrase message")
        return box

    @Slot()
    def _on_change_passphrase_clicked(self) -> None:
        current = self.current_passphrase.text()
        if not current:
            self.passphrase_message.setText("Type your current passphrase.")
            return
        new = self.new_form.chosen()  # None: the form already says why
        if new is None:
            self.passphrase_message.clear()
            return
        if new == current:
            self.passphrase_message.setText(
                "The new passphrase is the same as the current one.")
            return
        # The KDF takes about a second, so this runs on the database thread like unlocking.
        # No view shows the passphrase: the change touches NOTHING they refresh.
        (change(self._session, lambda journal: journal.change_passphrase(current, new), NOTHING)
         .busy(self.change_passphrase, "Changing…").telling(self.passphrase_message)
         .success(self._on_passphrase_changed).failure(self._on_passphrase_failed).run())

    def _on_passphrase_changed(self, _: None) -> None:
        self.forget_passphrases()
        self.passphrase_message.setText(
            "Passphrase changed. Use the new one from now on. Backups made before now "
            "still open with the old passphrase.")

    def _on_passphrase_failed(self, error: BaseException) -> None:
        if isinstance(error, WrongPassphraseError):
            self.passphrase_message.setText(
                "That is not the current passphrase; nothing was changed. Check Caps Lock "
                "and the keyboard layout.")
            self.current_passphrase.selectAll()
            self.current_passphrase.setFocus()
        else:
            self.passphrase_message.setText(user_message(error))

    def forget_passphrases(self) -> None:
        """Empty the passphrase fields."""
        self.current_passphrase.setText("")  # unlike clear(), setText drops the undo history
        self.new_form.clear()

    def _build_recovery_box(self) -> QGroupBox:
        box = QGroupBox("Recovery key")
        layout = QVBoxLayout(box)
        text = QLabel("The recovery key opens the journal if you forget your passphrase. "
                      "If you have lost it, or someone may have seen it, make a new one: "
                      "the old key stops working at once.")
        text.setWordWrap(True)
        layout.addWidget(text)
        self.new_recovery_key, self.recovery_message = action_with_message(
            layout, "Make a ne&w recovery key…", "Make a new recovery key",
            self._on_new_recovery_key_clicked, "Recovery key message")
        return box

    @Slot()
    def _on_new_recovery_key_clicked(self) -> None:
        if not confirm(
            self, "Make a new recovery key",
            "The recovery key you have now will stop working at once. The new key is "
            "shown only once, so have paper and a pen ready.", "Make a new key",
        ):
            return
        (change(self._session, lambda journal: journal.new_recovery_key(), NOTHING)
         .busy(self.new_recovery_key, "Making a key…").telling(self.recovery_message)
         .success(self._show_recovery_key).run())

    def _show_recovery_key(self, recovery_key: str) -> None:
        self.recovery_message.setText(
            "A new recovery key was made; the old one no longer opens this journal.")
        self._key_dialog = RecoveryKeyDialog(recovery_key, self)
        self._key_dialog.finished.connect(self._on_key_dialog_finished)
        self._key_dialog.open()

    @Slot(int)
    def _on_key_dialog_finished(self, _result: int) -> None:
        if self._key_dialog is not None:
            self._key_dialog.deleteLater()
            self._key_dialog = None

    def discard_key_dialog(self) -> None:
        """Close the new recovery key's dialog at once, forgetting the key (a lock)."""
        if self._key_dialog is not None:
            self._key_dialog.discard()
