"""The Security tab: change the passphrase, make a new recovery key and show it once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent, QFontMetrics
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from reflectjournal.domain.errors import WrongPassphraseError
from reflectjournal.services.changes import NOTHING
from reflectjournal.services.key_rotation import STEPS as ROTATION_STEPS
from reflectjournal.ui.background.operations import change
from reflectjournal.ui.background.session import JournalSession, user_message
from reflectjournal.ui.settings.tab_parts import action_with_message
from reflectjournal.ui.widgets.new_passphrase_form import NewPassphraseForm
from reflectjournal.ui.widgets.page_parts import buddy_label, confirm, quiet_button, scrolling
from reflectjournal.ui.widgets.passphrase_field import CapsLockWatcher, PassphraseField
from reflectjournal.ui.widgets.window_room import break_groups, fit_window, screen_room, text_width

if TYPE_CHECKING:
    from reflectjournal.services.key_rotation import KeyRotated


class StepRelay(QObject):
    """Carries a rotation's steps from the database thread to the GUI (a queued signal)."""

    stepped = Signal(str, int, int)

    def report(self, what: str, step: int, steps: int) -> None:
        """Announce a step; safe to call from any thread."""
        self.stepped.emit(what, step, steps)


class RecoveryKeyDialog(QDialog):
    """Shows a new recovery key once; closes only after "I have written it down"."""

    def __init__(self, recovery_key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New recovery key")
        layout = QVBoxLayout(self)
        # What is read scrolls above Done: at the largest text it is taller than the screen.
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        intro = QLabel(
            "<p><b>This is your new recovery key.</b> The old recovery key no longer opens "
            "this journal. Write the new one on paper and keep it away from this computer. "
            "It is shown only now.</p><p>Backups made before now still hold the old key; "
            "make a new backup so that one opens with this key.</p>")
        intro.setWordWrap(True)
        column.addWidget(intro)
        self.key = QLabel()
        self.key.setAccessibleName("New recovery key")
        # Copy-free on purpose: a key on the clipboard would outlive this dialog.
        self.key.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.key.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        font = self.key.font()
        font.setFamily("monospace")
        font.setStyleHint(font.StyleHint.Monospace)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.key.setFont(font)
        margins = layout.contentsMargins()
        room = (screen_room(parent).width() - margins.left() - margins.right()
                - self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent))
        self.key.setText(break_groups(recovery_key, QFontMetrics(font), room))
        column.addWidget(self.key, alignment=Qt.AlignmentFlag.AlignHCenter)
        self.written = QCheckBox("I have &written it down")
        self.written.setAccessibleName("I have written the recovery key down")
        column.addStretch(1)
        layout.addWidget(scrolling(page, "New recovery key and what to do with it"))
        self.done_button = quiet_button("&Done", "Done")
        self.done_button.setEnabled(False)
        self.written.toggled.connect(self.done_button.setEnabled)
        self.done_button.clicked.connect(self.accept)
        # The tick and Done stay in sight below what scrolls.
        row = QHBoxLayout()
        row.addWidget(self.written)
        row.addStretch(1)
        row.addWidget(self.done_button)
        layout.addLayout(row)
        fit_window(self, parent, max(self.sizeHint().width(), text_width(self, 50)))
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


ROTATE_HELP = ("Use this if an old passphrase or a copy of the key file may have leaked: a "
               "passphrase change alone leaves old key files able to open the journal. "
               "It takes seconds on a large journal and gives you a new recovery key.")


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
        label = buddy_label("C&urrent passphrase:", self.current_passphrase)
        # The same form as at first run: strength meter, repetition, a suggestion.
        self.new_form = NewPassphraseForm(caps)
        self.new_form.insert_first_row(label, current)
        self.new_passphrase = self.new_form.new.edit
        self.repeat_passphrase = self.new_form.repeat.edit
        self.new_form.shown_changed.connect(current.set_shown)
        self.new_form.submitted.connect(self._on_change_passphrase_clicked)
        layout.addWidget(self.new_form)
        # Short, as a check box's text cannot wrap (the whole sentence was 1000 px at 32 pt);
        # under a new key, after a leak: its tooltip and the confirmation say so.
        self.rotate_key = QCheckBox("Also &re-encrypt the journal")
        self.rotate_key.setAccessibleName("Also re-encrypt the journal under a new key")
        self.rotate_key.setAccessibleDescription(ROTATE_HELP)
        self.rotate_key.setToolTip(ROTATE_HELP)
        layout.addWidget(self.rotate_key)  # why and when: its tooltip and the confirmation
        self.rotation_progress = QProgressBar()
        self.rotation_progress.setAccessibleName("Re-encryption progress")
        self.rotation_progress.setRange(0, len(ROTATION_STEPS))
        self.rotation_progress.hide()
        layout.addWidget(self.rotation_progress)
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
        if self.rotate_key.isChecked():
            self._rotate(current, new)
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

    def _rotate(self, current: str, new: str) -> None:
        if not confirm(
            self, "Re-encrypt the journal",
            f"{ROTATE_HELP}\n\nA verified backup of the journal as it is comes first. Then "
            "every page is rewritten under a new key, and old copies of the key file stop "
            "opening the "
            "journal. Your recovery key is replaced too: the new one is shown only once, so "
            "have paper and a pen ready.", "Re-encrypt",
        ):
            return
        relay = StepRelay()  # held by the work below until it is done
        relay.stepped.connect(self._on_rotation_stepped)
        self.rotation_progress.setValue(0)
        self.rotation_progress.show()
        # Seconds on a large journal: on the database thread, its steps shown as they come.
        (change(self._session, lambda journal: journal.rotate_key(current, new, relay.report),
                NOTHING)
         .busy(self.change_passphrase, "Re-encrypting…").telling(self.passphrase_message)
         .success(self._on_key_rotated).failure(self._on_rotation_failed).run())

    @Slot(str, int, int)
    def _on_rotation_stepped(self, what: str, step: int, steps: int) -> None:
        self.rotation_progress.setValue(step - 1)
        self.passphrase_message.setText(f"Step {step} of {steps}: {what}…")

    def _on_key_rotated(self, rotated: KeyRotated) -> None:
        self.forget_passphrases()
        self.rotate_key.setChecked(False)
        self.rotation_progress.setValue(len(ROTATION_STEPS))
        self.rotation_progress.hide()
        self.passphrase_message.setText(
            "The journal is re-encrypted under a new key with the new passphrase; old copies "
            f"of its key file no longer open it. The journal as it was is kept in "
            f"{rotated.backup}: it and older backups open with the old passphrase, so delete "
            "them if that passphrase may have leaked.")
        self._show_key_dialog(rotated.recovery_key)

    def _on_rotation_failed(self, error: BaseException) -> None:
        self.rotation_progress.hide()
        self._on_passphrase_failed(error)

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
        self._show_key_dialog(recovery_key)

    def _show_key_dialog(self, recovery_key: str) -> None:
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
