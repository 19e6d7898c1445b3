"""First run (choose a passphrase, keep the recovery key) and unlock (or recover).

Only the page shown first is built (and its modules imported) when the view is made; the
others are built the first time they are needed. Most starts show the unlock form, and
the window paints sooner without the rest (benchmarks/gui.py: process start to unlock).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from reflectjournal.ui.background.session import JournalSession, UnlockWaitError, user_message
from reflectjournal.ui.widgets.page_parts import (
    Page,
    busy_bar,
    button,
    heading,
    message_label,
    tab_order,
)
from reflectjournal.ui.widgets.passphrase_field import CapsLockWatcher, PassphraseField
from reflectjournal.ui.widgets.window_room import screen_room, text_width

if TYPE_CHECKING:
    from reflectjournal.ui.start.first_run_pages import DiskEncryptionPage, RecoveryKeyPage
    from reflectjournal.ui.start.recover_page import RecoverPage
    from reflectjournal.ui.start.unlock_problems import Problem
    from reflectjournal.ui.widgets.new_passphrase_form import NewPassphraseForm

WELCOME = (
    "<h2>Welcome to ReflectJournal</h2>"
    "<p>Your reflections are stored only on this computer, encrypted with a key that your "
    "passphrase unlocks. Nothing is ever sent over a network.</p>"
    "<p><b>Protected:</b> everything you write, if this laptop or a backup is lost or "
    "stolen.<br><b>Not protected:</b> someone using this computer while the journal is "
    "unlocked, or malicious software on it.</p>"
)
PAGE_WIDTH = 620
UNLOCK_WIDTH = 440  # one short column: the field, its warnings and any message line up


def _centered(page: QWidget, width: int, first_focus: QWidget) -> QScrollArea:
    """Return a scrolling holder that keeps a page at a readable width in the middle."""
    # The width in characters stays as at the usual size (about 6 px each): at the largest
    # text a 440 px column cut the heading and the buttons in half.
    page.setMaximumWidth(max(width, text_width(page, width // 6)))
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.addStretch()
    row.addWidget(page, stretch=1)
    row.addStretch()
    scroll = QScrollArea()
    # Not a stop for Tab (Qt skips a widget with a focus proxy); the wheel still scrolls.
    scroll.setFocusProxy(first_focus)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setWidget(holder)
    return scroll


def _side_by_side(first: QWidget, second: QWidget, width: int, *,
                  centred: bool = False) -> QBoxLayout:
    """Return a row of two widgets (first left, second right), or a column if they do not fit.

    At the largest text "Forgot your passphrase?" and its button were 964 px side by side.
    Decided once, from the screen: a wrapping layout here would use Qt's namespace before
    the first paint (tests/ui/test_start_up.py).
    """
    room = min(max(width, text_width(first, width // 6)), screen_room(None).width() - 40)
    if first.sizeHint().width() + second.sizeHint().width() + 12 > room:
        column = QVBoxLayout()
        column.addWidget(first)
        column.addWidget(second)
        return column
    row = QHBoxLayout()
    if centred:
        row.addStretch()
    row.addWidget(first)
    if not centred:
        row.addStretch()
    row.addWidget(second)
    if centred:
        row.addStretch()
    return row


class StartView(QStackedWidget):
    """Shows first-run set-up or the unlock form; emits `opened` once unlocked."""

    opened = Signal()

    def __init__(self, session: JournalSession) -> None:
        super().__init__()
        self._session = session
        self._caps = CapsLockWatcher(self)
        # Each built page's scrolling holder, and where the cursor goes when it is shown.
        self._holders: dict[QWidget, QScrollArea] = {}
        self._first_focus: dict[QWidget, QWidget] = {}
        self._setup_page: QWidget | None = None
        self._key_page: RecoveryKeyPage | None = None
        self._disk_page: DiskEncryptionPage | None = None
        self._recover_page: RecoverPage | None = None
        self._unlock_page = self._add(self._build_unlock(), self._passphrase, UNLOCK_WIDTH)
        self.show_start()

    def _add(self, page: QWidget, first_focus: QWidget, width: int = PAGE_WIDTH) -> QWidget:
        self._first_focus[page] = first_focus
        self._holders[page] = _centered(page, width, first_focus)
        self.addWidget(self._holders[page])
        return page

    @property
    def session(self) -> JournalSession:
        """Return the session this view opens."""
        return self._session

    @property
    def setup_form(self) -> NewPassphraseForm | None:
        """Return the first-run passphrase form, once it was built."""
        return self._setup_form if self._setup_page is not None else None

    @property
    def key_page(self) -> RecoveryKeyPage | None:
        """Return the page that shows a new recovery key once, once it was built."""
        return self._key_page

    @property
    def disk_page(self) -> DiskEncryptionPage | None:
        """Return the page about full-disk encryption, once it was built."""
        return self._disk_page

    @property
    def recover_page(self) -> RecoverPage | None:
        """Return the recovery page, once it was built."""
        return self._recover_page

    def set_hint(self, text: str) -> None:
        """Show a standing note above the unlock form (the demo journal's passphrase)."""
        self._hint.setText(text)

    def show_start(self) -> None:
        """Forget anything typed or shown, then show set-up for a new journal or unlock."""
        if self._setup_page is not None:
            self._setup_form.clear()
            self._setup_error.clear()
        if self._key_page is not None:
            self._key_page.clear()
        if self._recover_page is not None:
            self._recover_page.clear()
        self._passphrase.setText("")  # unlike clear(), setText drops the undo history
        self._show.setChecked(False)
        self._error.clear()
        self._next_step.clear()
        self._caps.reset()
        self._go(self._unlock_page if self._session.exists() else self._setup())

    def _go(self, page: QWidget) -> None:
        self.setCurrentWidget(self._holders[page])
        self._first_focus[page].setFocus()

    def _setup(self) -> QWidget:
        """Return the set-up page, building it the first time."""
        if self._setup_page is None:
            self._setup_page = self._add(self._build_setup(), self._new)
        return self._setup_page

    def _build_setup(self) -> QWidget:
        from PySide6.QtCore import Qt

        from reflectjournal.ui.widgets.new_passphrase_form import NewPassphraseForm

        page = Page()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(heading(WELCOME))
        layout.addSpacing(8)
        self._setup_form = NewPassphraseForm(self._caps)
        self._new = self._setup_form.new.edit
        self._repeat = self._setup_form.repeat.edit
        self._setup_form.submitted.connect(self._on_create_clicked)
        layout.addWidget(self._setup_form)
        self._setup_error = message_label("Set-up problem", bold=True)
        layout.addWidget(self._setup_error)
        layout.addSpacing(8)
        self._create = button("&Create journal", self._on_create_clicked)
        layout.addWidget(self._create, alignment=Qt.AlignmentFlag.AlignRight)
        self._setup_busy = busy_bar("Creating the journal")
        layout.addWidget(self._setup_busy, alignment=Qt.AlignmentFlag.AlignRight)
        layout.addStretch(3)
        form = self._setup_form
        tab_order(form.new.edit, form.repeat.edit, form.show_box, form.suggest, self._create)
        return page

    @Slot()
    def _on_create_clicked(self) -> None:
        passphrase = self._setup_form.chosen()
        if passphrase is None:
            return
        self._setup_error.clear()
        self._set_busy(True)
        self._session.create(passphrase, self._on_created, self._on_create_failed)

    def _on_created(self, recovery_key: str) -> None:
        self._set_busy(False)
        self._setup_form.clear()
        key_page = self._first_run_pages()
        key_page.show_key(recovery_key)
        self._go(key_page)

    def _first_run_pages(self) -> RecoveryKeyPage:
        """Build the recovery-key and disk-encryption pages if needed; return the first."""
        if self._key_page is None:
            from reflectjournal.ui.start.first_run_pages import DiskEncryptionPage, RecoveryKeyPage

            self._key_page = RecoveryKeyPage()
            self._key_page.kept.connect(self._on_key_kept)
            self._add(self._key_page, self._key_page.save_button)
            self._disk_page = DiskEncryptionPage()
            self._disk_page.entered.connect(self.opened)
            self._add(self._disk_page, self._disk_page.enter_button)
        return self._key_page

    def _on_create_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self._setup_error.setText(user_message(error))

    @Slot()
    def _on_key_kept(self) -> None:
        assert self._disk_page is not None  # built with the key page
        self._go(self._disk_page)

    def _build_unlock(self) -> QWidget:
        page = Page()
        layout = QVBoxLayout(page)
        layout.addStretch()
        # Centred by its markup, not by an alignment flag (see passphrase_field.py on Qt);
        # as wide as the page, so it wraps only where one line does not fit.
        title = QLabel('<h2 align="center">ReflectJournal is locked</h2>')
        title.setWordWrap(True)
        layout.addWidget(title)
        self._hint = message_label("Hint")
        self._hint.setObjectName("hint")
        layout.addWidget(self._hint)
        label = QLabel("&Passphrase:")
        field = PassphraseField("Passphrase", self._caps)
        self._passphrase = field.edit
        label.setBuddy(self._passphrase)
        self._passphrase.returnPressed.connect(self._on_unlock_clicked)
        self._show = QCheckBox("&Show passphrase")
        self._show.setAccessibleName("Show passphrase")
        self._show.toggled.connect(field.set_shown)
        self._unlock_button = button("&Unlock", self._on_unlock_clicked)
        self._unlock_button.setMinimumWidth(110)
        row = _side_by_side(self._show, self._unlock_button, UNLOCK_WIDTH)
        self._busy = busy_bar("Unlocking")
        self._busy.setMaximumWidth(UNLOCK_WIDTH)
        self._error = message_label("Unlock problem", bold=True)
        self._next_step = message_label("What to do next")
        self._wait = message_label("Wait before the next try", bold=True)
        self._wait_timer = QTimer(self)  # counts the wait down on screen
        self._wait_timer.setInterval(1000)
        self._wait_timer.timeout.connect(self._on_wait_tick)
        layout.addWidget(label)
        layout.addWidget(field)
        layout.addLayout(row)
        layout.addWidget(self._busy)
        layout.addSpacing(4)
        layout.addWidget(self._error)
        layout.addWidget(self._next_step)
        layout.addWidget(self._wait)
        layout.addSpacing(16)
        self._use_recovery = button("Use recovery &key…", self._on_use_recovery_clicked)
        self._use_recovery.setToolTip("Open the journal with the recovery key and choose a "
                                      "new passphrase")
        layout.addLayout(_side_by_side(QLabel("Forgot your passphrase?"), self._use_recovery,
                                       UNLOCK_WIDTH, centred=True))
        layout.addStretch()
        tab_order(self._passphrase, self._show, self._unlock_button, self._use_recovery)
        return page

    @Slot()
    def _on_unlock_clicked(self) -> None:
        from reflectjournal.ui.start.unlock_problems import Problem

        if not self._passphrase.text():
            self._show_unlock_problem(Problem("Type your passphrase."))
            return
        self._set_busy(True)
        self._session.unlock(self._passphrase.text(), self._on_unlocked, self._on_unlock_failed)

    @property
    def wait_text(self) -> str:
        """Return the countdown shown after wrong passphrases in a row ("" when none)."""
        return self._wait.text()

    @Slot()
    def _on_wait_tick(self) -> None:
        """Show how long until the next try is taken, by the session's clock."""
        remaining = self._session.backoff.remaining()
        if remaining <= 0:
            self._wait_timer.stop()
            self._wait.clear()
            return
        self._wait.setText(f"Too many wrong passphrases: wait {math.ceil(remaining)} s "
                           "before the next try.")
        if not self._wait_timer.isActive():
            self._wait_timer.start()

    def _on_unlocked(self, _: None) -> None:
        self._set_busy(False)
        self._wait_timer.stop()
        self._wait.clear()
        self._passphrase.clear()
        self._show.setChecked(False)
        self._error.clear()
        self._next_step.clear()
        self.opened.emit()

    def _on_unlock_failed(self, error: BaseException) -> None:
        from reflectjournal.ui.start.unlock_problems import unlock_problem

        self._set_busy(False)
        if isinstance(error, UnlockWaitError):  # the countdown says it; the last error stays
            self._passphrase.selectAll()
            self._passphrase.setFocus()
        else:
            self._show_unlock_problem(unlock_problem(error, self._session.folder))
        self._on_wait_tick()

    def _show_unlock_problem(self, problem: Problem) -> None:
        self._error.setText(problem.message)
        self._next_step.setText(problem.next_step)
        self._passphrase.selectAll()
        self._passphrase.setFocus()

    @Slot()
    def _on_use_recovery_clicked(self) -> None:
        self._passphrase.clear()
        self._error.clear()
        self._next_step.clear()
        self._go(self._recover())

    def _recover(self) -> RecoverPage:
        """Return the recovery page, building it the first time."""
        if self._recover_page is None:
            from reflectjournal.ui.start.recover_page import RecoverPage

            self._recover_page = RecoverPage(self._caps)
            self._recover_page.submitted.connect(self._on_recover_submitted)
            self._recover_page.back.connect(self._on_recover_back)
            self._add(self._recover_page, self._recover_page.key)
        return self._recover_page

    @Slot()
    def _on_recover_back(self) -> None:
        self._go(self._unlock_page)

    @Slot(str, str)
    def _on_recover_submitted(self, recovery_key: str, new_passphrase: str) -> None:
        self._set_busy(True)
        self._session.recover(recovery_key, new_passphrase, self._on_recovered,
                              self._on_recover_failed)

    def _on_recovered(self, _: None) -> None:
        self._set_busy(False)
        self._recover().clear()
        self.opened.emit()

    def _on_recover_failed(self, error: BaseException) -> None:
        from reflectjournal.ui.start.unlock_problems import unlock_problem

        self._set_busy(False)
        self._recover().show_problem(unlock_problem(error, self._session.folder))

    def _set_busy(self, busy: bool) -> None:
        """Block input and show progress while the key is derived on the database thread."""
        current = self.currentWidget()

        def shows(widget: QWidget) -> bool:
            return current is not None and current.isAncestorOf(widget)

        self._busy.setVisible(busy and shows(self._busy))
        for control in (self._unlock_button, self._passphrase, self._show, self._use_recovery):
            control.setEnabled(not busy)
        if self._setup_page is not None:
            self._setup_busy.setVisible(busy and shows(self._setup_busy))
            self._create.setEnabled(not busy)
            self._setup_form.set_enabled(not busy)
        if self._recover_page is not None:
            self._recover_page.set_busy(busy)
        if busy:
            from PySide6.QtCore import Qt

            QGuiApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        else:
            QGuiApplication.restoreOverrideCursor()
