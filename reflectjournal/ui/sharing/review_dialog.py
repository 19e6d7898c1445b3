"""The supervisor's review screen: what supervisees shared, comments, confirmed sessions.

Everything shown comes from other people's files, so every piece of it is plain text.
All reads and writes are service calls on the database thread; after each change the
whole screen reloads from the journal, which stays the one source of truth. What is
shown, grouped by supervisee key, comes from services/review.py.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Slot
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QDialog,
    QLabel,
    QListView,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reflectjournal.domain.errors import InvalidInputError
from reflectjournal.domain.received import ReceivedItem
from reflectjournal.domain.shared_diff import DiffMark
from reflectjournal.services.review import ReviewData, load_review
from reflectjournal.ui.background.session import JournalSession, user_message
from reflectjournal.ui.sharing.caseload_dialog import CaseloadDialog
from reflectjournal.ui.sharing.receive_bundle import open_bundle
from reflectjournal.ui.sharing.review_calls import ReviewCalls
from reflectjournal.ui.sharing.review_comments import CommentPane
from reflectjournal.ui.sharing.review_search import (
    FoundListModel,
    ReviewChoices,
    ReviewFilterBar,
    ReviewRequest,
    load_choices,
    mark_hits,
    run_request,
)
from reflectjournal.ui.sharing.review_sessions import SessionPane
from reflectjournal.ui.sharing.review_tree import (
    BUNDLE,
    ENTRY,
    NOTHING_SHARED,
    ReviewNode,
    ReviewTreeModel,
    RowKey,
    build_tree,
    row_heading,
    row_key,
    row_text_marked,
)
from reflectjournal.ui.sharing.send_comments_dialog import SendCommentsDialog
from reflectjournal.ui.widgets.page_parts import close_buttons, quiet_button
from reflectjournal.ui.widgets.passphrase_field import MessageLabel
from reflectjournal.ui.widgets.window_room import SnugPage

BUTTONS_WIDTH = 400  # pixels the list side's two buttons may take side by side
LARGE_LINE_PIXELS = 30  # a line this tall or taller is large text (24 points and up)


class ReviewDialog(QDialog):
    """Received entries by supervisee, read-only, with comments and confirmed sessions."""

    def __init__(self, session: JournalSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._data = ReviewData()
        self._restore: RowKey | None = None
        self.send_dialog: SendCommentsDialog | None = None
        self.caseload: CaseloadDialog | None = None
        self.setWindowTitle("Review shared entries")
        self.filters = ReviewFilterBar()
        self.filters.changed.connect(self._on_filters_changed)
        self._request = ReviewRequest()
        self._changes: tuple[DiffMark, ...] = ()  # in the shown text, since an earlier version
        self.splitter = QSplitter()
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self._build_tree_panel())
        self.splitter.addWidget(self._build_reading_panel())
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        buttons = close_buttons(self, "Close review")
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter, stretch=1)
        layout.addWidget(buttons)
        self.resize(1100, 700)
        # Sizes in proportion (a splitter scales them to its width): the entry's side has
        # three fifths at any text size; the tree side keeps the width its filters need.
        self.splitter.setSizes([2000, 3000])
        self._show_node(None)
        session.locked.connect(self._on_journal_locked)
        self.reload()

    def _build_tree_panel(self) -> QWidget:
        """Return the left side: the tree of what was received, and Open a bundle."""
        self.model = ReviewTreeModel()
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName("Shared entries by supervisee")
        self.tree.setUniformRowHeights(True)
        self.tree.selectionModel().currentChanged.connect(self._on_current_changed)
        self.open_button = quiet_button("&Open a bundle…", "Open a bundle", self._on_open_clicked)
        # With a search or a filter the tree gives way to what they found; choosing a found
        # entry chooses its row in the (hidden) tree, so the reading side works one way.
        self.found_model = FoundListModel()
        self.found = QListView()
        self.found.setModel(self.found_model)
        self.found.setAccessibleName("Shared entries found")
        self.found.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.found.setWordWrap(True)
        self.found.selectionModel().currentChanged.connect(self._on_found_changed)
        self.found_count = QLabel()
        self.found_count.setAccessibleName("How many were found")
        # A line and a bit at least, not the views' own larger guess: at the largest text
        # the window needed 666 px of a 660-pixel room (the rest of the side is filters).
        for view in (self.tree, self.found):
            view.setMinimumHeight(self.fontMetrics().lineSpacing() + 12)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.tree)
        found_page = QWidget()
        found_layout = QVBoxLayout(found_page)
        found_layout.setContentsMargins(0, 0, 0, 0)
        found_layout.addWidget(self.found_count)
        found_layout.addWidget(self.found, stretch=1)
        self.stack.addWidget(found_page)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.filters)
        left_layout.addWidget(self.stack, stretch=1)
        self.caseload_button = quiet_button("C&aseload…", "Caseload", self._on_caseload_clicked)
        # Side by side they set the list side's least width: at the largest text that left
        # the entry a third of a 1024-pixel window, so there they go one above the other.
        side_by_side = (self.open_button.sizeHint().width()
                        + self.caseload_button.sizeHint().width()) <= BUTTONS_WIDTH
        buttons = QBoxLayout(QBoxLayout.Direction.LeftToRight if side_by_side
                             else QBoxLayout.Direction.TopToBottom)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.caseload_button)
        if side_by_side:
            buttons.addStretch()
        left_layout.addLayout(buttons)
        return left

    def _build_reading_panel(self) -> QWidget:
        """Return the right side: the shown text, its comments, and the sessions."""
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
        self.message = MessageLabel("Review message")
        calls = ReviewCalls(self._session, self.message)
        self.comment_pane = CommentPane(self, calls)
        self.comment_pane.changed.connect(self.reload)
        self.session_pane = SessionPane(self, calls, self._on_send_clicked)
        self.session_pane.changed.connect(self.reload)
        # The panes' widgets by the names the dialog has always given them.
        comments, sessions = self.comment_pane, self.session_pane
        self.comments_heading, self.comments_model = comments.heading, comments.model
        self.comments, self.comment_box = comments.comments, comments.box
        self.draft_timer, self.question_box = comments.draft_timer, comments.question_box
        self.add_button, self.delete_button = comments.add_button, comments.delete_button
        self.sessions_heading, self.sessions_model = sessions.heading, sessions.model
        self.sessions, self.confirm_button = sessions.sessions, sessions.confirm_button
        self.group_button, self.send_button = sessions.group_button, sessions.send_button

        # The entry's text above, comments and sessions below, in a splitter: at the largest
        # text the lower part's minimum heights squeezed the text to a line and a half.
        # The lower part scrolls instead (both ways: its button rows are wider than the
        # side at 32 points), and the text keeps three fifths of the height at any size.
        reading = QWidget()
        reading_layout = QVBoxLayout(reading)
        reading_layout.setContentsMargins(0, 0, 0, 0)
        reading_layout.addWidget(self.heading)
        reading_layout.addWidget(self.text, stretch=1)
        desk = SnugPage()  # lists at their least height, as before its rows could wrap
        desk_layout = QVBoxLayout(desk)
        desk_layout.setContentsMargins(0, 0, 0, 0)
        desk_layout.addWidget(self.comments_heading)
        desk_layout.addWidget(self.comments, stretch=2)
        desk_layout.addWidget(self.comment_box)
        desk_layout.addWidget(comments.row)
        desk_layout.addWidget(self.message)
        desk_layout.addSpacing(8)
        desk_layout.addWidget(self.sessions_heading)
        desk_layout.addWidget(self.sessions)
        desk_layout.addWidget(sessions.row)
        self.desk_area = QScrollArea()
        self.desk_area.setAccessibleName("Comments and sessions")
        self.desk_area.setWidget(desk)
        self._desk = desk
        self.desk_area.setWidgetResizable(True)
        self.desk_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.reading_split = QSplitter(Qt.Orientation.Vertical)
        self.reading_split.setChildrenCollapsible(False)
        self.reading_split.addWidget(reading)
        self.reading_split.addWidget(self.desk_area)
        self.reading_split.setStretchFactor(0, 3)
        self.reading_split.setStretchFactor(1, 1)
        self._split_fitted = False
        return self.reading_split

    def _fit_reading_split(self) -> None:
        """Size the text and the lower part from the height there is and the text size.

        The lower part gets what it needs to show whole, up to 55 % of the height at usual
        sizes and 25 % at large ones (read a few lines at a time there anyway, it scrolls);
        the entry's text gets the rest.
        """
        height = self.reading_split.height()
        large = self.fontMetrics().lineSpacing() >= LARGE_LINE_PIXELS
        width = self.desk_area.viewport().width()  # its rows wrap at the largest text
        lower = min(max(self._desk.minimumSizeHint().height(),
                        self._desk.heightForWidth(width)) + 4,  # + the rounding
                    round(height * (0.25 if large else 0.55)))
        self.reading_split.setSizes([height - lower, lower])

    def showEvent(self, event: QShowEvent) -> None:
        """Fit the reading side to the window the first time it shows."""
        super().showEvent(event)
        if not self._split_fitted:
            self._split_fitted = True
            self._fit_reading_split()

    @classmethod
    def open_for(cls, parent: QWidget, session: JournalSession) -> ReviewDialog:
        """Show the review screen beside the main window and return it."""
        dialog = cls(session, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def reload(self) -> None:
        """Read everything again from the journal, keeping the selected row."""
        current = self._current()
        if current is not None:
            self._restore = current.key
        self._session.call(load_review, self._show_data, self._on_failed)
        self._session.call(load_choices, self._show_choices, self._on_failed)

    def _show_data(self, data: ReviewData) -> None:
        self._data = data
        self.session_pane.show_people(data)
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

    def _show_choices(self, choices: ReviewChoices) -> None:
        self.filters.set_choices(choices)
        if not self._request.is_empty:
            self._on_filters_changed()  # what changed (a comment, a bundle) may change the matches

    @Slot()
    def _on_filters_changed(self) -> None:
        try:
            request = self.filters.request()
        except InvalidInputError as exc:
            self.message.setText(exc.message)
            return
        self.message.clear()
        self._request = request
        if request.is_empty:
            self.stack.setCurrentIndex(0)
            self._highlight()
            return
        self._session.call(lambda journal: run_request(journal, request),
                           lambda items: self._show_found(request, items), self._on_failed)

    def _show_found(self, request: ReviewRequest, items: list[ReceivedItem]) -> None:
        if request != self._request:
            return  # an older request answered after a newer one was asked
        current = self.found.currentIndex()
        wanted = self.found_model.item(current).row if current.isValid() else None
        self.found_model.set_values(items)
        self.found_count.setText(f"{len(items)} found" if items else
                                 "No shared entry matches.")
        self.stack.setCurrentIndex(1)
        row = self.found_model.row_of(wanted) if wanted is not None else -1
        if items:
            self.found.setCurrentIndex(self.found_model.index(max(row, 0)))
        self._highlight()

    @Slot(QModelIndex, QModelIndex)
    def _on_found_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        item = self.found_model.item(current)
        index = self.model.find((ENTRY, item.sender_key.hex(), item.bundle_id, item.entry_id))
        if index.isValid():
            self.tree.setCurrentIndex(index)

    def _highlight(self) -> None:
        """Mark the search's words in the shown text, as the journal's reading pane does."""
        mark_hits(self.text, "" if self._request.is_empty else self._request.query,
                  self._changes)

    def _first_entry(self) -> QModelIndex:
        """Return the first entry of the bundle received last (or that bundle, if empty)."""
        newest = self._data.newest
        if newest is None:
            return QModelIndex()
        sender = newest.bundle.sender.signing_key
        if newest.entries:
            first = self.model.find(row_key(ENTRY, sender, newest.bundle, newest.entries[0]))
            if first.isValid():
                return first
        return self.model.find(row_key(BUNDLE, sender, newest.bundle, None))

    def _current(self) -> ReviewNode | None:
        index = self.tree.currentIndex()
        return self.model.node(index) if index.isValid() else None

    @Slot(QModelIndex, QModelIndex)
    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.message.clear()
        self._show_node(self.model.node(current) if current.isValid() else None)

    def _show_node(self, node: ReviewNode | None) -> None:
        if node is None:
            empty = self._data.empty
            self.heading.setText(
                "Nothing shared with you yet" if empty else "Choose a bundle or an entry"
            )
            self._changes = ()
            self.text.setPlainText(NOTHING_SHARED if empty else "")
            self.comment_pane.show(None)
            self.session_pane.show(None)
            return
        self.heading.setText(row_heading(node))
        text, self._changes = row_text_marked(node)
        self.text.setPlainText(text)
        self._highlight()
        self.comment_pane.show(node)
        self.session_pane.show(node)
        if node.kind == ENTRY and node.entry is not None and node.bundle is not None:
            self._mark_read(node.bundle.bundle_id, node.entry.id)

    def _mark_read(self, bundle_id: str, entry_id: str) -> None:
        # The found list is not searched again: under "Not read yet" the entry would leave
        # it, and the next one chosen would be marked read in turn.
        def marked(_was_new: bool) -> None:
            self.found_model.mark_read(bundle_id, entry_id)

        self._session.call(
            lambda journal: journal.received.mark_read(bundle_id, entry_id), marked,
            self._on_failed,
        )

    def _on_failed(self, error: BaseException) -> None:
        self.message.setText(user_message(error))

    @Slot()
    def _on_open_clicked(self) -> None:
        open_bundle(self, self._session, on_filed=lambda _result: self.reload())

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

    @Slot()
    def _on_caseload_clicked(self) -> None:
        if self.caseload is None:
            self.caseload = CaseloadDialog(self._session, self)
            self.caseload.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.caseload.supervisee_chosen.connect(self.filters.choose_supervisee)
            self.caseload.destroyed.connect(self._on_caseload_destroyed)
        else:
            self.caseload.reload()
        self.caseload.show()
        self.caseload.raise_()

    @Slot()
    def _on_caseload_destroyed(self) -> None:
        self.caseload = None

    def clear(self) -> None:
        """Show nothing of what was shared: rows, text, comments, sessions, typed text."""
        self._data = ReviewData()
        self._restore = None
        self.model.set_root(build_tree(self._data))
        self.found_model.set_values(())
        self.found_count.clear()
        self.filters.reset()
        self.filters.set_choices(ReviewChoices())  # supervisees' names go too
        self._request = ReviewRequest()
        self.stack.setCurrentIndex(0)
        self.comment_pane.clear()
        self.session_pane.clear()
        self.heading.clear()
        self.text.clear()  # clear() also empties the undo history
        self.message.clear()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Keep a comment being written, then forget what was shown when the window closes."""
        self.comment_pane.keep_draft()
        self.clear()
        super().closeEvent(event)

    def done(self, result: int) -> None:
        """Keep a comment being written, forget what was shown, then close.

        On lock this runs while the journal is still open, and the save is queued before
        the journal closes.
        """
        self.comment_pane.keep_draft()
        self.clear()
        super().done(result)

    @Slot()
    def _on_journal_locked(self) -> None:
        for dialog in self.findChildren(QDialog):
            if dialog.isVisible():
                dialog.reject()
        self.clear()
        self.reject()

