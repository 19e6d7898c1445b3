"""The review screen's sessions: those confirmed with the chosen supervisee, and confirming more.

One session with one supervisee (Confirm a session), or one group session for several
(Group session), each a signed statement that goes with the next comments sent to that
person. The review dialog lays these widgets out and tells the pane whose sessions to show.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QLabel, QListView, QWidget

from reflectjournal.domain.bundle import SessionDetails
from reflectjournal.domain.supervision import ConfirmedSession
from reflectjournal.services.review import ReviewData
from reflectjournal.ui.sharing.confirm_session_dialog import ConfirmSessionDialog
from reflectjournal.ui.sharing.group_session_dialog import GroupSessionDialog, Participant
from reflectjournal.ui.sharing.review_calls import ReviewCalls
from reflectjournal.ui.sharing.review_lists import SessionListModel
from reflectjournal.ui.sharing.review_tree import ReviewNode
from reflectjournal.ui.widgets.button_flow import button_flow
from reflectjournal.ui.widgets.page_parts import quiet_button


class SessionPane(QObject):
    """The chosen supervisee's confirmed sessions and the buttons that confirm or send."""

    changed = Signal()  # a session was confirmed: the journal is read again

    def __init__(self, dialog: QWidget, calls: ReviewCalls,
                 on_send: Callable[[], None]) -> None:
        # Nothing of the dialog is held here (see CommentPane): it goes when let go.
        super().__init__(dialog)
        self._calls = calls
        self._message = calls.message
        self._node: ReviewNode | None = None  # the row shown, the tree's current one
        self._data = ReviewData()  # what the dialog shows
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)  # holds a name
        self.heading.setAccessibleName("Sessions heading")
        self.heading.setWordWrap(True)
        self.model = SessionListModel()
        self.sessions = QListView()
        self.sessions.setModel(self.model)
        self.sessions.setAccessibleName("Confirmed sessions")
        self.sessions.setMaximumHeight(dialog.fontMetrics().lineSpacing() * 4 + 8)
        self.confirm_button = quiet_button(
            "Con&firm a session…",  # short: at the largest text the long one was 700 px
            "Confirm a supervision session",
            self._on_confirm_clicked,
        )
        self.group_button = quiet_button(
            "&Group session…",  # short: the row also holds two more buttons
            "Confirm one group session for several supervisees",
            self._on_group_clicked,
        )
        self.send_button = quiet_button("&Send comments…", "Send comments", on_send)
        self.row = button_flow(self.confirm_button, self.group_button, self.send_button,
                               align="split", left=2)

    def show(self, node: ReviewNode | None) -> None:
        """Show the sessions confirmed with this row's supervisee (None: no row chosen)."""
        self._node = node
        supervisee = node.supervisee() if node is not None else None
        if supervisee is None:
            self.heading.setText("Confirmed supervision sessions:")
            self.model.set_values(())
        else:
            # Grouped by signing key in the service: two supervisees can share a name.
            self.heading.setText(f"Sessions confirmed with {supervisee.name}:")
            self.model.set_values(supervisee.person.sessions)
        self.sessions.setEnabled(supervisee is not None)
        self.confirm_button.setEnabled(supervisee is not None)
        self.send_button.setEnabled(supervisee is not None and supervisee.contact is not None)

    def show_people(self, data: ReviewData) -> None:
        """Offer a group session when two or more supervisees shared something."""
        self._data = data
        self.group_button.setEnabled(len(self.participants()) >= 2)

    def clear(self) -> None:
        """Show no sessions, and offer none to confirm."""
        self._node = None
        self._data = ReviewData()
        self.model.set_values(())
        self.heading.clear()

    def participants(self) -> list[Participant]:
        """Return everyone who shared something, each with their newest bundle."""
        return [Participant(p.name, p.verified, p.bundles[0].bundle.bundle_id)
                for p in self._data.supervisees if p.bundles]

    @Slot()
    def _on_confirm_clicked(self) -> None:
        node = self._node
        bundle = node.newest_bundle() if node else None
        if node is None or bundle is None:
            return
        name = node.supervisee().name
        choice = ConfirmSessionDialog.ask(self.sessions.window(), name)
        if choice is None:
            return
        bundle_id = bundle.bundle_id

        def confirmed(session: ConfirmedSession) -> None:
            self.changed.emit()
            self._message.setText(
                f"Confirmed {session.minutes} minutes on {session.date.isoformat()} with "
                f"{name}. It goes with your next comments."
            )

        self._calls.call(
            lambda journal: journal.sharing.confirm_session(
                bundle_id, choice.date, choice.minutes, choice.format
            ),
            confirmed,
        )

    @Slot()
    def _on_group_clicked(self) -> None:
        people = self.participants()
        if len(people) < 2:
            self._message.setText("A group session needs at least two supervisees who shared "
                                  "entries with you.")
            return
        choice = GroupSessionDialog.ask(self.sessions.window(), people)
        if choice is None:
            return

        def confirmed(sessions: list[ConfirmedSession]) -> None:
            self.changed.emit()
            names = ", ".join(s.other_name for s in sessions)
            self._message.setText(
                f"Confirmed a group session of {choice.minutes} minutes on "
                f"{choice.date.isoformat()} for {names}: a statement for each, naming only "
                "them. Each goes with your next comments to that person.")

        self._calls.call(
            lambda journal: journal.sharing.confirm_group_session(
                choice.bundle_ids, choice.date, choice.minutes,
                SessionDetails(mode=choice.mode)),
            confirmed,
        )
