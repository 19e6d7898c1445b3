"""The Settings dialog: the General tab's preferences, and the tabs for keys and backups."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QSize, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reflectjournal.domain.spelling import LANGUAGE_CHOICES, LANGUAGE_LABELS
from reflectjournal.services.changes import SPELLING
from reflectjournal.ui.background.operations import change, query
from reflectjournal.ui.background.session import JournalSession
from reflectjournal.ui.look.theme import THEMES
from reflectjournal.ui.settings.backups_tab import BackupsTab, HealthTab
from reflectjournal.ui.settings.options import (
    CLIPBOARD_SECONDS,
    FONT_POINTS,
    LOCK_MINUTES,
    THEME,
    Option,
    Settings,
)
from reflectjournal.ui.settings.security_tab import SecurityTab
from reflectjournal.ui.settings.text_size_box import TextSizeBox
from reflectjournal.ui.widgets.page_parts import close_buttons, quiet_button
from reflectjournal.ui.widgets.wheel_guard import guard_wheel
from reflectjournal.ui.widgets.window_room import text_width

# In the order of THEMES, which says which themes exist; strict, so neither can drift.
THEME_LABELS = dict(zip(THEMES, ("Same as the system", "Light", "Dark"), strict=True))


def _scrolled(page: QWidget, name: str) -> QScrollArea:
    """Return page in a scroll area that keeps it as wide as the room, scrolling only down."""
    area = QScrollArea()
    area.setAccessibleName(f"{name} page")
    area.setWidget(page)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    # The tab's own background shows through, as it did without the scroll area.
    area.viewport().setAutoFillBackground(False)
    page.setAutoFillBackground(False)
    return area


def _spin(option: Option, name: str, suffix: str) -> QSpinBox:
    """Return a named number box over an option's declared range."""
    spin = QSpinBox()
    spin.setRange(option.low or 0, option.high or 0)
    spin.setSuffix(suffix)
    spin.setAccessibleName(name)
    # Apply typed values on Enter or focus change, not at every keystroke ("1" of "15").
    spin.setKeyboardTracking(False)
    return spin


class SettingsDialog(QDialog):
    """Preferences, passphrase and recovery key, backups and a health check.

    Preferences go to the INI whitelist in `Settings`; everything else is a service call on
    the database thread.
    """

    settings_changed = Signal()
    journal_restored = Signal()
    templates_requested = Signal()  # the window opens the template editor (ui/journal)

    def __init__(self, session: JournalSession, settings: Settings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._session = session
        self.setWindowTitle("Settings")
        self.security = SecurityTab(session)
        self.health = HealthTab(session)
        self.backups = BackupsTab(session, self.health)
        self.backups.journal_restored.connect(self.journal_restored)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Settings sections")
        self.tabs.tabBar().setAccessibleName("Settings sections")
        # Each page scrolls, so at the largest text the dialog fits its screen (1427x878 before).
        pages = ((self._build_general(), "&General"), (self.security, "Securit&y"),
                 (self.backups, "&Backups"), (self.health, "Journal &health"))
        # As wide as the widest page needs (as before the scroll areas), within the screen.
        needed = max(page.minimumSizeHint().width() for page, _ in pages) + 48
        for page, label in pages:
            self.tabs.addTab(_scrolled(page, label.replace("&", "")), label)
        buttons = close_buttons(self, "Close settings")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        # Room below the tallest page, so a message that appears later is not squeezed.
        # At large text, wide enough for the tab titles and lines of about 45 characters.
        wanted = QSize(max(560, needed, self.tabs.tabBar().sizeHint().width() + 24,
                           text_width(self, 45)), self.sizeHint().height() + 120)
        screen = (parent.screen() if parent is not None else self.screen()).availableSize()
        self.resize(wanted.boundedTo(screen))
        session.locked.connect(self._on_journal_locked)
        self.backups.load_status()
        guard_wheel(self)  # scrolling a page must not change its numbers and choices

    def _build_general(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        # A number box as wide as the dialog looks like a text field.
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        # A field goes under its label only when the two do not fit side by side (large text).
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.lock_minutes = _spin(LOCK_MINUTES, "Lock after this many idle minutes",
                                  " minutes")
        self.clipboard_seconds = _spin(CLIPBOARD_SECONDS,
                                       "Clear copied text after this many seconds", " seconds")
        self.theme = QComboBox()
        self.theme.setAccessibleName("Theme")
        self.theme.view().setAccessibleName("Themes")
        for value in THEME.choices:
            self.theme.addItem(THEME_LABELS[value], value)
        self.font_points = TextSizeBox()
        self.spelling = QComboBox()
        self.spelling.setAccessibleName("Spelling language of this journal")
        self.spelling.view().setAccessibleName("Spelling languages")
        for value in LANGUAGE_CHOICES:
            self.spelling.addItem(LANGUAGE_LABELS[value], value)
        self.spelling.setEnabled(False)  # until the journal's choice is read
        self._show_general()
        form.addRow("&Lock when idle for:", self.lock_minutes)
        form.addRow("&Clear copied text after:", self.clipboard_seconds)
        form.addRow("&Theme:", self.theme)
        form.addRow("Te&xt size:", self.font_points)  # Alt+T is Theme
        self._even = (self.lock_minutes, self.clipboard_seconds, self.theme, self.font_points)
        self._even_widths()
        note = QLabel("These preferences are kept on this computer outside the journal. "
                      "They never hold anything you write.")
        note.setWordWrap(True)
        form.addRow(note)
        # Templates live inside the encrypted journal, not with the preferences above.
        self.templates = quiet_button("Edit te&mplates…", "Edit templates",
                                      self.templates_requested.emit)
        self.templates.setToolTip("Each kind's prompts: hide, reorder, reword, add, export, "
                                  "import (kept inside the encrypted journal)")
        form.addRow("Prompts:", self.templates)
        form.addRow("&Spelling:", self.spelling)
        journal_note = QLabel("The spelling language and the words you add to your dictionary "
                              "are kept inside this journal, encrypted.")
        journal_note.setWordWrap(True)
        form.addRow(journal_note)
        self.spelling_message = QLabel()
        self.spelling_message.setWordWrap(True)
        form.addRow(self.spelling_message)
        (query(self._session, lambda j: j.spelling.choice())
         .success(self._show_spelling).telling(self.spelling_message).run())
        self.lock_minutes.valueChanged.connect(
            lambda value: self._apply(LOCK_MINUTES, value))
        self.clipboard_seconds.valueChanged.connect(
            lambda value: self._apply(CLIPBOARD_SECONDS, value))
        self.font_points.valueChanged.connect(lambda value: self._apply(FONT_POINTS, value))
        self.theme.currentIndexChanged.connect(
            lambda _index: self._apply(THEME, self.theme.currentData()))
        return page

    def _even_widths(self) -> None:
        """Give the first fields one width, so the column does not look ragged."""
        for field in self._even:
            field.setMinimumWidth(0)  # measured at the text size there is now
        width = max(field.sizeHint().width() for field in self._even)
        for field in self._even:
            field.setMinimumWidth(width + 8)

    def changeEvent(self, event: QEvent) -> None:
        """Measure the fields again in a new text size (the dialog stays open meanwhile)."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._even_widths()

    def _show_spelling(self, choice: str) -> None:
        self.spelling.setCurrentIndex(max(0, self.spelling.findData(choice)))
        self.spelling.setEnabled(True)
        # Connected once the stored choice shows, so showing it writes nothing back.
        self.spelling.currentIndexChanged.connect(self._on_spelling_changed)

    @Slot(int)
    def _on_spelling_changed(self, _index: int) -> None:
        choice = str(self.spelling.currentData())
        (change(self._session, lambda j: j.spelling.set_choice(choice), SPELLING)
         .telling(self.spelling_message).run())

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

    def done(self, result: int) -> None:
        """Commit a typed but unconfirmed number, forget passphrases, then close."""
        for spin in (self.lock_minutes, self.clipboard_seconds, self.font_points):
            spin.interpretText()
        self.security.forget_passphrases()
        self.security.passphrase_message.clear()
        super().done(result)

    @Slot()
    def _on_journal_locked(self) -> None:
        self.security.discard_key_dialog()
        self.reject()
