"""An entry as plain text, shared by the command line and the app."""

from __future__ import annotations

from collections.abc import Mapping

from reflectjournal.domain.endorsement.records import SupervisionField
from reflectjournal.domain.entry import Entry
from reflectjournal.domain.taxonomy import Catalog
from reflectjournal.domain.visible import visible_controls


def entry_as_text(entry: Entry, labels: Mapping[str, str], catalog: Catalog) -> str:
    """Return an entry as plain, readable text (the terminal and the app's viewer).

    labels: tag ids' labels, and provider record ids' names where the caller has them.
    """
    kind = catalog.kind(entry.kind)
    lines = [
        f"{visible_controls(entry.title) or '(untitled)'}" + ("  ★" if entry.starred else ""),
        f"{kind.label} · {entry.date.isoformat()} · id {entry.id}",
    ]
    if entry.duration_minutes:
        lines.append(f"Duration: {entry.duration_minutes} min")
    field_labels = {f.id: f for f in kind.fields}
    for key, value in entry.fields.items():
        spec = field_labels.get(key)
        choice = {c.id: c.label for c in spec.choices} if spec else {}
        if isinstance(value, bool):
            shown: object = "yes" if value else "no"  # not Python's True/False
        elif isinstance(value, list):
            shown = ", ".join(choice.get(v, v) for v in value)
        elif key == SupervisionField.PROVIDER_ID and isinstance(value, str):
            shown = labels.get(value, value)  # a provider record's name, when given
        else:
            shown = choice.get(value, value) if isinstance(value, str) else value
        lines.append(f"{spec.label if spec else key}: {shown}")
    for name, ids in (("Competencies", entry.competencies), ("Themes", entry.themes),
                      ("Tags", entry.tags)):
        if ids:
            lines.append(f"{name}: " + "; ".join(labels.get(t, t) for t in ids))
    prompts = {p.id: p for s in catalog.prompt_sets for p in s.prompts}
    for prompt_id, answer in entry.answers.items():
        prompt = prompts.get(prompt_id)
        lines += ["", f"## {prompt.label if prompt else prompt_id}", answer]
    if entry.body:
        lines += ["", entry.body]
    return "\n".join(lines)
