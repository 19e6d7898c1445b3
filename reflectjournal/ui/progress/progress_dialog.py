"""The Progress screen: hours and competencies toward Endorsement, and its printable summary.

Choosing a category, a date or whether independent study counts recomputes on the database
thread (session.call); the window only draws the report that comes back. The summary leaves
only as an explicit, warned unencrypted copy (ui/copies/export_actions.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QSize, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reflectjournal.domain.endorsement.changes import changes
from reflectjournal.domain.endorsement.results import Progress
from reflectjournal.domain.endorsement.rules import RuleSet
from reflectjournal.services.changes import Changes
from reflectjournal.services.journal import Journal
from reflectjournal.services.progress import ProgressOptions, ProgressReport
from reflectjournal.ui.background.operations import query
from reflectjournal.ui.background.session import JournalSession, user_message
from reflectjournal.ui.progress.flow_layout import FlowLayout
from reflectjournal.ui.progress.progress_view import ProgressView
from reflectjournal.ui.widgets.date_field import DateField
from reflectjournal.ui.widgets.page_parts import scrolling
from reflectjournal.ui.widgets.wheel_guard import guard_wheel
from reflectjournal.ui.widgets.window_room import screen_room

_PROFILE = ""  # the category combo's first item: the one the profile names
CHANGED_LINES = 4  # what-changed lines shown; the others in its tooltip
SAVE_BUTTONS = (("pdf", "Save &PDF…"), ("markdown", "Save &Markdown…"), ("csv", "Save C&SV…"))
CATEGORY_CHARACTERS = 30  # the category box's width; its open list shows the names whole

Save = Callable[[str, ProgressOptions, QWidget], None]
"""Makes the summary copy of a kind (pdf, markdown, csv); the window wires ui/copies in."""
PrintLog = Callable[[str, QWidget], None]
"""Makes the paper RSC log of one provider (by id); wired in by the window too."""


def _pair(label: QLabel, field: QWidget) -> QWidget:
    """Return a label and its field as one piece, so a wrapping row keeps them together."""
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(label)
    row.addWidget(field, 1)
    return holder


class ProgressDialog(QDialog):
    """Progress toward Endorsement for the open journal; closes when the journal locks."""

    def __init__(self, session: JournalSession, rules: RuleSet, save: Save,
                 print_log: PrintLog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Progress toward Endorsement")
        self.setAccessibleName("Progress toward Endorsement")
        self._session = session
        self._save_copy = save
        self._print_log = print_log
        self._request = 0  # answers to older requests are dropped
        self.category = QComboBox()
        self.category.setAccessibleName("Endorsement category")
        # Narrower than the longest category name: the window stays within 1024 pixels.
        self.category.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.category.setMinimumContentsLength(CATEGORY_CHARACTERS)
        # ... and narrower still when the row wraps at the largest text (the pair takes
        # the whole row then, and the box as much of it as there is).
        self.category.setMinimumWidth(self.fontMetrics().averageCharWidth() * 14)
        self.category.addItem("The category in my profile", _PROFILE)
        for cid in rules.category_ids():
            self.category.addItem(f"{rules.versions(cid)[-1].label} ({cid})", cid)
        self.as_of: QDateEdit = DateField("As of")  # a date typed over it is the date held
        self.as_of.setDate(QDate.currentDate())
        self.independent = QCheckBox("Count &independent study")
        self.status = QLabel("Computing…")
        self.status.setAccessibleName("Progress state")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        # What the ledger says differently from the result shown before (domain changes.py):
        # after a new session, an edit, a provider's qualification, or another category.
        self.changed = QLabel()
        self.changed.setAccessibleName("What changed since the last result")
        self.changed.setTextFormat(Qt.TextFormat.PlainText)
        self.changed.setWordWrap(True)
        self.changed.setVisible(False)
        self._previous: Progress | None = None
        self.view = ProgressView()
        self.view.coverage_cell_chosen.connect(self._list_cell)
        # The controls and the buttons wrap into more rows when the window is narrower than
        # one row of them (at the largest text: 3266 pixels wide before).
        controls = FlowLayout()
        for text, widget in (("&Category:", self.category), ("&As of:", self.as_of)):
            label = QLabel(text)
            label.setBuddy(widget)
            controls.addWidget(_pair(label, widget))
        controls.addWidget(self.independent)
        self.profile_button = QPushButton("My &profile…")
        self.profile_button.clicked.connect(self.edit_profile)
        controls.addWidget(self.profile_button)
        self.providers_button = QPushButton("Pro&viders…")
        self.providers_button.setAccessibleName("RSC providers")
        self.providers_button.clicked.connect(self.edit_providers)
        controls.addWidget(self.providers_button)
        buttons = FlowLayout(right=True)
        self.save_buttons: dict[str, QPushButton] = {}
        for kind, text in SAVE_BUTTONS:
            button = QPushButton(text)
            button.clicked.connect(lambda _=False, k=kind: self._save(k))
            buttons.addWidget(button)
            self.save_buttons[kind] = button
        self.log_sheet = QPushButton("RSC &log sheet…")
        buttons.addWidget(self.log_sheet)
        close = QPushButton("Close")
        close.setAccessibleName("Close progress")
        close.clicked.connect(self.reject)
        buttons.addWidget(close)
        self.log_sheet.setToolTip("A printable log of your sessions with one provider, for a "
                                  "supervisor who does not use the app to initial and sign")
        self.log_menu = QMenu(self.log_sheet)
        self.log_sheet.setMenu(self.log_menu)
        self.log_sheet.setEnabled(False)
        # Everything but the buttons scrolls: at the largest text the report is taller than
        # any screen, and the charts keep their text size rather than shrink.
        page = QWidget()
        box = QVBoxLayout(page)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(controls)
        box.addWidget(self.status)
        box.addWidget(self.changed)
        box.addWidget(self.view, 1)
        self.page = scrolling(page, "Progress report")
        layout = QVBoxLayout(self)
        layout.addWidget(self.page, 1)
        layout.addLayout(buttons)
        guard_wheel(self)
        self.category.currentIndexChanged.connect(self.refresh)
        self.as_of.dateChanged.connect(self.refresh)
        self.independent.toggled.connect(self.refresh)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.refresh)
        session.locked.connect(self.close)
        session.journal_changed.connect(self._on_journal_changed)
        self._rules = rules
        self.resize(QSize(980, 660).boundedTo(screen_room(parent)))  # 3266x1614 at 32 pt
        self.refresh()

    def options(self) -> ProgressOptions:
        """Return what the controls ask for."""
        chosen = self.category.currentData()
        day = self.as_of.date()
        return ProgressOptions(category=chosen or None,
                               as_of=dt.date(day.year(), day.month(), day.day()),
                               count_independent=self.independent.isChecked())

    def refresh(self) -> None:
        """Recompute on the database thread and show the result when it arrives."""
        options = self.options()
        self.status.setText("Computing…")
        self.status.setVisible(True)
        self._request += 1
        number = self._request

        def work(journal: Journal) -> ProgressReport | None:
            if options.category is None and not journal.profile.get().category:
                return None  # nothing to compute yet: the user picks a category above
            return journal.endorsement.progress(options)

        (query(self._session, work).success(lambda report: self._show(number, report))
         .failure(self._failed).run())

    def _show(self, number: int, report: ProgressReport | None) -> None:
        if number != self._request:
            return  # a newer request is on its way
        if report is None:
            self.status.setText("Choose the Endorsement category you are working toward "
                                "above: your profile does not name one yet.")
            self.category.setFocus()
            return
        self.status.setText("")
        self.status.setVisible(False)
        self._show_changes(report.progress)
        self.view.show_report(report)
        self.log_menu.clear()
        for provider in report.providers:
            action = self.log_menu.addAction(provider.name)
            action.triggered.connect(lambda _=False, pid=provider.id: self._print_log(pid, self))
        self.log_sheet.setEnabled(bool(report.providers))

    def _show_changes(self, progress: Progress) -> None:
        """Say what differs from the result shown before (nothing on the first one)."""
        previous, self._previous = self._previous, progress
        if previous is None:
            return
        lines = changes(previous, progress)
        # A few lines at most, so the report stays in view at the largest text size; the
        # rest is in the tooltip and for screen readers in the description.
        shown = lines[:CHANGED_LINES] + ([f"… and {len(lines) - CHANGED_LINES} more (hover "
                                          "to read them)"] if len(lines) > CHANGED_LINES
                                         else [])
        self.changed.setText("What changed since the last result:\n"
                             + "\n".join(f"• {line}" for line in shown) if lines
                             else "Nothing changed since the last result.")
        every = "\n".join(lines)
        self.changed.setToolTip(every)
        self.changed.setAccessibleDescription(every)
        self.changed.setVisible(True)

    def _failed(self, error: BaseException) -> None:
        self.status.setVisible(True)
        self.status.setText(user_message(error))

    def edit_profile(self) -> None:
        """Open the profile; the report follows once it is saved (journal_changed)."""
        from reflectjournal.ui.progress.profile_dialog import ProfileDialog

        dialog = ProfileDialog(self._session, self._rules, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.profile_dialog = dialog  # the newest, for tests

    def edit_providers(self) -> None:
        """Open the provider records; the report follows their changes (journal_changed)."""
        from reflectjournal.ui.progress.providers_dialog import ProvidersDialog

        self.providers_dialog = ProvidersDialog.open_for(self, self._session)  # for tests

    def _on_journal_changed(self, changes: Changes) -> None:
        if changes.touches("entries", "providers", "received"):
            self.refresh()

    def _list_cell(self, tag_id: str, column: str) -> None:
        def work(journal: Journal) -> list[str]:
            total, entries = journal.endorsement.coverage_cell(tag_id, column)
            kinds = {k.id: k.label for k in journal.catalog.kinds}
            lines = [f"{e.date.isoformat()} · {kinds.get(e.kind, e.kind)} · "
                     f"{e.title or '(untitled)'}" for e in entries]
            if total > len(entries):
                lines.append(f"… and {total - len(entries)} older.")
            return lines

        query(self._session, work).success(self.view.show_cell_entries).failure(
            self._failed).run()

    def _save(self, kind: str) -> None:
        self._save_copy(kind, self.options(), self)
