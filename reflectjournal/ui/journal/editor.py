"""The entry editor: kind, date, fields, the kind's guided prompts, free text and tags.

The editor never talks to the journal. It tells the window when to keep a draft (about two
seconds after typing stops, at most two seconds into continuous typing, and when focus leaves
it) and when to save the entry; the window runs both on the database thread.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import cast

from PySide6.QtCore import QDate, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reflectjournal.domain.draft import Draft
from reflectjournal.domain.entry import Entry, EntryChanges, FieldValue
from reflectjournal.domain.ids import EntryId, new_entry_id
from reflectjournal.domain.kind_change import (
    change_words,
    kept_fields_words,
    other_answers,
    split_fields,
)
from reflectjournal.domain.prompt_use import PromptUse
from reflectjournal.domain.taxonomy import Catalog, EntryKind, Tag
from reflectjournal.ui.journal.editor_values import EditorValues
from reflectjournal.ui.journal.field_widgets import (
    FieldWidget,
    KnownValues,
    MinutesSpin,
    field_widget,
)
from reflectjournal.ui.journal.local_preview import LocalOnlyBrowser
from reflectjournal.ui.journal.prompt_boxes import PromptBoxes, section, text_box
from reflectjournal.ui.journal.tag_picker import TagPicker, UserTagsEdit
from reflectjournal.ui.widgets.date_field import DateField
from reflectjournal.ui.widgets.notice_bar import NoticeBar
from reflectjournal.ui.widgets.wheel_guard import guard_wheel

AUTOSAVE_MS = 2_000
# The longest continuous typing goes without a draft: a crash loses at most about this much.
AUTOSAVE_MAX_MS = 2_000


class EntryEditor(QWidget):
    """Edits one entry; emits when a draft should be kept or the entry saved."""

    save_requested = Signal()
    autosave_requested = Signal()
    close_requested = Signal()

    def __init__(self, catalog: Catalog) -> None:
        super().__init__()
        self._catalog = catalog
        self._entry_id: EntryId = new_entry_id()
        self._revision = 0  # counts changes, so a reply for older values clears nothing
        self._unsaved = False  # differs from the saved entry
        self._undrafted = False  # changed since the last draft was kept
        self._loading = False
        self._fields: dict[str, FieldWidget] = {}
        self._kept_fields: dict[str, FieldValue] = {}  # another kind's, see kind_change.py
        self._shown_kind = catalog.kinds[0]
        self.known = KnownValues()  # what fields offer; the window sets providers
        self._user_tag_labels: dict[str, str] = {}
        self._tags: list[Tag] = []

        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self._on_autosave_due)
        # Not restarted by typing, so a steady typist still gets a draft every ~2 s.
        self._autosave_max = QTimer(self)
        self._autosave_max.setSingleShot(True)
        self._autosave_max.setInterval(AUTOSAVE_MAX_MS)
        self._autosave_max.timeout.connect(self._on_autosave_due)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = self._scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setAccessibleName("Entry editor")
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        self._layout = QVBoxLayout(body)
        scroll.setWidget(body)
        self.kind_notice = NoticeBar()
        self.kind_notice.setAccessibleName("Kind change notice")
        outer.addWidget(self.kind_notice)
        outer.addWidget(scroll)
        self._build_header()
        self._build_text()
        self._build_tags()
        outer.addLayout(self._build_buttons())
        self._layout.addStretch()
        self._connect_changes()
        self._on_kind_changed(0)
        guard_wheel(self)
        cast(QApplication, QApplication.instance()).focusChanged.connect(self._on_focus_changed)

    def _build_header(self) -> None:
        form = QFormLayout()
        self.kind = QComboBox()
        self.kind.setAccessibleName("Entry kind")
        for kind in self._catalog.kinds:
            self.kind.addItem(kind.label, kind.id)
            self.kind.setItemData(self.kind.count() - 1, kind.description,
                                  Qt.ItemDataRole.ToolTipRole)
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        self.date = DateField("Date")  # one Tab stop, not three
        self.title = QLineEdit()
        self.title.setAccessibleName("Title")
        self.title.setPlaceholderText("A few words you will recognise later (no names)")
        self.duration = MinutesSpin("Duration")
        self.duration_label = QLabel("D&uration:")
        self.duration_label.setBuddy(self.duration)
        self.starred = QCheckBox("St&ar this entry")  # Alt+S is Save
        self.starred.setAccessibleName("Starred")
        form.addRow("&Kind:", self.kind)
        form.addRow("&Date:", self.date)
        form.addRow("&Title:", self.title)
        form.addRow(self.duration_label, self.duration)
        form.addRow("", self.starred)
        self._layout.addLayout(form)
        self._fields_form = QFormLayout()
        # In a narrow pane (or at 200 %) a field moves under its label instead of overflowing.
        self._fields_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self._layout.addLayout(self._fields_form)
        self.kept_fields_label = QLabel()
        self.kept_fields_label.setTextFormat(Qt.TextFormat.PlainText)  # field values' names
        self.kept_fields_label.setWordWrap(True)
        self.kept_fields_label.setAccessibleName("Fields kept aside")
        self.kept_fields_label.hide()
        self._layout.addWidget(self.kept_fields_label)

    def _build_text(self) -> None:
        prompts = QVBoxLayout()
        self._layout.addLayout(prompts)
        self.prompts = PromptBoxes(prompts, self._catalog, self._on_changed)
        self._layout.addWidget(section("Free text"))
        self.body = text_box("Free text", 8)
        self.body.setPlaceholderText("Anything else. Markdown works: *emphasis*, - lists, "
                                     "# headings.")
        self.preview = LocalOnlyBrowser()
        self.preview.setAccessibleName("Free text preview")
        self.preview.setOpenLinks(False)
        self.body_tabs = QTabWidget()
        self.body_tabs.setAccessibleName("Free text, write or preview")
        self.body_tabs.addTab(self.body, "&Write")
        self.body_tabs.addTab(self.preview, "Pre&view")
        self.body_tabs.currentChanged.connect(self._on_body_tab)
        self._layout.addWidget(self.body_tabs)

    def _build_tags(self) -> None:
        # Alt+C and Alt+H reach the pickers from anywhere in the editor, so nobody scrolls
        # past the prompts and the free text to tag an entry.
        self.competencies = TagPicker("Competency areas")
        self._layout.addWidget(section("&Competency areas", self.competencies.search))
        self._layout.addWidget(self.competencies)
        self.themes = TagPicker("Themes")
        self._layout.addWidget(section("T&hemes", self.themes.search))
        self._layout.addWidget(self.themes)
        self._layout.addWidget(section("Your tags"))
        self.user_tags = UserTagsEdit()
        self._layout.addWidget(self.user_tags)

    def _build_buttons(self) -> QHBoxLayout:
        buttons = QHBoxLayout()
        self.state = QLabel("")
        self.state.setTextFormat(Qt.TextFormat.PlainText)  # errors may quote typed values
        # Wrapping, and no say in the pane's width: a long message must not shove the
        # splitter and squeeze the list.
        self.state.setWordWrap(True)
        self.state.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.state.setAccessibleName("Save state")
        buttons.addWidget(self.state, stretch=1)
        self.close_button = QPushButton("Close")
        self.close_button.setAccessibleName("Close editor")
        self.close_button.clicked.connect(self.close_requested)
        self.save = QPushButton("&Save")
        self.save.setAccessibleName("Save entry")
        self.save.setToolTip("Save entry (Ctrl+S)")
        self.save.clicked.connect(self.save_requested)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.save)
        return buttons

    def _connect_changes(self) -> None:
        self.title.textChanged.connect(self._on_changed)
        self.body.textChanged.connect(self._on_changed)
        self.starred.toggled.connect(self._on_changed)
        self.date.dateChanged.connect(self._on_changed)
        self.duration.valueChanged.connect(self._on_changed)
        self.competencies.changed.connect(self._on_changed)
        self.themes.changed.connect(self._on_changed)
        self.user_tags.textChanged.connect(self._on_changed)

    @property
    def kinds(self) -> tuple[EntryKind, ...]:
        """Return the kinds an entry can be, in display order."""
        return self._catalog.kinds

    def set_prompt_use(self, use: PromptUse) -> None:
        """Show the prompts the user keeps answering first, the others folded (next load)."""
        self.prompts.use = use

    def focus_first_prompt(self) -> None:
        """Put the cursor in the first prompt shown (the title if the kind has none)."""
        chain = self.prompts.focus_chain()
        (chain[0] if chain else self.title).setFocus()

    def start_new(self, tags: Sequence[Tag], client_codes: Sequence[str],
                  kind: str | None = None) -> None:
        """Show an empty entry dated today, of the given kind (a session by default)."""
        self._load(None, tags, client_codes)
        if kind is not None:
            self._loading = True
            self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
            self._loading = False
        self.state.setText("New entry, not saved yet")

    def start_edit(self, entry: Entry, tags: Sequence[Tag], client_codes: Sequence[str]) -> None:
        """Show an existing entry."""
        self._load(entry, tags, client_codes)
        self.state.setText("Saved")

    def start_draft(self, draft: Draft, base: Entry | None, tags: Sequence[Tag],
                    client_codes: Sequence[str]) -> None:
        """Show a kept draft over the entry it edits (base), or as a new entry."""
        self._load(base, tags, client_codes)
        self._entry_id = draft.entry_id  # the entry it edits, or the id a new one will get
        self._apply(draft.changes, draft.tag_labels)
        self._unsaved = True
        self._undrafted = False
        self.state.setText(f"Draft from {draft.saved_at.astimezone():%d %b %H:%M}, "
                           "not saved as an entry yet")

    def _load(self, entry: Entry | None, tags: Sequence[Tag],
              client_codes: Sequence[str]) -> None:
        self._loading = True
        self._stop_autosave()
        self.kind_notice.dismiss()
        self._kept_fields = {}
        self._entry_id = entry.id if entry else new_entry_id()
        self.known = replace(self.known, client_codes=tuple(client_codes))
        self._tags = list(tags)
        self._user_tag_labels = {t.id: t.label for t in tags if t.family == "user"}
        self.user_tags.set_known([t.label for t in tags if t.family == "user" and not t.retired])
        chosen = set(entry.all_tags) if entry else set()
        self.competencies.set_tags(self._family("competency"), chosen)
        self.themes.set_tags(self._family("theme"), chosen, self._catalog.theme_groups)
        self.kind.setCurrentIndex(max(0, self.kind.findData(entry.kind if entry else "session")))
        self._on_kind_changed(self.kind.currentIndex())
        # Every stored answer shows, also one to a prompt of another kind or a retired one,
        # so saving the entry from the editor keeps it.
        self.prompts.rebuild(self._shown_kind, entry.answers if entry else {})
        self._after_rebuild()
        self._kept_fields = {}  # the previous entry's, which the kind change just set aside
        self._show_kept_fields()
        day = entry.date if entry else dt.date.today()
        self.date.setDate(QDate(day.year, day.month, day.day))
        self.title.setText(entry.title if entry else "")
        self.body.setPlainText(entry.body if entry else "")
        self.starred.setChecked(entry.starred if entry else False)
        self.duration.setValue((entry.duration_minutes or 0) if entry else 0)
        for field_id, widget in self._fields.items():
            widget.set_value(entry.fields.get(field_id) if entry else None)
        self.user_tags.set_labels(
            [self._user_tag_labels.get(t, t) for t in entry.tags] if entry else [])
        self.body_tabs.setCurrentIndex(0)
        self._scroll.verticalScrollBar().setValue(0)  # a new entry starts at its top
        for box in (self.body, *self.prompts.boxes.values()):
            box.document().clearUndoRedoStacks()  # undo must not reach a previous entry
        self._loading = False
        self._unsaved = self._undrafted = False

    def _family(self, family: str) -> list[Tag]:
        return [t for t in self._tags if t.family == family]

    def _apply(self, changes: EntryChanges, tag_labels: Sequence[str]) -> None:
        self._loading = True
        if changes.kind is not None:
            self.kind.setCurrentIndex(max(0, self.kind.findData(changes.kind)))
        if changes.date is not None:
            self.date.setDate(QDate(changes.date.year, changes.date.month, changes.date.day))
        if changes.title is not None:
            self.title.setText(changes.title)
        if changes.body is not None:
            self.body.setPlainText(changes.body)
        if changes.starred is not None:
            self.starred.setChecked(changes.starred)
        if changes.duration_minutes is not None:
            self.duration.setValue(changes.duration_minutes)
        if changes.answers is not None:
            self.prompts.rebuild(self._shown_kind, changes.answers)
            self._after_rebuild()
        if changes.fields is not None:
            # A draft keeps fields of another kind too; they go back aside.
            split = split_fields(self._shown_kind, changes.fields, {})
            for field_id, widget in self._fields.items():
                widget.set_value(split.shown.get(field_id))
            self._kept_fields = split.kept
            self._show_kept_fields()
        if changes.competencies is not None:
            self.competencies.set_tags(self._family("competency"), changes.competencies)
        if changes.themes is not None:
            self.themes.set_tags(self._family("theme"), changes.themes,
                                 self._catalog.theme_groups)
        self.user_tags.set_labels(tag_labels)
        self._loading = False

    @Slot(int)
    def _on_kind_changed(self, _index: int) -> None:
        old, kind = self._shown_kind, self._catalog.kind(self.kind.currentData() or "session")
        answers = self.prompts.answers()
        split = split_fields(kind, {k: w.value() for k, w in self._fields.items()},
                             self._kept_fields)
        newly_kept = set(split.kept) - set(self._kept_fields)
        moved = set(other_answers(kind, answers)) - set(other_answers(old, answers))
        self._shown_kind, self._kept_fields = kind, split.kept
        self._rebuild_fields(kind, split.shown)
        self.prompts.rebuild(kind, answers)
        self.duration.setVisible(kind.uses_duration)
        self.duration_label.setVisible(kind.uses_duration)
        self._show_kept_fields()
        self._after_rebuild()
        self.kind_notice.dismiss()
        words = change_words(old, kind, len(moved), len(newly_kept))
        if words and not self._loading:
            self.kind_notice.show_notice(
                words, ("&Undo kind change", lambda: self._set_kind(old.id)))
        self._on_changed()

    def _set_kind(self, kind_id: str) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind_id)))

    def _show_kept_fields(self) -> None:
        words = kept_fields_words(self._shown_kind, self._kept_fields, self._catalog)
        self.kept_fields_label.setText(words)
        self.kept_fields_label.setVisible(bool(words))

    def _after_rebuild(self) -> None:
        self._fix_tab_order()
        guard_wheel(self)

    def _fix_tab_order(self) -> None:
        """Tab in reading order; rebuilt fields and prompts would otherwise come last."""
        chain: list[QWidget] = [self.kind, self.date, self.title, self.duration, self.starred]
        for widget in self._fields.values():
            chain += [child for child in widget.findChildren(QWidget)
                      if child.focusPolicy() & Qt.FocusPolicy.TabFocus
                      and child.window() is self.window()  # not a combo box's popup
                      and not isinstance(child.parent(), QComboBox | QAbstractSpinBox)]
        chain += self.prompts.focus_chain()
        chain += [self.body_tabs.tabBar(), self.body, self.competencies.search,
                  self.competencies.tree, self.themes.search, self.themes.tree,
                  self.user_tags, self.close_button, self.save]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _rebuild_fields(self, kind: EntryKind, values: Mapping[str, FieldValue | None]) -> None:
        while self._fields_form.rowCount():
            self._fields_form.removeRow(0)  # deletes the row's widgets
        self._fields.clear()
        for spec in kind.fields:
            widget = field_widget(spec)
            widget.offer(self.known)
            widget.set_value(values.get(spec.id))
            widget.changed.connect(self._on_changed)
            if spec.type == "bool":
                self._fields_form.addRow("", widget)
            else:
                label = QLabel(f"{spec.label}:")
                label.setBuddy(widget.focus_target())
                label.setToolTip(spec.help)
                self._fields_form.addRow(label, widget)
            self._fields[spec.id] = widget

    @Slot()
    def _on_changed(self) -> None:
        if self._loading:
            return
        self._revision += 1
        self._unsaved = self._undrafted = True
        self.state.setText("Editing…")
        self._autosave.start()  # restarts: the draft is kept once typing stops
        if not self._autosave_max.isActive():
            self._autosave_max.start()  # ... or two seconds into typing that does not stop

    @Slot()
    def _on_autosave_due(self) -> None:
        self._stop_autosave()
        if self._undrafted and self.isVisible():
            self.autosave_requested.emit()

    def _stop_autosave(self) -> None:
        self._autosave.stop()
        self._autosave_max.stop()

    @Slot(QWidget, QWidget)
    def _on_focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and self._scroll.isAncestorOf(new):
            self._scroll.ensureWidgetVisible(new)  # also for a mnemonic's jump, not only Tab
        if (old is not None and self.isAncestorOf(old)
                and (new is None or not self.isAncestorOf(new)) and self._undrafted):
            self._stop_autosave()
            self.autosave_requested.emit()

    @Slot(int)
    def _on_body_tab(self, index: int) -> None:
        if self.body_tabs.widget(index) is self.preview:
            self.preview.setMarkdown(self.body.toPlainText())

    @property
    def entry_id(self) -> EntryId:
        """Return the id of the entry being edited (a new one has its id already)."""
        return self._entry_id

    def has_unsaved(self) -> bool:
        """Return whether the editor holds changes not saved as an entry."""
        return self._unsaved

    def values(self) -> EditorValues:
        """Return everything shown, as changes over the edited entry (or a new one)."""
        date = self.date.date()
        kind = self._catalog.kind(self.kind.currentData() or "session")
        fields = {k: v for k, w in self._fields.items() if (v := w.value()) is not None}
        changes = EntryChanges(
            kind=kind.id, date=dt.date(date.year(), date.month(), date.day()),
            title=self.title.text().strip(), body=self.body.toPlainText(),
            answers={k: text for k, text in self.prompts.answers().items() if text.strip()},
            fields=fields,
            duration_minutes=self.duration.value() if kind.uses_duration else 0,
            competencies=self.competencies.chosen(), themes=self.themes.chosen(),
            starred=self.starred.isChecked(),
        )
        return EditorValues(self._entry_id, changes, self.user_tags.labels(), self._revision,
                            dict(self._kept_fields))

    def mark_drafted(self, values: EditorValues) -> None:
        """Record that these values were kept as a draft (typing since then still counts)."""
        if values.entry_id != self._entry_id or values.revision != self._revision:
            return
        self._undrafted = False
        if self._unsaved:
            self.state.setText(f"Draft kept {dt.datetime.now():%H:%M:%S}. Press Ctrl+S to "
                               "save it as an entry.")

    def mark_saved(self, values: EditorValues) -> None:
        """Record that these values were saved as the entry."""
        if values.entry_id != self._entry_id:
            return  # the editor moved on to another entry meanwhile
        if values.revision != self._revision:
            self.state.setText("Saved; newer changes are kept as a draft.")
            return  # what was typed during the save stays unsaved, and autosave keeps it
        self._unsaved = self._undrafted = False
        self._stop_autosave()
        self.state.setText(f"Saved {dt.datetime.now():%H:%M:%S}")

    def mark_failed(self, message: str) -> None:
        """Show why saving failed; the changes stay."""
        self.state.setText(message)

    def clear(self) -> None:
        """Forget everything shown, including undo history (on lock)."""
        self._loading = True
        self._stop_autosave()
        self.kind_notice.dismiss()
        self._kept_fields = {}
        self._show_kept_fields()
        for box in (self.body, *self.prompts.boxes.values()):
            box.clear()
            box.document().clearUndoRedoStacks()
        self.preview.clear()
        self.title.setText("")  # unlike clear(), setText drops the undo history
        self.competencies.clear()
        self.themes.clear()
        self.user_tags.setText("")
        self.user_tags.set_known([])
        self.known = KnownValues()  # nothing of a locked journal stays offered
        for widget in self._fields.values():
            widget.set_value(None)
            widget.offer(self.known)
        self._tags = []
        self._user_tag_labels = {}
        self._entry_id = new_entry_id()
        self._unsaved = self._undrafted = False
        self.state.clear()
        self._loading = False
