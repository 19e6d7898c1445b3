"""The user's own template of a kind: its prompts hidden, reordered, reworded or added.

An entry stores its answers by prompt id, and shows each answer under that prompt's label and
question. So a prompt id names one wording forever: rewording a prompt, built-in or the
user's, gives it a new id, and the old wording stays known, so an answer written under it
keeps the question it answered. Nothing in an entry changes when a template does.
"""

from __future__ import annotations

import secrets
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace

from reflectjournal.domain.errors import InvalidInputError
from reflectjournal.domain.prompt_use import MIN_ENTRIES, PromptUse
from reflectjournal.domain.taxonomy import Catalog, EntryKind, Prompt, PromptSet

USER_PROMPT_PREFIX = "u-"
TEMPLATE_PREFIX = "t-"
BUILTIN = "built-in"  # how the CLI and the app name a kind's built-in template (it has no id)
USER_PROMPTS_SET = "user-prompts"  # every wording the user ever saved, for old answers
MAX_PROMPTS = 40
MAX_LABEL = 120
MAX_TEXT = 1_000


@dataclass(frozen=True, slots=True)
class TemplatePrompt:
    """One prompt of a template; an empty id is a prompt not saved yet."""

    id: str
    label: str
    text: str
    hidden: bool = False


@dataclass(frozen=True, slots=True)
class Template:
    """A kind's prompts in the order the editor asks them, hidden ones kept to bring back.

    A kind may have several of the user's templates, each with an id of its own ("t-..."),
    and its label names it among them; the built-in one has no id.
    """

    kind: str
    label: str
    prompts: tuple[TemplatePrompt, ...]
    id: str = ""

    @property
    def shown(self) -> tuple[TemplatePrompt, ...]:
        """Return the prompts the editor asks, in order."""
        return tuple(p for p in self.prompts if not p.hidden)


def new_prompt_id() -> str:
    """Return a fresh id for a user's prompt (never one the resources use)."""
    return USER_PROMPT_PREFIX + secrets.token_hex(4)


def new_template_id() -> str:
    """Return a fresh id for a user's template."""
    return TEMPLATE_PREFIX + secrets.token_hex(4)


def builtin_template(kind: EntryKind) -> Template:
    """Return the kind's prompts as the resources define them."""
    return Template(kind.id, kind.prompt_set.label,
                    tuple(TemplatePrompt(p.id, p.label, p.text) for p in kind.prompt_set.prompts))


def _clean(value: str, what: str, limit: int) -> str:
    text = " ".join(value.split())  # one line: labels and questions are headings
    if not text:
        raise InvalidInputError(f"A prompt's {what} cannot be empty.")
    if len(text) > limit:
        raise InvalidInputError(f"A prompt's {what} can be at most {limit} characters.")
    if any(unicodedata.category(c) in ("Cc", "Cf") for c in text):
        raise InvalidInputError(f"A prompt's {what} cannot hold control or direction characters.")
    return text


def settle(draft: Template, known: Mapping[str, Prompt],
           new_id: Callable[[], str] = new_prompt_id) -> tuple[Template, tuple[Prompt, ...]]:
    """Check a template and give each new or reworded prompt a new id.

    Return the template to store and the new wordings to keep forever. A prompt keeps its
    id only when that id is known with exactly this label and question; a prompt with the
    words of a known one takes that one's id (an import of the same file twice, a wording
    put back as it was), so one question never has two ids in a journal.
    """
    by_words = {(p.label, p.text): p.id for p in known.values()}
    label = _clean(draft.label, "heading", MAX_LABEL)
    if len(draft.prompts) > MAX_PROMPTS:
        raise InvalidInputError(f"A template can have at most {MAX_PROMPTS} prompts.")
    settled: list[TemplatePrompt] = []
    added: list[Prompt] = []
    seen: set[str] = set()
    for prompt in draft.prompts:
        words = _clean(prompt.label, "label", MAX_LABEL), _clean(prompt.text, "question", MAX_TEXT)
        before = known.get(prompt.id)
        prompt_id = prompt.id
        if before is None or (before.label, before.text) != words or prompt_id in seen:
            prompt_id = by_words.get(words, "")
            if not prompt_id or prompt_id in seen:
                prompt_id = new_id()
                added.append(Prompt(prompt_id, *words))
        seen.add(prompt_id)
        settled.append(TemplatePrompt(prompt_id, *words, hidden=prompt.hidden))
    return Template(draft.kind, label, tuple(settled)), tuple(added)


def apply_templates(catalog: Catalog, templates: Mapping[str, Template],
                    user_prompts: Iterable[Prompt]) -> Catalog:
    """Return the catalog with each kind asking its template's prompts.

    Every wording the user saved joins the catalog's prompt sets, so an answer to a prompt
    since reworded, hidden or removed still shows under the question it answered.
    """
    kinds = []
    for kind in catalog.kinds:
        template = templates.get(kind.id)
        if template is not None:
            prompts = tuple(Prompt(p.id, p.label, p.text) for p in template.shown)
            kind = replace(kind, prompt_set=replace(kind.prompt_set, label=template.label,
                                                    prompts=prompts, template=template.id))
        kinds.append(kind)
    builtin = {p.id for s in catalog.prompt_sets for p in s.prompts}
    archive = PromptSet(USER_PROMPTS_SET, "Your prompts",
                        tuple(p for p in user_prompts if p.id not in builtin))
    return replace(catalog, kinds=tuple(kinds), prompt_sets=(*catalog.prompt_sets, archive))


def from_answers(kind: EntryKind, base: Template, answers: Mapping[str, str],
                 known: Mapping[str, Prompt]) -> Template:
    """Return a template of the prompts an entry answered, in its order; the rest hidden.

    An answer to a prompt of another kind (kept after a kind change) joins the template
    with its own wording; an answer whose prompt is unknown has no question to ask.
    """
    answered = [k for k, text in answers.items() if text.strip() and k in known]
    chosen = [TemplatePrompt(k, known[k].label, known[k].text) for k in answered]
    rest = [replace(p, hidden=True) for p in base.prompts if p.id not in answered]
    if not chosen:
        raise InvalidInputError("The entry answers none of the prompts, so there is nothing "
                                "to make a template of.")
    return Template(kind.id, base.label, (*chosen, *rest))


def unused_prompts(template: Template, use: PromptUse) -> tuple[str, ...]:
    """Return the shown prompts none of the recent entries of the kind answered.

    Empty when there are too few entries to tell (the editor's own rule, MIN_ENTRIES).
    """
    if use.entries.get(template.kind, 0) < MIN_ENTRIES:
        return ()
    counts = use.answered.get(template.kind, {})
    return tuple(p.id for p in template.shown if not counts.get(p.id))


def hide(template: Template, prompt_ids: Iterable[str]) -> Template:
    """Return the template with these prompts hidden."""
    wanted = set(prompt_ids)
    return replace(template, prompts=tuple(
        replace(p, hidden=True) if p.id in wanted else p for p in template.prompts))


def summary_words(template: Template, custom: bool) -> str:
    """Say in one line what a template asks: '5 prompts, 2 hidden (yours)'."""
    shown, hidden = len(template.shown), len(template.prompts) - len(template.shown)
    words = f"{shown} prompt{'s' if shown != 1 else ''}"
    if hidden:
        words += f", {hidden} hidden"
    return words + (" (yours)" if custom else " (built-in)")


def find_prompt(template: Template, name: str) -> TemplatePrompt:
    """Return the prompt named by id, label (any case) or number (1 = first, hidden counted)."""
    wanted = " ".join(name.split()).casefold()
    for number, prompt in enumerate(template.prompts, start=1):
        if wanted in (prompt.id.casefold(), prompt.label.casefold(), str(number)):
            return prompt
    raise InvalidInputError(f"The {template.kind} template has no prompt '{name}'.",
                            f"List them with: reflectjournal template show {template.kind}")


def with_hidden(template: Template, prompt_id: str, hidden: bool) -> Template:
    """Return the template with one prompt hidden or shown again."""
    return replace(template, prompts=tuple(
        replace(p, hidden=hidden) if p.id == prompt_id else p for p in template.prompts))


def moved(template: Template, prompt_id: str, position: int) -> Template:
    """Return the template with one prompt moved to a 1-based position (clamped)."""
    prompts = list(template.prompts)
    [index] = [i for i, p in enumerate(prompts) if p.id == prompt_id]
    prompt = prompts.pop(index)
    prompts.insert(max(0, min(position - 1, len(prompts))), prompt)
    return replace(template, prompts=tuple(prompts))


def reworded(template: Template, prompt_id: str, label: str | None,
             text: str | None) -> Template:
    """Return the template with one prompt's label or question changed (a new id on saving)."""
    return replace(template, prompts=tuple(
        replace(p, label=p.label if label is None else label,
                text=p.text if text is None else text) if p.id == prompt_id else p
        for p in template.prompts))


def with_prompt(template: Template, label: str, text: str) -> Template:
    """Return the template with a new prompt at its end."""
    return replace(template, prompts=(*template.prompts, TemplatePrompt("", label, text)))
