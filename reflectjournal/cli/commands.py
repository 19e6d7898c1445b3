"""One function per command; each opens the journal through the services layer."""

from __future__ import annotations

import argparse
import contextlib
import sys
from dataclasses import replace
from pathlib import Path

from reflectjournal.cli import output, secrets
from reflectjournal.cli.check_commands import SKIPPED_WARNING, refuse_flagged_export
from reflectjournal.cli.common import entry_filter, open_journal, say
from reflectjournal.cli.terminal import interactive_stdin, read_stdin_text
from reflectjournal.domain.client_code import new_client_code
from reflectjournal.domain.entry import EntryChanges, FieldValue, parse_date
from reflectjournal.domain.errors import (
    InvalidInputError,
    JournalDamagedError,
    JournalError,
    JournalMissingError,
)
from reflectjournal.domain.exchange import MAX_IMPORT_BYTES
from reflectjournal.domain.ids import TagId
from reflectjournal.domain.search import SortOrder
from reflectjournal.domain.taxonomy import EntryKind, TagFamily
from reflectjournal.domain.templates import Template, find_prompt
from reflectjournal.domain.text import entry_as_text
from reflectjournal.domain.versions import TRASH_DAYS
from reflectjournal.domain.wording import count_words
from reflectjournal.services.backups import check_backup_file
from reflectjournal.services.files import open_chosen_file, write_chosen_file
from reflectjournal.services.journal import Journal, JournalOptions, check_creatable
from reflectjournal.services.outbound_check import check_export


def cmd_init(args: argparse.Namespace, folder: Path, options: JournalOptions) -> int:
    """Create a journal and print its recovery key once."""
    # Refuse before asking for a passphrase the user would type for nothing.
    check_creatable(folder)
    passphrase = secrets.new_passphrase(args.passphrase_file, env=secrets.ENV_PASSPHRASE)
    say("Creating the journal; deriving the key takes about a second ...")
    journal, recovery_key = Journal.create(folder, passphrase, options)
    journal.close()
    say(f"Created an encrypted journal in {folder}.")
    say("Your recovery key is shown below ONCE. Write it down or print it and keep it "
         "somewhere safe, away from this computer. If you lose both the passphrase and the "
         "recovery key, the journal cannot be opened by anyone, including you.")
    print(recovery_key)
    say("Also turn on full-disk encryption on this computer if it is not on already.")
    return 0


def _parse_pairs(items: list[str], what: str) -> dict[str, str]:
    pairs = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise InvalidInputError(f"--{what} needs NAME=VALUE, got '{item}'.")
        pairs[key.strip()] = value
    return pairs


def _answer_ids(template: Template, answers: dict[str, str]) -> dict[str, str]:
    """Name each answer by its prompt's id: given as the id, label or number of a prompt asked."""
    asked = replace(template, prompts=template.shown)  # numbers count the prompts asked
    named = {}
    for key, text in answers.items():
        with contextlib.suppress(InvalidInputError):  # another kind's prompt id: the entry
            key = find_prompt(asked, key).id  # rules judge it, as before templates
        named[key] = text
    return named


def _field_values(kind: EntryKind, raw: dict[str, str]) -> dict[str, FieldValue]:
    values: dict[str, FieldValue] = {}
    for key, text in raw.items():
        spec = kind.field(key)
        value: FieldValue
        if spec.type == "multi":
            value = [v.strip() for v in text.split(",") if v.strip()]
        elif spec.type == "bool":
            if text.lower() not in ("yes", "no", "true", "false", "1", "0"):
                raise InvalidInputError(f"{spec.label} is yes or no, got '{text}'.")
            value = text.lower() in ("yes", "true", "1")
        elif spec.type in ("minutes", "hours"):
            try:
                value = int(text) if spec.type == "minutes" else float(text)
            except ValueError:
                raise InvalidInputError(f"{spec.label} is a number, got '{text}'.") from None
        else:
            value = text
        values[key] = value
    return values


def _resolve(journal: Journal, names: list[str], family: TagFamily) -> tuple[TagId, ...]:
    return tuple(journal.resolve_tag(n, family, create=family == "user").id for n in names)


def _changes(args: argparse.Namespace, journal: Journal, *, adding: bool,
             old_kind: str | None = None, old_fields: dict[str, FieldValue] | None = None,
             old_tags: tuple[tuple[TagId, ...], ...] = ((), (), ())) -> EntryChanges:
    kind = journal.catalog.kind(args.kind or old_kind or "")
    body = args.body
    if body == "-" or (adding and body is None):
        if adding and body is None and interactive_stdin():
            say("Type the entry; finish with Ctrl-D on a line of its own.")
        body = read_stdin_text()
    fields: dict[str, FieldValue] | None = None
    raw_fields = _parse_pairs(args.field, "field")
    if args.client_code:
        code = new_client_code() if args.client_code.lower() == "new" else args.client_code
        raw_fields["client_code"] = code
    if getattr(args, "provider", None):
        raw_fields["provider_id"] = journal.providers.get(args.provider).id
    if raw_fields:
        fields = {**(old_fields or {}), **_field_values(kind, raw_fields)}
    answers = _parse_pairs(args.answer, "answer") or None
    if adding:
        # The template's prompts name the answers by label or number too; --template picks
        # one of the kind's templates (by default its default, as the app's New entry).
        template = journal.templates.get(kind.id, args.template).template
        answers = _answer_ids(template, answers) if answers else None
    if answers is not None and not adding:
        answers = {**journal.get_entry(args.id).answers, **answers}
    groups: list[tuple[TagId, ...] | None] = []
    for names, family, old in zip((args.competency, args.theme, args.tag),
                                  ("competency", "theme", "user"), old_tags, strict=True):
        ids = _resolve(journal, names, family)  # type: ignore[arg-type]
        if not names:
            groups.append(None)
        elif adding or getattr(args, "replace_tags", False):
            groups.append(ids)
        else:
            groups.append(old + ids)
    if not adding and getattr(args, "replace_tags", False):
        groups = [g if g is not None else () for g in groups]
    return EntryChanges(
        kind=kind.id if (adding or args.kind) else None,
        date=parse_date(args.date) if args.date else None,
        title=args.title, body=body, answers=answers, fields=fields,
        duration_minutes=args.duration, competencies=groups[0], themes=groups[1],
        tags=groups[2], starred=args.starred,
    )


def cmd_add(args: argparse.Namespace, folder: Path, options: JournalOptions) -> int:
    """Add an entry and print its id."""
    with open_journal(args, folder, options) as journal:
        entry = journal.add_entry(_changes(args, journal, adding=True))
    print(entry.id)
    return 0


def cmd_edit(args: argparse.Namespace, folder: Path, options: JournalOptions) -> int:
    """Change an entry."""
    with open_journal(args, folder, options) as journal:
        old = journal.get_entry(args.id)
        changes = _changes(args, journal, adding=False, old_kind=old.kind,
                           old_fields=dict(old.fields),
                           old_tags=(old.competencies, old.themes, old.tags))
        journal.update_entry(old.id, changes)
    say(f"Updated {old.id}.")
    return 0


def cmd_delete(args: argparse.Namespace, folder: Path, options: JournalOptions) -> int:
    """Move an entry to the trash after confirmation."""
    with open_journal(args, folder, options) as journal:
        entry = journal.get_entry(args.id)
        if not args.yes:
            if not interactive_stdin():
                raise InvalidInputError("Add --yes to delete without a terminal to confirm on.")
            answer = input(f"Move the entry of {entry.date} ({entry.id[:8]}) to the trash? "
                           "[y/N] ")
            if answer.strip().lower() not in ("y", "yes"):
                say("Nothing was deleted.")
                return 1
        journal.delete_entry(entry.id)
    say(f"Deleted {entry.id}: it stays in the trash for {TRASH_DAYS} days "
        f"(reflectjournal trash restore {entry.id[:8]} brings it back).")
    return 0


def cmd_list(args: argparse.Namespace, folder: Path, options: JournalOptions) -> int:
    """Print entries that pass the filters."""
    return _print_results(args, folder, options, query=None)


def cmd_search(args: argparse.Namespace, folder: Path, options: JournalOptions) -> int:
    """Print search matches with snippets."""
    return _print_results(args, folder, options, query=args.query)


def _print_results(args: argparse.Namespace, folder: Path, options: JournalOptions,
                   query: str | None) -> int:
    """Print matches as the query finds them: the first at once, memory flat however many."""
    if args.limit is not None and args.limit < 0:
        raise InvalidInputError("--limit takes a number of 0 or more.")
    with open_journal(args, folder, options) as journal:
        where = entry_filter(args, journal)
        order = SortOrder(args.sort)
        if args.format == "json":
            found = journal.entries.stream_json(query or "", where, order, args.limit)
            output.write_json_lines(sys.stdout, found)
            return 0
        labels = journal.tag_labels()
        shown = 0
        for row in journal.entries.stream(query or "", where, order, args.limit):
            line = output.summary_line(row, labels)
            if row.snippet:
                line += f"\n    {output.snippet_text(row.snippet)}"
            print(line, flush=shown == 0)
            shown += 1
    if not shown:
        say("No entries match." if query is not None or not where.is_empty
             else "The journal has no entries yet. Add one with: reflectjournal add --kind session")
    return 0


def cmd_show(args: argparse.Namespace, folder: Path, options: JournalOptions) -> int:
    """Print one entry."""
    with open_journal(args, folder, options) as journal:
        entry = journal.get_entry(args.id)
        labels = journal.tag_labels()
        notes = journal.confirmations.amendments(entry.id)
        if args.format == "json":
            print(output.dump_json({**output.entry_json(entry, labels), "amendments": [
                {"written_at": n.written_at.isoformat(), "text": n.text} for n in notes]}))
        elif args.format == "markdown":
            print(journal.markdown([entry.id]), end="")
        else:
            print(entry_as_text(entry, {**labels, **journal.providers.names()},
                                journal.catalog))
            for line in confirmation_lines(journal, entry.id):
                print(line)
            for note in notes:
                print(f"\n> Amendment, {note.written_at:%Y-%m-%d %H:%M}:")
                print(note.text)
            marker = journal.sharing.share_state(entry.id).marker
            if marker:
                print(f"\n{marker}.")
            for answered in journal.sharing.answered_comments(entry.id):
                c = answered.comment
                state = "verified" if c.verified else "not verified"
                print(f"\n> Comment from {c.author} ({state}), {c.written_at:%Y-%m-%d}, "
                      f"{answered.note}:")
                print(c.text)
    return 0


def confirmation_lines(journal: Journal, entry_id: str) -> list[str]:
    """Say which signed confirmation an entry carries, and a minutes difference it flagged."""
    lines = []
    for s in journal.sharing.confirmed_sessions("received"):
        if s.entry_id == entry_id:
            lines.append(f"\nConfirmed by {s.other_name}'s signature: {s.minutes} min on "
                         f"{s.date.isoformat()}.")
            if s.minutes_differ:
                lines.append(f"You had logged {s.logged_minutes} min; the confirmed minutes "
                             "count.")
    return lines


def cmd_tags(args: argparse.Namespace, folder: Path, options: JournalOptions) -> int:
    """List tags with counts, or add, rename or retire one."""
    with open_journal(args, folder, options) as journal:
        if args.add:
            tag = journal.add_user_tag(args.add)
            say(f"Tag '{tag.label}' ({tag.id}) is ready.")
            return 0
        if args.rename:
            tag = journal.rename_tag(_any_tag(journal, args.rename[0]), args.rename[1])
            say(f"Renamed {tag.id} to '{tag.label}'.")
            return 0
        if args.retire or args.unretire:
            tag = journal.retire_tag(_any_tag(journal, args.retire or args.unretire),
                                     retired=bool(args.retire))
            say(f"{tag.label} ({tag.id}) is {'retired' if tag.retired else 'active'}.")
            return 0
        counts = journal.tag_counts()
        tags = journal.tags(args.family)
    if args.format == "json":
        print(output.dump_json([
            {"id": t.id, "family": t.family, "label": t.label, "parent": t.parent,
             "meaning": t.meaning, "retired": t.retired, "entries": counts.get(t.id, 0)}
            for t in tags
        ]))
        return 0
    family = None
    for t in tags:
        if t.family != family:
            family = t.family
            print({"competency": "Competency areas", "theme": "Themes",
                   "user": "Your tags"}[t.family])
        indent = "    " if t.parent else "  "
        retired = " (retired)" if t.retired else ""
        print(f"{indent}{t.id:<8} {t.label}{retired}  ({counts.get(t.id, 0)})")
    return 0


def _any_tag(journal: Journal, name: str) -> TagId:
    families: tuple[TagFamily, ...] = ("user", "competency", "theme")
    for family in families:
        try:
            return journal.resolve_tag(name, family).id
        except InvalidInputError:
            continue
    raise InvalidInputError(f"Unknown tag '{name}'.", "List them with: reflectjournal tags")


def cmd_export(args: argparse.Namespace, folder: Path, options: JournalOptions) -> int:
    """Write an unencrypted export."""
    with open_journal(args, folder, options) as journal:
        where = entry_filter(args, journal)
        if not args.skip_check:
            refuse_flagged_export(journal, check_export(journal, where, args.query))
        if args.format == "json":
            data = journal.export_json(where, args.query)
        else:
            data = journal.export_markdown(where, args.query).encode("utf-8")
    where_to = str(args.output) if args.output else "standard output"
    say(f"Warning: this writes an UNENCRYPTED copy of your entries to {where_to}. "
         "Keep it safe and delete it when done.")
    if args.skip_check:
        say(SKIPPED_WARNING)
    if args.output:
        write_chosen_file(args.output, data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0


def cmd_import(args: argparse.Namespace, folder: Path, options: JournalOptions) -> int:
    """Import a JSON export, or another app's file or folder with --from."""
    if args.dates != "auto" and args.source != "csv":
        raise InvalidInputError("--dates goes with --from csv (a spreadsheet of past hours).")
    if args.source == "csv":
        from reflectjournal.cli.hours_commands import cmd_import_hours

        return cmd_import_hours(args, folder, options)
    if args.source:
        from reflectjournal.cli.foreign_commands import cmd_import_foreign

        return cmd_import_foreign(args, folder, options)
    if args.dry_run or args.zone:
        raise InvalidInputError("--dry-run and --zone go with --from (another app's file).")
    # Read as the import goes, a chunk at a time, so memory stays flat however large.
    with (open_chosen_file(args.file, MAX_IMPORT_BYTES, "JSON export") as stream,
          open_journal(args, folder, options) as journal):
        try:
            result = journal.import_json(stream)
        except OSError as exc:  # reading the file; the journal's own errors are JournalErrors
            raise InvalidInputError(
                f"Cannot read {args.file}: {exc.strerror or exc}; nothing was imported."
            ) from None
    say(f"Imported {count_words(result.added, 'entry', 'entries')}; skipped "
        f"{result.skipped:,} that already exist.")
    for note in result.notes:
        say(note)
    return 0


def cmd_passwd(args: argparse.Namespace, folder: Path, options: JournalOptions) -> int:
    """Change the passphrase."""
    current = secrets.current_passphrase(args.passphrase_file)
    with Journal.open(folder, current, options) as journal:
        new = secrets.new_passphrase(args.new_passphrase_file)
        if not args.rotate_key:
            journal.change_passphrase(current, new)
            say("The passphrase was changed. The recovery key stays the same.")
            return 0
        rotated = journal.rotate_key(current, new, _tell_step)
    say("The database is re-encrypted under a new data key: old copies of journal.key (in "
        "backups made before now) no longer open it, with any passphrase.\n"
        f"The journal as it was is kept in {rotated.backup}; it and older backups still open "
        "with the old passphrase, so delete them if that passphrase or key file leaked.\n"
        "The old recovery key no longer works. Your new recovery key, shown once:")
    print(rotated.recovery_key)
    return 0


def _tell_step(what: str, step: int, steps: int) -> None:
    say(f"[{step}/{steps}] {what}…")


def cmd_recover(args: argparse.Namespace, folder: Path, options: JournalOptions) -> int:
    """Unlock with the recovery key and set a new passphrase."""
    key = secrets.recovery_key()
    new = secrets.new_passphrase(args.new_passphrase_file)
    Journal.recover(folder, key, new, options).close()
    say("The journal is unlocked with the recovery key and has a new passphrase. "
         "The recovery key stays the same; make a new one with new-recovery-key if it "
         "may have been seen.")
    return 0


def cmd_new_recovery_key(args: argparse.Namespace, folder: Path, options: JournalOptions) -> int:
    """Replace the recovery key."""
    with open_journal(args, folder, options) as journal:
        key = journal.new_recovery_key()
    say("The old recovery key no longer works. Your new recovery key, shown once:")
    print(key)
    return 0


def cmd_check(args: argparse.Namespace, folder: Path, options: JournalOptions) -> int:
    """Verify the journal and print a report."""
    with open_journal(args, folder, options) as journal:
        report = journal.check()
        status = None
        with contextlib.suppress(JournalError):  # a damaged journal may not tell
            status = journal.backups.status()
    last = report.last_backup.isoformat(sep=" ") if report.last_backup else "never"
    print(f"Journal:         {folder}")
    print(f"Entries:         {report.entries}")
    print(f"Database size:   {report.database_bytes / 1e6:.1f} MB")
    print(f"Schema version:  {report.schema_version}")
    print(f"SQLCipher:       {report.cipher_version}")
    print(f"Last backup:     {last}")
    if status is not None:
        print(f"Backups folder:  {status.folder.path}")
        for warning in status.warnings:
            print(f"  ! {warning}")
    if report.ok:
        print("Integrity:       ok (every page authenticated, structure and search index sound)")
        return 0
    print("Integrity:       PROBLEMS FOUND")
    for problem in report.problems:
        print(f"  - {problem}")
    print("Restore the newest backup with: reflectjournal restore FILE")
    return 1


def cmd_backup(args: argparse.Namespace, folder: Path, options: JournalOptions) -> int:
    """Write a verified backup."""
    with open_journal(args, folder, options) as journal:
        if args.folder is not None or args.journal_folder:
            where = journal.backups.choose_folder(None if args.journal_folder else args.folder)
            say(f"From now on backups are saved in {where}.")
        path = journal.backup(args.output)
    say("Backup written and verified (encrypted; it opens with the passphrase current "
         "at this moment):")
    print(path)
    return 0


def cmd_restore(args: argparse.Namespace, folder: Path, options: JournalOptions) -> int:
    """Restore a backup into this journal, or into an empty folder."""
    if not args.file.is_file():
        raise InvalidInputError(f"There is no backup file {args.file}.")
    check_backup_file(args.file)  # a file that is no backup changes nothing, not even a log
    passphrase = secrets.current_passphrase(args.passphrase_file)
    try:
        journal = Journal.open(folder, passphrase, options)
    except JournalMissingError:
        Journal.restore_new(folder, args.file, passphrase, options).close()
        say(f"Restored the backup into {folder}. It opens with the backup's passphrase.")
        return 0
    except JournalDamagedError:
        restored, aside = Journal.restore_damaged(folder, args.file, passphrase, options)
        restored.close()
        # The key file is set aside only when it was what could not be used.
        which = ("the passphrase used when the backup was made"
                 if (aside / "journal.key").exists() else "your current passphrase")
        say(f"Restored the backup into {folder}; it opens with {which}. The damaged files "
            f"are kept in {aside}.")
        return 0
    with journal:
        restored_from = journal.restore_from(args.file)
    info = restored_from.info
    kept = (f"The damaged journal's files are kept in {restored_from.kept}."
            if restored_from.damaged else
            f"The journal as it was just before is kept in {restored_from.kept}.")
    say(f"Restored the backup of {info.created_at:%Y-%m-%d %H:%M} ({info.entries} entries). "
        f"{kept}")
    return 0


