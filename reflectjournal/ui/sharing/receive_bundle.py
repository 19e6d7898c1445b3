"""Opening a bundle someone sent: entries from a supervisee, or a supervisor's reply.

The service checks everything and writes nothing on any failure; this module only picks
the file, asks for the words of a passphrase-locked bundle, and says what happened.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMimeData, Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from reflectjournal.domain.errors import WrongBundlePassphraseError
from reflectjournal.services.changes import ENTRIES, RECEIVED
from reflectjournal.services.sharing import BUNDLE_SUFFIX, PassphraseNeededError, ReceiveResult
from reflectjournal.ui.background.operations import change
from reflectjournal.ui.background.session import JournalSession, user_message
from reflectjournal.ui.widgets.page_parts import buddy_label
from reflectjournal.ui.widgets.passphrase_field import (
    CapsLockWatcher,
    MessageLabel,
    PassphraseField,
)
from reflectjournal.ui.widgets.window_room import fit_window, text_width
from reflectjournal.ui.widgets.wording import count_words

BUNDLE_FILTER = f"ReflectJournal bundles (*{BUNDLE_SUFFIX})"
TITLE = "Open a bundle"


def bundle_paths_from_mime(mime: QMimeData) -> list[Path]:
    """Return the local bundle files among dropped data (other files and URLs ignored)."""
    if not mime.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [p for p in paths if p.suffix.lower() == BUNDLE_SUFFIX]


def result_text(result: ReceiveResult) -> str:
    """Return one plain sentence (or two) saying what opening a bundle did."""
    if result.already_filed:
        return "You already opened this bundle; nothing changed."
    # Verified means signed by a contact whose pairing code was compared, whichever way
    # the bundle was locked.
    trust = "verified" if result.verified else "not verified"
    if result.kind == "entries":
        what = count_words(result.entries, "entry", "entries")
    else:
        parts = [count_words(result.comments, "comment", "comments")]
        if result.sessions:
            parts.append(
                count_words(
                    result.sessions,
                    "confirmed supervision session",
                    "confirmed supervision sessions",
                )
            )
        if result.attached:
            parts.append(count_words(result.attached, "confirmation attached to a session you "
                                     "logged", "confirmations attached to sessions you logged"))
        what = " and ".join(parts)
    if not result.verified and result.not_verified_because:
        trust = f"not verified: {result.not_verified_because}"
    text = f"Filed {what} from {result.sender} ({trust})."
    if result.unverified:
        text += " " + count_words(
            result.unverified, "session was kept as an unverified claim",
            "sessions were kept as unverified claims") + (
            ": they count for nothing and made no entry. See Supervision > Unverified claims.")
    if result.held:
        text += " " + count_words(
            result.held, "session looks implausible and is held",
            "sessions look implausible and are held") + (
            " for your decision; nothing counted. See Supervision > Unverified claims.")
    if result.kind == "entries" and result.entries:
        text += " Read them under Review shared entries."
    return " ".join((text, *result.warnings))


def ask_bundle_path(parent: QWidget) -> Path | None:
    """Ask which bundle file to open; None if the user cancels."""
    chosen, _ = QFileDialog.getOpenFileName(parent, TITLE, str(Path.home()), BUNDLE_FILTER)
    return Path(chosen) if chosen else None


def show_message(parent: QWidget, text: str, *, problem: bool = False) -> QMessageBox:
    """Show a plain-text message without blocking; it deletes itself when closed."""
    icon = QMessageBox.Icon.Warning if problem else QMessageBox.Icon.Information
    box = QMessageBox(icon, TITLE, text, QMessageBox.StandardButton.Ok, parent)
    # Names and messages come from a file someone else made: never markup.
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.button(QMessageBox.StandardButton.Ok).setAccessibleName("OK")
    box.open()
    return box


class BundlePassphraseDialog(QDialog):
    """Asks for the words that unlock a passphrase-locked bundle."""

    def __init__(self, problem: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Words for this bundle")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "This bundle is locked with a passphrase. Type the words the sender told you "
            "in person or by phone."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.field = PassphraseField("Words that unlock the bundle", CapsLockWatcher(self))
        label = buddy_label("&Words:", self.field.edit)
        layout.addWidget(label)
        layout.addWidget(self.field)
        self.message = MessageLabel("Passphrase problem", bold=True)
        self.message.setText(problem)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Open).setAccessibleName("Open bundle")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        buttons.accepted.connect(self._on_open_clicked)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit_window(self, parent, max(self.sizeHint().width(), text_width(self, 40)))
        self.field.setFocus()

    @classmethod
    def ask(cls, parent: QWidget, session: JournalSession, problem: str = "") -> str | None:
        """Return the words typed, or None if the user cancels (or the journal locks)."""
        dialog = cls(problem, parent)
        session.locked.connect(dialog.reject)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted.value:
                return None
            return dialog.words()
        finally:
            dialog.field.edit.clear()
            session.locked.disconnect(dialog.reject)
            dialog.deleteLater()

    def words(self) -> str:
        """Return the typed words, spaced and cased as the app generates them."""
        # Generated words are lower case and single-spaced; Caps Lock or a double space
        # should not cost the user another two-second try.
        return " ".join(self.field.text().split()).lower()

    @Slot()
    def _on_open_clicked(self) -> None:
        if not self.words():
            self.message.setText("Type the words first.")
            return
        self.accept()


def open_bundle(
    parent: QWidget,
    session: JournalSession,
    path: Path | None = None,
    on_filed: Callable[[ReceiveResult], None] | None = None,
) -> None:
    """Open a bundle file (asking which when path is None) and say what was filed.

    on_filed runs after every successful open, also one that changed nothing
    (`result.already_filed`); views showing entries refresh from `journal_changed`.
    """
    if path is None:
        path = ask_bundle_path(parent)
        if path is None:
            return
    chosen = path

    def attempt(passphrase: str | None) -> None:
        # A reply can add supervision entries, and comments under the entry shown.
        (change(session, lambda journal: journal.sharing.receive_file(chosen, passphrase),
                ENTRIES | RECEIVED)
         .success(filed).failure(failed).run())

    def filed(result: ReceiveResult) -> None:
        show_message(parent, result_text(result))
        if on_filed is not None:
            on_filed(result)

    def failed(error: BaseException) -> None:
        if isinstance(error, PassphraseNeededError | WrongBundlePassphraseError):
            problem = (
                ""
                if isinstance(error, PassphraseNeededError)
                else (
                    "Those words do not open this bundle. Check them with the sender and try "
                    "again; nothing was changed."
                )
            )
            words = BundlePassphraseDialog.ask(parent, session, problem)
            if words is not None:
                attempt(words)
            return
        show_message(parent, user_message(error), problem=True)

    attempt(None)
