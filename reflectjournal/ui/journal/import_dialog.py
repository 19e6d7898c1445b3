"""Import from another app: choose the kind and the file or folder, see the preview, import.

The dialog holds no rule of its own: reading, the preview and the import are the service's
(services/foreign_import.py; services/hours_import.py for a spreadsheet of past hours), each
run on the database thread; the preview's sentences are the same the command line prints
(domain/foreign/entries.py, domain/endorsement/backlog_entries.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from reflectjournal.domain.endorsement import backlog_entries
from reflectjournal.domain.endorsement.backlog_cells import DateOrder
from reflectjournal.domain.endorsement.backlog_entries import HoursPreview
from reflectjournal.domain.foreign.entries import ImportPreview, preview_lines
from reflectjournal.domain.foreign.model import SOURCE_KINDS, SOURCE_LABELS, SourceKind
from reflectjournal.services.changes import ENTRIES, PROVIDERS, TAGS
from reflectjournal.ui.background.operations import change, query
from reflectjournal.ui.widgets.page_parts import (
    buddy_label,
    close_buttons,
    plain_reader,
    quiet_button,
    scrolling,
    tab_order,
)
from reflectjournal.ui.widgets.passphrase_field import MessageLabel
from reflectjournal.ui.widgets.window_room import fit_window, text_height, text_width

if TYPE_CHECKING:
    from reflectjournal.services.exchange import ImportResult
    from reflectjournal.services.journal import Journal
    from reflectjournal.ui.background.session import JournalSession

_CHOOSE_HINT = {
    "jrnl": "The journal file jrnl writes (its 'journal' setting), or the file "
            "`jrnl --export json > journal.json` wrote. An encrypted jrnl journal must be "
            "exported first.",
    "dayone": "The .zip Day One writes with File > Export > JSON. Its text, tags and stars "
              "are imported; photos and other attachments are not.",
    "markdown": "A folder of .md notes, such as an Obsidian vault. Dates, titles and tags "
                "come from each note's front matter; a note without a date gets its file's.",
    "word": "A .docx or .odt file, or a folder of them (Google Docs: File > Download > "
            "Microsoft Word). A document whose entries start with a date becomes one entry "
            "per date; any other document is one entry.",
    "csv": "Past trainings and RSC sessions, saved as CSV. Each row becomes an entry marked "
           "'entered later' (columns: docs/import-hours-csv.md).",
}
# The spreadsheet of past hours is not another app's journal: it has its own reader, and
# its rows become supervision and training entries, not reflections.
_CSV = "csv"
_SOURCES: tuple[tuple[str, str], ...] = (
    *((k, SOURCE_LABELS[k]) for k in SOURCE_KINDS),
    (_CSV, "Spreadsheet of past trainings and RSC (CSV)"))
_DATE_ORDERS: tuple[tuple[DateOrder, str], ...] = (
    ("auto", "Dates: as the file shows"),
    ("month-first", "Dates month first (3/4 is March 4)"),
    ("day-first", "Dates day first (3/4 is 3 April)"))


_FILE_PATTERNS = {
    "jrnl": "jrnl journal or export (*.txt *.json *.jrnl);;All files (*)",
    "dayone": "Day One export (*.zip);;All files (*)",
    "word": "Documents (*.docx *.odt);;All files (*)",
    "csv": "Spreadsheets saved as CSV (*.csv *.tsv *.txt);;All files (*)",
}


class ImportDialog(QDialog):
    """Another app's entries: previewed first, then imported in one go."""

    imported = Signal(object)  # the ImportResult

    def __init__(self, session: JournalSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._preview: ImportPreview | HoursPreview | None = None
        self.setWindowTitle("Import from another app")
        self.source = QComboBox()
        self.source.setAccessibleName("App to import from")
        for kind, label in _SOURCES:
            self.source.addItem(label, kind)
        self.source.currentIndexChanged.connect(self._on_source_changed)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.path = QLineEdit()
        self.path.setAccessibleName("File or folder to import")
        self.path.textChanged.connect(self._on_path_changed)
        self.date_order = QComboBox()
        self.date_order.setAccessibleName("How to read dates like 03/04/2024")
        for order, label in _DATE_ORDERS:
            self.date_order.addItem(label, order)
        self.date_order.currentIndexChanged.connect(self._on_path_changed)
        # Long item texts must not widen the dialog past a 1024-pixel screen at the largest
        # text size: the combo boxes shrink to what the window leaves them.
        for combo in (self.source, self.date_order):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(16)
        self.choose = quiet_button("&Choose…", "Choose file or folder", self.choose_path)
        # Word documents come as one file or a folder of them: a second button for the folder.
        self.choose_folder = quiet_button("Choose f&older…", "Choose a folder of documents",
                                          self.choose_documents_folder)
        self.show_preview = quiet_button("&Preview", "Preview the import", self.preview)
        self.preview_text = plain_reader("Import preview")
        self.preview_text.setPlaceholderText(
            "Choose a file or folder, then Preview: nothing is imported before you say so.")
        self.message = MessageLabel("Import message")
        self.run_import = quiet_button("&Import", "Import the entries", self.import_entries)
        self.run_import.setEnabled(False)
        self.buttons = close_buttons(self, "Close import")
        self.buttons.addButton(self.run_import, self.buttons.ButtonRole.AcceptRole)

        # Labels above their fields and the buttons on a row of their own: at the largest
        # text size a side-by-side form would not fit a 1024-pixel screen.
        app_label = buddy_label("&App:", self.source)
        path_label = buddy_label("&File or folder:", self.path)
        actions = QHBoxLayout()
        actions.addWidget(self.choose)
        actions.addWidget(self.choose_folder)
        actions.addWidget(self.show_preview)
        actions.addStretch(1)
        # All but the buttons scroll: at the largest text the hint alone takes five lines,
        # and the preview was squeezed to one (the hint cut in half) in a 700-pixel screen.
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        for widget in (app_label, self.source, self.hint, path_label, self.path,
                       self.date_order):
            column.addWidget(widget)
        column.addLayout(actions)
        preview_label = QLabel("What will be imported:")
        column.addWidget(preview_label)
        # A few lines of the preview at least, whatever the text size; the rest is its own.
        self.preview_text.setMinimumHeight(text_height(self, 6))
        column.addWidget(self.preview_text, 1)
        column.addWidget(self.message)
        layout = QVBoxLayout(self)
        self.choices = scrolling(page, "Import choices")
        layout.addWidget(self.choices)
        layout.addWidget(self.buttons)
        tab_order(self.source, self.path, self.date_order, self.choose, self.choose_folder,
                  self.show_preview, self.preview_text, self.run_import)
        fit_window(self, parent, max(760, text_width(self, 50)), 520)
        self._on_source_changed()
        session.locked.connect(self.reject)

    @classmethod
    def open_for(cls, parent: QWidget | None, session: JournalSession) -> ImportDialog:
        """Show the dialog window-modal over parent."""
        dialog = cls(session, parent)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def kind(self) -> SourceKind | str:
        """Return the chosen app ("csv": a spreadsheet of past hours)."""
        kind: str = self.source.currentData()
        return kind

    @Slot()
    def _on_source_changed(self) -> None:
        self.hint.setText(_CHOOSE_HINT[self.kind()])
        self.choose_folder.setVisible(self.kind() == "word")
        self.date_order.setVisible(self.kind() == _CSV)
        self._forget_preview()

    @Slot()
    def _on_path_changed(self, _changed: object = None) -> None:
        self._forget_preview()

    def _forget_preview(self) -> None:
        self._preview = None
        self.preview_text.clear()
        self.run_import.setEnabled(False)
        self.run_import.setText("&Import")
        self.run_import.setAccessibleName("Import the entries")
        self.show_preview.setEnabled(bool(self.path.text().strip()))

    def choose_path(self) -> None:
        """Ask for the file (jrnl, Day One, a document) or folder (Markdown)."""
        start = self.path.text().strip() or str(Path.home())
        kind = self.kind()
        if kind == "markdown":
            chosen = QFileDialog.getExistingDirectory(self, "Choose the notes folder", start)
        else:
            chosen, _filter = QFileDialog.getOpenFileName(
                self, "Choose the file to import", start, _FILE_PATTERNS[kind])
        if chosen:
            self.path.setText(chosen)
            self.preview()

    def choose_documents_folder(self) -> None:
        """Ask for a folder of Word or OpenDocument files."""
        start = self.path.text().strip() or str(Path.home())
        chosen = QFileDialog.getExistingDirectory(self, "Choose the documents folder", start)
        if chosen:
            self.path.setText(chosen)
            self.preview()

    def preview(self) -> None:
        """Read and parse the source on the database thread, and show what would happen."""
        text = self.path.text().strip()
        if not text or not self._session.is_open:
            return
        kind, path = self.kind(), Path(text).expanduser()
        order: DateOrder = self.date_order.currentData()
        self._forget_preview()

        def show(preview: ImportPreview | HoursPreview) -> None:
            # A choice changed while the source was being read: that preview is not this one.
            if (self.kind(), self.path.text().strip(),
                    self.date_order.currentData()) == (kind, text, order):
                self._show_preview(preview)

        def read(j: Journal) -> ImportPreview | HoursPreview:
            if kind == _CSV:
                return j.hours_import.preview(path, order)
            return j.foreign_import.preview(cast("SourceKind", kind), path)
        (query(self._session, read)
         .success(show)
         .busy(self.show_preview, "Reading…")
         .telling(self.message).run())

    def _show_preview(self, preview: ImportPreview | HoursPreview) -> None:
        self._preview = preview
        lines = (backlog_entries.preview_lines(preview) if isinstance(preview, HoursPreview)
                 else preview_lines(preview))
        self.preview_text.setPlainText("\n".join(lines))
        # At the largest text the preview is below the choices: bring it into sight.
        self.choices.ensureWidgetVisible(self.preview_text)
        self.run_import.setEnabled(preview.new > 0)
        count = f"{preview.new:,} {'entry' if preview.new == 1 else 'entries'}"
        self.run_import.setText(f"&Import {count}" if preview.new else "Nothing new")
        self.run_import.setAccessibleName(f"Import {count}")

    def import_entries(self) -> None:
        """Import what the preview showed, in one transaction on the database thread."""
        preview = self._preview
        if preview is None or not self._session.is_open:
            return
        results: list[ImportResult] = []
        if isinstance(preview, HoursPreview):
            hours = preview.file

            def write(j: Journal) -> ImportResult:
                return j.hours_import.import_file(hours)
            changed = ENTRIES | PROVIDERS
        else:
            journal = preview.journal

            def write(j: Journal) -> ImportResult:
                return j.foreign_import.import_journal(journal)
            changed = ENTRIES | TAGS
        # Told after the views have refreshed, so what the window says about it stays.
        (change(self._session, write, changed)
         .success(results.append)
         .afterwards(lambda: self._on_imported(results[0]))
         .busy(self.run_import, "Importing…")
         .telling(self.message).run())

    def _on_imported(self, result: ImportResult) -> None:
        self.accept()
        self.imported.emit(result)

    def done(self, result: int) -> None:
        """Close, leaving nothing read from the source behind in the dialog."""
        self._preview = None
        self.preview_text.clear()
        super().done(result)
