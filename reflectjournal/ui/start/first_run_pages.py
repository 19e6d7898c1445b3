"""First-run pages after the journal exists: keep the recovery key, encrypt the disk."""

from __future__ import annotations

import datetime as dt
import sys

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout

from reflectjournal.domain.errors import JournalError
from reflectjournal.ui.start import recovery_key_export as export
from reflectjournal.ui.widgets.button_flow import button_flow
from reflectjournal.ui.widgets.page_parts import Page, buddy_label, button, heading, message_label
from reflectjournal.ui.widgets.window_room import break_groups, screen_room, text_width

KEY_INTRO = (
    "<h2>Your recovery key</h2><p>If you forget your passphrase, this key is the only way "
    "back in. Save or print it, or write it down, and keep it away from this computer. It "
    "is shown only now. <b>If you lose both, nobody can open the journal, including "
    "you.</b></p>"
)
# Where each system keeps its switch; the user's own system is listed first.
_DISK_ENCRYPTION = {
    "win32": "<b>Windows:</b> BitLocker, or Device encryption (Settings › Privacy &amp; "
             "security).",
    "darwin": "<b>macOS:</b> FileVault (System Settings › Privacy &amp; Security).",
    "linux": "<b>Linux:</b> LUKS, usually chosen when the system is installed; ask whoever "
             "set up the computer if you are not sure.",
}


def disk_encryption_text(platform: str = sys.platform) -> str:
    """Return the note on full-disk encryption, the given platform's advice first."""
    systems = sorted(_DISK_ENCRYPTION, key=lambda name: not platform.startswith(name))
    items = "".join(f"<li>{_DISK_ENCRYPTION[name]}</li>" for name in systems)
    return (
        "<h2>One more step: encrypt this computer’s disk</h2>"
        "<p>ReflectJournal encrypts your journal, but not other traces of your work: "
        "documents you export or print, and files your system keeps. Full-disk "
        "encryption protects them too if the computer is lost or stolen. If it is not on "
        f"yet, turn it on:</p><ul>{items}</ul>"
        "<p>Also set the screen to lock after a few minutes away.</p>"
    )


class RecoveryKeyPage(Page):
    """Shows the recovery key once, offers to save or print it, and checks it was kept."""

    kept = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._key = ""
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(heading(KEY_INTRO))
        self.key_label = QLabel()
        self.key_label.setAccessibleName("Recovery key")
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setFrameShape(QLabel.Shape.StyledPanel)
        self.key_label.setMargin(12)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(self.key_label.font().pointSizeF() * 1.4)
        self.key_label.setFont(font)
        layout.addWidget(self.key_label)

        buttons = QHBoxLayout()
        self.save_button = button("&Save to file…", self._on_save_clicked)
        self.save_button.setToolTip("A small text file holding the key and what to do with it")
        self.print_button = button("&Print…", self._on_print_clicked)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.print_button)
        buttons.addStretch()
        layout.addLayout(buttons)
        self.export_message = message_label("Saving or printing")
        layout.addWidget(self.export_message)
        layout.addSpacing(12)

        self.confirm = QLineEdit()
        self.confirm.setAccessibleName("Last group of the recovery key")
        self.confirm.setMaxLength(9)
        self.confirm.setFixedWidth(max(110, text_width(self.confirm, 8)))  # a group, at any size
        self.confirm.returnPressed.connect(self._on_confirmed)
        confirm_label = buddy_label("To show you kept it, type its &last group:", self.confirm)
        # The sentence wraps and the row goes onto more lines where one is too narrow (at
        # the largest text the row was 1,194 px).
        confirm_label.setWordWrap(True)
        self.done_button = button("&Continue", self._on_confirmed)
        layout.addWidget(button_flow(confirm_label, self.confirm, self.done_button,
                                     align="split", left=2))
        self.confirm_hint = message_label("Recovery key check")
        layout.addWidget(self.confirm_hint)
        layout.addStretch(3)

    def show_key(self, key: str) -> None:
        """Show a newly issued key."""
        self.clear()
        self._key = key
        # Broken between its groups where one line is wider than the screen (at the
        # largest text it was 1,466 px); the page's margins and frame take about 100 px.
        room = screen_room(self).width() - 100
        self.key_label.setText(break_groups(key, self.key_label.fontMetrics(), room))

    def clear(self) -> None:
        """Forget the key and everything typed."""
        self._key = ""
        for widget in (self.key_label, self.confirm, self.confirm_hint, self.export_message):
            widget.clear()

    @Slot()
    def _on_save_clicked(self) -> None:
        path = export.ask_save_path(self)
        if path is None:
            return
        try:
            export.save_recovery_key(path, self._key, dt.date.today())
        except JournalError as error:
            self.export_message.setText(f"The key was not saved: {error}")
            return
        except OSError as error:
            self.export_message.setText(f"The key was not saved: {error.strerror or error}")
            return
        self.export_message.setText(f"Saved to {path}. If that is on this computer, move it "
                                    "somewhere safe away from it.")

    @Slot()
    def _on_print_clicked(self) -> None:
        printer = export.ask_printer(self)
        if printer is None:
            return
        export.print_recovery_key(printer, self._key, dt.date.today())
        self.export_message.setText("Sent to the printer. Keep the page away from this "
                                    "computer.")

    @Slot()
    def _on_confirmed(self) -> None:
        expected = self._key.rsplit("-", 1)[-1]
        if self.confirm.text().strip().upper() != expected:
            self.confirm_hint.setText("That is not the last group of the key shown above.")
            self.confirm.selectAll()
            self.confirm.setFocus()
            return
        self.clear()
        self.kept.emit()


class DiskEncryptionPage(Page):
    """Asks the user to turn on full-disk encryption before entering the journal."""

    entered = Signal()

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(heading(disk_encryption_text()))
        self.enter_button = button("&Open my journal", self.entered)
        layout.addWidget(self.enter_button, alignment=Qt.AlignmentFlag.AlignRight)
        layout.addStretch(3)
