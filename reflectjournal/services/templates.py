"""The user's templates: any number per kind, one of them (or the built-in one) the default.

A kind lists its built-in template first, then the user's by position; a new entry asks the
default unless the user picks another. Saving, renaming, deleting or importing a template
changes what the editor asks from then on and nothing else: entries keep their answers
under the prompt ids and wordings they were written with (domain/templates.py). The
journal's catalog (each kind asking its default) follows every change, through `on_change`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from reflectjournal.domain.entry import Entry
from reflectjournal.domain.errors import InvalidInputError
from reflectjournal.domain.kind_change import all_prompts
from reflectjournal.domain.taxonomy import Catalog, Prompt
from reflectjournal.domain.template_file import read_template, template_bytes
from reflectjournal.domain.template_names import (
    answered,
    best_fit,
    find_template,
    free_label,
    last_used_text,
    read_last_used,
    template_label,
)
from reflectjournal.domain.templates import (
    BUILTIN,
    Template,
    apply_templates,
    builtin_template,
    from_answers,
    new_template_id,
    settle,
)
from reflectjournal.store import meta as meta_sql
from reflectjournal.store import templates as sql
from reflectjournal.store.database import Database


@dataclass(frozen=True, slots=True)
class KindTemplate:
    """One template of a kind, whether it is the user's own, and whether it is the default."""

    template: Template
    custom: bool
    builtin: Template
    is_default: bool = True


@dataclass(frozen=True, slots=True)
class DraftTemplate:
    """The template a draft reopens on, and whether it is the one the draft names."""

    template: KindTemplate
    found: bool  # False: the one it was started on was deleted since; this is the default


@dataclass(frozen=True, slots=True)
class ImportPreview:
    """What importing a file would do, before anything is written."""

    template: Template
    replaces: KindTemplate | None  # the kind's template of the same label, if there is one
    new_prompts: int  # wordings this journal does not know yet
    default: KindTemplate  # the kind's default now


def _fitting(found: list[KindTemplate], prompt_ids: Iterable[str]) -> KindTemplate:
    """Return the one of a kind's templates asking most of these prompts; the default on a tie."""
    default = next(k for k in found if k.is_default)
    fit = best_fit([k.template for k in found], default.template, prompt_ids)
    return next(k for k in found if k.template == fit)


class Templates:
    """Read and change the templates of one open journal."""

    def __init__(self, db: Database, builtin: Catalog,
                 on_change: Callable[[Catalog], None]) -> None:
        self._db = db
        self._builtin = builtin
        self._on_change = on_change

    @property
    def builtin(self) -> Catalog:
        """Return the catalog as the resources define it, no template applied."""
        return self._builtin

    def catalog(self) -> Catalog:
        """Return the catalog with each kind asking its default (read inside a transaction)."""
        with self._db.transaction():
            return self._catalog()

    def _catalog(self) -> Catalog:
        user = sql.user_prompts(self._db)
        defaults = {t.kind: t for t, is_default in sql.templates(self._db, self._known(user))
                    if is_default}
        return apply_templates(self._builtin, defaults, user)

    def _known(self, user: list[Prompt] | None = None) -> dict[str, Prompt]:
        user = sql.user_prompts(self._db) if user is None else user
        return {**all_prompts(self._builtin), **{p.id: p for p in user}}

    def _read(self, kind_id: str | None = None) -> list[KindTemplate]:
        """Every kind's templates (or one kind's): the built-in first, then the user's."""
        stored = sql.templates(self._db, self._known())
        found = []
        for kind in self._builtin.kinds:
            if kind_id is not None and kind.id != kind_id:
                continue
            builtin = builtin_template(kind)
            own = [(t, d) for t, d in stored if t.kind == kind.id]
            found.append(KindTemplate(builtin, False, builtin, not any(d for _t, d in own)))
            found += [KindTemplate(t, True, builtin, d) for t, d in own]
        return found

    def all(self) -> list[KindTemplate]:
        """Return every template, kind by kind in the kinds' order."""
        with self._db.transaction():
            return self._read()

    def of_kind(self, kind: str) -> list[KindTemplate]:
        """Return a kind's templates (kind by id or label): the built-in, then the user's."""
        kind_id = self._builtin.kind(kind).id
        with self._db.transaction():
            return self._read(kind_id)

    def get(self, kind: str, name: str | None = None) -> KindTemplate:
        """Return a kind's default template, or the one named by id or label."""
        found = self.of_kind(kind)
        if name is None:
            return next(k for k in found if k.is_default)
        kind_label = self._builtin.kind(kind).label
        chosen = find_template([k.template for k in found], name, f"for {kind_label} entries")
        return next(k for k in found if k.template == chosen)

    def find(self, name: str) -> KindTemplate:
        """Return the user's template of any kind named by id, or by a label only one has."""
        own = [k for k in self.all() if k.custom]
        chosen = find_template([k.template for k in own], name, "of yours")
        return next(k for k in own if k.template == chosen)

    def save(self, draft: Template) -> KindTemplate:
        """Store an edited template under its id; an edited built-in one becomes a new one.

        New or reworded prompts get ids of their own. A built-in template saved with changes
        is kept as the user's (a number after its label if the label is taken).
        """
        kind = self._builtin.kind(draft.kind)
        with self._db.transaction():
            own = [k.template for k in self._read(kind.id) if k.custom]
            if draft.id:
                if not any(t.id == draft.id for t in own):
                    raise InvalidInputError("That template was deleted meanwhile.")
                label = template_label(draft.label, kind.label,
                                       [t for t in own if t.id != draft.id])
                template, added = settle(replace(draft, label=label), self._known())
                sql.add_prompts(self._db, added)
                sql.update(self._db, replace(template, id=draft.id))
                saved_id = draft.id
            else:
                saved_id = self._insert(replace(draft, label=free_label(draft.label, own)), own)
            catalog = self._catalog()
        self._on_change(catalog)
        return self.get(kind.id, saved_id)

    def _insert(self, draft: Template, own: list[Template]) -> str:
        """Add a new template (a kind's first of the user's becomes its default); its id."""
        kind = self._builtin.kind(draft.kind)
        label = template_label(draft.label, kind.label, own)
        template, added = settle(replace(draft, label=label), self._known())
        template = replace(template, id=new_template_id())
        sql.add_prompts(self._db, added)
        sql.insert(self._db, template, is_default=not own)
        return template.id

    def new(self, kind: str, label: str, entry: Entry | None = None,
            base: Template | None = None) -> KindTemplate:
        """Add a template of a kind: a copy of `base` (by default the built-in prompts), or
        the prompts an entry answered, in its order, the rest of `base` hidden."""
        target = self._builtin.kind(kind)
        with self._db.transaction():
            own = [k.template for k in self._read(target.id) if k.custom]
            base = replace(base, kind=target.id) if base else builtin_template(target)
            if entry is not None:
                base = from_answers(target, base, entry.answers, self._known())
            made = self._insert(replace(base, label=label), own)
            catalog = self._catalog()
        self._on_change(catalog)
        return self.get(target.id, made)

    def from_entry(self, entry: Entry, kind: str | None = None,
                   label: str | None = None) -> KindTemplate:
        """Add a template of the prompts an entry answered, in its order (never replacing)."""
        target = self._builtin.kind(kind or entry.kind)
        if label is None:
            own = [k.template for k in self.of_kind(target.id) if k.custom]
            title = " ".join(entry.title.split())
            label = free_label(f"From “{title}”" if title else f"From {entry.date}", own)
        return self.new(target.id, label, entry)

    def rename(self, template_id: str, label: str) -> KindTemplate:
        """Give one of the user's templates another name (unique within its kind)."""
        current = self.find(template_id)
        kind = self._builtin.kind(current.template.kind)
        with self._db.transaction():
            own = [k.template for k in self._read(kind.id)
                   if k.custom and k.template.id != current.template.id]
            sql.rename(self._db, current.template.id, template_label(label, kind.label, own))
            catalog = self._catalog()
        self._on_change(catalog)
        return self.get(kind.id, current.template.id)

    def delete(self, template_id: str) -> KindTemplate:
        """Forget one of the user's templates; return its kind's default now.

        Deleting the default makes the built-in one the default: choosing another is the
        user's to do, not a guess.
        """
        current = self.find(template_id)
        with self._db.transaction():
            sql.remove(self._db, current.template.id)
            catalog = self._catalog()
        self._on_change(catalog)
        return self.get(current.template.kind)

    def make_default(self, template_id: str, kind: str | None = None) -> KindTemplate:
        """Make a template its kind's default (`built-in` with a kind: the built-in one)."""
        chosen = self.get(kind, template_id) if kind is not None else self.find(template_id)
        with self._db.transaction():
            sql.set_default(self._db, chosen.template.kind, chosen.template.id)
            catalog = self._catalog()
        self._on_change(catalog)
        return self.get(chosen.template.kind, chosen.template.id or "built-in")

    def reset(self, kind: str) -> KindTemplate:
        """Make the built-in prompts the kind's default again (the user's templates stay)."""
        return self.make_default("built-in", kind)

    def for_draft(self, kind: str, template_id: str,
                  answered: Iterable[str] = ()) -> DraftTemplate | None:
        """Return the template a draft of a kind reopens on (None for a kind not known).

        By id, so a template renamed since is still the one; one deleted since gives the
        kind's default, `found` False. A draft that names none (kept before schema 17)
        opens on the kind's template asking most of its `answered` prompts (the default
        on a tie).
        """
        if kind not in {k.id for k in self._builtin.kinds}:
            return None
        with self._db.transaction():
            found = self._read(kind)
        if not template_id:
            return DraftTemplate(_fitting(found, answered), True)
        default = next(k for k in found if k.is_default)
        named = next((k for k in found if (k.template.id or BUILTIN) == template_id), None)
        return DraftTemplate(named or default, named is not None)

    def for_entry(self, entry: Entry) -> KindTemplate | None:
        """Return the template a saved entry opens on to edit (None for a kind not known).

        An entry does not record the template it was written on: what it answered says.
        The kind's template asking most of its answered prompts (the default on a tie),
        so each answer shows under its own prompt; when none asks more than the default
        (its template deleted, say), the default, the answers it lacks under "Kept".
        """
        if entry.kind not in {k.id for k in self._builtin.kinds}:
            return None
        with self._db.transaction():
            found = self._read(entry.kind)
        return _fitting(found, answered(entry.answers))

    def last_used(self) -> dict[str, str]:
        """Return the template New entry last used per kind ("built-in" or a template id).

        Kept in the journal, encrypted: which kinds a person writes is the journal's business,
        not a preferences file's.
        """
        with self._db.transaction():
            return read_last_used(meta_sql.get(self._db, "last_templates") or "")

    def remember_used(self, kind: str, template_id: str) -> None:
        """Note the template New entry used for a kind, for it to be offered first next time."""
        with self._db.transaction():
            used = read_last_used(meta_sql.get(self._db, "last_templates") or "")
            used[kind] = template_id
            meta_sql.put(self._db, "last_templates", last_used_text(used))

    def export(self, kind: str, name: str | None = None) -> bytes:
        """Return one template (a kind's default, or the one named) as a file's bytes."""
        return template_bytes(self.get(kind, name).template)

    def preview_import(self, data: bytes) -> ImportPreview:
        """Read a template file and say what importing it would do; write nothing."""
        template = read_template(data, [k.id for k in self._builtin.kinds])
        with self._db.transaction():
            known = self._known()
            found = self._read(template.kind)
        _settled, added = settle(template, known)
        label = " ".join(template.label.split()).casefold()
        same = next((k for k in found if k.custom and k.template.label.casefold() == label),
                    None)
        return ImportPreview(template, same, len(added), next(k for k in found if k.is_default))

    def import_file(self, data: bytes, replace_same: bool = False) -> KindTemplate:
        """Add a template file as a new template of its kind (all of it or, on error, nothing).

        With `replace_same`, the kind's template of the same label (if any) takes the file's
        prompts instead, keeping its id and whether it is the default; without it, a label
        already taken gets a number after it.
        """
        preview = self.preview_import(data)
        if replace_same and preview.replaces is not None:
            return self.save(replace(preview.template, id=preview.replaces.template.id,
                                     label=preview.replaces.template.label))
        return self.save(replace(preview.template, id=""))
