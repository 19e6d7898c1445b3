"""Commands of the supervision round trip: contact, watch-list, share, receive, comment,
confirm-session and reply (received: cli/received_commands.py)."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import shlex
from pathlib import Path

from reflectjournal.cli import output
from reflectjournal.cli.common import entry_filter, open_journal, say, write_output
from reflectjournal.cli.terminal import interactive_stdin, read_stdin_text
from reflectjournal.domain.bundle import SessionDetails
from reflectjournal.domain.entry import parse_date
from reflectjournal.domain.errors import (
    ContactError,
    EntryNotFoundError,
    InvalidInputError,
    UnresolvedFlagsError,
)
from reflectjournal.domain.flag_memory import watch_list_offer
from reflectjournal.domain.ids import EntryId
from reflectjournal.domain.share_selection import (
    LocatedFlag,
    offered_parts,
    shared_entry_text,
)
from reflectjournal.domain.taxonomy import Catalog
from reflectjournal.domain.wording import count_words
from reflectjournal.services.files import read_chosen_file
from reflectjournal.services.journal import Journal, JournalOptions
from reflectjournal.services.sharing import (
    PassphraseNeededError,
    ShareDraft,
    new_bundle_passphrase,
)

# The name of an environment variable, not a secret: scripts give a bundle's words here.
ENV_BUNDLE_PASSPHRASE = "REFLECTJOURNAL_BUNDLE_PASSPHRASE"  # noqa: S105
_SAY_IN_PERSON = ("Tell these words to the recipient in person or by phone. Never send them "
                  "by email or message, and never with the file.")


def cmd_contact(args: argparse.Namespace, folder: Path, options: JournalOptions) -> int:
    """Run a `contact` subcommand."""
    with open_journal(args, folder, options) as journal:
        sharing = journal.sharing
        if args.action == "card":
            name = args.name
            if name is None and not sharing.my_name():
                if not interactive_stdin():
                    raise ContactError("Your card needs your name first.",
                                       "Give it once with --name; it is kept.")
                name = input("Your name as your supervisor or supervisee knows you: ")
            card = sharing.my_card(name, args.role)
            write_output(args.output, sharing.card_bytes())
            say(f"Card of {card.name}{f' ({card.role})' if card.role else ''}, key "
                 f"{card.fingerprint}. It holds public keys only: send it any way you like, "
                 "then compare the pairing code by voice.")
        elif args.action == "add":
            contact, code = sharing.add_contact(_read(args.file))
            state = "verified" if contact.verified else "not verified yet"
            print(f"Added {contact.name}{f' ({contact.card.role})' if contact.card.role else ''}"
                  f", {state}.")
            print(f"Pairing code: {code}")
            say("Read this code to them and listen to theirs; if both are the same, run: "
                 f'reflectjournal contact verify "{contact.name}" --code "<the code they read>"')
        elif args.action == "verify":
            contact = sharing.verify_contact(args.name, args.code)
            print(f"{contact.name} is verified.")
        elif args.action == "remove":
            contact = sharing.remove_contact(args.name)
            print(f"Removed {contact.name}; what they sent stays in your journal.")
        else:
            _list_contacts(journal, args.format)
    return 0


def _list_contacts(journal: Journal, fmt: str) -> None:
    contacts = journal.sharing.contacts()
    if fmt == "json":
        print(output.dump_json([
            {"name": c.name, "role": c.card.role, "verified": c.verified,
             "fingerprint": c.card.fingerprint, "added_at": c.added_at.isoformat(),
             "pairing_code": journal.sharing.pairing_code(c)}
            for c in contacts
        ]))
        return
    for c in contacts:
        state = "verified" if c.verified else "NOT VERIFIED"
        role = f" ({c.card.role})" if c.card.role else ""
        print(f"{c.name}{role}  {state}  key {c.card.fingerprint}")
    if not contacts:
        say("No contacts yet. Import one with: reflectjournal contact add CARD_FILE")


def _read(path: Path) -> bytes:
    return read_chosen_file(path, 1024 * 1024, "contact card")


def cmd_watch_list(args: argparse.Namespace, folder: Path, options: JournalOptions) -> int:
    """Show or change the watch-list of names and places the check always flags."""
    with open_journal(args, folder, options) as journal:
        terms = journal.sharing.watch_list()
        if args.add or args.remove:
            removed = {t.casefold() for t in args.remove}
            missing = [t for t in args.remove if t.casefold() not in {x.casefold() for x in terms}]
            if missing:
                raise InvalidInputError(f"'{missing[0]}' is not on the watch-list.")
            terms = journal.sharing.set_watch_list(
                [t for t in terms if t.casefold() not in removed] + args.add)
            held = count_words(len(terms), "name or place", "names and places")
            say(f"The watch-list has {held}.")
            return 0
    for term in terms:
        print(term)
    if not terms:
        say("The watch-list is empty. Add the names and places of your families with "
             "--add NAME: the check before sharing always flags them.")
    return 0


def cmd_share(args: argparse.Namespace, folder: Path, options: JournalOptions) -> int:
    """Write an entries bundle for a supervisor, refusing while a flag is unresolved."""

    if (args.to is None) == (not args.passphrase):
        raise InvalidInputError("Give --to NAME (a verified contact) or --passphrase.")
    if args.output is None and not args.dry_run:
        raise InvalidInputError("Give the bundle file with -o FILE, e.g. "
                                f"-o supervision-{dt.date.today():%Y-%m}.rjb.")
    with open_journal(args, folder, options) as journal:
        if args.id:
            ids = [journal.get_entry(i).id for i in args.id]
        else:
            where = entry_filter(args, journal)
            rows = (journal.search(args.query, where) if args.query.strip()
                    else journal.list_entries(where))
            ids = [r.id for r in rows]
            if not ids:
                raise EntryNotFoundError("No entries match; nothing was shared.")
            if where.is_empty and not args.query.strip():
                raise InvalidInputError(
                    "Choose what to share: --id ID (repeatable), a search with --query, or "
                    "filters such as --kind or --from.")
        draft = journal.sharing.prepare(
            ids, parts=_parts(journal.catalog, args.include, args.exclude),
            exact_dates=args.exact_dates, message=args.message or "")
        known = {f.id for f in draft.flags}
        unknown = [f for f in args.allow_flag if f not in known]
        if unknown:
            raise InvalidInputError(f"No flag has the id {unknown[0]}; run without "
                                    "--allow-flag to list them.")
        allow = set(args.allow_flag)
        redact = {f.id for f in draft.flags if f.id not in allow} if args.redact_flags else set()
        if args.dry_run:
            _preview(draft, redact, args.to)
            _list_flags(journal, draft, draft.unresolved(redact, allow))
            return 0
        words = new_bundle_passphrase() if args.passphrase else None
        try:
            written = journal.sharing.write_share(
                draft, args.output, to=args.to, passphrase=words, redact=redact, allow=allow,
                remember=args.remember_allowed)
        except UnresolvedFlagsError as exc:
            _list_flags(journal, draft, [f for f in exc.flags if isinstance(f, LocatedFlag)])
            raise
        offer = watch_list_offer(draft.flags, redact, journal.sharing.watch_list())
    say(f"Wrote {count_words(written.entries, 'entry', 'entries')} to {written.path} "
         f"({len(redact)} redacted, {len(allow)} allowed).")
    if args.remember_allowed and allow:
        say("The allowed texts are on the allow-list now: the check will not flag them again "
            "in this journal (see: reflectjournal allow-list).")
    if offer:
        # An offer, never a silent change: the user runs the command if the names fit.
        adds = " ".join(f"--add {shlex.quote(t)}" for t in offer)
        say(f"You redacted {count_words(len(offer), 'name', 'names')} not on your watch-list: "
            f"{', '.join(offer)}. "
            f"To have the check always flag them: reflectjournal watch-list {adds}")
    if words:
        print(words)
        say(_SAY_IN_PERSON)
    return 0


def _parts(catalog: Catalog, include: list[str], exclude: list[str]) -> dict[str, set[str]]:
    parts: dict[str, set[str]] = {}
    offered_anywhere = set()
    for kind in catalog.kinds:
        offered = offered_parts(kind)
        offered_anywhere |= {p.id for p in offered}
        chosen = {p.id for p in offered if p.default}
        chosen |= {p for p in include if p in {o.id for o in offered}}
        parts[kind.id] = chosen - set(exclude)
    for name in [*include, *exclude]:
        if name not in offered_anywhere:
            raise InvalidInputError(
                f"'{name}' is not a part that can be shared.",
                "Parts: " + ", ".join(sorted(offered_anywhere)) + ".")
    return parts


def _list_flags(journal: Journal, draft: ShareDraft, flags: list[LocatedFlag]) -> None:
    titles = {e.id: e.title or "(no title)" for e in draft.entries}
    for f in flags:
        where = "message" if f.entry_id is None else f"{f.entry_id[:8]} {titles[f.entry_id]}"
        print(f"{f.id}  {f.flag.kind.value:<15} \"{f.flag.text}\"  in {where} ({f.location})"
              f"  - {f.flag.why}")
    if flags:
        say(f"{count_words(len(flags), 'possible identifier', 'possible identifiers')} "
            "unresolved. This check helps you spot "
             "identifiers; it cannot promise to find them all. Resolve each: --redact-flags "
             "replaces them with placeholders; --allow-flag ID keeps one that is not an "
             "identifier.")


def _preview(draft: ShareDraft, redact: set[str], to: str | None) -> None:
    entries, message = draft.resolved(redact)
    who = to or "the person you tell the bundle's words"
    print(f"Would share {count_words(len(entries), 'entry', 'entries')} with {who}, as "
          "below; nothing was written (--dry-run).\n")
    for entry in entries:
        print(shared_entry_text(entry))
        print("\n" + "-" * 40)
    if message:
        print(f"Message: {message}")


def cmd_receive(args: argparse.Namespace, folder: Path, options: JournalOptions) -> int:
    """Open a bundle (entries or comments) and file it."""
    with open_journal(args, folder, options) as journal:
        try:
            result = journal.sharing.receive_file(args.file, os.environ.get(
                ENV_BUNDLE_PASSPHRASE) or None)
        except PassphraseNeededError:
            if not interactive_stdin():
                raise
            words = getpass.getpass("The bundle's words (as the sender told you): ")
            result = journal.sharing.receive_file(args.file, words)
    why = result.not_verified_because or "passphrase"
    who = f"{result.sender} ({'verified' if result.verified else f'NOT verified: {why}'})"
    if result.already_filed:
        print(f"This bundle from {who} was opened before; nothing changed.")
    elif result.kind == "entries":
        print(f"Filed {count_words(result.entries, 'shared entry', 'shared entries')} from "
              f"{who}, read-only. List them with: reflectjournal received")
    else:
        attached = count_words(result.attached, "confirmation", "confirmations")
        attached = f"; {attached} attached to sessions you had logged" if result.attached else ""
        attested = count_words(result.attestations, "period attestation", "period attestations")
        attested = f"; {attested} kept as evidence" if result.attestations else ""
        # What came, as the app says it: no "and 0 confirmed supervision sessions".
        parts = [count_words(result.comments, "comment", "comments")] if result.comments else []
        if result.sessions:
            parts.append(count_words(result.sessions, "confirmed supervision session",
                                     "confirmed supervision sessions"))
        what = " and ".join(parts) or "no comments or confirmed sessions"
        print(f"Filed {what} from {who}{attached}{attested}.")
        for warning in result.warnings:
            say(warning)
        if result.unverified:
            say(f"{count_words(result.unverified, 'session', 'sessions')} kept as unverified "
                "claims: they count for nothing and made no entries. Review them with: "
                "reflectjournal claims")
        if result.held:
            say(f"{count_words(result.held, 'session', 'sessions')} held for your decision, as "
                "they look implausible; nothing counted. See why with: reflectjournal claims")
    return 0


def _target(journal: Journal, ident: str) -> tuple[str, EntryId | None]:
    """Return (bundle id, entry id or None) for a received entry or bundle id prefix."""
    sharing = journal.sharing
    bundles = [b for b in sharing.received_bundles()
               if b.bundle_id.startswith(ident.strip().lower())]
    if len(ident.strip()) >= 4 and len(bundles) == 1:
        return bundles[0].bundle_id, None
    got = sharing.find_received(ident)
    return got.bundle_id, got.entry.id


def cmd_comment(args: argparse.Namespace, folder: Path, options: JournalOptions) -> int:
    """Comment on a received entry (or, given a bundle id, on the whole bundle)."""
    with open_journal(args, folder, options) as journal:
        bundle_id, entry_id = _target(journal, args.id)
        text = read_stdin_text() if args.text == "-" else args.text
        journal.sharing.add_comment(bundle_id, entry_id, text, question=args.question)
        sender = next(b.sender for b in journal.sharing.received_bundles()
                      if b.bundle_id == bundle_id)
        contact = next((c for c in journal.sharing.contacts()
                        if c.card.signing_key == sender.signing_key), None)
    what = "Question" if args.question else "Comment"
    if contact is None:
        # Kept, not refused: the reply goes by key, so it can still go once the card is back.
        say(f"{what} kept. {sender.name} is no longer one of your contacts, so no reply can "
            "go to them until you add their card again (reflectjournal contact add FILE).")
    else:
        say(f"{what} kept; it goes with your next reply to {contact.name} (reflectjournal "
            f"reply --to {shlex.quote(contact.name)}).")
    return 0


def cmd_confirm_session(args: argparse.Namespace, folder: Path, options: JournalOptions) -> int:
    """Confirm a supervision session with the person who shared an entry or bundle."""
    try:
        date = parse_date(args.date) if args.date else dt.date.today()
    except ValueError as exc:
        raise InvalidInputError(str(exc)) from None
    group = len(args.id) > 1
    if group and args.format == "individual":
        raise InvalidInputError("A session with several supervisees is a group session; "
                                "leave out --format individual.")
    with open_journal(args, folder, options) as journal:
        bundle_ids = [_target(journal, ident)[0] for ident in args.id]
        details = SessionDetails(
            mode=args.mode, focus=args.focus, declaration=args.declaration,
            about_own_rsc=None if args.about_own_rsc is None else args.about_own_rsc == "yes")
        if group:
            made = journal.sharing.confirm_group_session(bundle_ids, date, args.minutes,
                                                         details)
        else:
            made = [journal.sharing.confirm_session(bundle_ids[0], date, args.minutes,
                                                    args.format or "individual", details)]
    for session in made:
        print(f"Confirmed a {session.format} session of {session.minutes} min on "
              f"{session.date} with {session.other_name}, signed; it goes with your next "
              "reply to them.")
    if group:
        say("Each statement is signed apart and names only its own supervisee.")
    return 0


def cmd_attest_period(args: argparse.Namespace, folder: Path, options: JournalOptions) -> int:
    """Sign a period attestation for a supervisee (it goes with the next reply)."""
    with open_journal(args, folder, options) as journal:
        bundle_id, _ = _target(journal, args.id)
        made = journal.sharing.attest_period(
            bundle_id, dt.date.fromisoformat(args.date_from),
            dt.date.fromisoformat(args.date_to), args.declaration or "")
        me = journal.sharing.my_name()
    print(made.words(me))
    say("Signed; it goes with your next reply to them.")
    return 0


def cmd_attestations(args: argparse.Namespace, folder: Path, options: JournalOptions) -> int:
    """List period attestations received (as supervisee) and given (as supervisor)."""
    with open_journal(args, folder, options) as journal:
        me = journal.sharing.my_name()
        found = journal.sharing.attestations("received") + journal.sharing.attestations("given")
    if args.format == "json":
        print(output.dump_json([{
            "side": a.side, "other_name": a.other_name, "other_key": a.other_fingerprint,
            "verified": a.verified, "from": a.attestation.date_from.isoformat(),
            "to": a.attestation.date_to.isoformat(), "sessions": a.attestation.sessions,
            "minutes": a.attestation.minutes, "format": a.attestation.format,
            "declaration": a.attestation.declaration, "words": a.words(me)} for a in found]))
        return 0
    for a in found:
        check = "verified signature" if a.verified else "signature NOT verified"
        print(f"{a.side:<8}  {a.words(me)}  [{check}; key {a.other_fingerprint}]")
    if not found:
        say("No period attestations yet. A supervisor signs one with: reflectjournal "
            "attest-period ID --from D --to D")
    return 0


def cmd_reply(args: argparse.Namespace, folder: Path, options: JournalOptions) -> int:
    """Write a signed comments bundle for a supervisee."""
    with open_journal(args, folder, options) as journal:
        words = new_bundle_passphrase() if args.passphrase else None
        write = journal.sharing.write_reply_again if args.again else journal.sharing.write_reply
        written = write(args.output, to=args.to, passphrase=words)
    say(f"Wrote {count_words(written.comments, 'comment', 'comments')} and "
        f"{count_words(written.sessions, 'confirmed session', 'confirmed sessions')} to "
        f"{written.path}.")
    if args.again:
        say("The same reply as before, under the same id: if the first copy did arrive, "
            "opening this one changes nothing.")
    if words:
        print(words)
        say(_SAY_IN_PERSON)
    return 0

