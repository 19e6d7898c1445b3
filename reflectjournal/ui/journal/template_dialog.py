"""The template editor: a kind's templates, and one's prompts to hide, reorder, reword or add.

Every read and write runs on the database thread. Saving changes what the editor asks from
then on; entries already written keep the prompts they answered (domain/templates.py). The
built-in template is edited as a copy: saving it asks a name and keeps it as the user's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from reflectjournal.domain.prompt_use import NO_USE
from reflectjournal.domain.template_file import MAX_FILE_BYTES, SUFFIX
from reflectjournal.domain.template_names import free_label
from reflectjournal.domain.templates import (
    BUILTIN,
    TemplatePrompt,
    hide,
    summary_words,
    unused_prompts,
)
from reflectjournal.services.changes import TEMPLATES
from reflectjournal.services.files import read_chosen_file, write_chosen_file
from reflectjournal.ui.background.operations import change, query
from reflectjournal.ui.journal.template_chooser import NameDialog, TemplateChooser
from reflectjournal.ui.journal.template_import import ask_import
from reflectjournal.ui.journal.template_model import PromptListModel, TemplateState, read_state
from reflectjournal.ui.widgets.page_parts import (
    buddy_label,
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


class TemplateDialog(QDialog):
    """Choose a kind's template, edit its prompts, save; add, rename, delete, make default."""

    templates_changed = Signal()

    def __init__(self, session: JournalSession, kind: str = "",
                 parent: QWidget | None = None, template_id: str = "") -> None:
        super().__init__(parent)
        self._session = session
        self._state = TemplateState([], NO_USE, {})
        self._kind = kind
        self._template_id = template_id  # "" until shown: the kind's default
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
        top, note = self._build_top()
        inner.addWidget(top)
        if not self._narrow:
            inner.addWidget(note)
        inner.addLayout(self._build_middle(), 1)
        if self._narrow:
            # The list is the point of the dialog: at large text what acts on the whole
            # template, and the note about it, come after the prompts, not before them.
            inner.addWidget(self.chooser.action_row)
            inner.addWidget(note)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolling(page, "Template editor"), 1)
        self.message = MessageLabel("Templates message")
        layout.addWidget(self.message)
        layout.addLayout(self._build_bottom())
        boxes, actions = self.chooser.focus_chain()[:2], self.chooser.focus_chain()[2:]
        prompt = (self.prompts, self.up, self.down, self.add, self.remove, self.trim,
                  self.label, self.text)
        # Tab goes the way the eye does: the actions after the prompts when they are below.
        middle = (*prompt, *actions) if self._narrow else (*actions, *prompt)
        tab_order(*boxes, *middle, self.import_button, self.export_button, self.save)
        self.resize(min(metrics.averageCharWidth() * 120, room.width()),
                    min(metrics.lineSpacing() * 34, room.height()))
        session.locked.connect(self._on_locked)
        self.reload()

    @classmethod
    def open_for(cls, parent: QWidget | None, session: JournalSession,
                 kind: str = "", template_id: str = "") -> TemplateDialog:
        """Show the dialog window-modal over parent, on a kind's template (its default)."""
        dialog = cls(session, kind, parent, template_id)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _build_top(self) -> tuple[QWidget, QLabel]:
        self.chooser = TemplateChooser(self._narrow)
        self.kind, self.template, self.summary = (
            self.chooser.kind, self.chooser.template, self.chooser.summary)
        self.chooser.kind_chosen.connect(self._on_kind_chosen)
        self.chooser.template_chosen.connect(self._on_template_chosen)
        self.chooser.new.clicked.connect(self._new_template)
        self.chooser.rename.clicked.connect(self._rename_template)
        self.chooser.delete.clicked.connect(self._delete_template)
        self.chooser.make_default.clicked.connect(self._make_default)
        note = QLabel("Untick a prompt to stop asking it. Entries you wrote before keep the "
                      "prompts they answered, whatever you change here.")
        note.setWordWrap(True)
        return self.chooser, note

    def _build_middle(self) -> QBoxLayout:
        self.prompts = QListView()
        self.prompts.setModel(self.model)
        self.prompts.setAccessibleName("Prompts, ticked when asked")
        lines = self.fontMetrics().lineSpacing()
        self.prompts.setMinimumHeight(lines * 7)
        self.prompts.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        listing = buddy_label("&Prompts (Space ticks or unticks one)", self.prompts)
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
        label_label = buddy_label("&Label:", self.label)
        text_label = buddy_label("&Question:", self.text)
        right.addRow(label_label, self.label)
        right.addRow(text_label, self.text)
        right.addRow(self.use_note)
        middle: QBoxLayout = QVBoxLayout() if self._narrow else QHBoxLayout()
        middle.addLayout(left, 1)
        middle.addLayout(right, 1)
        return middle

    def _build_bottom(self) -> QVBoxLayout:
        self.import_button = quiet_button("&Import…", "Import template", self._import)
        self.export_button = quiet_button("E&xport…", "Export template", self._export)
        self.save = quiet_button("&Save", "Save template", self._save)
        self.save.setAutoDefault(True)
        buttons = quiet_button("Close", "Close templates", self.close_asking)
        row = QHBoxLayout()
        for widget in (self.import_button, self.export_button):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.save)
        row.addWidget(buttons)
        rows = QVBoxLayout()
        rows.addLayout(row)
        return rows

    def reload(self) -> None:
        """Read every template again."""
        query(self._session, read_state).success(self._show_state).telling(self.message).run()

    def _show_state(self, state: TemplateState) -> None:
        self._state = state
        kinds = dict.fromkeys(k.template.kind for k in state.templates)
        self.chooser.show_kinds([(k, state.kind_labels.get(k, k)) for k in kinds], self._kind)
        self._show_kind(self._template_id)

    def _of_kind(self) -> list[KindTemplate]:
        kind = self.chooser.kind_id()
        return [k for k in self._state.templates if k.template.kind == kind]

    def _current(self) -> KindTemplate | None:
        wanted = self.chooser.template_id()
        return next((k for k in self._of_kind() if k.template.id == wanted), None)

    def _show_kind(self, template_id: str = "") -> None:
        """List the chosen kind's templates and show one (by default the kind's default)."""
        self.chooser.show_templates(self._of_kind(), template_id)
        self._show_template()

    def _show_template(self) -> None:
        current = self._current()
        if current is None:
            return
        self._kind, self._template_id = current.template.kind, current.template.id
        self._filling = True
        self.model.set_template(current.template)
        self._filling = False
        self.chooser.enable_for(current)
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

    @Slot()
    def _on_kind_chosen(self) -> None:
        if self._may_leave():
            self._show_kind()

    @Slot()
    def _on_template_chosen(self) -> None:
        if self._may_leave():
            self._show_template()

    def _may_leave(self) -> bool:
        """Ask before the shown template's unsaved changes go; put the choice back if not."""
        saved = next((k.template for k in self._state.templates
                      if (k.template.kind, k.template.id) == (self._kind, self._template_id)),
                     None)
        if saved is None or self.model.template() == saved or confirm(
                self, "Discard changes", "The changes to this template are not saved. "
                "Discard them?", "&Discard"):
            return True
        self.chooser.show_templates(
            [k for k in self._state.templates if k.template.kind == self._kind], "")
        self.chooser.choose(self._kind, self._template_id)
        return False

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
        if not draft.id:  # the built-in prompts stay as they are: the changes get a name
            self._ask_name("Save as your template", "The built-in prompts stay as they are; "
                           "your changes are kept as a template of yours, named:",
                           lambda name: (lambda j: j.templates.new(
                               draft.kind, name, base=draft)))
            return
        (change(self._session, lambda j: j.templates.save(draft), TEMPLATES)
         .success(lambda saved: self._changed(saved, "Saved. New entries that ask this "
                                              "template ask these prompts; entries written "
                                              "before keep theirs."))
         .telling(self.message).busy(self.save, "Saving…").run())

    def _ask_name(self, title: str, question: str,
                  work: Callable[[str], Callable[[Journal], KindTemplate]]) -> None:
        """Ask a name, then run the change it names on the database thread."""
        own = [k.template for k in self._of_kind() if k.custom]
        kind = self._state.kind_labels.get(self._kind, self._kind)
        NameDialog.ask(self, title, question, free_label(f"My {kind.lower()}", own),
                       lambda name: change(self._session, work(name), TEMPLATES)
                       .success(lambda made: self._changed(made, f"Added “{made.template.label}”"
                                                           + self._default_words(made)))
                       .telling(self.message).run())

    @staticmethod
    def _default_words(made: KindTemplate) -> str:
        return (", the default: new entries of this kind ask it." if made.is_default else
                ". Make it the default for new entries to ask it, or choose it in New entry.")

    def _changed(self, shown: KindTemplate, words: str) -> None:
        """After a change: read every template again, show this one, and say what happened."""
        self._kind, self._template_id = shown.template.kind, shown.template.id
        self._state = replace(self._state, templates=[])  # nothing unsaved to ask about
        self.reload()
        self.message.setText(words)
        self.templates_changed.emit()

    def _new_template(self) -> None:
        base = self.model.template()  # a copy of what is shown, changes and all
        self._ask_name("New template", "A new template of this kind, starting with the "
                       "prompts shown. Its name:",
                       lambda name: (lambda j: j.templates.new(base.kind, name, base=base)))

    def _rename_template(self) -> None:
        current = self._current()
        if current is None or not current.custom:
            return
        template_id = current.template.id
        NameDialog.ask(self, "Rename template", "The template's new name:",
                       current.template.label,
                       lambda name: change(self._session,
                                           lambda j: j.templates.rename(template_id, name),
                                           TEMPLATES)
                       .success(lambda renamed: self._changed(renamed, "Renamed."))
                       .telling(self.message).run())

    def _delete_template(self) -> None:
        current = self._current()
        if current is None or not current.custom or not confirm(
                self, "Delete template", f"Delete “{current.template.label}”? Entries written "
                "with it keep their answers and questions.", "&Delete"):
            return
        template_id = current.template.id
        (change(self._session, lambda j: j.templates.delete(template_id), TEMPLATES)
         .success(lambda now: self._changed(now, "Deleted. New entries of this kind ask "
                                            f"“{now.template.label}”."))
         .telling(self.message).run())

    def _make_default(self) -> None:
        current = self._current()
        if current is None:
            return
        kind, template_id = current.template.kind, current.template.id or BUILTIN
        (change(self._session, lambda j: j.templates.make_default(template_id, kind), TEMPLATES)
         .success(lambda made: self._changed(made, "New entries of this kind ask "
                                             f"“{made.template.label}” unless you choose "
                                             "another."))
         .telling(self.message).run())

    def _export(self) -> None:
        template = self.model.template()
        chosen, _ = QFileDialog.getSaveFileName(
            self, "Export template", f"{template.kind}{SUFFIX}", "Templates (*.json)")
        if not chosen:
            return
        kind, name, path = self._kind, self._template_id or BUILTIN, Path(chosen)
        (query(self._session,
               lambda j: write_chosen_file(path, j.templates.export(kind, name)))
         .success(lambda _: self.message.setText(
             f"Exported the saved template to {path.name} (unencrypted: its name, labels and "
             "questions, nothing from any entry)."))
         .telling(self.message).run())

    def _import(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, "Import template", "",
                                                "Templates (*.json);;All files (*)")
        if chosen:
            self.import_file(Path(chosen))

    def import_file(self, path: Path) -> None:
        """Read a template file, show what it would do, and import it if confirmed."""

        def preview(journal: Journal) -> tuple[bytes, ImportPreview]:
            data = read_chosen_file(path, MAX_FILE_BYTES, "template file")
            return data, journal.templates.preview_import(data)

        query(self._session, preview).success(
            lambda found: self._confirm_import(*found)).telling(self.message).run()

    def _confirm_import(self, data: bytes, preview: ImportPreview) -> None:
        kind = preview.template.kind
        replace_same = ask_import(self, preview, self._state.kind_labels.get(kind, kind))
        if replace_same is None:
            return
        (change(self._session, lambda j: j.templates.import_file(data, replace_same),
                TEMPLATES)
         .success(lambda made: self._changed(made, f"Imported “{made.template.label}”"
                                             + self._default_words(made)))
         .telling(self.message).run())
