"""The Settings dialog: preferences, passphrase and recovery key, backups, journal health.

Preferences go to the INI whitelist in `Settings`; everything else is a service call on
the database thread. Passphrases live only in the fields and the call that uses them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reflectjournal.domain.errors import WrongPassphraseError
from reflectjournal.services.journal import HealthReport, Journal
from reflectjournal.store.backup import SUFFIX, BackupInfo
from reflectjournal.ui.background.session import JournalSession, user_message
from reflectjournal.ui.settings.options import (
    CLIPBOARD_SECONDS,
    FONT_POINTS,
    LOCK_MINUTES,
    THEME,
    Option,
    Settings,
)
from reflectjournal.ui.widgets.new_passphrase_form import NewPassphraseForm
from reflectjournal.ui.widgets.page_parts import close_buttons, confirm, quiet_button
from reflectjournal.ui.widgets.passphrase_field import (
    CapsLockWatcher,
    MessageLabel,
    PassphraseField,
)
from reflectjournal.ui.widgets.wording import file_size, local_time

T = TypeVar("T")

THEME_LABELS = {"system": "Same as the system", "light": "Light", "dark": "Dark"}
NOT_CHECKED = "–"


def _action_with_message(layout: QVBoxLayout, text: str, name: str,
                         slot: Callable[[], object],
                         message_name: str) -> tuple[QPushButton, MessageLabel]:
    """Add a right-aligned button and, under it, the line that reports how it went."""
    button = quiet_button(text, name)
    button.clicked.connect(slot)
    message = MessageLabel(message_name)
    layout.addWidget(button, alignment=Qt.AlignmentFlag.AlignRight)
    layout.addWidget(message)
    return button, message


def _spin(option: Option, name: str, suffix: str) -> QSpinBox:
    """Return a named number box over an option's declared range."""
    spin = QSpinBox()
    spin.setRange(option.low or 0, option.high or 0)
    spin.setSuffix(suffix)
    spin.setAccessibleName(name)
    # Apply typed values on Enter or focus change, not at every keystroke ("1" of "15").
    spin.setKeyboardTracking(False)
    return spin


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


class SettingsDialog(QDialog):
    """Preferences, passphrase and recovery key, backups and a health check."""

    settings_changed = Signal()
    journal_restored = Signal()

    def __init__(self, session: JournalSession, settings: Settings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._settings = settings
        self._key_dialog: RecoveryKeyDialog | None = None
        self._backups_folder: Path | None = None
        self.setWindowTitle("Settings")
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Settings sections")
        self.tabs.tabBar().setAccessibleName("Settings sections")
        self.tabs.addTab(self._build_general(), "&General")
        self.tabs.addTab(self._build_security(), "Securit&y")
        self.tabs.addTab(self._build_backups(), "&Backups")
        self.tabs.addTab(self._build_health(), "Journal &health")
        buttons = close_buttons(self, "Close settings")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        # Room below the tallest page, so a message that appears later is not squeezed.
        self.resize(560, self.sizeHint().height() + 120)
        session.locked.connect(self._on_journal_locked)
        self._load_backup_status()

    def _run(self, button: QPushButton, busy_text: str, work: Callable[[Journal], T],
             done: Callable[[T], None], message: QLabel,
             on_error: Callable[[BaseException], None] | None = None) -> None:
        """Run work on the database thread with the button showing that it is busy."""
        idle_text = button.text()
        button.setEnabled(False)
        button.setText(busy_text)
        message.clear()

        def finish() -> None:
            button.setText(idle_text)
            button.setEnabled(True)

        def succeeded(result: T) -> None:
            finish()
            done(result)

        def failed(error: BaseException) -> None:
            finish()
            if on_error is None:
                message.setText(user_message(error))
            else:
                on_error(error)

        self._session.call(work, succeeded, failed)

    # --- general -------------------------------------------------------------------------

    def _build_general(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        # A number box as wide as the dialog looks like a text field.
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.lock_minutes = _spin(LOCK_MINUTES, "Lock after this many idle minutes",
                                  " minutes")
        self.clipboard_seconds = _spin(CLIPBOARD_SECONDS,
                                       "Clear copied text after this many seconds", " seconds")
        self.theme = QComboBox()
        self.theme.setAccessibleName("Theme")
        self.theme.view().setAccessibleName("Themes")
        for value in THEME.choices:
            self.theme.addItem(THEME_LABELS[value], value)
        self.font_points = _spin(FONT_POINTS, "Text size in points", " pt")
        self.font_points.setSpecialValueText("Same as the system")
        self._show_general()
        form.addRow("&Lock when idle for:", self.lock_minutes)
        form.addRow("&Clear copied text after:", self.clipboard_seconds)
        form.addRow("&Theme:", self.theme)
        form.addRow("Te&xt size:", self.font_points)  # Alt+T is Theme
        fields = (self.lock_minutes, self.clipboard_seconds, self.theme, self.font_points)
        width = max(field.sizeHint().width() for field in fields)
        for field in fields:  # one width, so the column does not look ragged
            field.setMinimumWidth(width + 8)
        note = QLabel("These preferences are kept on this computer outside the journal. "
                      "They never hold anything you write.")
        note.setWordWrap(True)
        form.addRow(note)
        self.lock_minutes.valueChanged.connect(
            lambda value: self._apply(LOCK_MINUTES, value))
        self.clipboard_seconds.valueChanged.connect(
            lambda value: self._apply(CLIPBOARD_SECONDS, value))
        self.font_points.valueChanged.connect(lambda value: self._apply(FONT_POINTS, value))
        self.theme.currentIndexChanged.connect(
            lambda _index: self._apply(THEME, self.theme.currentData()))
        return page

    def _show_general(self) -> None:
        self.lock_minutes.setValue(self._settings.get(LOCK_MINUTES))
        self.clipboard_seconds.setValue(self._settings.get(CLIPBOARD_SECONDS))
        self.font_points.setValue(self._settings.get(FONT_POINTS))
        self.theme.setCurrentIndex(max(0, self.theme.findData(self._settings.get(THEME))))

    def _apply(self, option: Option, value: Any) -> None:
        """Store one preference and tell the main window to re-apply them."""
        self._settings.set(option, value)
        self._settings.sync()
        self.settings_changed.emit()

    # --- security ------------------------------------------------------------------------

    def _build_security(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self._build_passphrase_box())
        layout.addWidget(self._build_recovery_box())
        layout.addStretch()
        return page

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
        self.change_passphrase, self.passphrase_message = _action_with_message(
            layout, "Ch&ange passphrase", "Change passphrase",
            self._on_change_passphrase_clicked, "Passphrase message")
        return box

    @staticmethod
    def _row(*widgets: QWidget) -> QWidget:
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in widgets:
            row.addWidget(widget)
        row.insertStretch(1)
        return holder

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
        self._run(self.change_passphrase, "Changing…",
                  lambda journal: journal.change_passphrase(current, new),
                  self._on_passphrase_changed, self.passphrase_message,
                  self._on_passphrase_failed)

    def _on_passphrase_changed(self, _: None) -> None:
        self._clear_passphrases()
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

    def _clear_passphrases(self) -> None:
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
        self.new_recovery_key, self.recovery_message = _action_with_message(
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
        self._run(self.new_recovery_key, "Making a key…", lambda j: j.new_recovery_key(),
                  self._show_recovery_key, self.recovery_message)

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

    # --- backups -------------------------------------------------------------------------

    def _build_backups(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        form = QFormLayout()
        self.last_backup = QLabel(NOT_CHECKED)
        self.last_backup.setAccessibleName("Last backup")
        self.backups_folder = QLabel(NOT_CHECKED)
        self.backups_folder.setAccessibleName("Backups folder")
        self.backups_folder.setWordWrap(True)
        self.backups_folder.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow("Last backup:", self.last_backup)
        form.addRow("Saved in:", self.backups_folder)
        layout.addLayout(form)
        note = QLabel("Backups are encrypted like the journal and open with the passphrase "
                      "that was current when they were made. Copy them to another drive "
                      "now and then.")
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addSpacing(6)
        self.back_up_now = quiet_button("Back up &now", "Back up now")
        self.restore = quiet_button("&Restore from a backup…", "Restore from a backup")
        layout.addWidget(self._row(self.back_up_now, self.restore))
        self.backup_message = MessageLabel("Backup message")
        layout.addWidget(self.backup_message)
        layout.addStretch()
        self.back_up_now.clicked.connect(self._on_back_up_now_clicked)
        self.restore.clicked.connect(self._on_restore_clicked)
        return page

    def _load_backup_status(self) -> None:
        def status(journal: Journal) -> tuple[dt.datetime | None, Path, dt.datetime | None]:
            return journal.last_backup(), journal.folder.backups, journal.last_check()
        self._session.call(status, self._show_backup_status,
                           lambda error: self.backup_message.setText(user_message(error)))

    def _show_backup_status(
        self, status: tuple[dt.datetime | None, Path, dt.datetime | None]
    ) -> None:
        when, self._backups_folder, checked = status
        self.last_backup.setText(local_time(when) if when else "No backup yet")
        self.health_values["checked"].setText(local_time(checked) if checked else "Never")
        self.backups_folder.setText(str(self._backups_folder))

    @Slot()
    def _on_back_up_now_clicked(self) -> None:
        self._run(self.back_up_now, "Backing up…", lambda j: j.backup(), self._on_backed_up,
                  self.backup_message)

    def _on_backed_up(self, path: Path) -> None:
        self.backup_message.setText(f"Backup saved and verified: {path.name}")
        self._load_backup_status()

    @Slot()
    def _on_restore_clicked(self) -> None:
        start = str(self._backups_folder or "")
        chosen, _filter = QFileDialog.getOpenFileName(
            self, "Restore from a backup", start, f"ReflectJournal backups (*{SUFFIX})")
        if not chosen:
            return
        source = Path(chosen)
        if not confirm(self, "Restore from a backup", self._restore_warning(source),
                        "Replace with the backup"):
            return
        self._run(self.restore, "Restoring…", lambda j: j.restore_from(source),
                  self._on_restored, self.backup_message)

    @staticmethod
    def _restore_warning(source: Path) -> str:
        return (
            f"The entries in the journal now will be replaced by the entries in "
            f"{source.name}. Anything written since that backup was made will no longer "
            f"be in the journal.\n\n"
            f"First the backup is checked, and a backup of the journal as it is now is "
            f"saved in the backups folder, so you can go back. Your passphrase and "
            f"recovery key stay as they are now.")

    def _on_restored(self, info: BackupInfo) -> None:
        entries = "1 entry" if info.entries == 1 else f"{info.entries} entries"
        self.backup_message.setText(
            f"Restored the backup of {local_time(info.created_at)} ({entries}). The "
            f"journal as it was before is saved in the backups folder.")
        self._load_backup_status()
        self.journal_restored.emit()

    # --- health --------------------------------------------------------------------------

    def _build_health(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        intro = QLabel("The check reads every page of the journal, verifies that none was "
                       "changed or damaged, and tests the search index.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addSpacing(6)
        form = QFormLayout()
        self.health_values: dict[str, QLabel] = {}
        for key, label in (("result", "Result"), ("checked", "Checked"),
                           ("last_backup", "Last backup"), ("entries", "Entries"),
                           ("size", "Database size"), ("schema", "Schema version"),
                           ("cipher", "SQLCipher version")):
            value = QLabel(NOT_CHECKED)
            value.setAccessibleName(label)
            value.setWordWrap(True)
            self.health_values[key] = value
            form.addRow(f"{label}:", value)
        self.health_values["result"].setText("Not checked yet")
        self._health_form = form
        layout.addLayout(form)
        self.check_now, self.health_message = _action_with_message(
            layout, "&Verify the journal now", "Verify the journal now",
            self._on_check_now_clicked, "Health check message")
        layout.addStretch()
        return page

    @Slot()
    def _on_check_now_clicked(self) -> None:
        self._run(self.check_now, "Checking…", lambda j: j.check(), self._show_health,
                  self.health_message)

    def _show_health(self, report: HealthReport) -> None:
        values = self.health_values
        values["result"].setText(
            "Healthy: every page and the search index check out." if report.ok else
            "Problems found: " + "; ".join(report.problems)
            + ". Restore a recent backup on the Backups tab.")
        values["checked"].setText(local_time(report.checked_at or dt.datetime.now(dt.UTC)))
        values["last_backup"].setText(
            local_time(report.last_backup) if report.last_backup else "No backup yet")
        values["entries"].setText(str(report.entries))
        values["size"].setText(file_size(report.database_bytes))
        values["schema"].setText(str(report.schema_version))
        values["cipher"].setText(report.cipher_version)
        for name, text in report.details.items():
            self._detail_label(name).setText(text)

    def _detail_label(self, name: str) -> QLabel:
        """Return the row for an extra detail of the report, adding it the first time."""
        key = f"detail:{name}"  # apart from the fixed rows' keys
        if key not in self.health_values:
            value = QLabel()
            value.setAccessibleName(name)
            value.setWordWrap(True)
            self.health_values[key] = value
            self._health_form.addRow(f"{name}:", value)
        return self.health_values[key]

    # --- closing and locking -------------------------------------------------------------

    def done(self, result: int) -> None:
        """Commit a typed but unconfirmed number, forget passphrases, then close."""
        for spin in (self.lock_minutes, self.clipboard_seconds, self.font_points):
            spin.interpretText()
        self._clear_passphrases()
        self.passphrase_message.clear()
        super().done(result)

    @Slot()
    def _on_journal_locked(self) -> None:
        if self._key_dialog is not None:
            self._key_dialog.discard()
        self.reject()
