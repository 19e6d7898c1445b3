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
    BUILTIN,
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
from reflectjournal.services.templates import ImportPreview, KindTemplate


def cmd_template(args: argparse.Namespace, folder: Path, options: JournalOptions) -> int:
    """List, add, name, show, change, export or import templates."""
    data = (read_chosen_file(args.file, MAX_FILE_BYTES, "template file")
            if args.action == "import" else b"")  # refused before the passphrase is asked
    with open_journal(args, folder, options) as journal:
        templates = journal.templates
        which = getattr(args, "template", None)
        if args.action == "list":
            _print_list(templates.all(), args.format)
        elif args.action == "show":
            _print_one(templates.get(args.kind, which), args.format)
        elif args.action == "export":
            write_output(args.output, templates.export(args.kind, which))
            if args.output is not None:
                say(f"Wrote {args.output} (unencrypted: the name, labels and questions of the "
                    "template, nothing from any entry).")
        elif args.action == "import":
            _import(journal, data, args.replace, args.dry_run)
        elif args.action == "new":
            entry = journal.get_entry(args.from_entry) if args.from_entry else None
            _say_added(journal, templates.new(args.kind, args.label, entry))
        elif args.action == "from-entry":
            _say_added(journal, templates.from_entry(journal.get_entry(args.id), args.kind,
                                                     args.label))
        elif args.action == "rename":
            renamed = templates.rename(args.id, args.label)
            say(f"Renamed: {_named(journal, renamed)}.")
        elif args.action == "delete":
            gone = templates.find(args.id)
            now = templates.delete(args.id)
            say(f"Deleted {_named(journal, gone)}. New {_kind_label(journal, now)} entries ask "
                f"{_named(journal, now)}; entries written before keep their prompts.")
        elif args.action == "default":
            chosen = templates.make_default(args.id)
            say(f"New {_kind_label(journal, chosen)} entries ask {_named(journal, chosen)}.")
        elif args.action == "reset":
            reset = templates.reset(args.kind)
            say(f"{_kind_label(journal, reset)} asks the built-in prompts again (your templates "
                "of it stay: template list shows them).")
        else:
            _change(journal, args)
    return 0


def _import(journal: Journal, data: bytes, replace_same: bool, dry_run: bool) -> None:
    preview = journal.templates.preview_import(data)
    say(_preview_words(preview, replace_same))
    if dry_run:
        say("Nothing was changed (--dry-run).")
        return
    made = journal.templates.import_file(data, replace_same)
    say(f"Imported as {_named(journal, made)}{_default_words(made)}. Entries written before "
        "keep the prompts they answered.")


def _say_added(journal: Journal, made: KindTemplate) -> None:
    say(f"Added {_named(journal, made)}: {summary_words(made.template, True)}"
        f"{_default_words(made)}.")


def _named(journal: Journal, kind_template: KindTemplate) -> str:
    template = kind_template.template
    return (f"“{template.label}” ({template.id})" if kind_template.custom
            else f"the built-in {_kind_label(journal, kind_template)} prompts")


def _default_words(kind_template: KindTemplate) -> str:
    return ", the default of its kind" if kind_template.is_default else ""


def _change(journal: Journal, args: argparse.Namespace) -> None:
    """Hide, unhide, move, reword, add or trim, then save and say what the kind now asks."""
    current = journal.templates.get(args.kind, args.template).template
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
    made = " (a new template: the built-in one stays as it is)" if not current.id else ""
    say(f"{_kind_label(journal, saved)}, {_named(journal, saved)}{made}: "
        f"{summary_words(saved.template, saved.custom)}{_default_words(saved)}.")


def _kind_label(journal: Journal, kind_template: KindTemplate) -> str:
    return journal.catalog.kind(kind_template.template.kind).label


def _template_json(kind_template: KindTemplate) -> dict[str, Any]:
    template = kind_template.template
    return {"id": template.id or BUILTIN, "kind": template.kind, "label": template.label,
            "custom": kind_template.custom, "default": kind_template.is_default,
            "prompts": [{"id": p.id, "label": p.label, "text": p.text, "hidden": p.hidden}
                        for p in template.prompts]}


def _print_list(all_templates: list[KindTemplate], fmt: str) -> None:
    if fmt == "json":
        print(output.dump_json([_template_json(k) for k in all_templates]))
        return
    kinds = max(len(k.template.kind) for k in all_templates)
    ids = max(len(k.template.id or BUILTIN) for k in all_templates)
    for kind_template in all_templates:
        template = kind_template.template
        mark = "*" if kind_template.is_default else " "
        print(f"{mark} {template.id or BUILTIN:<{ids}}  {template.kind:<{kinds}}  "
              f"{template.label}: {summary_words(template, kind_template.custom)}")
    say("* the default: new entries of its kind ask it unless you choose another.")


def _print_one(kind_template: KindTemplate, fmt: str) -> None:
    if fmt == "json":
        print(output.dump_json(_template_json(kind_template)))
        return
    template = kind_template.template
    default = ", the default" if kind_template.is_default else ""
    print(f"{template.label} [{template.id or BUILTIN}] "
          f"({summary_words(template, kind_template.custom)}{default})")
    for number, prompt in enumerate(template.prompts, start=1):
        mark = " (hidden)" if prompt.hidden else ""
        print(f"{number:>2}. {prompt.label}{mark}  [{prompt.id}]\n    {prompt.text}")


def _preview_words(preview: ImportPreview, replace_same: bool) -> str:
    template = preview.template
    asks = summary_words(template, True).removesuffix(" (yours)")
    words = (f"The file's {template.kind} template, “{template.label}”, asks {asks} "
             f"({preview.new_prompts} new to this journal)")
    same = preview.replaces
    if same is None:
        return words + "; it is added as a new template."
    before = summary_words(same.template, True)
    if replace_same:
        return words + f"; it replaces your “{same.template.label}”, which asks {before}."
    return words + (f"; you have a template of that name (asking {before}), so it is added "
                    "under a number (--replace replaces yours instead).")
