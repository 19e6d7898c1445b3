"""The review screen's comments: the list on the shown entry or bundle, and the one being written.

A comment being written is kept like an entry draft: in the encrypted journal,
DRAFT_PAUSE_MS after typing stops, when another entry is chosen, and on close and lock
(queued before the journal closes), so a crash or lock loses nothing. The review dialog
lays these widgets out and tells the pane which row is shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QLabel,
    QListView,
    QPlainTextEdit,
    QWidget,
)

from reflectjournal.domain.supervision import ReviewComment
from reflectjournal.ui.sharing.review_calls import ReviewCalls
from reflectjournal.ui.sharing.review_lists import CommentListModel
from reflectjournal.ui.sharing.review_tree import SUPERVISEE, ReviewNode
from reflectjournal.ui.widgets.button_flow import button_flow
from reflectjournal.ui.widgets.page_parts import confirm, quiet_button

if TYPE_CHECKING:
    from reflectjournal.domain.ids import EntryId

DRAFT_PAUSE_MS = 2000  # as the entry editor: kept about 2 seconds after typing stops


class CommentPane(QObject):
    """The comments on the shown entry or bundle, the comment box and its buttons."""

    changed = Signal()  # a comment was added or deleted: the journal is read again

    def __init__(self, dialog: QWidget, calls: ReviewCalls) -> None:
        # The pane holds nothing of the dialog, so the dialog goes as soon as it is let go
        # (a cycle left it to the garbage collector, which freed its widgets at any moment).
        super().__init__(dialog)
        self._calls = calls
        self._session = calls.session
        self._message = calls.message
        self._node: ReviewNode | None = None  # the row shown, the tree's current one
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setAccessibleName("Comments heading")
        self.heading.setWordWrap(True)
        self.model = CommentListModel()
        self.comments = QListView()
        self.comments.setModel(self.model)
        self.comments.setWordWrap(True)
        self.comments.setAccessibleName("Your comments")
        self.comments.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.comments.selectionModel().currentChanged.connect(self._on_comment_changed)
        self.box = QPlainTextEdit()
        self.box.setAccessibleName("New comment")
        self.box.setPlaceholderText("Write a comment for the supervisee…")
        self.box.setTabChangesFocus(True)
        self.box.setMaximumHeight(dialog.fontMetrics().lineSpacing() * 5)
        self._draft_target: tuple[str, EntryId | None] | None = None
        self._draft_loaded = False  # the target's kept text is in the box (safe to save)
        self.draft_timer = QTimer(dialog)
        self.draft_timer.setSingleShot(True)
        self.draft_timer.setInterval(DRAFT_PAUSE_MS)
        self.draft_timer.timeout.connect(self.keep_draft)
        self.box.textChanged.connect(self.draft_timer.start)
        self.add_button = quiet_button("&Add comment", "Add comment", self._on_add_clicked)
        self.delete_button = quiet_button(
            "&Delete comment", "Delete comment", self._on_delete_clicked
        )
        # A question stays on the supervisee's agenda until they answer it (docs/sharing.md).
        self.question_box = QCheckBox("Ask as a &question")
        self.question_box.setAccessibleName("Ask as a question")
        self.question_box.setToolTip("It stays on their supervision agenda until they answer "
                                     "it or share the entry again.")
        # A row that wraps onto more lines where one is too narrow (the largest text: the
        # lower part scrolled sideways, 1479 px in 514).
        self.row = button_flow(self.delete_button, self.question_box, self.add_button,
                               align="split")

    def keep_draft(self) -> None:
        """Keep the comment box's text for its entry or bundle (nothing typed: forget it)."""
        self.draft_timer.stop()
        if self._draft_target is None or not self._draft_loaded or not self._session.is_open:
            return
        bundle_id, entry_id = self._draft_target
        text = self.box.toPlainText()
        self._session.call(
            lambda journal: journal.sharing.save_comment_draft(bundle_id, entry_id, text),
            lambda _none: None, self._calls.failed)

    def _load_draft(self, target: tuple[str, EntryId | None] | None) -> None:
        """Show the comment kept for the chosen entry or bundle, if any."""
        self._draft_target = target
        self._draft_loaded = False
        self.box.blockSignals(True)  # showing a draft is not typing
        self.box.clear()
        self.box.blockSignals(False)
        if target is None or not self._session.is_open:
            return
        bundle_id, entry_id = target

        def show(text: str) -> None:
            if self._draft_target != target:
                return  # another entry was chosen meanwhile
            self.box.blockSignals(True)
            self.box.setPlainText(text)
            self.box.moveCursor(QTextCursor.MoveOperation.End)  # to go on writing
            self.box.blockSignals(False)
            self._draft_loaded = True

        self._session.call(lambda journal: journal.sharing.comment_draft(bundle_id, entry_id),
                           show, self._calls.failed)

    def show(self, node: ReviewNode | None) -> None:
        """Show the comments on this row and the comment kept for it, if any."""
        self._node = node
        commentable = node is not None and node.kind != SUPERVISEE
        target = ((node.bundle.bundle_id, node.entry.id if node.entry else None)
                  if commentable and node is not None and node.bundle is not None else None)
        if target != self._draft_target:
            self.keep_draft()  # the text typed goes with the entry it was written on
            self._load_draft(target)
        if node is None or node.reviewed is None or not commentable:
            self.heading.setText("Choose a bundle or an entry to comment on it.")
            self.model.set_values(())
        else:
            entry_id = node.entry.id if node.entry else None
            self.heading.setText(
                "Comments on this entry:" if entry_id else "Overall comments on this bundle:"
            )
            self.model.set_values(node.reviewed.comments_on(entry_id))
        for widget in (self.comments, self.box, self.add_button, self.question_box):
            widget.setEnabled(commentable)
        self._on_comment_changed(self.comments.currentIndex(), QModelIndex())

    def clear(self) -> None:
        """Show no comments and an empty box; what was typed is kept already (keep_draft)."""
        self._node = None
        self.model.set_values(())
        self.heading.clear()
        self._draft_target = None  # clearing is not deleting
        self._draft_loaded = False
        self.draft_timer.stop()
        self.box.blockSignals(True)
        self.box.clear()
        self.box.blockSignals(False)
        self.question_box.setChecked(False)

    @Slot(QModelIndex, QModelIndex)
    def _on_comment_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        unsent = current.isValid() and self.model.comment(current).sent_in is None
        self.delete_button.setEnabled(bool(unsent) and self.comments.isEnabled())

    @Slot()
    def _on_add_clicked(self) -> None:
        node = self._node
        text = self.box.toPlainText().strip()
        if node is None or node.bundle is None or node.kind == SUPERVISEE:
            return
        if not text:
            self._message.setText("Write the comment first.")
            self.box.setFocus()
            return
        bundle_id = node.bundle.bundle_id
        entry_id = node.entry.id if node.entry else None
        question = self.question_box.isChecked()

        def added(_comment: ReviewComment) -> None:
            self.box.clear()  # also drops its undo history
            self.question_box.setChecked(False)  # each question is asked on purpose
            self.changed.emit()

        self._calls.call(lambda journal: journal.sharing.add_comment(bundle_id, entry_id, text,
                                                                 question), added)

    @Slot()
    def _on_delete_clicked(self) -> None:
        index = self.comments.currentIndex()
        if not index.isValid():
            return
        comment = self.model.comment(index)
        if not confirm(
            self.comments.window(), "Delete comment",
            "Delete this comment? It has not been sent, and cannot be brought back.", "Delete",
        ):
            return
        comment_id = comment.id
        self._calls.call(lambda journal: journal.sharing.delete_comment(comment_id),
                         lambda _none: self.changed.emit())
