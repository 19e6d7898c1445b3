"""Sending the supervisor's comments and confirmed sessions back, by key or with six words."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFileDialog,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from reflectjournal.domain.supervision import Contact, ReviewComment
from reflectjournal.services.sharing import (
    BUNDLE_SUFFIX,
    WrittenBundle,
    bundle_file_name,
    new_bundle_passphrase,
)
from reflectjournal.ui.background.session import JournalSession, user_message
from reflectjournal.ui.sharing.receive_bundle import BUNDLE_FILTER
from reflectjournal.ui.widgets.button_flow import button_flow
from reflectjournal.ui.widgets.page_parts import quiet_button, scrolling, show_large
from reflectjournal.ui.widgets.passphrase_field import MessageLabel
from reflectjournal.ui.widgets.window_room import (
    break_groups,
    fit_window,
    screen_room,
    text_width,
)
from reflectjournal.ui.widgets.wording import count_words, local_day

if TYPE_CHECKING:
    from reflectjournal.services.journal import Journal


def ask_reply_path(parent: QWidget, today: dt.date) -> Path | None:
    """Ask where to save the reply, offering a neutral name; None if the user cancels."""
    chosen, _ = QFileDialog.getSaveFileName(
        parent,
        "Save the comments bundle",
        str(Path.home() / bundle_file_name("comments", today)),
        BUNDLE_FILTER,
    )
    if not chosen:
        return None
    path = Path(chosen)
    return (
        path if path.suffix.lower() == BUNDLE_SUFFIX else path.with_name(path.name + BUNDLE_SUFFIX)
    )


class SendCommentsDialog(QDialog):
    """Shows what a reply will carry and writes it to a file, by key or with six words."""

    reply_written = Signal()

    def __init__(
        self, session: JournalSession, contact: Contact, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._contact = contact
        self._words = ""
        name = contact.name
        # The person is named inside, not in the title: task bars and window switchers
        # show titles outside the journal (security.md's leak checklist).
        self.setWindowTitle("Send comments")
        # All but the buttons scroll: at the largest text, with the six words shown, the
        # dialog is taller than a 700-pixel screen.
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel("Reading what is not sent yet…")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("What will be sent")
        layout.addWidget(self.summary)
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName("Comments that will be sent")
        self.preview.setMaximumHeight(140)
        self.preview.setTabChangesFocus(True)
        layout.addWidget(self.preview)
        # Short, since a radio button's text cannot wrap: the note below each says the rest.
        self.by_key = QRadioButton(f"Encrypt to {name}'s &key")
        self.by_key.setAccessibleName("Encrypt to the contact's verified key")
        self.by_words = QRadioButton("Lock with six &words")
        self.by_words.setAccessibleName("Lock with six words")
        group = QButtonGroup(self)
        group.addButton(self.by_key)
        group.addButton(self.by_words)
        if contact.verified:
            self.by_key.setChecked(True)
        else:
            self.by_key.setEnabled(False)
            self.by_words.setChecked(True)
        layout.addWidget(self.by_key)
        # Why not, on a line of its own that wraps: in the button's text it was wider than
        # a 1024-pixel screen at the largest text size.
        self.key_reason = QLabel("Not possible yet: the pairing code was not compared.")
        self.key_reason.setWordWrap(True)
        self.key_reason.setIndent(self.style().pixelMetric(
            QStyle.PixelMetric.PM_ExclusiveIndicatorWidth) + 6)
        self.key_reason.setVisible(not contact.verified)
        layout.addWidget(self.key_reason)
        layout.addWidget(self.by_words)
        self.words_note = QLabel()
        self.words_note.setTextFormat(Qt.TextFormat.PlainText)
        self.words_note.setWordWrap(True)
        self.words = QLabel()
        self.words.setAccessibleName("Passphrase words")
        show_large(self.words, 1.3, copyable=False)
        layout.addWidget(self.words_note)
        layout.addWidget(self.words, alignment=Qt.AlignmentFlag.AlignHCenter)
        self.message = MessageLabel("Sending message")
        layout.addWidget(self.message)
        self.save = quiet_button("&Save bundle…", "Save bundle", self._on_save_clicked)
        self.save.setEnabled(False)
        # A lost file: the last reply written again, the same one (services/sharing.py says
        # why identical, not re-issued), whether or not anything new waits.
        self.again = quiet_button("Write the last reply &again…", "Write the last reply again",
                                  self._on_again_clicked)
        self.again.setToolTip("The first file was lost: write the same reply once more. A "
                              "journal that opened the first copy files nothing twice.")
        close = quiet_button("Close", "Close", self.reject)
        outer = QVBoxLayout(self)
        self._page = scrolling(page, "What will be sent, and how")
        outer.addWidget(self._page)
        # The buttons wrap onto a second line where one is wider than the screen (large text).
        outer.addWidget(button_flow(self.save, self.again, close))
        margins = outer.contentsMargins()
        self._words_room = (screen_room(parent).width() - margins.left() - margins.right()
                            - self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent))
        self.by_words.toggled.connect(self._on_mode_toggled)
        self._on_mode_toggled(self.by_words.isChecked())
        fit_window(self, parent, max(520, text_width(self, 50)), self.sizeHint().height())
        session.locked.connect(self._on_journal_locked)
        fingerprint = contact.card.fingerprint
        session.call(
            lambda journal: journal.sharing.pending_reply(fingerprint),
            self._show_pending,
            self._show_error,
        )

    @property
    def passphrase_words(self) -> str:
        """Return the words shown (empty in key mode)."""
        return self._words if self.by_words.isChecked() else ""

    def _show_pending(self, pending: tuple[list[ReviewComment], int]) -> None:
        comments, sessions = pending
        name = self._contact.name
        if not comments and not sessions:
            self.summary.setText(
                f"Nothing new to send to {name}: every comment and "
                "confirmed session has gone already."
            )
            return
        parts = [count_words(len(comments), "comment", "comments")]
        parts.append(count_words(sessions, "confirmed session", "confirmed sessions"))
        self.summary.setText(
            f"{' and '.join(parts)} will go to {name}. Only these leave; "
            "their shared entries do not go back."
        )
        self.preview.setPlainText(
            "\n\n".join(
                f"{local_day(c.written_at)}{'' if c.entry_id else ' (on the whole bundle)'}:"
                f"\n{c.text}"
                for c in comments
            )
            or "(Only confirmed sessions.)"
        )
        self.save.setEnabled(True)

    def _show_error(self, error: BaseException) -> None:
        self.message.setText(user_message(error))

    @Slot(bool)
    def _on_mode_toggled(self, words: bool) -> None:
        if words and not self._words:
            self._words = new_bundle_passphrase()
        name = self._contact.name
        self.words_note.setText(
            f"Say these words to {name} in person or by phone, never by email or message: "
            "anyone with the file and the words can read it. ReflectJournal does not keep "
            "them; they are shown only until this window closes."
            if words
            else f"Only {name}'s journal can open the bundle. You can send the file any way you "
            "like."
        )
        # Broken between words where one line would not fit the screen (large text).
        self.words.setText(break_groups(self._words, self.words.fontMetrics(), self._words_room,
                                        " ") if words else "")
        self.words.setVisible(words)
        if self.isVisible():  # taller with the words, as far as the screen allows
            fit_window(self, self.parentWidget(), self.width(), self.height())
        if words:  # and in sight, where the page scrolls (large text)
            self._page.ensureWidgetVisible(self.words)

    @Slot()
    def _on_save_clicked(self) -> None:
        path = ask_reply_path(self, dt.date.today())
        if path is None:
            return
        fingerprint = self._contact.card.fingerprint
        words = self.passphrase_words or None
        self.save.setEnabled(False)
        self.save.setText("Saving…")
        self.message.clear()

        def work(journal: Journal) -> WrittenBundle:
            return journal.sharing.write_reply(path, to=fingerprint, passphrase=words)

        self._session.call(work, self._on_written, self._on_write_failed)

    @Slot()
    def _on_again_clicked(self) -> None:
        path = ask_reply_path(self, dt.date.today())
        if path is None:
            return
        fingerprint = self._contact.card.fingerprint
        words = self.passphrase_words or None
        self.again.setEnabled(False)
        self.message.clear()

        def work(journal: Journal) -> WrittenBundle:
            return journal.sharing.write_reply_again(path, to=fingerprint, passphrase=words)

        self._session.call(work, self._on_written_again, self._on_again_failed)

    def _on_written_again(self, written: WrittenBundle) -> None:
        self.again.setEnabled(True)
        how = ("Tell them the words above in person." if written.passphrase
               else "It opens only in their journal.")
        self.message.setText(
            f"Wrote your last reply to {self._contact.name} again as {written.path.name}: the "
            f"same {count_words(written.comments, 'comment', 'comments')} and "
            f"{count_words(written.sessions, 'confirmed session', 'confirmed sessions')} as "
            f"the first. {how} Opened after the first copy, it files nothing twice.")

    def _on_again_failed(self, error: BaseException) -> None:
        self.again.setEnabled(True)
        self.message.setText(user_message(error))

    def _on_written(self, written: WrittenBundle) -> None:
        self.save.setText("&Save bundle…")
        what = [count_words(written.comments, "comment", "comments")]
        if written.sessions:
            what.append(count_words(written.sessions, "confirmed session", "confirmed sessions"))
        how = (
            "Tell them the words above in person."
            if written.passphrase
            else "It opens only in their journal."
        )
        self.message.setText(
            f"Saved {written.path.name} with {' and '.join(what)} for "
            f"{self._contact.name}. Give them the file. {how}"
        )
        self.reply_written.emit()

    def _on_write_failed(self, error: BaseException) -> None:
        self.save.setText("&Save bundle…")
        self.save.setEnabled(True)
        self.message.setText(user_message(error))

    def done(self, result: int) -> None:
        """Forget the words and what would have gone, then close."""
        self._words = ""
        for label in (self.words, self.words_note, self.summary):
            label.clear()
        self.preview.clear()
        self.message.clear()
        super().done(result)

    @Slot()
    def _on_journal_locked(self) -> None:
        self.reject()
