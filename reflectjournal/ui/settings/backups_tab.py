"""The Backups and Journal health tabs: back up now, restore, and verify the journal."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QFileDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from reflectjournal.services.backups import SUFFIX, BackupStatus, Restored
from reflectjournal.services.changes import EVERYTHING, NOTHING
from reflectjournal.services.journal import HealthReport
from reflectjournal.ui.background.operations import change, query
from reflectjournal.ui.background.session import JournalSession, user_message
from reflectjournal.ui.settings.tab_parts import action_with_message
from reflectjournal.ui.widgets.button_flow import button_flow
from reflectjournal.ui.widgets.page_parts import confirm, quiet_button
from reflectjournal.ui.widgets.passphrase_field import MessageLabel
from reflectjournal.ui.widgets.wording import file_size, local_time

NOT_CHECKED = "–"


def _row(*widgets: QWidget) -> QWidget:
    # The first to the left, the rest to the right; on two lines where one is too narrow
    # (at the largest text the rows made the page 874 px wide).
    return button_flow(*widgets, align="split")


def _form() -> QFormLayout:
    form = QFormLayout()
    # A value goes under its label where the two do not fit side by side (large text).
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    return form


def _restore_warning(source: Path) -> str:
    return (
        f"The entries in the journal now will be replaced by the entries in "
        f"{source.name}. Anything written since that backup was made will no longer "
        f"be in the journal.\n\n"
        f"First the backup is checked, and a backup of the journal as it is now is "
        f"saved in the backups folder, so you can go back. Your passphrase and "
        f"recovery key stay as they are now.")


class HealthTab(QWidget):
    """Verify every page and the search index now; show what the check found."""

    def __init__(self, session: JournalSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        layout = QVBoxLayout(self)
        intro = QLabel("The check reads every page of the journal, verifies that none was "
                       "changed or damaged, and tests the search index.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addSpacing(6)
        form = _form()
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
        self._form = form
        layout.addLayout(form)
        self.check_now, self.health_message = action_with_message(
            layout, "&Verify the journal now", "Verify the journal now",
            self._on_check_now_clicked, "Health check message")
        layout.addStretch()

    def show_last_check(self, checked: dt.datetime | None) -> None:
        """Show when the journal was last verified."""
        self.health_values["checked"].setText(local_time(checked) if checked else "Never")

    @Slot()
    def _on_check_now_clicked(self) -> None:
        (query(self._session, lambda journal: journal.check())
         .busy(self.check_now, "Checking…").telling(self.health_message)
         .success(self._show_health).run())

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
            self._form.addRow(f"{name}:", value)
        return self.health_values[key]


class BackupsTab(QWidget):
    """The last backup and where backups go; back up now, or restore one."""

    journal_restored = Signal()

    def __init__(self, session: JournalSession, health: HealthTab,
                 parent: QWidget | None = None) -> None:
        """Prepare; health shows the last check, which comes with the backup status."""
        super().__init__(parent)
        self._session = session
        self._health = health
        self._backups_folder: Path | None = None
        layout = QVBoxLayout(self)
        form = _form()
        self.last_backup = QLabel(NOT_CHECKED)
        self.last_backup.setAccessibleName("Last backup")
        # A read-only line, not a label: a long path cannot wrap and set the page's width
        # (it scrolled sideways at the largest text); here it scrolls within, copied whole.
        self.backups_folder = QLineEdit(NOT_CHECKED)
        self.backups_folder.setAccessibleName("Backups folder")
        self.backups_folder.setReadOnly(True)
        self.backups_folder.setFrame(False)
        self.backups_folder.setMinimumWidth(self.fontMetrics().averageCharWidth() * 12)
        self.automatic = QLabel(NOT_CHECKED)
        self.automatic.setAccessibleName("Automatic backups")
        self.automatic.setWordWrap(True)
        form.addRow("Last verified backup:", self.last_backup)
        form.addRow("Saved in:", self.backups_folder)
        form.addRow("Automatic:", self.automatic)
        layout.addLayout(form)
        self.warning = MessageLabel("Backup warning")
        layout.addWidget(self.warning)
        self.choose_folder = quiet_button("Choose &folder…", "Choose a backups folder")
        self.own_folder = quiet_button("Use the &journal's folder",
                                       "Keep backups in the journal's folder")
        layout.addWidget(_row(self.choose_folder, self.own_folder))
        note = QLabel("Backups are encrypted like the journal and open with the passphrase "
                      "that was current when they were made. Keep them on another drive: "
                      "choose a folder there, or copy them now and then.")
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addSpacing(6)
        self.back_up_now = quiet_button("Back up &now", "Back up now")
        self.restore = quiet_button("&Restore from a backup…", "Restore from a backup")
        layout.addWidget(_row(self.back_up_now, self.restore))
        self.backup_message = MessageLabel("Backup message")
        layout.addWidget(self.backup_message)
        layout.addStretch()
        self.back_up_now.clicked.connect(self._on_back_up_now_clicked)
        self.restore.clicked.connect(self._on_restore_clicked)
        self.choose_folder.clicked.connect(self._on_choose_folder_clicked)
        self.own_folder.clicked.connect(lambda: self.use_folder(None))

    def load_status(self) -> None:
        """Read when the journal was last backed up and checked, and where backups go."""
        # Not telling(): that would clear the message a backup or restore just left.
        (query(self._session, lambda journal: journal.backups.status())
         .success(self._show_status)
         .failure(lambda error: self.backup_message.setText(user_message(error))).run())

    def _show_status(self, status: BackupStatus) -> None:
        self._backups_folder = status.folder.path
        when = status.last_backup
        name = f" ({Path(status.last_file).name})" if status.last_file else ""
        self.last_backup.setText(f"{local_time(when)}{name}" if when else "No backup yet")
        self._health.show_last_check(status.last_check)
        self.backups_folder.setText(str(status.folder.path))
        self.backups_folder.setToolTip(str(status.folder.path))  # whole, where it scrolls
        self.automatic.setText(f"When the journal is unlocked, once a day. Kept: "
                               f"{status.keeps}, and every backup of the last day.")
        self.warning.setText("\n".join(status.warnings))
        self.own_folder.setEnabled(status.folder.chosen is not None)

    @Slot()
    def _on_choose_folder_clicked(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, "Choose a folder for backups", str(self._backups_folder or ""))
        if chosen:
            self.use_folder(Path(chosen))

    def use_folder(self, folder: Path | None) -> None:
        """Keep backups in folder from now on (None: the journal's own folder)."""
        (change(self._session, lambda journal: journal.backups.choose_folder(folder), NOTHING)
         .telling(self.backup_message).success(self._on_folder_chosen).run())

    def _on_folder_chosen(self, where: Path) -> None:
        self.backup_message.setText(f"Backups are saved in {where} from now on.")
        self.load_status()

    @Slot()
    def _on_back_up_now_clicked(self) -> None:
        # A backup changes no entry, tag or list any view shows.
        (change(self._session, lambda journal: journal.backup(), NOTHING)
         .busy(self.back_up_now, "Backing up…").telling(self.backup_message)
         .success(self._on_backed_up).run())

    def _on_backed_up(self, path: Path) -> None:
        self.backup_message.setText(f"Backup saved and verified: {path.name}")
        self.load_status()

    @Slot()
    def _on_restore_clicked(self) -> None:
        start = str(self._backups_folder or "")
        chosen, _filter = QFileDialog.getOpenFileName(
            self, "Restore from a backup", start, f"ReflectJournal backups (*{SUFFIX})")
        if not chosen:
            return
        source = Path(chosen)
        if not confirm(self, "Restore from a backup", _restore_warning(source),
                       "Replace with the backup"):
            return
        (change(self._session, lambda journal: journal.restore_from(source), EVERYTHING)
         .busy(self.restore, "Restoring…").telling(self.backup_message)
         .success(self._on_restored).run())

    def _on_restored(self, restored: Restored) -> None:
        info = restored.info
        entries = "1 entry" if info.entries == 1 else f"{info.entries} entries"
        kept = (f"The damaged journal's files are kept in {restored.kept}."
                if restored.damaged else
                "The journal as it was before is saved in the backups folder.")
        self.backup_message.setText(
            f"Restored the backup of {local_time(info.created_at)} ({entries}). {kept}")
        self.load_status()
        self.journal_restored.emit()
