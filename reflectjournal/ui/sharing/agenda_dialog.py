"""The supervision agenda: every open question and mark, oldest first, until answered.

On the clinician's side: a supervisor's questions and the user's own "bring to supervision"
marks (services/supervision_loop.py); on the supervisor's side, what supervisees brought
that has no comment yet, the same items the caseload counts. Questions are someone else's
words: shown as plain text. Every call runs on the database thread.
"""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QVBoxLayout,
    QWidget,
)

from reflectjournal.domain.agenda import AgendaItem, WaitingQuestion
from reflectjournal.domain.visible import visible_controls
from reflectjournal.ui.background.operations import query
from reflectjournal.ui.background.session import JournalSession
from reflectjournal.ui.widgets.page_parts import close_buttons, plain_reader, quiet_button
from reflectjournal.ui.widgets.passphrase_field import MessageLabel
from reflectjournal.ui.widgets.value_table import ValueListModel
from reflectjournal.ui.widgets.wording import local_day

INTRO = ("Carried forward to your next supervision, oldest first, until answered: your "
         "supervisor's questions (sharing that entry again with them answers one too) and the "
         "entries you marked to bring.")
SUPERVISOR_INTRO = ("Brought to you by supervisees, with no comment from you yet (the "
                    "caseload counts these as asked):")


def _one_line(text: str) -> str:
    return visible_controls(" ".join(text.split()))


class AgendaModel(ValueListModel):
    """One open item a row: since when and where from, then the question on its own line.

    A list that wraps rather than a table: at the largest text a table's columns ran off
    the side of a 1024-pixel window.
    """

    def text(self, value: AgendaItem) -> str:
        """Return the item's lines."""
        head = f"{local_day(value.opened_at)} · {_one_line(value.origin)}"
        return f"{head}\n{_one_line(value.text)}" if value.text else head

    def item(self, row: int) -> AgendaItem | None:
        """Return the item on a row, if any."""
        if not 0 <= row < self.rowCount():
            return None
        found: AgendaItem = self.value(self.index(row))
        return found


class WaitingModel(ValueListModel):
    """One entry a supervisee brought a row."""

    def text(self, value: WaitingQuestion) -> str:
        """Return since when, and who brought which entry."""
        return f"{local_day(value.received_at)} · {_one_line(value.origin)}"


def _list(model: ValueListModel, name: str) -> QListView:
    view = QListView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setWordWrap(True)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)  # Tab leaves it; the arrows move within
    return view


class AgendaDialog(QDialog):
    """The open items, what each is, and marking one answered."""

    def __init__(self, session: JournalSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.setWindowTitle("Supervision agenda")
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        self.model = AgendaModel()
        self.table = _list(self.model, "Open agenda items")
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.question = plain_reader("The selected question")
        self.question.setMaximumHeight(self.question.fontMetrics().lineSpacing() * 4 + 16)
        self.answered = quiet_button("Mark &answered", "Mark the selected item answered")
        self.answered.clicked.connect(self._on_answered_clicked)
        self.waiting_intro = QLabel(SUPERVISOR_INTRO)
        self.waiting_intro.setWordWrap(True)
        self.waiting_model = WaitingModel()
        self.waiting = _list(self.waiting_model, "Brought by supervisees")
        self.message = MessageLabel("Agenda message")
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(self.answered)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.question)
        layout.addLayout(row)
        layout.addWidget(self.waiting_intro)
        layout.addWidget(self.waiting, 1)
        layout.addWidget(self.message)
        layout.addWidget(close_buttons(self, "Close agenda"))
        line = self.fontMetrics().lineSpacing()
        self.resize(max(760, 44 * line), max(480, 26 * line))
        session.locked.connect(self._on_journal_locked)
        self._on_selection_changed()
        self.reload()

    @classmethod
    def open_for(cls, parent: QWidget | None, session: JournalSession) -> AgendaDialog:
        """Show the agenda window-modal over parent."""
        dialog = cls(session, parent)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def reload(self, note: str = "") -> None:
        """Read the open items again; note says what the last action did."""
        def show(found: tuple[list[AgendaItem], list[WaitingQuestion]]) -> None:
            items, waiting = found
            self.model.set_values(items)
            self.waiting_model.set_values(waiting)
            for widget in (self.waiting_intro, self.waiting):
                widget.setVisible(bool(waiting))
            if items:
                self.select(0)
            self._on_selection_changed()
            empty = "" if items or waiting else ("Nothing open: no questions waiting and no "
                                                 "entries marked to bring.")
            self.message.setText(" ".join(t for t in (note, empty) if t))

        (query(self._session, lambda j: (j.loop.agenda(), j.received.waiting_questions()))
         .success(show).telling(self.message).run())

    def select(self, row: int) -> None:
        """Choose the item on a row."""
        self.table.setCurrentIndex(self.model.index(row))

    def _selected(self) -> AgendaItem | None:
        rows = self.table.selectionModel().selectedIndexes()
        return self.model.item(rows[0].row()) if rows else None

    @Slot()
    def _on_selection_changed(self) -> None:
        item = self._selected()
        self.question.setPlainText(item.text if item else "")
        self.question.setVisible(bool(item and item.text))
        self.answered.setEnabled(item is not None)

    @Slot()
    def _on_answered_clicked(self) -> None:
        item = self._selected()
        if item is None:
            return
        item_id = item.item_id
        (query(self._session, lambda j: j.loop.mark_answered(item_id))
         .success(lambda done: self.reload(f"Answered: {_one_line(done.origin)}."))
         .telling(self.message).run())

    @Slot()
    def _on_journal_locked(self) -> None:
        self.model.set_values(())
        self.waiting_model.set_values(())
        self.question.clear()
        self.reject()
