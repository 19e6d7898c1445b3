"""The entry editor: kind, date, title, the kind's guided prompts, free text and tags."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QDate, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from reflectjournal.domain.entry import Entry, EntryChanges
from reflectjournal.domain.ids import EntryId, TagId
from reflectjournal.domain.taxonomy import Catalog, Tag


def _text_box(name: str, lines: int = 4) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setAccessibleName(name)
    box.setTabChangesFocus(True)
    box.setMinimumHeight(box.fontMetrics().lineSpacing() * lines + 12)
    return box


class EntryEditor(QWidget):
    """Edits one entry; the window saves what `changes_to_save` returns."""

    save_requested = Signal()
    cancelled = Signal()

    def __init__(self, catalog: Catalog) -> None:
        super().__init__()
        self._catalog = catalog
        self._entry_id: EntryId | None = None
        self._dirty = False
        self._prompt_boxes: dict[str, QPlainTextEdit] = {}

        outer = QVBoxLayout(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        self._layout = QVBoxLayout(body)
        scroll.setWidget(body)
        outer.addWidget(scroll)

        form = QFormLayout()
        self.kind = QComboBox()
        self.kind.setAccessibleName("Entry kind")
        for kind in catalog.kinds:
            self.kind.addItem(kind.label, kind.id)
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setAccessibleName("Date")
        self.title = QLineEdit()
        self.title.setAccessibleName("Title")
        self.starred = QCheckBox("Star")
        self.starred.setAccessibleName("Starred")
        form.addRow("&Kind:", self.kind)
        form.addRow("&Date:", self.date)
        form.addRow("&Title:", self.title)
        form.addRow("", self.starred)
        self._layout.addLayout(form)

        self._prompts = QVBoxLayout()
        self._layout.addLayout(self._prompts)
        self._layout.addWidget(QLabel("Free text:"))
        self.body = _text_box("Free text", 6)
        self._layout.addWidget(self.body)

        self._layout.addWidget(QLabel("Competency areas:"))
        self.competencies = QListWidget()
        self.competencies.setAccessibleName("Competency areas")
        self._layout.addWidget(self.competencies)
        self._layout.addWidget(QLabel("Themes:"))
        self.themes = QListWidget()
        self.themes.setAccessibleName("Themes")
        self._layout.addWidget(self.themes)

        buttons = QHBoxLayout()
        self.state = QLabel("")
        self.state.setAccessibleName("Save state")
        buttons.addWidget(self.state)
        buttons.addStretch()
        cancel = QPushButton("Close")
        cancel.setAccessibleName("Close editor")
        cancel.clicked.connect(self._on_cancel_clicked)
        self.save = QPushButton("&Save")
        self.save.setAccessibleName("Save entry")
        self.save.setShortcut("Ctrl+S")
        self.save.clicked.connect(self.save_requested)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save)
        outer.addLayout(buttons)

        self.title.textChanged.connect(self._on_changed)
        self.body.textChanged.connect(self._on_changed)
        self.starred.toggled.connect(self._on_changed)
        self.date.dateChanged.connect(self._on_changed)
        self._on_kind_changed(0)

    # --- loading -------------------------------------------------------------------------

    def start_new(self, tags: Sequence[Tag]) -> None:
        """Show an empty entry of the first kind dated today."""
        self._load(None, tags)
        self.state.setText("New entry")

    def start_edit(self, entry: Entry, tags: Sequence[Tag]) -> None:
        """Show an existing entry."""
        self._load(entry, tags)
        self.state.setText("Saved")

    def _load(self, entry: Entry | None, tags: Sequence[Tag]) -> None:
        self._entry_id = entry.id if entry else None
        self.kind.blockSignals(True)
        self.kind.setCurrentIndex(max(0, self.kind.findData(entry.kind if entry else "session")))
        self.kind.blockSignals(False)
        self._on_kind_changed(self.kind.currentIndex())
        day = entry.date if entry else dt.date.today()
        self.date.setDate(QDate(day.year, day.month, day.day))
        self.title.setText(entry.title if entry else "")
        self.body.setPlainText(entry.body if entry else "")
        self.starred.setChecked(entry.starred if entry else False)
        for prompt_id, box in self._prompt_boxes.items():
            box.setPlainText(entry.answers.get(prompt_id, "") if entry else "")
        chosen = set(entry.all_tags) if entry else set()
        self._fill(self.competencies, [t for t in tags if t.family == "competency"], chosen)
        self._fill(self.themes, [t for t in tags if t.family == "theme"], chosen)
        self._dirty = False

    @staticmethod
    def _fill(widget: QListWidget, tags: Sequence[Tag], chosen: set[TagId]) -> None:
        widget.clear()
        for tag in tags:
            item = QListWidgetItem(("    " if tag.parent else "") + tag.label)
            item.setData(Qt.ItemDataRole.UserRole, tag.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = tag.id in chosen
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            if tag.meaning:
                item.setToolTip(tag.meaning)
            widget.addItem(item)

    @Slot(int)
    def _on_kind_changed(self, _index: int) -> None:
        kind = self._catalog.kind(self.kind.currentData() or "session")
        old = {k: b.toPlainText() for k, b in self._prompt_boxes.items()}
        while self._prompts.count():
            widget = self._prompts.takeAt(0).widget()
            if widget is not None:
                # Detach at once: deleteLater alone leaves the old prompts painted until
                # the event loop runs.
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()
        self._prompt_boxes.clear()
        for prompt in kind.prompt_set.prompts:
            label = QLabel(f"<b>{prompt.label}</b><br>{prompt.text}")
            label.setWordWrap(True)
            box = _text_box(prompt.label, 3)
            box.setPlainText(old.get(prompt.id, ""))
            box.textChanged.connect(self._on_changed)
            label.setBuddy(box)
            self._prompts.addWidget(label)
            self._prompts.addWidget(box)
            self._prompt_boxes[prompt.id] = box
        self._on_changed()

    # --- saving --------------------------------------------------------------------------

    @Slot()
    def _on_changed(self) -> None:
        self._dirty = True
        self.state.setText("Unsaved changes")

    def is_dirty(self) -> bool:
        """Return whether there is something to save."""
        return self._dirty and self.isVisible()

    def changes_to_save(self) -> tuple[EntryId | None, EntryChanges] | None:
        """Return (id or None for new, changes), or None when nothing changed."""
        if not self._dirty:
            return None
        date = self.date.date()
        changes = EntryChanges(
            kind=self.kind.currentData(), date=dt.date(date.year(), date.month(), date.day()),
            title=self.title.text(), body=self.body.toPlainText(),
            answers={k: b.toPlainText() for k, b in self._prompt_boxes.items()},
            competencies=self._checked(self.competencies), themes=self._checked(self.themes),
            starred=self.starred.isChecked(),
        )
        return self._entry_id, changes

    @staticmethod
    def _checked(widget: QListWidget) -> tuple[TagId, ...]:
        return tuple(
            widget.item(i).data(Qt.ItemDataRole.UserRole) for i in range(widget.count())
            if widget.item(i).checkState() == Qt.CheckState.Checked
        )

    def mark_saved(self, entry: Entry) -> None:
        """Record that the entry was saved."""
        self._entry_id = entry.id
        self._dirty = False
        self.state.setText("Saved")

    def clear(self) -> None:
        """Forget everything shown, including undo history (on lock)."""
        for box in (self.body, *self._prompt_boxes.values()):
            box.clear()
            box.document().clearUndoRedoStacks()
        self.title.clear()
        self.competencies.clear()
        self.themes.clear()
        self._entry_id = None
        self._dirty = False
        self.state.clear()

    @Slot()
    def _on_cancel_clicked(self) -> None:
        self.cancelled.emit()
