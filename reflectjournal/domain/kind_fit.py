"""Fitting an entry from a file to its kind: what the kind does not define is told, not hidden.

An import document can name fields and prompts that the entry's kind does not have (an older
or newer catalog, a hand-edited file, a hostile one). Field values the kind does not define
are dropped and counted, and a defined field with a wrong value refuses the file; answers to
prompts the kind does not list are kept (they are the user's writing). Those whose wording is
known (an older wording of this journal, or one the file carries) show under their question;
the others show under their prompt id and are counted, so the import can say so.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field, replace

from reflectjournal.domain.entry import Entry
from reflectjournal.domain.errors import ImportFormatError, InvalidInputError
from reflectjournal.domain.taxonomy import EntryKind
from reflectjournal.domain.wording import count_words


@dataclass(slots=True)
class FitReport:
    """What fitting a file's entries to their kinds changed or found, over all entries."""

    dropped_fields: Counter[str] = field(default_factory=Counter)  # field id -> entries
    kept_answers: Counter[str] = field(default_factory=Counter)  # prompt id -> entries

    def lines(self) -> list[str]:
        """Plain sentences for the user; empty when every entry fitted its kind."""
        out = []
        if self.dropped_fields:
            named = ", ".join(f"{k} ({n})" for k, n in self.dropped_fields.most_common(5))
            more = len(self.dropped_fields) - 5
            out.append(
                f"Dropped {count_words(sum(self.dropped_fields.values()), 'value', 'values')} of "
                f"fields their kind does not define: {named}"
                + (f" and {more} more" if more > 0 else "") + ".")
        if self.kept_answers:
            out.append(
                f"Kept {count_words(sum(self.kept_answers.values()), 'answer', 'answers')} to "
                "prompts their kind does not list; they show under the prompt's id.")
        return out


def fit_to_kind(entry: Entry, kind: EntryKind, path: str, report: FitReport,
                worded: Collection[str] = ()) -> Entry:
    """Return the entry with only the fields its kind defines, in canonical form.

    `path` names the entry in messages (e.g. `entries[3]`); `worded` holds the prompt ids
    whose wording is known beyond the kind's own prompts. Raises ImportFormatError when a
    defined field holds a value the kind does not accept.
    """
    defined = {spec.id: spec for spec in kind.fields}
    fields = {}
    for key, value in entry.fields.items():
        spec = defined.get(key)
        if spec is None:
            report.dropped_fields[key] += 1
            continue
        try:
            fields[key] = spec.validate(value)
        except InvalidInputError as exc:
            raise ImportFormatError(f"{path}.fields.{key}: {exc}") from None
    prompts = {p.id for p in kind.prompt_set.prompts}
    for prompt_id in entry.answers:
        if prompt_id not in prompts and prompt_id not in worded:
            report.kept_answers[prompt_id] += 1
    return entry if fields == entry.fields else replace(entry, fields=fields)
