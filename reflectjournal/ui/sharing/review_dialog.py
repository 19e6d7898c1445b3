"""The supervisor's review screen: what supervisees shared, comments, confirmed sessions.

Everything shown comes from other people's files, so every piece of it is plain text.
All reads and writes are service calls on the database thread; after each change the
whole screen reloads from the journal, which stays the one source of truth.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from PySide6.QtCore import (
    QAbstractListModel,
    QDate,
    QModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QCloseEvent, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reflectjournal.domain.bundle import SESSION_FORMATS, SharedEntry
from reflectjournal.domain.contact_card import ContactCard
from reflectjournal.domain.share_selection import shared_entry_text
from reflectjournal.domain.supervision import (
    ConfirmedSession,
    Contact,
    ReceivedBundle,
    ReviewComment,
)
from reflectjournal.services.sharing import (
    BUNDLE_SUFFIX,
    WrittenBundle,
    bundle_file_name,
    new_bundle_passphrase,
)
from reflectjournal.ui.background.session import JournalSession, user_message
from reflectjournal.ui.sharing.receive_bundle import BUNDLE_FILTER, open_bundle
from reflectjournal.ui.widgets.model_index import AnyIndex
from reflectjournal.ui.widgets.node_tree import NodeTreeModel
from reflectjournal.ui.widgets.page_parts import close_buttons, confirm, quiet_button, show_large
from reflectjournal.ui.widgets.passphrase_field import MessageLabel
from reflectjournal.ui.widgets.wording import count_words, local_day

if TYPE_CHECKING:
    from reflectjournal.services.journal import Journal

T = TypeVar("T")

SUPERVISEE, BUNDLE, ENTRY = "supervisee", "bundle", "entry"
FORMAT_LABELS = {"individual": "Individual", "group": "Group"}


def _trust(verified: bool) -> str:
    return "verified" if verified else "not verified"


def _sent(sent_in: str | None) -> str:
    return "sent" if sent_in else "not sent yet"


# --- what the screen shows, loaded in one go on the database thread ----------------------


@dataclass(frozen=True, slots=True)
class ReviewData:
    """Everything the review screen shows, read in one service round."""

    bundles: tuple[ReceivedBundle, ...] = ()
    entries: Mapping[str, tuple[SharedEntry, ...]] = field(default_factory=dict)
    comments: Mapping[str, tuple[ReviewComment, ...]] = field(default_factory=dict)
    sessions: tuple[ConfirmedSession, ...] = ()  # confirmed by this journal's user
    contacts: tuple[Contact, ...] = ()

    def contact_for(self, card: ContactCard) -> Contact | None:
        """Return the contact with this card's signing key, if still a contact."""
        return next((c for c in self.contacts if c.card.signing_key == card.signing_key), None)


def load_review(journal: Journal) -> ReviewData:
    """Read every received entries bundle with its entries and comments."""
    sharing = journal.sharing
    bundles = tuple(sharing.received_bundles())
    return ReviewData(
        bundles,
        {
            b.bundle_id: tuple(e.entry for e in sharing.received_entries(b.bundle_id))
            for b in bundles
        },
        {b.bundle_id: tuple(sharing.review_comments(b.bundle_id)) for b in bundles},
        tuple(sharing.confirmed_sessions("given")),
        tuple(sharing.contacts()),
    )


# --- the tree: supervisee > bundle > entry -------------------------------------------------


@dataclass(eq=False)
class ReviewNode:
    """One row of the tree; the values it points at are immutable."""

    kind: str
    label: str
    sender: ContactCard
    contact: Contact | None = None
    bundle: ReceivedBundle | None = None
    entry: SharedEntry | None = None
    tooltip: str = ""
    parent: ReviewNode | None = None
    children: list[ReviewNode] = field(default_factory=list)

    def add(self, child: ReviewNode) -> ReviewNode:
        """Append a child and return it."""
        child.parent = self
        self.children.append(child)
        return child

    def row(self) -> int:
        """Return this node's position under its parent."""
        return self.parent.children.index(self) if self.parent else 0

    @property
    def key(self) -> tuple[str, str, str, str]:
        """Return what identifies this row across reloads."""
        return (
            self.kind,
            self.sender.signing_key.hex(),
            self.bundle.bundle_id if self.bundle else "",
            str(self.entry.id) if self.entry else "",
        )

    @property
    def name(self) -> str:
        """Return the supervisee's name (as in contacts, else as the bundle said)."""
        return self.contact.name if self.contact else self.sender.name

    def supervisee(self) -> ReviewNode:
        """Return the supervisee row this row belongs to."""
        node = self
        while node.kind != SUPERVISEE and node.parent is not None:
            node = node.parent
        return node

    def newest_bundle(self) -> ReceivedBundle | None:
        """Return this row's bundle, or for a supervisee the newest one received."""
        if self.bundle is not None:
            return self.bundle
        return self.children[0].bundle if self.children else None


def entry_label(entry: SharedEntry) -> str:
    """Return an entry's row: month, title and kind (the part a narrow tree cuts off)."""
    return f"{entry.date} · {entry.title or '(no title)'} · {entry.kind_label}"


def build_tree(data: ReviewData) -> ReviewNode:
    """Return the rows: supervisees by name, their bundles newest first, then entries."""
    root = ReviewNode("root", "", ContactCard("", "", "", b""))
    by_sender: dict[bytes, ReviewNode] = {}
    for bundle in data.bundles:  # newest first, as the service returns them
        key = bundle.sender.signing_key
        if key not in by_sender:
            contact = data.contact_for(bundle.sender)
            trusted = contact is not None and contact.verified
            name = contact.name if contact else bundle.sender.name
            role = contact.card.role if contact else bundle.sender.role
            by_sender[key] = ReviewNode(
                SUPERVISEE,
                f"{name} · {_trust(trusted)}",
                bundle.sender,
                contact,
                tooltip=(
                    f"{name}{f' ({role})' if role else ''}: "
                    + (
                        "pairing code compared; replies go to their key."
                        if trusted
                        else "pairing code not compared; reply with a passphrase."
                    )
                ),
            )
        holder = by_sender[key]
        entries = data.entries.get(bundle.bundle_id, ())
        label = (f"received {local_day(bundle.received_at)} · "
                 + count_words(len(entries), "entry", "entries"))
        if not bundle.verified:
            label += " · not verified"
        node = holder.add(
            ReviewNode(
                BUNDLE,
                label,
                bundle.sender,
                holder.contact,
                bundle,
                tooltip=f"Shared by {holder.name} on {local_day(bundle.created_at)}",
            )
        )
        for entry in entries:
            node.add(
                ReviewNode(
                    ENTRY,
                    entry_label(entry),
                    bundle.sender,
                    holder.contact,
                    bundle,
                    entry,
                    tooltip=entry_label(entry),
                )
            )
    for holder in sorted(by_sender.values(), key=lambda n: (n.name.casefold(), n.key)):
        root.add(holder)
    return root


class ReviewTreeModel(NodeTreeModel):
    """A read-only tree over ReviewNodes."""

    def __init__(self) -> None:
        super().__init__(build_tree(ReviewData()))

    def find(self, key: tuple[str, str, str, str]) -> QModelIndex:
        """Return the index of the row with this key, or an invalid index."""
        return self.find_first(lambda node: node.key == key)

    def node(self, index: AnyIndex) -> ReviewNode:
        """Return the node behind an index (the root for an invalid one)."""
        node: ReviewNode = super().node(index)
        return node

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self.node(index)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return node.label
        if role == Qt.ItemDataRole.ToolTipRole:
            # Qt renders a tooltip that looks like markup as markup: escape, then mark it
            # as rich text so that the escaped text shows exactly as written.
            return f"<p>{html.escape(node.tooltip or node.label)}</p>"
        if role == Qt.ItemDataRole.FontRole and node.kind == SUPERVISEE:
            font = QFont()
            font.setBold(True)
            return font
        return None


# --- comments and sessions as lists -------------------------------------------------------


class _ValueListModel(QAbstractListModel):
    """A read-only list over immutable values, each shown as text."""

    def __init__(self) -> None:
        super().__init__()
        self._values: tuple[Any, ...] = ()

    def set_values(self, values: Sequence[Any]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self._values = tuple(values)
        self.endResetModel()

    def value(self, index: AnyIndex) -> Any:
        """Return the value behind a valid index."""
        return self._values[index.row()]

    def text(self, value: Any) -> str:
        """Return a value's row text."""
        raise NotImplementedError

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._values)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._values):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.text(self._values[index.row()])
        return None


class CommentListModel(_ValueListModel):
    """The comments on one entry, or the overall ones on a bundle."""

    def text(self, value: ReviewComment) -> str:
        """Return the date, whether it went, and the comment."""
        return f"{local_day(value.written_at)} · {_sent(value.sent_in)}\n{value.text}"

    def comment(self, index: AnyIndex) -> ReviewComment:
        """Return the comment behind a valid index."""
        found: ReviewComment = self.value(index)
        return found


class SessionListModel(_ValueListModel):
    """Sessions confirmed with one supervisee."""

    def text(self, value: ConfirmedSession) -> str:
        """Return date, length, format and whether it went."""
        return (
            f"{value.date.isoformat()} · {value.minutes} min · "
            f"{FORMAT_LABELS.get(value.format, value.format).lower()} · "
            f"{_sent(value.sent_in)}"
        )


# --- confirming a session -----------------------------------------------------------------


class SessionChoice(NamedTuple):
    """A session as the supervisor confirms it."""

    date: dt.date
    minutes: int
    format: str


class ConfirmSessionDialog(QDialog):
    """Asks for the date, length and format of a supervision session."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Confirm a supervision session")
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"Confirm a reflective supervision session you held with {name}. It is signed "
            f"with your key and goes with your next comments; {name}'s journal then counts "
            "its hours."
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)  # a name from someone else's card
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        today = QDate.currentDate()
        self.date = QDateEdit(today)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        # A session is confirmed once it took place, never ahead of time.
        self.date.setDateRange(today.addYears(-5), today)
        self.date.setAccessibleName("Session date")
        self.minutes = QSpinBox()
        self.minutes.setRange(1, 24 * 60)
        self.minutes.setValue(60)
        self.minutes.setSingleStep(15)
        self.minutes.setSuffix(" minutes")
        self.minutes.setAccessibleName("Session length in minutes")
        self.format = QComboBox()
        self.format.setAccessibleName("Session format")
        self.format.view().setAccessibleName("Session formats")
        for value in SESSION_FORMATS:
            self.format.addItem(FORMAT_LABELS.get(value, value), value)
        form.addRow("&Date:", self.date)
        form.addRow("&Length:", self.minutes)
        form.addRow("&Format:", self.format)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        confirm = buttons.addButton("&Confirm session", QDialogButtonBox.ButtonRole.AcceptRole)
        confirm.setAccessibleName("Confirm session")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def choice(self) -> SessionChoice:
        """Return what the fields hold."""
        value = self.date.date()
        return SessionChoice(
            dt.date(value.year(), value.month(), value.day()),
            self.minutes.value(),
            str(self.format.currentData()),
        )

    @classmethod
    def ask(cls, parent: QWidget, name: str) -> SessionChoice | None:
        """Return the session to confirm, or None if the user cancels."""
        dialog = cls(name, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted.value:
                return None
            dialog.minutes.interpretText()
            return dialog.choice()
        finally:
            dialog.deleteLater()


# --- sending the reply --------------------------------------------------------------------


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
        self.setWindowTitle(f"Send comments to {name}")
        layout = QVBoxLayout(self)
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
        self.by_key = QRadioButton(f"Encrypt to {name}'s verified &key")
        self.by_key.setAccessibleName("Encrypt to the contact's verified key")
        self.by_words = QRadioButton("Lock with six &words you tell them in person")
        self.by_words.setAccessibleName("Lock with six words")
        group = QButtonGroup(self)
        group.addButton(self.by_key)
        group.addButton(self.by_words)
        if contact.verified:
            self.by_key.setChecked(True)
        else:
            self.by_key.setEnabled(False)
            self.by_key.setText(
                f"Encrypt to {name}'s key (not possible: pairing code not compared)"
            )
            self.by_words.setChecked(True)
        layout.addWidget(self.by_key)
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
        buttons = QDialogButtonBox()
        self.save = buttons.addButton("&Save bundle…", QDialogButtonBox.ButtonRole.ActionRole)
        self.save.setAccessibleName("Save bundle")
        self.save.setEnabled(False)
        self.save.clicked.connect(self._on_save_clicked)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName("Close")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.by_words.toggled.connect(self._on_mode_toggled)
        self._on_mode_toggled(self.by_words.isChecked())
        self.resize(520, self.sizeHint().height())
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
        self.words.setText(self._words if words else "")
        self.words.setVisible(words)

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


# --- the review screen --------------------------------------------------------------------


class ReviewDialog(QDialog):
    """Received entries by supervisee, read-only, with comments and confirmed sessions."""

    def __init__(self, session: JournalSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._data = ReviewData()
        self._restore: tuple[str, str, str, str] | None = None
        self.send_dialog: SendCommentsDialog | None = None
        self.setWindowTitle("Review shared entries")
        self.model = ReviewTreeModel()
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName("Shared entries by supervisee")
        self.tree.setUniformRowHeights(True)
        self.tree.selectionModel().currentChanged.connect(self._on_current_changed)
        self.open_button = quiet_button("&Open a bundle…", "Open a bundle", self._on_open_clicked)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.tree)
        left_layout.addWidget(self.open_button, alignment=Qt.AlignmentFlag.AlignLeft)

        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        self.heading.setAccessibleName("Shown entry")
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.text = QPlainTextEdit()
        # Plain text only: a shared entry is someone else's file, never markup to render.
        self.text.setReadOnly(True)
        self.text.setTabChangesFocus(True)
        self.text.setAccessibleName("Shared entry text, read-only")
        self.comments_heading = QLabel()
        self.comments_heading.setTextFormat(Qt.TextFormat.PlainText)
        self.comments_heading.setAccessibleName("Comments heading")
        self.comments_model = CommentListModel()
        self.comments = QListView()
        self.comments.setModel(self.comments_model)
        self.comments.setWordWrap(True)
        self.comments.setAccessibleName("Your comments")
        self.comments.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.comments.selectionModel().currentChanged.connect(self._on_comment_changed)
        self.comment_box = QPlainTextEdit()
        self.comment_box.setAccessibleName("New comment")
        self.comment_box.setPlaceholderText("Write a comment for the supervisee…")
        self.comment_box.setTabChangesFocus(True)
        self.comment_box.setMaximumHeight(self.fontMetrics().lineSpacing() * 5)
        self.add_button = quiet_button("&Add comment", "Add comment", self._on_add_clicked)
        self.delete_button = quiet_button(
            "&Delete comment", "Delete comment", self._on_delete_clicked
        )
        self.message = MessageLabel("Review message")
        comment_row = QHBoxLayout()
        comment_row.addWidget(self.delete_button)
        comment_row.addStretch()
        comment_row.addWidget(self.add_button)

        self.sessions_heading = QLabel()
        self.sessions_heading.setTextFormat(Qt.TextFormat.PlainText)  # holds a name
        self.sessions_heading.setAccessibleName("Sessions heading")
        self.sessions_model = SessionListModel()
        self.sessions = QListView()
        self.sessions.setModel(self.sessions_model)
        self.sessions.setAccessibleName("Confirmed sessions")
        self.sessions.setMaximumHeight(self.fontMetrics().lineSpacing() * 4 + 8)
        self.confirm_button = quiet_button(
            "Con&firm a supervision session…",
            "Confirm a supervision session",
            self._on_confirm_clicked,
        )
        self.send_button = quiet_button("&Send comments…", "Send comments", self._on_send_clicked)
        session_row = QHBoxLayout()
        session_row.addWidget(self.confirm_button)
        session_row.addStretch()
        session_row.addWidget(self.send_button)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.heading)
        right_layout.addWidget(self.text, stretch=5)
        right_layout.addWidget(self.comments_heading)
        right_layout.addWidget(self.comments, stretch=2)
        right_layout.addWidget(self.comment_box)
        right_layout.addLayout(comment_row)
        right_layout.addWidget(self.message)
        right_layout.addSpacing(8)
        right_layout.addWidget(self.sessions_heading)
        right_layout.addWidget(self.sessions)
        right_layout.addLayout(session_row)

        self.splitter = QSplitter()
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        buttons = close_buttons(self, "Close review")
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter, stretch=1)
        layout.addWidget(buttons)
        self.resize(1100, 700)
        self.splitter.setSizes([450, 650])
        self._show_node(None)
        session.locked.connect(self._on_journal_locked)
        self.reload()

    @classmethod
    def open_for(cls, parent: QWidget, session: JournalSession) -> ReviewDialog:
        """Show the review screen beside the main window and return it."""
        dialog = cls(session, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    # --- loading ---------------------------------------------------------------------------

    def reload(self) -> None:
        """Read everything again from the journal, keeping the selected row."""
        current = self._current()
        if current is not None:
            self._restore = current.key
        self._session.call(load_review, self._show_data, self._on_failed)

    def _show_data(self, data: ReviewData) -> None:
        self._data = data
        wanted = self._restore
        self._restore = None
        self.model.set_root(build_tree(data))
        for row in range(self.model.rowCount()):
            supervisee = self.model.index(row, 0)
            self.tree.expand(supervisee)
            self.tree.expand(self.model.index(0, 0, supervisee))  # the newest bundle
        index = self.model.find(wanted) if wanted else QModelIndex()
        if not index.isValid():
            index = self._first_entry()
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)
        else:
            self._show_node(None)

    def _first_entry(self) -> QModelIndex:
        """Return the first entry of the bundle received last (or that bundle, if empty)."""
        if not self._data.bundles:
            return QModelIndex()
        newest = self._data.bundles[0]
        sender = newest.sender.signing_key.hex()
        entries = self._data.entries.get(newest.bundle_id, ())
        first = self.model.find(
            (ENTRY, sender, newest.bundle_id, str(entries[0].id)) if entries else ("", "", "", "")
        )
        return first if first.isValid() else self.model.find((BUNDLE, sender, newest.bundle_id, ""))

    def _current(self) -> ReviewNode | None:
        index = self.tree.currentIndex()
        return self.model.node(index) if index.isValid() else None

    # --- showing a row ---------------------------------------------------------------------

    @Slot(QModelIndex, QModelIndex)
    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.message.clear()
        self._show_node(self.model.node(current) if current.isValid() else None)

    def _show_node(self, node: ReviewNode | None) -> None:
        if node is None:
            self.heading.setText(
                "Nothing shared with you yet"
                if not self._data.bundles
                else "Choose a bundle or an entry"
            )
            self.text.setPlainText(
                'When a supervisee sends you a bundle of entries, open it with "Open a '
                'bundle…". Their entries appear here, read-only, for you to comment on.'
                if not self._data.bundles
                else ""
            )
            self._show_comments(None)
            self._show_sessions(None)
            return
        supervisee = node.supervisee()
        if node.kind == SUPERVISEE:
            bundles = [c.bundle for c in node.children if c.bundle]
            entries = sum(len(c.children) for c in node.children)
            self.heading.setText(
                f"{supervisee.name} · {_trust(bool(node.contact and node.contact.verified))}"
            )
            self.text.setPlainText(
                f"{count_words(len(bundles), 'bundle', 'bundles')} received from {node.name}, "
                f"{count_words(entries, 'entry', 'entries')} in all.\n\nChoose a bundle or an "
                "entry to read it and comment on it."
            )
        else:
            assert node.bundle is not None
            self.heading.setText(
                f"Shared by {supervisee.name} on {local_day(node.bundle.created_at)} · read-only"
            )
            if node.entry is not None:
                self.text.setPlainText(shared_entry_text(node.entry))
            else:
                message = node.bundle.message
                lines = [
                    f"Message from {supervisee.name}:\n\n{message}"
                    if message
                    else f"{supervisee.name} sent no covering message.",
                    "",
                    "Entries in this bundle:",
                ]
                lines += [f"• {entry_label(c.entry)}" for c in node.children if c.entry]
                self.text.setPlainText("\n".join(lines))
        self._show_comments(node)
        self._show_sessions(supervisee)

    def _show_comments(self, node: ReviewNode | None) -> None:
        commentable = node is not None and node.kind != SUPERVISEE
        if node is None or node.bundle is None or not commentable:
            self.comments_heading.setText("Choose a bundle or an entry to comment on it.")
            self.comments_model.set_values(())
        else:
            entry_id = node.entry.id if node.entry else None
            self.comments_heading.setText(
                "Comments on this entry:" if entry_id else "Overall comments on this bundle:"
            )
            self.comments_model.set_values(
                [
                    c
                    for c in self._data.comments.get(node.bundle.bundle_id, ())
                    if c.entry_id == entry_id
                ]
            )
        for widget in (self.comments, self.comment_box, self.add_button):
            widget.setEnabled(commentable)
        self._on_comment_changed(self.comments.currentIndex(), QModelIndex())

    def _show_sessions(self, supervisee: ReviewNode | None) -> None:
        if supervisee is None:
            self.sessions_heading.setText("Confirmed supervision sessions:")
            self.sessions_model.set_values(())
        else:
            # By key, not name: two supervisees can share a name.
            key = supervisee.sender.signing_key
            self.sessions_heading.setText(f"Sessions confirmed with {supervisee.name}:")
            self.sessions_model.set_values(
                [s for s in self._data.sessions if s.other_key == key]
            )
        self.sessions.setEnabled(supervisee is not None)
        self.confirm_button.setEnabled(supervisee is not None)
        self.send_button.setEnabled(supervisee is not None and supervisee.contact is not None)

    @Slot(QModelIndex, QModelIndex)
    def _on_comment_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        unsent = current.isValid() and self.comments_model.comment(current).sent_in is None
        self.delete_button.setEnabled(bool(unsent) and self.comments.isEnabled())

    # --- acting ----------------------------------------------------------------------------

    def _call(self, work: Callable[[Journal], T], done: Callable[[T], None]) -> None:
        self.message.clear()
        self._session.call(work, done, self._on_failed)

    def _on_failed(self, error: BaseException) -> None:
        self.message.setText(user_message(error))

    @Slot()
    def _on_open_clicked(self) -> None:
        open_bundle(self, self._session, on_filed=lambda _result: self.reload())

    @Slot()
    def _on_add_clicked(self) -> None:
        node = self._current()
        text = self.comment_box.toPlainText().strip()
        if node is None or node.bundle is None or node.kind == SUPERVISEE:
            return
        if not text:
            self.message.setText("Write the comment first.")
            self.comment_box.setFocus()
            return
        bundle_id = node.bundle.bundle_id
        entry_id = node.entry.id if node.entry else None

        def added(_comment: ReviewComment) -> None:
            self.comment_box.clear()  # also drops its undo history
            self.reload()

        self._call(lambda journal: journal.sharing.add_comment(bundle_id, entry_id, text), added)

    @Slot()
    def _on_delete_clicked(self) -> None:
        index = self.comments.currentIndex()
        if not index.isValid():
            return
        comment = self.comments_model.comment(index)
        if not confirm(
            self, "Delete comment",
            "Delete this comment? It has not been sent, and cannot be brought back.", "Delete",
        ):
            return
        comment_id = comment.id
        self._call(
            lambda journal: journal.sharing.delete_comment(comment_id), lambda _none: self.reload()
        )

    @Slot()
    def _on_confirm_clicked(self) -> None:
        node = self._current()
        bundle = node.newest_bundle() if node else None
        if node is None or bundle is None:
            return
        name = node.supervisee().name
        choice = ConfirmSessionDialog.ask(self, name)
        if choice is None:
            return
        bundle_id = bundle.bundle_id

        def confirmed(session: ConfirmedSession) -> None:
            self.reload()
            self.message.setText(
                f"Confirmed {session.minutes} minutes on {session.date.isoformat()} with "
                f"{name}. It goes with your next comments."
            )

        self._call(
            lambda journal: journal.sharing.confirm_session(
                bundle_id, choice.date, choice.minutes, choice.format
            ),
            confirmed,
        )

    @Slot()
    def _on_send_clicked(self) -> None:
        node = self._current()
        contact = node.supervisee().contact if node else None
        if contact is None:
            return
        self.send_dialog = SendCommentsDialog(self._session, contact, self)
        self.send_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.send_dialog.reply_written.connect(self.reload)
        self.send_dialog.destroyed.connect(self._on_send_dialog_destroyed)
        self.send_dialog.open()

    @Slot()
    def _on_send_dialog_destroyed(self) -> None:
        self.send_dialog = None

    # --- closing and locking ---------------------------------------------------------------

    def clear(self) -> None:
        """Show nothing of what was shared: rows, text, comments, sessions, typed text."""
        self._data = ReviewData()
        self._restore = None
        self.model.set_root(build_tree(self._data))
        self.comments_model.set_values(())
        self.sessions_model.set_values(())
        for widget in (self.heading, self.comments_heading, self.sessions_heading):
            widget.clear()
        self.text.clear()  # clear() also empties the undo history
        self.comment_box.clear()
        self.message.clear()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Forget what was shown when the window closes."""
        self.clear()
        super().closeEvent(event)

    def done(self, result: int) -> None:
        """Forget what was shown, then close."""
        self.clear()
        super().done(result)

    @Slot()
    def _on_journal_locked(self) -> None:
        for dialog in self.findChildren(QDialog):
            if dialog.isVisible():
                dialog.reject()
        self.clear()
        self.reject()
