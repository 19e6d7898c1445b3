"""My Endorsement profile: the facts the rules depend on, kept inside the encrypted journal.

Category and track, degree and its date, whether bachelor's-prepared, whether the user
provides RSC, the Endorsement held and since when, and the intended submission date (it picks
the rule version). Read and saved on the database thread; dates are typed as YYYY-MM-DD, the
same as everywhere else in the app and the command line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from reflectjournal.domain.endorsement.changes import changes
from reflectjournal.domain.endorsement.records import Degree, Profile, Track
from reflectjournal.domain.endorsement.rules import RuleSet
from reflectjournal.domain.entry import parse_date
from reflectjournal.services.changes import Changes
from reflectjournal.services.journal import Journal
from reflectjournal.services.progress import ProgressOptions
from reflectjournal.ui.background.operations import change, query
from reflectjournal.ui.background.session import JournalSession
from reflectjournal.ui.widgets.page_parts import scrolling
from reflectjournal.ui.widgets.wheel_guard import guard_wheel
from reflectjournal.ui.widgets.window_room import screen_room
from reflectjournal.ui.widgets.wrapping_buttons import WrappingCheckBox

PROFILE_CHANGED = Changes(providers=True)  # the profile travels with the provider records
_DEGREES = ((Degree.NONE, "Not yet"), (Degree.BACHELOR, "Bachelor's"),
            (Degree.MASTER, "Master's"), (Degree.DOCTORATE, "Doctorate"))


def _narrow(combo: QComboBox) -> QComboBox:
    """Let a list of long names be narrower than its longest (the open list shows it whole):
    at the largest text a category's full name is wider than a 1024-pixel screen."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(24)
    return combo


def _date_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setAccessibleName(name)
    field.setPlaceholderText("YYYY-MM-DD")
    field.setMaxLength(10)
    return field


class ProfileDialog(QDialog):
    """Edit the profile; `saved` is emitted through the session's journal_changed."""

    def __init__(self, session: JournalSession, rules: RuleSet,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("My Endorsement profile")
        self.setAccessibleName("My Endorsement profile")
        self._session = session
        self._profile = Profile()
        self.category = _narrow(QComboBox())
        self.endorsed = _narrow(QComboBox())
        for combo, none in ((self.category, "Not chosen yet"), (self.endorsed, "None yet")):
            combo.addItem(none, None)
            for cid in rules.category_ids():
                combo.addItem(f"{rules.versions(cid)[-1].label} ({cid})", cid)
        self.category.setAccessibleName("Target category")
        self.endorsed.setAccessibleName("Endorsement held")
        self.track = _narrow(QComboBox())
        self.track.setAccessibleName("Track")
        self.track.addItem("Infant mental health (IMH-E, 0-3)", Track.IMH)
        self.track.addItem("Early childhood mental health (ECMH-E, 3-6)", Track.ECMH)
        self.degree = QComboBox()
        self.degree.setAccessibleName("Highest degree")
        for value, label in _DEGREES:
            self.degree.addItem(label, value)
        self.degree_date = _date_field("Degree date")
        # Their words wrap at the largest text instead of widening the window.
        self.bachelors: QCheckBox = WrappingCheckBox(
            "I am &bachelor's-prepared (a provider rule depends on it)")
        self.provides: QCheckBox = WrappingCheckBox(
            "I &provide reflective supervision / consultation")
        self.endorsed_since = _date_field("Endorsed since")
        self.submission = _date_field("Intended submission date")
        # Spec 2.9 item 5: before a change of target category is saved, what it changes,
        # computed from the same entries (nothing is changed until Save).
        self.switch = QLabel()
        self.switch.setAccessibleName("What this category changes")
        self.switch.setTextFormat(Qt.TextFormat.PlainText)
        self.switch.setWordWrap(True)
        # In a scroll area of a few lines: a switch can change a dozen things, and the
        # dialog must not grow past the window (nor cut the words off) at large text sizes.
        self.switch_area = QScrollArea()
        self.switch_area.setWidget(self.switch)
        self.switch_area.setWidgetResizable(True)
        self.switch_area.setFrameShape(QFrame.Shape.NoFrame)
        self.switch_area.setMinimumHeight(self.fontMetrics().height() * 4)
        self.switch_area.setMaximumHeight(self.fontMetrics().height() * 8)
        self.switch_area.setVisible(False)
        self.problem = QLabel()
        self.problem.setAccessibleName("Problem")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        form = QFormLayout()
        # A field goes under its label only when the two do not fit side by side.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow("Target &category:", self.category)
        form.addRow("&Track:", self.track)
        form.addRow("Highest &degree:", self.degree)
        form.addRow("Degree &date:", self.degree_date)
        form.addRow("", self.bachelors)
        form.addRow("", self.provides)
        form.addRow("&Endorsement held:", self.endorsed)
        form.addRow("Endorsed &since:", self.endorsed_since)
        form.addRow("Intended s&ubmission:", self.submission)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        intro = QLabel("Kept inside your encrypted journal. The rules read these to pick the "
                       "version that applies and which sessions count.")
        intro.setWordWrap(True)
        # The form scrolls above the buttons: at the largest text it is taller than the
        # screen (1978x976 before).
        page = QWidget()
        box = QVBoxLayout(page)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(intro)
        box.addLayout(form)
        box.addWidget(self.switch_area)
        box.addWidget(self.problem)
        box.addStretch(1)
        area = scrolling(page, "Profile fields")
        layout = QVBoxLayout(self)
        layout.addWidget(area, 1)
        layout.addWidget(self.buttons)
        screen = screen_room(parent)
        if page.sizeHint().width() > screen.width() - 4 * layout.contentsMargins().left():
            # Too wide side by side (at large text sizes): every field under its label,
            # the check boxes too, or they keep the labels' column and pass the right edge.
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        width = max(page.sizeHint().width(), 560) + 2 * layout.contentsMargins().left()
        # Room for what shows later too: a category switch's few lines and a problem.
        later = self.switch_area.maximumHeight() + 2 * self.fontMetrics().lineSpacing()
        room = QSize(width, page.heightForWidth(width) + self.buttons.sizeHint().height()
                     + 3 * layout.contentsMargins().top() + later)
        self.resize(room.boundedTo(screen))
        guard_wheel(self)
        session.locked.connect(self.reject)
        query(session, lambda journal: journal.profile.get()).success(self._show).telling(
            self.problem).run()
        self.category.currentIndexChanged.connect(self._on_category_changed)

    def _show(self, profile: Profile) -> None:
        self._profile = profile
        self.category.setCurrentIndex(max(0, self.category.findData(profile.category)))
        self.endorsed.setCurrentIndex(max(0, self.endorsed.findData(profile.endorsed)))
        self.track.setCurrentIndex(max(0, self.track.findData(profile.track)))
        self.degree.setCurrentIndex(max(0, self.degree.findData(profile.degree)))
        for field, day in ((self.degree_date, profile.degree_date),
                           (self.endorsed_since, profile.endorsed_since),
                           (self.submission, profile.submission_date)):
            field.setText(day.isoformat() if day else "")
        self.bachelors.setChecked(profile.bachelors_prepared)
        self.provides.setChecked(profile.provides_rsc)

    def _on_category_changed(self) -> None:
        before, after = self._profile.category, self.category.currentData()
        if not before or not after or before == after:
            self.switch_area.setVisible(False)
            return

        def work(journal: Journal) -> list[str]:
            old = journal.endorsement.progress(ProgressOptions(category=before))
            new = journal.endorsement.progress(ProgressOptions(category=after))
            return changes(old.progress, new.progress)

        def show(lines: list[str]) -> None:
            if self.category.currentData() != after:
                return  # another category was chosen meanwhile
            self.switch.setText("If you save, from the same entries:\n"
                                + "\n".join(f"• {line}" for line in lines))
            self.switch_area.setVisible(True)

        query(self._session, work).success(show).telling(self.problem).run()

    def chosen(self) -> Profile:
        """Return the profile the form shows; raise ValueError naming a bad date."""
        def day(field: QLineEdit) -> dt.date | None:
            text = field.text().strip()
            if not text:
                return None
            try:
                return parse_date(text)
            except ValueError:
                raise ValueError(f"{field.accessibleName()}: '{text}' is not a date in the "
                                 "form YYYY-MM-DD.") from None

        return replace(
            self._profile, category=self.category.currentData(),
            track=self.track.currentData(), degree=self.degree.currentData(),
            degree_date=day(self.degree_date), bachelors_prepared=self.bachelors.isChecked(),
            provides_rsc=self.provides.isChecked(), endorsed=self.endorsed.currentData(),
            endorsed_since=day(self.endorsed_since), submission_date=day(self.submission))

    def save(self) -> None:
        """Save on the database thread; close once saved, or say what is wrong."""
        try:
            profile = self.chosen()
        except ValueError as exc:
            self.problem.setText(str(exc))
            return

        def work(journal: Journal) -> Profile:
            return journal.profile.set(profile)

        (change(self._session, work, PROFILE_CHANGED).success(lambda _: self.accept())
         .telling(self.problem).run())
