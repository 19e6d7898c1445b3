"""Writing: new, edit, leave, save, keep and discard drafts, delete and undo, draft offers,
and the ways back to what was written before: an entry's history and the trash.

Every change goes through the operations seam and names what it changed, so the list and
the sidebar refresh from `journal_changed`; this flow only asks the list to select the
entry it saved or brought back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

from reflectjournal.domain.draft import missing_template_words
from reflectjournal.domain.template_names import asking
from reflectjournal.domain.templates import BUILTIN
from reflectjournal.domain.versions import TRASH_DAYS
from reflectjournal.services.changes import (
    DRAFTS,
    ENTRIES,
    NOTHING,
    PROVIDERS,
    TAGS,
    TEMPLATES,
    TRASH,
)
from reflectjournal.ui.background.operations import change, query
from reflectjournal.ui.background.session import JournalSession, user_message
from reflectjournal.ui.journal.editor_reads import (
    EditorContext,
    draft_base,
    draft_keeper,
    drafts_and_context,
    edit_base,
    editor_context,
    entry_to_edit,
    last_used,
    template_choices,
)
from reflectjournal.ui.journal.prompt_boxes import KEPT_HEADING
from reflectjournal.ui.journal.spelling import SpellingLoader

if TYPE_CHECKING:
    from reflectjournal.domain.draft import Draft
    from reflectjournal.domain.endorsement.records import ProviderRecord
    from reflectjournal.domain.entry import Entry
    from reflectjournal.domain.ids import EntryId
    from reflectjournal.domain.taxonomy import Catalog
    from reflectjournal.services.changes import Changes
    from reflectjournal.services.templates import DraftTemplate, KindTemplate
    from reflectjournal.ui.journal.editor_values import EditorValues
    from reflectjournal.ui.journal.journal_page import JournalPage
    from reflectjournal.ui.journal.list_controller import EntryListController
    from reflectjournal.ui.widgets.provider_dialog import NewProvider


class EditingFlow(QObject):
    """Opens the editor, saves and deletes entries, and offers kept drafts."""

    undo_changed = Signal(bool)  # whether there is a deletion to undo

    def __init__(self, page: JournalPage, session: JournalSession,
                 entries: EntryListController, dialogs: QWidget) -> None:
        super().__init__(dialogs)
        self._page = page
        self._editor = page.editor
        self._session = session
        self._entries = entries
        self._dialogs = dialogs  # the parent of the questions asked
        self._deleted: list[Entry] = []  # undo within the session; dropped on lock
        self._last_kind = ""  # the kind last chosen for a new entry, preselected next time
        self._asked = ("", "")  # the new entry's kind and template, when not its default
        self._editor.save_requested.connect(self.save_entry)
        self._editor.autosave_requested.connect(self.keep_draft)
        self._editor.close_requested.connect(self.close_editor)
        self._editor.template_requested.connect(self.edit_template)
        entries.activated.connect(self.edit_current)
        session.journal_changed.connect(self.journal_changed)
        self.spelling = SpellingLoader(session, self._editor.spelling, dialogs)

    @property
    def can_undo(self) -> bool:
        """Return whether a deleted entry can be brought back."""
        return bool(self._deleted)

    @property
    def is_editing(self) -> bool:
        """Return whether the editor, not the reading pane, is showing."""
        return self._page.detail.currentWidget() is self._editor

    @Slot(object)
    def journal_changed(self, changes: Changes) -> None:
        """After a restore, undo would bring back entries from before it: forget them."""
        if changes.everything:
            self.forget()
            self._page.notice.dismiss()
            self._page.clear_entry()
        if changes.touches("templates"):
            # An open editor asks the new prompts at once, keeping every answer typed.
            # A new entry on a template other than the default keeps asking that one.
            query(self._session, lambda j: (j.catalog, j.templates.all())).success(
                lambda found: self._use_catalog(*found)).failure(
                self._entries.show_error).run()

    def _use_catalog(self, catalog: Catalog, templates: Sequence[KindTemplate] = ()) -> None:
        asked = next((k.template for k in templates if not k.is_default
                      and (k.template.kind, k.template.id or BUILTIN) == self._asked), None)
        self._editor.use_catalog(catalog if asked is None else asking(catalog, asked))
        self._page.use_catalog(catalog)

    @Slot(str)
    def edit_template(self, kind: str = "", parent: QWidget | None = None,
                      template_id: str = "") -> None:
        """Open the template editor on a kind's template (its default unless one is named;
        from the editor, the one the new entry asks)."""
        from reflectjournal.ui.journal.template_dialog import TemplateDialog  # on first use

        if not template_id and kind and kind == self._asked[0]:
            template_id = self._asked[1]

        TemplateDialog.open_for(parent or self._dialogs, self._session, kind, template_id)

    def template_from_current(self) -> None:
        """Add a template of the prompts the shown entry answered, then show it to edit."""
        entry_id = self._shown_entry()
        if entry_id is None:
            return

        def made(kind_template: KindTemplate) -> None:
            self._entries.tell("The entry's prompts are a new template of its kind; rename "
                               "it, change it or make it the default here.")
            self.edit_template(kind_template.template.kind,
                               template_id=kind_template.template.id)
        (change(self._session, lambda j: j.templates.from_entry(j.get_entry(entry_id)),
                TEMPLATES).success(made).failure(self._entries.show_error).run())

    def forget(self) -> None:
        """Forget the deleted entries and the template asked (on lock, after a restore)."""
        self._deleted.clear()
        # A draft opened after the lock asks the template it names (_open_draft); a
        # template asked before the lock must not steer "Edit template" until then.
        self._asked = ("", "")
        self.undo_changed.emit(False)

    def unsaved_values(self) -> EditorValues | None:
        """Return the editor's values if it is showing with unsaved changes."""
        return self._editor.values() if self.is_editing and self._editor.has_unsaved() else None

    def editing_id(self) -> EntryId | None:
        """Return the id of the entry in the editor, if the editor is showing."""
        return self._editor.values().entry_id if self.is_editing else None

    def new_entry(self, kind: str | None = None) -> None:
        """Open the editor on a new entry of a kind (by default the last one chosen)."""
        self.leave_editor(lambda: query(self._session, editor_context)
                          .success(lambda context: self._start_new(context, kind))
                          .failure(self._entries.show_error).run())

    def ask_new_entry(self) -> None:
        """Ask the kind (the last one chosen selected), then open the editor on it (Ctrl+N)."""
        from reflectjournal.ui.journal.kind_dialog import KindDialog  # loaded on first use

        def ask(context: EditorContext) -> None:
            KindDialog.ask(self._dialogs, self._page.editor.kinds,
                           self._last_kind or context.newest_kind or "session",
                           lambda kind, template: self._start_new(context, kind, template),
                           template_choices(context.templates),
                           last_used(context.templates, dict(context.last_templates)))
        self.leave_editor(lambda: query(self._session, editor_context)
                          .success(ask).failure(self._entries.show_error).run())

    def _offer(self, context: EditorContext) -> None:
        """Give the editor the journal's providers (and a way to add one) and prompt use."""
        self._editor.set_prompt_use(context.use)
        if context.catalog is not None:
            self._editor.use_catalog(context.catalog)
            self._page.use_catalog(context.catalog)
        self._editor.known = replace(self._editor.known, providers=context.providers,
                                     add_provider=self._add_provider)

    def _add_provider(self, new: NewProvider, added: Callable[[ProviderRecord], None]) -> None:
        (change(self._session,
                lambda j: j.providers.add(new.name, new.qualification, new.since), PROVIDERS)
         .success(added)
         .failure(lambda error: self._editor.mark_failed(
             "The provider could not be added: " + user_message(error))).run())

    def _start_new(self, context: EditorContext, kind: str | None = None,
                   template: str = "") -> None:
        """Open the editor on a new entry; `template` ("built-in" or an id) if one was chosen.

        A template other than the kind's default is asked by this entry alone: the journal's
        catalog, and every other editor, keep asking the default.
        """
        self._offer(context)
        kind = kind or self._last_kind or context.newest_kind or "session"
        self._last_kind = kind
        chosen = next((k for k in context.templates if k.template.kind == kind
                       and (k.template.id or BUILTIN) == template), None)
        self._ask(context, chosen)
        if chosen is not None:
            # Kept in the journal, encrypted, for New entry to offer it first next time.
            (change(self._session, lambda j: j.templates.remember_used(kind, template),
                    NOTHING).failure(self._entries.show_error).run())
        self._editor.start_new(context.tags, context.client_codes, kind)
        self._page.detail.setCurrentWidget(self._editor)
        self._editor.focus_first_prompt()

    def _ask(self, context: EditorContext, chosen: KindTemplate | None) -> None:
        """Have the editor ask this template (its kind's default when None or the default)."""
        self._asked = ("", "")
        if chosen is not None and not chosen.is_default and context.catalog is not None:
            self._asked = (chosen.template.kind, chosen.template.id or BUILTIN)
            self._editor.use_catalog(asking(context.catalog, chosen.template))

    @property
    def asked(self) -> tuple[str, str]:
        """Return the kind and template the editor asks in place of the kind's default."""
        return self._asked

    def _shown_entry(self) -> EntryId | None:
        """Return the entry in the reading pane, or None (the list says why, if it can)."""
        target = self._entries.target()
        if target.reading is None and target.problem:
            self._entries.tell(target.problem)
        return target.reading

    def edit_current(self) -> None:
        """Open the editor on the entry shown (also when it is part of a multi-selection)."""
        entry_id = self._shown_entry()
        if entry_id is None:
            return
        self.leave_editor(lambda: query(self._session, lambda j: edit_base(j, entry_id))
            .success(lambda result: self._start_edit(*result))
            .failure(self._entries.show_error).run())

    def _start_edit(self, entry: Entry, template: KindTemplate | None,
                    context: EditorContext) -> None:
        """Open the editor on a saved entry, asking the template its answers were written on.

        Entries do not record it: the kind's template asking most of the answers is the
        one (the default on a tie), so "Edit template" and the entry's draft follow it.
        """
        self._offer(context)
        self._ask(context, template)
        self._editor.start_edit(entry, context.tags, context.client_codes)
        self._page.detail.setCurrentWidget(self._editor)
        self._editor.title.setFocus()

    def leave_editor(self, then: Callable[[], None]) -> None:
        """Run then, after asking what to do with unsaved changes in the editor."""
        if not self.is_editing or not self._editor.has_unsaved():
            then()
            return
        answer = QMessageBox.question(
            self._dialogs, "Unsaved changes", "Save the entry you are writing first?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            self.save_entry(then)
        elif answer == QMessageBox.StandardButton.Discard:
            self.discard_draft(self._editor.values().entry_id)
            self._editor.clear()
            self._page.detail.setCurrentWidget(self._page.viewer)
            then()

    @Slot()
    def close_editor(self) -> None:
        """Leave the editor, asking first if changes are unsaved."""
        self.leave_editor(lambda: self._page.detail.setCurrentWidget(self._page.viewer))

    @Slot()
    def keep_draft(self) -> None:
        """Keep the editor's values as a draft in the journal (autosave)."""
        if not self._session.is_open:
            return
        values = self._editor.values()
        (change(self._session, draft_keeper(values), DRAFTS)
         .success(lambda _: self._editor.mark_drafted(values))
         .failure(lambda error: self._editor.mark_failed(
             "The draft could not be kept: " + user_message(error))).run())

    def save_shortcut(self) -> None:
        """Save, if the editor is showing (Ctrl+S)."""
        if self.is_editing:
            self.save_entry()

    def save_entry(self, then: Callable[[], None] | None = None) -> None:
        """Save the editor's entry; its draft goes in the same transaction."""
        values = self._editor.values()

        def saved(entry: Entry) -> None:
            self._editor.mark_saved(values)
            self._entries.select_after_refresh(entry.id)

        # Tags typed in the editor are made as the entry is saved. What follows runs after
        # the list reselected the saved entry, so a new editor opened then stays open.
        (change(self._session,
                lambda j: j.save_entry(values.entry_id, values.changes, values.tag_labels),
                ENTRIES | TAGS | DRAFTS)
         .success(saved).afterwards(then or (lambda: None))
         .failure(lambda error: self._editor.mark_failed(user_message(error))).run())

    def discard_draft(self, entry_id: EntryId) -> None:
        """Forget an entry's kept draft."""
        (change(self._session, lambda j: j.discard_draft(entry_id), DRAFTS)
         .failure(self._entries.show_error).run())

    def delete_current(self) -> None:
        """Move the entry shown to the trash after confirmation; undo restores it.

        One at a time: undo brings back one entry, and a deletion of several that failed
        half way would leave some that undo cannot bring back.
        """
        target = self._entries.target()
        if target.is_selection:
            self._entries.tell(f"Delete works on one entry at a time; {len(target.entry_ids)} "
                               "are selected. Click the one entry to delete.")
            return
        if not target.entry_ids:
            if target.problem:
                self._entries.tell(target.problem)
            return
        entry_id = target.entry_ids[0]
        answer = QMessageBox.question(
            self._dialogs, "Delete entry",
            f"Move this entry to the trash? It stays there for {TRASH_DAYS} days (Journal > "
            "Trash); you can also undo it now (Ctrl+Z).")
        if answer != QMessageBox.StandardButton.Yes or not self._session.is_open:
            return

        def deleted(entry: Entry) -> None:
            self._deleted.append(entry)
            self.undo_changed.emit(True)
            if self.is_editing and not self._editor.has_unsaved():
                self._page.detail.setCurrentWidget(self._page.viewer)
            self._page.clear_entry()
            self._page.notice.show_notice("Entry moved to the trash.",
                                          ("&Undo", self.undo_delete))
        (change(self._session, lambda j: j.delete_entry(entry_id), ENTRIES | TRASH)
         .success(deleted).failure(self._entries.show_error).run())

    def undo_delete(self) -> None:
        """Put back the most recently deleted entry from the trash."""
        if not self._deleted or not self._session.is_open:
            return
        entry = self._deleted.pop()
        self.undo_changed.emit(bool(self._deleted))

        def restored(_: object) -> None:
            self._page.notice.dismiss()
            self._entries.select_after_refresh(entry.id)
        (change(self._session, lambda j: j.restore_entry(entry), ENTRIES | TRASH)
         .success(restored).failure(self._entries.show_error).run())

    def show_history(self) -> None:
        """Show the shown entry's saved versions, once the editor's changes are saved."""
        target = self._entries.target()
        if target.is_selection or not target.entry_ids:
            self._entries.tell(target.problem or "Choose one entry to see its history.")
            return
        entry_id = target.entry_ids[0]

        def open_history() -> None:
            from reflectjournal.ui.journal.history_dialog import HistoryDialog

            # A restored version replaces what an open editor would still show.
            if self.is_editing and not self._editor.has_unsaved():
                self._page.detail.setCurrentWidget(self._page.viewer)
            HistoryDialog.open_for(self._dialogs, self._session, entry_id,
                                   self._entries.select_after_refresh)
        self.leave_editor(open_history)

    def show_trash(self) -> None:
        """Show the deleted entries kept in the trash."""
        from reflectjournal.ui.journal.trash_dialog import TrashDialog

        TrashDialog.open_for(self._dialogs, self._session,
                             self._entries.select_after_refresh, self.forget)

    def check_drafts(self, reopen: bool, reopen_id: EntryId | None,
                     asked: tuple[str, str] = ("", "")) -> None:
        """Reopen the editor as it was before locking (if reopen), and offer kept drafts.

        `asked` is the kind and template a new entry asked then: one with nothing typed
        has no draft to name it, and reopens on it all the same.
        Cheap when there is nothing to bring back: the editor's context (tags, client
        codes) is read only if an editor opens.
        """
        (query(self._session, lambda j: drafts_and_context(j, reopen))
         .success(lambda result: self._on_drafts_checked(reopen_id if reopen else None,
                                                         *result, asked) if result else None)
         .failure(self._entries.show_error).run())

    def _on_drafts_checked(self, editing: EntryId | None, drafts: list[Draft],
                           context: EditorContext, asked: tuple[str, str]) -> None:
        mine = next((d for d in drafts if d.entry_id == editing), None)
        if mine is not None:
            self._open_draft(mine, context)
        elif editing is not None:
            (query(self._session, lambda j: entry_to_edit(j, editing))
             .success(lambda found: self._resume_editor(*found, context, asked))
             .failure(self._entries.show_error).run())
        self._offer_drafts([d for d in drafts if d is not mine], context)

    def _resume_editor(self, entry: Entry | None, template: KindTemplate | None,
                       context: EditorContext, asked: tuple[str, str]) -> None:
        if entry is None:  # a new entry with nothing typed yet
            self._start_new(context, asked[0] or None, asked[1])
        else:
            self._start_edit(entry, template, context)

    def _offer_drafts(self, drafts: list[Draft], context: EditorContext) -> None:
        """Offer the most recent kept draft; the next is offered once this one is handled."""
        if not drafts:
            return
        draft, rest = drafts[0], drafts[1:]
        more = f" ({len(rest)} more after this one)" if rest else ""
        when = draft.saved_at.astimezone()

        def open_it() -> None:
            self.leave_editor(lambda: self._open_draft(draft, context))
            self._offer_drafts(rest, context)

        def discard_it() -> None:
            self.discard_draft(draft.entry_id)
            self._offer_drafts(rest, context)
        self._page.notice.show_notice(
            f"A draft you had not saved was kept ({when:%d %b %Y, %H:%M}){more}.",
            ("&Open draft", open_it), ("Discard draft", discard_it))

    def _open_draft(self, draft: Draft, context: EditorContext) -> None:
        """Open a draft on the template it was written on, each answer in its own prompt."""
        def show(found: tuple[Entry | None, DraftTemplate | None]) -> None:
            entry, resumed = found
            self._offer(context)
            self._ask(context, resumed.template if resumed else None)
            notice = ""
            if resumed is not None and not resumed.found:
                template = resumed.template.template
                kind = next(k for k in self._editor.kinds if k.id == template.kind)
                notice = missing_template_words(kind.label, template.label, KEPT_HEADING)
            self._editor.start_draft(draft, entry, context.tags, context.client_codes, notice)
            self._page.detail.setCurrentWidget(self._editor)
            self._editor.title.setFocus()
        (query(self._session, lambda j: draft_base(j, draft))
         .success(show).failure(self._entries.show_error).run())
