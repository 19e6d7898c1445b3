"""`template`: the user's prompts per kind, from the command line.

Every change goes through the same service as the app's template editor, so a reworded
prompt gets a new id here too and entries written before keep the words they answered.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from reflectjournal.cli import output
from reflectjournal.cli.common import open_journal, say, write_output
from reflectjournal.domain.prompt_use import RECENT_ENTRIES, count_use
from reflectjournal.domain.template_file import MAX_FILE_BYTES
from reflectjournal.domain.templates import (
    Template,
    find_prompt,
    hide,
    moved,
    reworded,
    summary_words,
    unused_prompts,
    with_hidden,
    with_prompt,
)
from reflectjournal.services.files import read_chosen_file
from reflectjournal.services.journal import Journal, JournalOptions
from reflectjournal.services.templates import KindTemplate


def cmd_template(args: argparse.Namespace, folder: Path, options: JournalOptions) -> int:
    """List, show, change, export or import templates."""
    data = (read_chosen_file(args.file, MAX_FILE_BYTES, "template file")
            if args.action == "import" else b"")  # refused before the passphrase is asked
    with open_journal(args, folder, options) as journal:
        templates = journal.templates
        if args.action == "list":
            _print_list(templates.all(), args.format)
        elif args.action == "show":
            _print_one(templates.get(args.kind), args.format)
        elif args.action == "export":
            write_output(args.output, templates.export(args.kind))
            if args.output is not None:
                say(f"Wrote {args.output} (unencrypted: the labels and questions of the "
                    "template, nothing from any entry).")
        elif args.action == "import":
            preview = templates.preview_import(data)
            say(_preview_words(preview.template, preview.replaces, preview.new_prompts))
            if args.dry_run:
                say("Nothing was changed (--dry-run).")
            else:
                templates.import_file(data)
                say("Imported. Entries written before keep the prompts they answered.")
        elif args.action == "reset":
            reset = templates.reset(args.kind)
            say(f"{_kind_label(journal, reset)} asks the built-in prompts again.")
        elif args.action == "from-entry":
            made = templates.from_entry(journal.get_entry(args.id), args.kind)
            say(f"{_kind_label(journal, made)}: {summary_words(made.template, made.custom)}.")
        else:
            _change(journal, args)
    return 0


def _change(journal: Journal, args: argparse.Namespace) -> None:
    """Hide, unhide, move, reword, add or trim, then save and say what the kind now asks."""
    current = journal.templates.get(args.kind).template
    if args.action in ("hide", "unhide"):
        changed = current
        for name in args.prompts:
            changed = with_hidden(changed, find_prompt(current, name).id, args.action == "hide")
    elif args.action == "move":
        changed = moved(current, find_prompt(current, args.prompt).id, args.position)
    elif args.action == "reword":
        changed = reworded(current, find_prompt(current, args.prompt).id, args.label, args.text)
    elif args.action == "add":
        changed = with_prompt(current, args.label, args.text)
    else:  # trim
        recent = journal.list_entries(limit=RECENT_ENTRIES)
        use = count_use((e.kind, e.answers) for e in journal.get_entries([s.id for s in recent]))
        unused = unused_prompts(current, use)
        if not unused:
            say("Nothing to hide: every prompt shown was answered lately, or there are too "
                "few entries of this kind to tell.")
            return
        changed = hide(current, unused)
    saved = journal.templates.save(changed)
    say(f"{_kind_label(journal, saved)}: {summary_words(saved.template, saved.custom)}.")


def _kind_label(journal: Journal, kind_template: KindTemplate) -> str:
    return journal.catalog.kind(kind_template.template.kind).label


def _template_json(kind_template: KindTemplate) -> dict[str, Any]:
    template = kind_template.template
    return {"kind": template.kind, "label": template.label, "custom": kind_template.custom,
            "prompts": [{"id": p.id, "label": p.label, "text": p.text, "hidden": p.hidden}
                        for p in template.prompts]}


def _print_list(all_templates: list[KindTemplate], fmt: str) -> None:
    if fmt == "json":
        print(output.dump_json([_template_json(k) for k in all_templates]))
        return
    width = max(len(k.template.kind) for k in all_templates)
    for kind_template in all_templates:
        template = kind_template.template
        print(f"{template.kind:<{width}}  {template.label}: "
              f"{summary_words(template, kind_template.custom)}")


def _print_one(kind_template: KindTemplate, fmt: str) -> None:
    if fmt == "json":
        print(output.dump_json(_template_json(kind_template)))
        return
    template = kind_template.template
    print(f"{template.label} ({summary_words(template, kind_template.custom)})")
    for number, prompt in enumerate(template.prompts, start=1):
        mark = " (hidden)" if prompt.hidden else ""
        print(f"{number:>2}. {prompt.label}{mark}  [{prompt.id}]\n    {prompt.text}")


def _preview_words(template: Template, replaces: KindTemplate, new_prompts: int) -> str:
    before = summary_words(replaces.template, replaces.custom)
    after = summary_words(template, True).removesuffix(" (yours)")
    return (f"The file's {template.kind} template, \"{template.label}\", asks {after} "
            f"({new_prompts} new to this journal); it replaces the one asking {before}.")
