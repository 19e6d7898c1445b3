"""What the writing flow reads and keeps on the database thread: the editor's context,
New entry's template choices, the template a saved entry or a kept draft opens on.

Plain functions over a Journal, apart from the flow's widgets (editing.py), so each runs as
one query or change through the operations seam.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reflectjournal.domain.errors import EntryNotFoundError
from reflectjournal.domain.prompt_use import NO_USE, RECENT_ENTRIES, PromptUse, count_use
from reflectjournal.domain.template_names import answered
from reflectjournal.domain.templates import BUILTIN
from reflectjournal.ui.journal.template_chooser import choice_label

if TYPE_CHECKING:
    from reflectjournal.domain.draft import Draft
    from reflectjournal.domain.endorsement.records import ProviderRecord
    from reflectjournal.domain.entry import Entry
    from reflectjournal.domain.ids import EntryId
    from reflectjournal.domain.taxonomy import Catalog, Tag
    from reflectjournal.services.journal import Journal
    from reflectjournal.services.templates import DraftTemplate, KindTemplate
    from reflectjournal.ui.journal.editor_values import EditorValues


@dataclass(frozen=True, slots=True)
class EditorContext:
    """What the editor needs besides an entry: the tags to pick from, known client codes,
    which prompts the user keeps answering, and the kind of the newest entry."""

    tags: list[Tag]
    client_codes: list[str]
    providers: tuple[ProviderRecord, ...] = ()
    use: PromptUse = NO_USE
    newest_kind: str = ""
    catalog: Catalog | None = None  # the kinds' prompts as the user's templates ask them
    templates: tuple[KindTemplate, ...] = ()  # every kind's, for New entry to offer
    last_templates: Mapping[str, str] = field(default_factory=dict)  # by kind: the last used


def editor_context(journal: Journal) -> EditorContext:
    """Read the editor's context on the database thread."""
    recent = journal.list_entries(limit=RECENT_ENTRIES)
    entries = journal.get_entries([s.id for s in recent])
    use = count_use((e.kind, e.answers) for e in entries)
    return EditorContext(journal.tags(include_retired=True), journal.client_codes(),
                         tuple(journal.providers.all()), use,
                         recent[0].kind if recent else "", journal.catalog,
                         tuple(journal.templates.all()), journal.templates.last_used())


def template_choices(templates: Sequence[KindTemplate]) -> dict[str, list[tuple[str, str]]]:
    """Return each kind's templates as New entry offers them: id ("built-in") and label."""
    choices: dict[str, list[tuple[str, str]]] = {}
    for kind_template in templates:
        template = kind_template.template
        choices.setdefault(template.kind, []).append((template.id or BUILTIN,
                                                      choice_label(kind_template)))
    return choices


def last_used(templates: Sequence[KindTemplate], remembered: dict[str, str]) -> dict[str, str]:
    """Return the template to preselect per kind: the one last used if it still exists,
    else the kind's default."""
    chosen = {k.template.kind: k.template.id or BUILTIN for k in templates if k.is_default}
    for kind_template in templates:
        kind = kind_template.template.kind
        if remembered.get(kind) == (kind_template.template.id or BUILTIN):
            chosen[kind] = remembered[kind]
    return chosen


def drafts_and_context(journal: Journal, reopening: bool
                        ) -> tuple[list[Draft], EditorContext] | None:
    """Return kept drafts with the editor's context, or None if no editor will open."""
    drafts = journal.drafts()
    if not drafts and not reopening:
        return None
    return drafts, editor_context(journal)


def entry_or_none(journal: Journal, entry_id: EntryId) -> Entry | None:
    """Return the entry, or None if it does not exist (a new one, or deleted since)."""
    try:
        return journal.get_entry(entry_id)
    except EntryNotFoundError:
        return None


def edit_base(journal: Journal, entry_id: EntryId
              ) -> tuple[Entry, KindTemplate | None, EditorContext]:
    """Return an entry, the template it opens on to edit, and the editor's context."""
    entry = journal.get_entry(entry_id)
    return entry, journal.templates.for_entry(entry), editor_context(journal)


def entry_to_edit(journal: Journal, entry_id: EntryId
                  ) -> tuple[Entry | None, KindTemplate | None]:
    """Return the entry (None if deleted since) and the template it opens on to edit."""
    entry = entry_or_none(journal, entry_id)
    return entry, journal.templates.for_entry(entry) if entry else None


def draft_base(journal: Journal, draft: Draft
                ) -> tuple[Entry | None, DraftTemplate | None]:
    """Return the entry a draft edits (None: a new one) and the template it reopens on."""
    entry = entry_or_none(journal, draft.entry_id)
    kind = draft.changes.kind or (entry.kind if entry else "session")
    return entry, journal.templates.for_draft(kind, draft.template,
                                              answered(draft.changes.answers or {}))


def draft_keeper(values: EditorValues) -> Callable[[Journal], object]:
    """Return the database-thread work that keeps these editor values as a draft."""
    return lambda journal: journal.save_draft(
        values.entry_id, values.draft_changes, values.tag_labels, values.template)
