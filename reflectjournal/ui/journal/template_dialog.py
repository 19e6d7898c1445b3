"""The template editor: a kind's prompts to hide, reorder, reword or add, saved in the journal.

Every read and write runs on the database thread. Saving changes what the editor asks from
then on; entries already written keep the prompts they answered (domain/templates.py).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from reflectjournal.domain.prompt_use import NO_USE, RECENT_ENTRIES, PromptUse, count_use
from reflectjournal.domain.template_file import MAX_FILE_BYTES, SUFFIX
from reflectjournal.domain.templates import (
    TemplatePrompt,
    hide,
    summary_words,
    unused_prompts,
)
from reflectjournal.services.changes import TEMPLATES
from reflectjournal.services.files import read_chosen_file, write_chosen_file
from reflectjournal.ui.background.operations import change, query
from reflectjournal.ui.journal.template_model import PromptListModel
from reflectjournal.ui.widgets.page_parts import (
    confirm,
    quiet_button,
    scrolling,
    tab_order,
)
from reflectjournal.ui.widgets.passphrase_field import MessageLabel

if TYPE_CHECKING:
    from reflectjournal.services.journal import Journal
    from reflectjournal.services.templates import ImportPreview, KindTemplate
    from reflectjournal.ui.background.session import JournalSession

NEW_LABEL = "New prompt"
NEW_TEXT = "What do I want to ask myself here?"


@dataclass(frozen=True, slots=True)
class TemplateState:
    """What the dialog shows: every kind's template and how the recent entries used them."""

    templates: list[KindTemplate]
    use: PromptUse
    kind_labels: dict[str, str]


def read_state(journal: Journal) -> TemplateState:
    """Read the templates and the recent entries' prompt use, on the database thread."""
    recent = journal.list_entries(limit=RECENT_ENTRIES)
    entries = journal.get_entries([s.id for s in recent])
    defaults = [journal.templates.get(k.id) for k in journal.catalog.kinds]
    return TemplateState(defaults, count_use((e.kind, e.answers) for e in entries),
                         {k.id: k.label for k in journal.catalog.kinds})


class TemplateDialog(QDialog):
    """Edit each kind's prompts; save one kind at a time, or put back the built-in ones."""

    templates_changed = Signal()

    def __init__(self, session: JournalSession, kind: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._state = TemplateState([], NO_USE, {})
        self._kind = kind
        self._filling = False
        self.setWindowTitle("Templates")
        self.model = PromptListModel()
        self.model.dataChanged.connect(self._on_model_changed)
        self.model.rowsMoved.connect(self._on_model_changed)
        self.model.rowsInserted.connect(self._on_model_changed)
        self.model.rowsRemoved.connect(self._on_model_changed)
        metrics = self.fontMetrics()
        room = parent.window().size() if parent is not None else QSize(1024, 700)
        # At large text the list and the prompt's words stack, and the page scrolls, so
        # nothing is clipped at 1024x700 (the help and the editor do the same).
        self._narrow = metrics.averageCharWidth() * 110 > room.width()
        page = QWidget()
        inner = QVBoxLayout(page)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addLayout(self._build_top())
        inner.addLayout(self._build_middle(), 1)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolling(page, "Template editor"), 1)
        self.message = MessageLabel("Templates message")
        layout.addWidget(self.message)
        layout.addLayout(self._build_bottom())
        tab_order(self.kind, self.heading, self.prompts, self.up, self.down, self.add,
                  self.remove, self.trim, self.label, self.text, self.reset, self.import_button,
                  self.export_button, self.save)
        self.resize(min(metrics.averageCharWidth() * 120, room.width()),
                    min(metrics.lineSpacing() * 32, room.height()))
        session.locked.connect(self._on_locked)
        self.reload()

    @classmethod
    def open_for(cls, parent: QWidget | None, session: JournalSession,
                 kind: str = "") -> TemplateDialog:
        """Show the dialog window-modal over parent, on the given kind's template."""
        dialog = cls(session, kind, parent)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _build_top(self) -> QFormLayout:
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind of entry")
        self.kind.currentIndexChanged.connect(self._on_kind_chosen)
        self.summary = QLabel()
        self.summary.setAccessibleName("Template summary")
        kind_label = QLabel("&Kind:")
        kind_label.setBuddy(self.kind)
        if self._narrow:  # the summary beside the kind would squeeze its name
            form.addRow(kind_label, self.kind)
            form.addRow("", self.summary)
        else:
            row = QHBoxLayout()
            row.addWidget(self.kind)
            row.addWidget(self.summary, 1)
            form.addRow(kind_label, row)
        self.heading = QLineEdit()
        self.heading.setAccessibleName("Template heading")
        self.heading.textEdited.connect(self._on_heading_edited)
        heading_label = QLabel("&Heading:")
        heading_label.setBuddy(self.heading)
        form.addRow(heading_label, self.heading)
        note = QLabel("Untick a prompt to stop asking it. Entries you wrote before keep the "
                      "prompts they answered, whatever you change here.")
        note.setWordWrap(True)
        form.addRow(note)
        return form

    def _build_middle(self) -> QBoxLayout:
        self.prompts = QListView()
        self.prompts.setModel(self.model)
        self.prompts.setAccessibleName("Prompts, ticked when asked")
        lines = self.fontMetrics().lineSpacing()
        self.prompts.setMinimumHeight(lines * 7)
        self.prompts.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        listing = QLabel("&Prompts (Space ticks or unticks one)")
        listing.setBuddy(self.prompts)
        self.up = quiet_button("Move &up", "Move prompt up", lambda: self._move(-1))
        self.down = quiet_button("Move do&wn", "Move prompt down", lambda: self._move(1))
        self.add = quiet_button("&Add prompt", "Add prompt", self._add_prompt)
        self.remove = quiet_button("Remo&ve", "Remove prompt", self._remove_prompt)
        self.trim = quiet_button("Hi&de unused", "Hide the prompts not used lately",
                                 self._hide_unused)
        self.trim.setToolTip("Hide the prompts none of your recent entries of this kind "
                             "answered")
        moves = QGridLayout()
        for i, widget in enumerate((self.up, self.down, self.add, self.remove, self.trim)):
            moves.addWidget(widget, i // 3, i % 3)
        left = QVBoxLayout()
        left.addWidget(listing)
        left.addWidget(self.prompts, 1)
        left.addLayout(moves)
        self.label = QLineEdit()
        self.label.setAccessibleName("Prompt label")
        self.label.textEdited.connect(self._on_prompt_edited)
        self.text = QPlainTextEdit()
        self.text.setAccessibleName("Prompt question")
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(lines * 4 + 14)
        self.text.textChanged.connect(self._on_prompt_edited)
        self.use_note = QLabel()
        self.use_note.setWordWrap(True)
        self.use_note.setAccessibleName("How often the prompt was answered")
        right = QFormLayout()
        right.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        label_label = QLabel("&Label:")
        label_label.setBuddy(self.label)
        text_label = QLabel("&Question:")
        text_label.setBuddy(self.text)
        right.addRow(label_label, self.label)
        right.addRow(text_label, self.text)
        right.addRow(self.use_note)
        middle: QBoxLayout = QVBoxLayout() if self._narrow else QHBoxLayout()
        middle.addLayout(left, 1)
        middle.addLayout(right, 1)
        return middle

    def _build_bottom(self) -> QVBoxLayout:
        self.reset = quiet_button("&Reset to built-in", "Reset to built-in", self._reset)
        self.import_button = quiet_button("&Import…", "Import template", self._import)
        self.export_button = quiet_button("E&xport…", "Export template", self._export)
        self.save = quiet_button("&Save", "Save template", self._save)
        self.save.setAutoDefault(True)
        buttons = quiet_button("Close", "Close templates", self.close_asking)
        rows = QVBoxLayout()
        row = QHBoxLayout()
        rows.addLayout(row)
        for widget in (self.reset, self.import_button, self.export_button):
            row.addWidget(widget)
        row.addStretch(1)
        if self._narrow:  # one row of buttons would be wider than the window
            row = QHBoxLayout()
            rows.addLayout(row)
            row.addStretch(1)
        row.addWidget(self.save)
        row.addWidget(buttons)
        return rows

    def reload(self) -> None:
        """Read every kind's template again."""
        query(self._session, read_state).success(self._show_state).telling(self.message).run()

    def _show_state(self, state: TemplateState) -> None:
        self._state = state
        self._filling = True
        self.kind.clear()
        for kind_template in state.templates:
            kind = kind_template.template.kind
            self.kind.addItem(state.kind_labels.get(kind, kind), kind)
        self._filling = False
        wanted = self.kind.findData(self._kind) if self._kind else 0
        self.kind.setCurrentIndex(max(0, wanted))
        self._show_kind()

    def _current(self) -> KindTemplate | None:
        kind = self.kind.currentData()
        for kind_template in self._state.templates:
            if kind_template.template.kind == kind:
                return kind_template
        return None

    def _show_kind(self) -> None:
        current = self._current()
        if current is None:
            return
        self._kind = current.template.kind
        self._filling = True
        self.model.set_template(current.template)
        self.heading.setText(current.template.label)
        self._filling = False
        self.reset.setEnabled(current.custom)
        self.prompts.setCurrentIndex(self.model.index(0))
        self._show_prompt(0)
        self._mark_unsaved(False)

    def close_asking(self) -> None:
        """Close (Esc, Close, the window's X); unsaved changes go only if the user says so.

        reject() itself never asks: locking rejects every dialog at once.
        """
        if self._may_close():
            self.reject()

    def _may_close(self) -> bool:
        return not self.has_unsaved() or confirm(
            self, "Discard changes", "The changes to this template are not saved. Discard "
            "them?", "&Discard")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Esc asks before unsaved changes are lost; other keys as usual."""
        if event.key() == Qt.Key.Key_Escape:
            self.close_asking()
        else:
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        """The window's close button asks too."""
        if self._may_close():
            super().closeEvent(event)
        else:
            event.ignore()

    @Slot()
    def _on_locked(self) -> None:
        self.reject()  # at once, asking nothing: the journal is already shut

    def has_unsaved(self) -> bool:
        """Return whether the shown template differs from the saved one."""
        current = self._current()
        return current is not None and self.model.template() != current.template

    def _mark_unsaved(self, unsaved: bool) -> None:
        current = self._current()
        if current is None:
            return
        words = summary_words(self.model.template(), current.custom or unsaved)
        self.summary.setText(words + (", not saved yet" if unsaved else ""))
        self.save.setEnabled(unsaved)

    @Slot(int)
    def _on_kind_chosen(self, _index: int) -> None:
        if self._filling:
            return
        previous = self._kind
        if self.has_unsaved_for(previous) and not confirm(
                self, "Discard changes", "The changes to this template are not saved. "
                "Discard them?", "&Discard"):
            self._filling = True
            self.kind.setCurrentIndex(max(0, self.kind.findData(previous)))
            self._filling = False
            return
        self._show_kind()

    def has_unsaved_for(self, kind: str) -> bool:
        """Return whether the model holds unsaved changes to the given kind's template."""
        saved = next((k.template for k in self._state.templates if k.template.kind == kind),
                     None)
        return saved is not None and self.model.template().kind == kind and (
            self.model.template() != saved)

    @Slot(QModelIndex, QModelIndex)
    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_prompt(current.row())

    def _show_prompt(self, row: int) -> None:
        prompt = self.model.prompt(row)
        self._filling = True
        self.label.setText(prompt.label if prompt else "")
        self.text.setPlainText(prompt.text if prompt else "")
        self._filling = False
        for widget in (self.label, self.text, self.up, self.down, self.remove):
            widget.setEnabled(prompt is not None)
        entries = self._state.use.entries.get(self._kind, 0)
        answered = self._state.use.answered.get(self._kind, {}).get(prompt.id, 0) if prompt else 0
        self.use_note.setText(
            f"Answered in {answered} of your last {entries} entries of this kind."
            if prompt is not None and prompt.id and entries else "")

    def _row(self) -> int:
        return self.prompts.currentIndex().row()

    @Slot()
    def _on_prompt_edited(self) -> None:
        prompt = self.model.prompt(self._row())
        if self._filling or prompt is None:
            return
        self.model.replace_prompt(self._row(), replace(
            prompt, label=self.label.text(), text=self.text.toPlainText()))

    @Slot(str)
    def _on_heading_edited(self, text: str) -> None:
        self.model.set_heading(text)
        self._on_model_changed()

    @Slot()
    def _on_model_changed(self) -> None:
        if not self._filling:
            self._mark_unsaved(self.has_unsaved())

    def _move(self, step: int) -> None:
        row = self.model.move(self._row(), step)
        self.prompts.setCurrentIndex(self.model.index(row))

    def _add_prompt(self) -> None:
        row = self.model.append(TemplatePrompt("", NEW_LABEL, NEW_TEXT))
        self.prompts.setCurrentIndex(self.model.index(row))
        self.label.setFocus()
        self.label.selectAll()

    def _remove_prompt(self) -> None:
        row = self._row()
        self.model.remove(row)
        self.prompts.setCurrentIndex(self.model.index(min(row, self.model.rowCount() - 1)))

    def _hide_unused(self) -> None:
        unused = unused_prompts(self.model.template(), self._state.use)
        if not unused:
            self.message.setText("Nothing to hide: every prompt shown was answered lately, or "
                                 "there are too few entries of this kind to tell.")
            return
        self.model.set_template(hide(self.model.template(), unused))
        self.prompts.setCurrentIndex(self.model.index(0))
        self._on_model_changed()
        self.message.setText(f"{len(unused)} prompts not answered lately are hidden; "
                             "save to keep it so.")

    def _save(self) -> None:
        draft = self.model.template()
        (change(self._session, lambda j: j.templates.save(draft), TEMPLATES)
         .success(self._saved).telling(self.message).busy(self.save, "Saving…").run())

    def _saved(self, saved: KindTemplate) -> None:
        self._state = replace(self._state, templates=[
            saved if k.template.kind == saved.template.kind else k
            for k in self._state.templates])
        row = self._row()
        self._show_kind()
        self.prompts.setCurrentIndex(self.model.index(max(0, row)))
        self.message.setText("Saved. New entries ask these prompts; entries written before "
                             "keep theirs.")
        self.templates_changed.emit()

    def _reset(self) -> None:
        kind = self._kind
        if not confirm(self, "Reset to built-in", "Ask the built-in prompts again for this "
                       "kind? Your version is not kept (export it first to keep a copy); "
                       "entries keep what they answered.", "&Reset"):
            return
        (change(self._session, lambda j: j.templates.reset(kind), TEMPLATES)
         .success(self._saved).telling(self.message).run())

    def _export(self) -> None:
        template = self.model.template()
        chosen, _ = QFileDialog.getSaveFileName(
            self, "Export template", f"{template.kind}{SUFFIX}", "Templates (*.json)")
        if not chosen:
            return
        kind, path = self._kind, Path(chosen)
        (query(self._session, lambda j: write_chosen_file(path, j.templates.export(kind)))
         .success(lambda _: self.message.setText(
             f"Exported the saved template to {path.name} (unencrypted: its labels and "
             "questions, nothing from any entry)."))
         .telling(self.message).run())

    def _import(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, "Import template", "",
                                                "Templates (*.json);;All files (*)")
        if chosen:
            self.import_file(Path(chosen))

    def import_file(self, path: Path) -> None:
        """Read a template file, show what it would replace, and import it if confirmed."""

        def preview(journal: Journal) -> tuple[bytes, ImportPreview]:
            data = read_chosen_file(path, MAX_FILE_BYTES, "template file")
            return data, journal.templates.preview_import(data)

        query(self._session, preview).success(
            lambda found: self._confirm_import(*found)).telling(self.message).run()

    def _confirm_import(self, data: bytes, preview: ImportPreview) -> None:
        template, old = preview.template, preview.replaces
        kind = self._state.kind_labels.get(template.kind, template.kind)
        lines = [f"“{template.label}” for {kind} entries: "
                 f"{summary_words(template, True).removesuffix(' (yours)')}"]
        lines += [f"{'  (hidden) ' if p.hidden else '• '}{p.label}: {p.text}"
                  for p in template.prompts]
        lines.append("It is added as a new template." if old is None else
                     f"It replaces your “{old.template.label}”, which asks "
                     f"{summary_words(old.template, old.custom)}.")
        if not confirm(self, "Import template", "\n".join(lines), "&Import",
                       icon=QMessageBox.Icon.Question):
            return
        self._kind = template.kind
        (change(self._session, lambda j: j.templates.import_file(data, replace_same=True),
                TEMPLATES)
         .success(self._imported).telling(self.message).run())

    def _imported(self, saved: KindTemplate) -> None:
        self._filling = True
        self.kind.setCurrentIndex(max(0, self.kind.findData(saved.template.kind)))
        self._filling = False
        self._saved(saved)

