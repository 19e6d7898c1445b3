"""The Providers window's small questions: a name, a qualification from a date, a contact,
a merge and the merge offer. Each is a thin dialog whose `ask` returns the answer or None.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QDate, Qt, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from reflectjournal.domain.endorsement.records import ProviderRecord, Qualification
from reflectjournal.domain.wording import count_words
from reflectjournal.ui.widgets.date_field import DateField
from reflectjournal.ui.widgets.page_parts import buddy_label
from reflectjournal.ui.widgets.provider_dialog import QUALIFICATION_WORDS
from reflectjournal.ui.widgets.window_room import fit_window
from reflectjournal.ui.widgets.wrapping_buttons import WrappingCheckBox, WrappingRadioButton

LAPSE_WORDS = ("From this date the provider no longer held an endorsement that qualifies them "
               "(it lapsed or was not renewed). Sessions with them from then on do not count "
               "toward RSC; the ones before stay as they were.")


def _wrapped(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)  # provider names are typed by someone
    return label


def _fit_width(dialog: QDialog) -> None:
    """Make the dialog about 45 characters wide at any text size, at most 960 pixels (a
    1024-pixel window): shown at its size hint, a narrower one cuts its wrapped text off."""
    dialog.setMinimumWidth(min(dialog.fontMetrics().averageCharWidth() * 45, 960))


def _narrow(combo: QComboBox) -> QComboBox:
    """Let a list of long choices be narrower than its longest one (it shows the rest when
    open): at the largest text a qualification's full name is wider than the window."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(20)
    return combo


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    # Made in the dialog: a default set on a button outside one is lost when it shows, and
    # Enter (typed in the date field, say) pressed Cancel instead.
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, dialog)
    ok = buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
    ok.setAccessibleName(ok_text.replace("&", ""))
    ok.setDefault(True)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def _day(edit: QDateEdit) -> dt.date:
    day = edit.date()
    return dt.date(day.year(), day.month(), day.day())


def _date_edit(name: str) -> QDateEdit:
    # A DateField: Ctrl+A and a date typed over a QDateEdit kept the old year.
    edit = DateField(name)
    edit.setDate(QDate.currentDate())
    return edit


class RenameDialog(QDialog):
    """Asks for a provider's new display name."""

    def __init__(self, parent: QWidget | None, name: str) -> None:
        super().__init__(parent)
        self.setWindowTitle("Rename provider")
        _fit_width(self)
        form = QFormLayout(self)
        form.addRow(_wrapped("The entries stay with the record; only the name you see "
                             "changes."))
        self.name = QLineEdit(name)
        self.name.setAccessibleName("New name")
        self.name.setMaxLength(200)
        form.addRow("&Name:", self.name)
        self.buttons = _buttons(self, "&Rename")
        form.addRow(self.buttons)
        self.name.textChanged.connect(self._on_name_changed)
        fit_window(self, parent, max(self.minimumWidth(), self.sizeHint().width()))

    @Slot(str)
    def _on_name_changed(self, text: str) -> None:
        for button in self.buttons.buttons():
            if self.buttons.buttonRole(button) == QDialogButtonBox.ButtonRole.AcceptRole:
                button.setEnabled(bool(text.strip()))

    @classmethod
    def ask(cls, parent: QWidget | None, name: str) -> str | None:
        """Return the new name, or None if cancelled."""
        dialog = cls(parent, name)
        dialog.name.selectAll()
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return " ".join(dialog.name.text().split()) or None


@dataclass(frozen=True, slots=True)
class QualificationChange:
    """A qualification the provider held from a date."""

    qualification: Qualification
    since: dt.date


class QualificationDialog(QDialog):
    """Asks what the provider held from which date; as a lapse, only the date."""

    def __init__(self, parent: QWidget | None, name: str, *, lapse: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle("Endorsement lapsed" if lapse else "Add a qualification")
        _fit_width(self)
        form = QFormLayout(self)
        form.addRow(_wrapped(f"{name}: {LAPSE_WORDS}" if lapse else
                             f"What {name} held from a date on. The one held before stays "
                             "in the history; the same date again corrects it."))
        self.qualification = _narrow(QComboBox())
        self.qualification.setAccessibleName("Qualification")
        for qualification, words in QUALIFICATION_WORDS.items():
            self.qualification.addItem(words, qualification.value)
        self.qualification.setCurrentIndex(self.qualification.findData(
            (Qualification.NOT_ENDORSED if lapse else Qualification.IMHS).value))
        self.since = _date_edit("Lapsed on" if lapse else "Held since")
        if not lapse:
            form.addRow("&Qualification:", self.qualification)
        form.addRow("&Lapsed on:" if lapse else "&Since:", self.since)
        form.addRow(_buttons(self, "&Record the lapse" if lapse else "&Add"))
        fit_window(self, parent, max(self.minimumWidth(), self.sizeHint().width()))

    def result_value(self) -> QualificationChange:
        """Return what the dialog holds."""
        return QualificationChange(Qualification(self.qualification.currentData()),
                                   _day(self.since))

    @classmethod
    def ask(cls, parent: QWidget | None, name: str, *,
            lapse: bool = False) -> QualificationChange | None:
        """Return the qualification and date, or None if cancelled."""
        dialog = cls(parent, name, lapse=lapse)
        return dialog.result_value() if dialog.exec() == QDialog.DialogCode.Accepted else None


class ContactDialog(QDialog):
    """Asks which verified contact a provider record is (their signing key links them)."""

    def __init__(self, parent: QWidget | None, name: str, contacts: Sequence[str]) -> None:
        super().__init__(parent)
        self.setWindowTitle("Link to a contact")
        _fit_width(self)
        form = QFormLayout(self)
        form.addRow(_wrapped(f"Link {name} to a contact you verified with the pairing code. "
                             "Sessions they confirm by signature then attach to this record."))
        self.contact = _narrow(QComboBox())
        self.contact.setAccessibleName("Verified contact")
        self.contact.addItems(list(contacts))
        form.addRow("&Contact:", self.contact)
        form.addRow(_buttons(self, "&Link"))
        fit_window(self, parent, max(self.minimumWidth(), self.sizeHint().width()))

    @classmethod
    def ask(cls, parent: QWidget | None, name: str, contacts: Sequence[str]) -> str | None:
        """Return the chosen contact's name, or None if cancelled."""
        dialog = cls(parent, name, contacts)
        return (dialog.contact.currentText()
                if dialog.exec() == QDialog.DialogCode.Accepted else None)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A provider record with how many entries name it, for a merge question."""

    record: ProviderRecord
    entries: int


def _entries(count: int) -> str:
    return count_words(count, "entry", "entries")


class MergeDialog(QDialog):
    """Asks which record the chosen one is merged with, and which of the two stays."""

    def __init__(self, parent: QWidget | None, chosen: Candidate,
                 others: Sequence[Candidate]) -> None:
        super().__init__(parent)
        self.setWindowTitle("Merge two provider records")
        _fit_width(self)
        self._chosen = chosen
        self._others = list(others)
        form = QFormLayout(self)
        form.addRow(_wrapped("Merge two records that are one person. The entries of the one "
                             "that goes follow the one that stays, with its qualification "
                             "history; the merge is logged and cannot be undone."))
        self.other = _narrow(QComboBox())
        self.other.setAccessibleName("Merge with")
        for candidate in self._others:
            self.other.addItem(f"{candidate.record.name} ({_entries(candidate.entries)})",
                               candidate.record.id)
        form.addRow("Merge &with:", self.other)
        # Names can be long: they wrap rather than widen the window past the screen.
        self.keep_chosen: QRadioButton = WrappingRadioButton()
        self.keep_other: QRadioButton = WrappingRadioButton()
        self.keep_chosen.setChecked(True)
        self._group = QButtonGroup(self)
        box = QVBoxLayout()
        for button in (self.keep_chosen, self.keep_other):
            self._group.addButton(button)
            box.addWidget(button)
        # A label with a buddy: from a bare string the row read "&Keep:", with no shortcut.
        keep = buddy_label("&Keep:", self.keep_chosen)
        form.addRow(keep, box)
        self.effect = _wrapped("")
        self.effect.setAccessibleName("What the merge does")
        form.addRow(self.effect)
        form.addRow(_buttons(self, "&Merge"))
        self.other.currentIndexChanged.connect(self._update)
        self.keep_chosen.toggled.connect(self._update)
        self._update()
        fit_window(self, parent, max(self.minimumWidth(), self.sizeHint().width()))

    def _partner(self) -> Candidate:
        return self._others[max(self.other.currentIndex(), 0)]

    @Slot()
    def _update(self) -> None:
        partner = self._partner()
        self.keep_chosen.setText(f"{self._chosen.record.name}")
        self.keep_chosen.setAccessibleName(f"Keep {self._chosen.record.name}")
        self.keep_other.setText(f"{partner.record.name}")
        self.keep_other.setAccessibleName(f"Keep {partner.record.name}")
        source, survivor = self.result_value()
        moving = next(c for c in (self._chosen, partner) if c.record.id == source)
        kept = next(c for c in (self._chosen, partner) if c.record.id == survivor)
        self.effect.setText(f"{_entries(moving.entries)} of '{moving.record.name}' will move "
                            f"to '{kept.record.name}', and '{moving.record.name}' is removed.")

    def result_value(self) -> tuple[str, str]:
        """Return (the record that goes, the record that stays) by id."""
        partner = self._partner().record.id
        mine = self._chosen.record.id
        return (partner, mine) if self.keep_chosen.isChecked() else (mine, partner)

    @classmethod
    def ask(cls, parent: QWidget | None, chosen: Candidate,
            others: Sequence[Candidate]) -> tuple[str, str] | None:
        """Return (source id, survivor id), or None if cancelled."""
        dialog = cls(parent, chosen, others)
        return dialog.result_value() if dialog.exec() == QDialog.DialogCode.Accepted else None


class MergeOfferDialog(QDialog):
    """After a link: offers to merge records that may be the same person; none is ticked."""

    def __init__(self, parent: QWidget | None, linked: ProviderRecord, contact: str,
                 offered: Sequence[Candidate]) -> None:
        super().__init__(parent)
        self.setWindowTitle("The same person?")
        layout = QVBoxLayout(self)
        _fit_width(self)
        layout.addWidget(_wrapped(
            f"{linked.name} is now linked to {contact}. These records may be the same "
            f"person. Tick the ones to merge into {linked.name}; their entries follow it."))
        self.choices: list[tuple[QCheckBox, str]] = []
        for candidate in offered:
            box: QCheckBox = WrappingCheckBox(
                f"{candidate.record.name} ({_entries(candidate.entries)})")
            box.setAccessibleName(f"Merge {candidate.record.name}")
            layout.addWidget(box)
            self.choices.append((box, candidate.record.id))
        self.buttons = QDialogButtonBox(self)  # in the dialog, so "Not now" stays its default
        self.merge = self.buttons.addButton("&Merge the ticked ones",
                                            QDialogButtonBox.ButtonRole.AcceptRole)
        self.merge.setAccessibleName("Merge the ticked records")
        later = self.buttons.addButton("&Not now", QDialogButtonBox.ButtonRole.RejectRole)
        later.setAccessibleName("Do not merge")
        later.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for box, _ in self.choices:
            box.toggled.connect(self._update)
        self._update()
        fit_window(self, parent, max(self.minimumWidth(), self.sizeHint().width()))

    @Slot()
    def _update(self) -> None:
        self.merge.setEnabled(bool(self.ticked()))

    def ticked(self) -> list[str]:
        """Return the ids of the ticked records."""
        return [pid for box, pid in self.choices if box.isChecked()]

    @classmethod
    def ask(cls, parent: QWidget | None, linked: ProviderRecord, contact: str,
            offered: Sequence[Candidate]) -> list[str]:
        """Return the ids of the records to merge into `linked` (empty: none)."""
        dialog = cls(parent, linked, contact, offered)
        return dialog.ticked() if dialog.exec() == QDialog.DialogCode.Accepted else []
