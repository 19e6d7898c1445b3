"""The entry editor: kind, date, fields, the kind's guided prompts, free text and tags.

The editor never talks to the journal. It tells the window when to keep a draft (about two
seconds after typing stops, at most two seconds into continuous typing, and when focus leaves
it) and when to save the entry; the window runs both on the database thread. Its parts are
built in entry_header, kind_fields, prompt_boxes, free_text, tag_picker and save_bar; this
module loads an entry into them and reads it back.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import replace
from typing import cast

from PySide6.QtCore import QDate, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QApplication,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from reflectjournal.domain.draft import Draft
from reflectjournal.domain.entry import Entry, EntryChanges
from reflectjournal.domain.ids import EntryId, new_entry_id
from reflectjournal.domain.kind_change import change_words, other_answers, split_fields
from reflectjournal.domain.prompt_use import PromptUse
from reflectjournal.domain.taxonomy import Catalog, EntryKind, Tag
from reflectjournal.domain.templates import BUILTIN
from reflectjournal.ui.journal.draft_timer import DraftTimer
from reflectjournal.ui.journal.editor_values import EditorValues
from reflectjournal.ui.journal.entry_header import EntryHeader
from reflectjournal.ui.journal.field_widgets import KnownValues
from reflectjournal.ui.journal.free_text import FreeText
from reflectjournal.ui.journal.kind_fields import KindFields
from reflectjournal.ui.journal.prompt_boxes import PromptBoxes, section
from reflectjournal.ui.journal.save_bar import SaveBar
from reflectjournal.ui.journal.spelling import EditorSpelling
from reflectjournal.ui.journal.tag_picker import TagPicker, UserTagsEdit
from reflectjournal.ui.widgets.notice_bar import NoticeBar
from reflectjournal.ui.widgets.page_parts import quiet_button
from reflectjournal.ui.widgets.wheel_guard import guard_wheel


class EntryEditor(QWidget):
    """Edits one entry; emits when a draft should be kept or the entry saved."""

    save_requested = Signal()
    autosave_requested = Signal()
    close_requested = Signal()
    template_requested = Signal(str)  # the kind whose template to edit

    def __init__(self, catalog: Catalog) -> None:
        super().__init__()
        self._catalog = catalog
        self._entry_id: EntryId = new_entry_id()
        self._revision = 0  # counts changes, so a reply for older values clears nothing
        self._unsaved = False  # differs from the saved entry
        self._undrafted = False  # changed since the last draft was kept
        self._loading = False
        self._kind_fields = KindFields(catalog)
        self._fields = self._kind_fields.widgets  # the same dict, rebuilt in place
        self._shown_kind = catalog.kinds[0]
        self.known = KnownValues()  # what fields offer; the window sets providers
        self._user_tag_labels: dict[str, str] = {}
        self._tags: list[Tag] = []
        self.spelling = EditorSpelling(self)  # the window's SpellingLoader gives it a checker

        self._autosave = DraftTimer(self)
        self._autosave.due.connect(self._on_autosave_due)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = self._scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setAccessibleName("Entry editor")
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        self._layout = QVBoxLayout(body)
        scroll.setWidget(body)
        self.kind_notice = NoticeBar()  # a kind change, or a draft's template gone
        self.kind_notice.setAccessibleName("Editor notice")
        outer.addWidget(self.kind_notice)
        outer.addWidget(scroll)
        self._build_header()
        self._build_text()
        self._build_tags()
        outer.addWidget(self._build_buttons())
        self._layout.addStretch()
        self._connect_changes()
        self._on_kind_changed(0)
        guard_wheel(self)
        cast(QApplication, QApplication.instance()).focusChanged.connect(self._on_focus_changed)

    def _build_header(self) -> None:
        header = EntryHeader(self._catalog.kinds)
        self._header = header
        self.kind, self.date, self.title = header.kind, header.date, header.title
        self.duration, self.starred = header.duration, header.starred
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        self._layout.addLayout(header.form)
        self._layout.addLayout(self._kind_fields.form)
        self.kept_fields_label = self._kind_fields.kept_label
        self._layout.addWidget(self.kept_fields_label)

    def _build_text(self) -> None:
        prompts = QVBoxLayout()
        self._layout.addLayout(prompts)
        self.prompts = PromptBoxes(prompts, self._catalog, self._on_changed)
        self.edit_template = quiet_button("Edit tem&plate…", "Edit this kind's template",
                                          self._on_edit_template)
        self.edit_template.setToolTip("Hide, reorder, reword or add this kind's prompts")
        self._layout.addWidget(self.edit_template, alignment=Qt.AlignmentFlag.AlignLeft)
        free_text = self._free_text = FreeText()
        self.body, self.preview, self.body_tabs = free_text.body, free_text.preview, free_text.tabs
        self._layout.addWidget(free_text.heading)
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

    def _build_buttons(self) -> SaveBar:
        bar = self.save_bar = SaveBar()
        self.state, self.close_button, self.save = bar.state, bar.close_button, bar.save
        self.close_button.clicked.connect(self.close_requested)
        self.save.clicked.connect(self.save_requested)
        return bar

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

    def use_catalog(self, catalog: Catalog) -> None:
        """Ask the prompts of this catalog (the journal's, with the user's templates) from now.

        An entry being edited keeps every answer: its kind's prompts are asked anew, and an
        answer to a prompt the template no longer asks shows under "Kept".
        """
        if catalog == self._catalog:
            return
        self._catalog = catalog
        self.prompts.use_catalog(catalog)
        self._kind_fields.use_catalog(catalog)
        self._shown_kind = catalog.kind(self._shown_kind.id)
        loading, self._loading = self._loading, True
        self.prompts.rebuild(self._shown_kind, self.prompts.answers())
        self._after_rebuild()
        self._loading = loading

    @Slot()
    def _on_edit_template(self) -> None:
        self.template_requested.emit(self._shown_kind.id)

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
                    client_codes: Sequence[str], notice: str = "") -> None:
        """Show a kept draft over the entry it edits (base), or as a new entry; a notice
        above it says what it could not open as it was (its template deleted since)."""
        self._load(base, tags, client_codes)
        self._entry_id = draft.entry_id  # the entry it edits, or the id a new one will get
        self._apply(draft.changes, draft.tag_labels)
        self._unsaved = True
        self._undrafted = False
        self.state.setText(f"Draft from {draft.saved_at.astimezone():%d %b %H:%M}, "
                           "not saved as an entry yet")
        if notice:
            self.kind_notice.show_notice(notice)

    def _load(self, entry: Entry | None, tags: Sequence[Tag],
              client_codes: Sequence[str]) -> None:
        self._loading = True
        self._autosave.stop()
        self.kind_notice.dismiss()
        self._kind_fields.kept = {}
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
        self._kind_fields.kept = {}  # the previous entry's, which the kind change just set aside
        self._kind_fields.show_kept(self._shown_kind)
        day = entry.date if entry else dt.date.today()
        self.date.setDate(QDate(day.year, day.month, day.day))
        self.title.setText(entry.title if entry else "")
        self.body.setPlainText(entry.body if entry else "")
        self.starred.setChecked(entry.starred if entry else False)
        self.duration.setValue((entry.duration_minutes or 0) if entry else 0)
        self._kind_fields.set_values(entry.fields if entry else {})
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
            self._kind_fields.set_values(split.shown)
            self._kind_fields.kept = split.kept
            self._kind_fields.show_kept(self._shown_kind)
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
        fields = self._kind_fields
        split = split_fields(kind, fields.values(), fields.kept)
        newly_kept = set(split.kept) - set(fields.kept)
        moved = set(other_answers(kind, answers)) - set(other_answers(old, answers))
        self._shown_kind, fields.kept = kind, split.kept
        fields.rebuild(kind, split.shown, self.known, self._on_changed)
        self.prompts.rebuild(kind, answers)
        self._header.show_duration(kind.uses_duration)
        fields.show_kept(kind)
        self._after_rebuild()
        self.kind_notice.dismiss()
        words = change_words(old, kind, len(moved), len(newly_kept))
        if words and not self._loading:
            self.kind_notice.show_notice(
                words, ("&Undo kind change", lambda: self._set_kind(old.id)))
        self._on_changed()

    def _set_kind(self, kind_id: str) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind_id)))

    def _after_rebuild(self) -> None:
        self._fix_tab_order()
        guard_wheel(self)
        for box in self.text_boxes():  # new prompt boxes are checked too
            self.spelling.attach(box)

    def text_boxes(self) -> list[QPlainTextEdit]:
        """Return the boxes the user writes prose in: the prompts' answers, the free text."""
        return [*self.prompts.boxes.values(), self.body]

    def _fix_tab_order(self) -> None:
        """Tab in reading order; rebuilt fields and prompts would otherwise come last."""
        chain: list[QWidget] = [self.kind, self.date, self.title, self.duration, self.starred]
        chain += self._kind_fields.focus_chain(self.window())
        chain += [*self.prompts.focus_chain(), self.edit_template]
        chain += [self.body_tabs.tabBar(), self.body, self.competencies.search,
                  self.competencies.tree, self.themes.search, self.themes.tree,
                  self.user_tags, self.close_button, self.save]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    @Slot()
    def _on_changed(self) -> None:
        if self._loading:
            return
        self._revision += 1
        self._unsaved = self._undrafted = True
        self.state.setText("Editing…")
        self._autosave.changed()

    @Slot()
    def _on_autosave_due(self) -> None:
        self._autosave.stop()
        if self._undrafted and self.isVisible():
            self.autosave_requested.emit()

    @Slot(QWidget, QWidget)
    def _on_focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        # Keyboard focus scrolls its widget into sight (also a mnemonic's jump, not only Tab).
        # A click's does not: the competency tree jumped up under the pointer between press
        # and release, and the tick the user clicked was silently not made.
        if (new is not None and self._scroll.isAncestorOf(new)
                and QApplication.mouseButtons() == Qt.MouseButton.NoButton):
            self._scroll.ensureWidgetVisible(new)
        if (old is not None and self.isAncestorOf(old)
                and (new is None or not self.isAncestorOf(new)) and self._undrafted):
            self._autosave.stop()
            self.autosave_requested.emit()

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
        fields = {k: v for k, v in self._kind_fields.values().items() if v is not None}
        changes = EntryChanges(
            kind=kind.id, date=dt.date(date.year(), date.month(), date.day()),
            title=self.title.text().strip(), body=self.body.toPlainText(),
            answers={k: text for k, text in self.prompts.answers().items() if text.strip()},
            fields=fields,
            duration_minutes=self.duration.value() if kind.uses_duration else 0,
            competencies=self.competencies.chosen(), themes=self.themes.chosen(),
            starred=self.starred.isChecked(),
        )
        # The template is the one whose prompts the kind asks now, so the draft reopens on
        # the form that was typed into (also after a kind change, the new kind's).
        return EditorValues(self._entry_id, changes, self.user_tags.labels(), self._revision,
                            dict(self._kind_fields.kept), kind.prompt_set.template or BUILTIN)

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
        self._autosave.stop()
        self.state.setText(f"Saved {dt.datetime.now():%H:%M:%S}")

    def mark_failed(self, message: str) -> None:
        """Show why saving failed; the changes stay."""
        self.state.setText(message)

    def clear(self) -> None:
        """Forget everything shown, including undo history (on lock)."""
        self._loading = True
        self._autosave.stop()
        self.kind_notice.dismiss()
        self._kind_fields.kept = {}
        self._kind_fields.show_kept(self._shown_kind)
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
        self._kind_fields.set_values({})
        self._kind_fields.offer(self.known)
        self._tags = []
        self._user_tag_labels = {}
        self._entry_id = new_entry_id()
        self._unsaved = self._undrafted = False
        self.state.clear()
        self._loading = False
