"""First run (create a passphrase, keep the recovery key) and unlock."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from reflectjournal.domain.passphrase import passphrase_problem
from reflectjournal.ui.session import JournalSession, user_message

WELCOME = (
    "<h2>Welcome to ReflectJournal</h2>"
    "<p>Your reflections are stored only on this computer, encrypted with a key that your "
    "passphrase unlocks. Nothing is ever sent over a network.</p>"
    "<p><b>Protected:</b> everything you write, if this laptop or a backup is lost or "
    "stolen.<br><b>Not protected:</b> someone using this computer while the journal is "
    "unlocked, or malicious software on it. Turn on full-disk encryption and a screen "
    "lock.</p>"
)


def _centered(page: QWidget) -> QWidget:
    """Return a holder that keeps a form at a readable width in the middle."""
    page.setMaximumWidth(620)
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.addStretch()
    row.addWidget(page, stretch=1)
    row.addStretch()
    return holder


def _password_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name)
    field.setMinimumWidth(320)
    return field


class StartView(QStackedWidget):
    """Shows first-run set-up or the unlock form; emits `opened` once unlocked."""

    opened = Signal()

    def __init__(self, session: JournalSession) -> None:
        super().__init__()
        self._session = session
        self._setup = self._build_setup()
        self._recovery = self._build_recovery()
        self._unlock = self._build_unlock()
        for page in (self._setup, self._recovery, self._unlock):
            self.addWidget(_centered(page))
        self.show_start()

    def show_start(self) -> None:
        """Show set-up for a new journal, or the unlock form."""
        self._passphrase.clear()
        self._error.clear()
        page = self._unlock if self._session.exists() else self._setup
        self.setCurrentWidget(page.parentWidget())

    # --- first run -----------------------------------------------------------------------

    def _build_setup(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        intro = QLabel(WELCOME)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self._new = _password_field("New passphrase")
        self._repeat = _password_field("Repeat passphrase")
        form.addRow("&Passphrase:", self._new)
        form.addRow("&Repeat it:", self._repeat)
        layout.addLayout(form)
        self._setup_hint = QLabel("At least 12 characters or 4 words.")
        self._setup_hint.setAccessibleName("Passphrase feedback")
        self._setup_hint.setWordWrap(True)
        layout.addWidget(self._setup_hint)
        self._create = QPushButton("&Create journal")
        self._create.setAccessibleName("Create journal")
        self._create.clicked.connect(self._on_create_clicked)
        self._new.textChanged.connect(self._on_new_passphrase_changed)
        self._repeat.returnPressed.connect(self._on_create_clicked)
        layout.addWidget(self._create, alignment=Qt.AlignmentFlag.AlignRight)
        self._setup_busy = QProgressBar()
        self._setup_busy.setRange(0, 0)
        self._setup_busy.setAccessibleName("Working")
        self._setup_busy.hide()
        layout.addWidget(self._setup_busy)
        layout.addStretch()
        return page

    @Slot(str)
    def _on_new_passphrase_changed(self, text: str) -> None:
        problem = passphrase_problem(text) if text else None
        self._setup_hint.setText(problem or "At least 12 characters or 4 words.")

    @Slot()
    def _on_create_clicked(self) -> None:
        passphrase = self._new.text()
        problem = passphrase_problem(passphrase)
        if problem:
            self._setup_hint.setText(problem)
            return
        if passphrase != self._repeat.text():
            self._setup_hint.setText("The two passphrases differ.")
            return
        self._set_busy(True)
        self._session.create(passphrase, self._on_created, self._on_failed)

    def _on_created(self, recovery_key: str) -> None:
        self._set_busy(False)
        self._new.clear()
        self._repeat.clear()
        self._key_label.setText(recovery_key)
        self._recovery_key = recovery_key
        self.setCurrentWidget(self._recovery.parentWidget())

    # --- recovery key, shown once ----------------------------------------------------------

    def _build_recovery(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        text = QLabel(
            "<h2>Your recovery key</h2><p>If you forget your passphrase, this key is the only "
            "way back in. Write it down or print it and keep it away from this computer. It "
            "is shown only now. <b>If you lose both, nobody can open the journal, "
            "including you.</b></p>")
        text.setWordWrap(True)
        layout.addWidget(text)
        self._key_label = QLabel()
        self._key_label.setAccessibleName("Recovery key")
        self._key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self._key_label.font()
        font.setFamily("monospace")
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self._key_label.setFont(font)
        layout.addWidget(self._key_label)
        self._recovery_key = ""
        self._confirm = QLineEdit()
        self._confirm.setAccessibleName("Last group of the recovery key")
        form = QFormLayout()
        form.addRow("Type its &last group to show you kept it:", self._confirm)
        layout.addLayout(form)
        self._confirm_hint = QLabel("")
        layout.addWidget(self._confirm_hint)
        done = QPushButton("I have kept it: &open my journal")
        done.setAccessibleName("Open my journal")
        done.clicked.connect(self._on_recovery_confirmed)
        self._confirm.returnPressed.connect(self._on_recovery_confirmed)
        layout.addWidget(done, alignment=Qt.AlignmentFlag.AlignRight)
        layout.addStretch()
        return page

    @Slot()
    def _on_recovery_confirmed(self) -> None:
        expected = self._recovery_key.rsplit("-", 1)[-1]
        if self._confirm.text().strip().upper() != expected:
            self._confirm_hint.setText("That is not the last group of the key shown above.")
            return
        self._recovery_key = ""
        self._key_label.clear()
        self._confirm.clear()
        self.opened.emit()

    # --- unlock --------------------------------------------------------------------------

    def _build_unlock(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch()
        title = QLabel("<h2>ReflectJournal is locked</h2>")
        layout.addWidget(title, alignment=Qt.AlignmentFlag.AlignHCenter)
        self._passphrase = _password_field("Passphrase")
        self._passphrase.returnPressed.connect(self._on_unlock_clicked)
        layout.addWidget(self._passphrase, alignment=Qt.AlignmentFlag.AlignHCenter)
        self._show = QCheckBox("&Show passphrase")
        self._show.setAccessibleName("Show passphrase")
        self._show.toggled.connect(self._on_show_toggled)
        layout.addWidget(self._show, alignment=Qt.AlignmentFlag.AlignHCenter)
        self._unlock_button = QPushButton("&Unlock")
        self._unlock_button.setAccessibleName("Unlock")
        self._unlock_button.clicked.connect(self._on_unlock_clicked)
        layout.addWidget(self._unlock_button, alignment=Qt.AlignmentFlag.AlignHCenter)
        self._busy = QProgressBar()
        self._busy.setRange(0, 0)
        self._busy.setAccessibleName("Unlocking")
        self._busy.setMaximumWidth(320)
        self._busy.hide()
        layout.addWidget(self._busy, alignment=Qt.AlignmentFlag.AlignHCenter)
        self._error = QLabel()
        self._error.setAccessibleName("Unlock message")
        self._error.setWordWrap(True)
        self._error.setMaximumWidth(420)
        layout.addWidget(self._error, alignment=Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch()
        return page

    @Slot(bool)
    def _on_show_toggled(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self._passphrase.setEchoMode(mode)

    @Slot()
    def _on_unlock_clicked(self) -> None:
        if not self._passphrase.text():
            self._error.setText("Type your passphrase.")
            return
        self._set_busy(True)
        self._session.unlock(self._passphrase.text(), self._on_unlocked, self._on_failed)

    def _on_unlocked(self, _: None) -> None:
        self._set_busy(False)
        self._passphrase.clear()
        self._error.clear()
        self.opened.emit()

    def _on_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        message = user_message(error)
        if self._setup.isVisible():
            self._setup_hint.setText(message)
        else:
            self._error.setText(message)
            self._passphrase.selectAll()
            self._passphrase.setFocus()

    def _set_busy(self, busy: bool) -> None:
        for widget in (self._busy, self._setup_busy):
            widget.setVisible(busy)
        for control in (self._unlock_button, self._create, self._passphrase, self._new,
                        self._repeat):
            control.setEnabled(not busy)
        if busy:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        else:
            QGuiApplication.restoreOverrideCursor()
