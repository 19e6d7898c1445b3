"""Opening the journal with the recovery key and choosing a new passphrase."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout

from reflectjournal.ui.start.unlock_problems import Problem
from reflectjournal.ui.widgets.new_passphrase_form import NewPassphraseForm
from reflectjournal.ui.widgets.page_parts import (
    Page,
    buddy_label,
    busy_bar,
    button,
    heading,
    message_label,
    tab_order,
)
from reflectjournal.ui.widgets.passphrase_field import FIELD_WIDTH, CapsLockWatcher, set_shown

INTRO = (
    "<h2>Open with your recovery key</h2><p>Type the recovery key you saved or printed "
    "when you created the journal, then choose a new passphrase. The old passphrase will "
    "stop working; the recovery key stays the same.</p>"
)


class RecoverPage(Page):
    """Asks for the recovery key and a new passphrase; Esc or Back returns to unlock."""

    submitted = Signal(str, str)  # recovery key, new passphrase
    back = Signal()

    def __init__(self, caps: CapsLockWatcher) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(heading(INTRO))
        self.key = QLineEdit()
        self.key.setAccessibleName("Recovery key")
        set_shown(self.key, False)
        self.key.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.key.setMinimumWidth(FIELD_WIDTH)
        self.form = NewPassphraseForm(caps, "&Show what I type")
        key_label = buddy_label("&Recovery key:", self.key)
        self.form.insert_first_row(key_label, self.key)
        layout.addWidget(self.form)
        self.error = message_label("Recovery problem", bold=True)
        self.next_step = message_label("What to do next")
        layout.addWidget(self.error)
        layout.addWidget(self.next_step)
        buttons = QHBoxLayout()
        self.back_button = button("&Back", self._on_back)
        self.back_button.setToolTip("Back to the passphrase (Esc)")
        self.open_button = button("&Open journal", self._on_open_clicked)
        buttons.addWidget(self.back_button)
        buttons.addStretch()
        buttons.addWidget(self.open_button)
        layout.addLayout(buttons)
        self.busy = busy_bar("Opening with the recovery key")
        layout.addWidget(self.busy, alignment=Qt.AlignmentFlag.AlignRight)
        layout.addStretch(3)

        self.key.returnPressed.connect(self.form.new.edit.setFocus)
        self.form.shown_changed.connect(self._on_shown_changed)
        self.form.submitted.connect(self._on_open_clicked)
        self.escaped.connect(self._on_back)
        tab_order(self.key, self.form.new.edit, self.form.repeat.edit, self.form.show_box,
                  self.form.suggest, self.open_button, self.back_button)

    def clear(self) -> None:
        """Forget everything typed and shown."""
        self.key.setText("")  # unlike clear(), setText drops the undo history
        self.form.clear()
        self.error.clear()
        self.next_step.clear()

    def set_busy(self, busy: bool) -> None:
        """Block input while the key is being checked."""
        self.busy.setVisible(busy)
        for control in (self.key, self.open_button, self.back_button):
            control.setEnabled(not busy)
        self.form.set_enabled(not busy)

    def show_problem(self, problem: Problem) -> None:
        """Say what went wrong and what to do; put the cursor back in the key."""
        self.error.setText(problem.message)
        self.next_step.setText(problem.next_step)
        self.key.selectAll()
        self.key.setFocus()

    @Slot(bool)
    def _on_shown_changed(self, shown: bool) -> None:
        set_shown(self.key, shown)

    @Slot()
    def _on_back(self) -> None:
        if self.busy.isVisibleTo(self):
            return  # the key is being checked; the outcome decides the page
        self.clear()
        self.back.emit()

    @Slot()
    def _on_open_clicked(self) -> None:
        key = self.key.text().strip()
        if not key:
            self.show_problem(Problem("Type your recovery key."))
            return
        passphrase = self.form.chosen()
        if passphrase is None:
            return
        self.error.clear()
        self.next_step.clear()
        self.submitted.emit(key, passphrase)
